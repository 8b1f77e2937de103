"""The labels a numbering gives: `12`, `12 ob.`, `13`, `13 ob.` … (folios, recto and verso
alternating), `12`, `13` … (folios without versos), `p. 45`, `p. 46` … (page numbers), or the
labels the PDF itself defines (`i`, `ii`, `1` …)."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import InvalidInput
from ..locators import folio_labels, page_labels

SCHEMES = ("folios", "pages", "pdf")
MAX_START = 100_000


@dataclass(frozen=True)
class Numbering:
    """How to number pages `first_page`–`last_page` (to the last page when None)."""

    scheme: str = "folios"     # folios | pages | pdf
    start: int = 1             # the first folio or page number
    versos: bool = True        # folios: a verso after each recto (12, 12 ob., 13 …)
    first_page: int = 1
    last_page: int | None = None

    def pages(self, page_count: int) -> range:
        """The page numbers this numbering labels, checked against the document."""
        last = page_count if self.last_page is None else self.last_page
        if page_count < 1:
            raise InvalidInput("This document has no pages to number.")
        if not 1 <= self.first_page <= last <= page_count:
            raise InvalidInput(f"Give pages from 1 to {page_count}, the first no later than "
                               f"the last (not {self.first_page}–{last}).")
        return range(self.first_page, last + 1)


def labels_for(numbering: Numbering, page_count: int,
               pdf_labels: list[str] | None = None) -> dict[int, str]:
    """Page number → label for the pages the numbering covers. `pdf_labels` are the PDF's
    own labels, one per page (needed for the `pdf` scheme only)."""
    if numbering.scheme not in SCHEMES:
        raise InvalidInput(f"'{numbering.scheme}' is not a way of numbering pages; use one "
                           f"of {', '.join(SCHEMES)}.")
    pages = numbering.pages(page_count)
    if numbering.scheme == "pdf":
        if not pdf_labels or len(pdf_labels) != page_count:
            raise InvalidInput("This document has no page labels of its own (only PDFs "
                               "can carry them); number its folios or pages instead.")
        return {n: " ".join(pdf_labels[n - 1].split()) or str(n) for n in pages}
    if not 1 <= numbering.start <= MAX_START:
        raise InvalidInput(f"Start from a number between 1 and {MAX_START:,}, not "
                           f"{numbering.start}.")
    if numbering.scheme == "folios":
        names = folio_labels(numbering.start, len(pages), verso=numbering.versos)
    else:
        names = page_labels(numbering.start, len(pages))
    return dict(zip(pages, names, strict=True))


def preview(numbering: Numbering, page_count: int, pdf_labels: list[str] | None = None,
            count: int = 4) -> list[tuple[int, str]]:
    """The first `count` (page, label) pairs the numbering gives (for a live preview)."""
    short = Numbering(numbering.scheme, numbering.start, numbering.versos,
                      numbering.first_page,
                      min(page_count if numbering.last_page is None else numbering.last_page,
                          numbering.first_page + count - 1))
    return list(labels_for(short, page_count, pdf_labels).items())
