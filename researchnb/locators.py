"""The one locator rule: where in a source a passage is, from the labels of its pages.

Every excerpt gets its locator here, whether it is made in the app, on the command line or
by an import, and every relabelling of pages follows it: one rule, one place.
"""

from __future__ import annotations

import re

from .domain import InvalidInput

# A label that is a folio: `12 ob.`, `12об.`, `12v`, `12r`.
FOLIO_LABEL = re.compile(r"\d\s*(ob|об|v|r)\.?\s*$", re.IGNORECASE)
# A label that says it is a page (numbered as pages, Document › Number Pages…): `p. 45`.
PAGE_LABEL = re.compile(r"^pp?\.\s*(?=\S)", re.IGNORECASE)


def foliated(labels: dict[int, str]) -> bool:
    """Whether a document's labels count leaves (some page is a verso: `12 ob.`)."""
    return any(FOLIO_LABEL.search(label) for label in labels.values())


def derive_locator(first_label: str, last_label: str, source_kind: str | None,
                   is_foliated: bool = False) -> str:
    """The locator of a passage from the labels of its first and last page.

    Archival items, and documents whose labels count leaves (`12 ob.` somewhere, which is
    `foliated`), cite leaves: `l. 12`, `l. 12 ob.–13`. Pages numbered as pages (labels
    `p. 45`) cite as pages: `p. 45`, `pp. 45–46`. Other labels of published items (a PDF's
    own, `45`, `xiv`) cite bare (`45`, `45–46`), which every citation style accepts.
    """
    first, last = first_label.strip(), last_label.strip()
    if PAGE_LABEL.match(first) or PAGE_LABEL.match(last):
        # Pages numbered as pages cite as pages whatever the source (`p. 45`, `pp. 45–46`).
        a, b = PAGE_LABEL.sub("", first), PAGE_LABEL.sub("", last)
        return f"p. {a}" if a == b else f"pp. {a}–{b}"
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


def page_labels(first: int, count: int) -> list[str]:
    """Labels for pages numbered as pages: p. 45, p. 46 … (`count` of them); they cite as
    pages even in an archival file (`p. 45`, not `l. 45`)."""
    if first < 1 or count < 0:
        raise InvalidInput("Pages are numbered from 1.")
    return [f"p. {first + i}" for i in range(count)]


def shown_locator(locator: str | None, label: str = "", page: int | None = None) -> str:
    """Where an excerpt is, as every place shows and cites it (the excerpt table, the notes
    editor's completion, note exports, a copied citation's default): its own locator, spaces
    tidied; without one, what its first page's `label` gives (`derive_locator`), else `p. N`
    from the page number."""
    text = " ".join((locator or "").split())
    if text:
        return text
    if label.strip():
        return derive_locator(label, label, None)
    return f"p. {page}" if page else ""


_ONE_FOLIO = r"\d+(?:\s*(?:ob|об|v)\b\.?)?"
_FOLIO_SPAN = _ONE_FOLIO + r"(?:\s*[–—-]+\s*" + _ONE_FOLIO + r")?"
_FOLIO_LOCATOR = re.compile(r"^(?:ll?|лл?|fols?|ff?)\.?\s*(" + _FOLIO_SPAN + r"(?:\s*,\s*"
                            + _FOLIO_SPAN + r")*)(.*)$", re.IGNORECASE)
_VERSO_MARK = re.compile(r"(\d)\s*(ob|об|v)\.?(?=$|[\s,–—-])", re.IGNORECASE)


def pandoc_locator(locator: str) -> str:
    """A folio locator in the form pandoc's citeproc keeps whole: `l. 12 ob.` ->
    `{fol. 12ob.}`, `ll. 12 ob.–13` -> `{fols. 12ob.–13}`, `f. 3v` -> `{fol. 3v}`; any
    other locator unchanged.

    Measured with pandoc 2.17 and the Chicago notes styles (17th and 18th ed.): pandoc
    reads `l.` as the label "line", splits `l. 12 ob.` into the locator `12` and a suffix
    `ob.` printed at the end of the note, and puts a line number before the archive. In
    braces with the label `fol.` the folio prints once, right after the delo (`d. 312,
    fol. 12ob.`); the verso mark is joined to its number, because a space makes pandoc
    read a list and print `fols.`. Chicago labels an archival locator `fol.` and has no
    label `l.` (it is English "line"), so `l. 12 ob.` itself cannot come out of pandoc
    with a stock Chicago style.
    """
    text = " ".join(locator.split())
    found = _FOLIO_LOCATOR.match(text)
    if not found:
        return text
    number = _VERSO_MARK.sub(lambda m: m.group(1) + ("v" if m.group(2).lower() == "v"
                                                     else "ob."), found.group(1))
    number = re.sub(r"\s*,\s*", ", ", re.sub(r"\s*[–—-]+\s*", "–", number))
    plural = "–" in number or "," in number
    return "{" + ("fols. " if plural else "fol. ") + number + "}" + found.group(2)


_CITATION_GROUP = re.compile(r"\[[^\[\]\n]*@[^\[\]\n]*\]")
_CITED_LOCATOR = re.compile(r"(@[^\s,;\]]+),\s*([^;\]]+?)(\s*)$")


def pandoc_citations(text: str) -> str:
    """Markdown with every folio locator of a Pandoc citation in `pandoc_locator` form:
    `[@key, l. 12 ob.]` -> `[@key, {fol. 12ob.}]` (pages and other locators unchanged)."""
    if "@" not in text:
        return text

    def one(cite: str) -> str:
        return _CITED_LOCATOR.sub(lambda m: f"{m.group(1)}, {pandoc_locator(m.group(2))}"
                                  f"{m.group(3)}", cite)

    def group(m: re.Match[str]) -> str:
        inner = m.group(0)[1:-1]
        return "[" + ";".join(one(part) for part in inner.split(";")) + "]"
    return _CITATION_GROUP.sub(group, text)
