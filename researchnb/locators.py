"""The one locator rule: where in a source a passage is, from the labels of its pages.

Every excerpt gets its locator here, whether it is made in the app, on the command line or
by an import, and every relabelling of pages follows it: one rule, one place.
"""

from __future__ import annotations

import re

from .domain import InvalidInput

# A label that is a folio: `12 ob.`, `12об.`, `12v`, `12r`.
FOLIO_LABEL = re.compile(r"\d\s*(ob|об|v|r)\.?\s*$", re.IGNORECASE)


def foliated(labels: dict[int, str]) -> bool:
    """Whether a document's labels count leaves (some page is a verso: `12 ob.`)."""
    return any(FOLIO_LABEL.search(label) for label in labels.values())


def derive_locator(first_label: str, last_label: str, source_kind: str | None,
                   is_foliated: bool = False) -> str:
    """The locator of a passage from the labels of its first and last page.

    Archival items, and documents whose labels count leaves (`12 ob.` somewhere, which is
    `foliated`), cite leaves: `l. 12`, `l. 12 ob.–13`. Published items cite bare page
    numbers (`45`, `45–46`), which every citation style accepts.
    """
    first, last = first_label.strip(), last_label.strip()
    span = first if first == last else f"{first}–{last}"
    folio = source_kind == "archival" or is_foliated or any(
        FOLIO_LABEL.search(x) for x in (first, last))
    if folio and first[:1].isdigit():
        return f"l. {span}"
    return span


def locator_for(labels: dict[int, str], first: int, last: int,
                source_kind: str | None) -> str:
    """The locator of pages `first`–`last` of a document whose labels are `labels`
    (page number → label; a page without a label is its number)."""
    def label(n: int) -> str:
        return labels.get(n) or str(n)
    return derive_locator(label(first), label(last), source_kind, foliated(labels))


def folio_labels(first: int, count: int, *, verso: bool = True) -> list[str]:
    """Labels for photographed leaves: 12, 12 ob., 13, 13 ob. … (or 12, 13, 14 … without
    versos), `count` of them."""
    if first < 1 or count < 0:
        raise InvalidInput("Folios are numbered from 1.")
    if not verso:
        return [str(first + i) for i in range(count)]
    return [f"{first + i // 2}" + (" ob." if i % 2 else "") for i in range(count)]
