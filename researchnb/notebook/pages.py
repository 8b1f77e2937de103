"""Pages: their text (transcribed, corrected, read by OCR) and their folio labels.

Changing a page's text finds its excerpts again; changing its labels moves the locators that
were derived from them (locators.py). Both in one transaction each.
"""

from __future__ import annotations

from .. import anchoring
from ..domain import TEXT_ORIGINS, Changes, InvalidInput, Page
from ..foliation import Numbering, labels_for
from ..locators import derive_locator, foliated
from ..store import documents as store_documents
from ..store import excerpts as store_excerpts
from ..store import pages as store_pages
from .core import Core
from .placing import page_number, reanchor


class Pages:
    """`nb.pages`: read a page, save its text, label the folios."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def get(self, doc_key: str, number: int) -> Page:
        return store_documents.get_page(self._core.conn, doc_key.strip().upper(), number)

    def text(self, doc_key: str, number: int) -> str:
        """The stored text of page `number` (1-based) of a document."""
        return self.get(doc_key, number).text

    def set_text(self, doc_key: str, number: int, text: str, origin: str = "transcribed",
                 confidence: float | None = None) -> Changes[list[str]]:
        """Save a page's text (a transcription, an OCR correction) and re-anchor its excerpts.

        Every text excerpt on the page is found again by its quote, nearest to where it was;
        one whose words are gone is marked detached (never deleted), and one whose words
        came back is anchored again. One transaction. The value is the keys of the excerpts
        whose position or anchoring changed.
        """
        if origin not in TEXT_ORIGINS:
            raise InvalidInput(f"'{origin}' is not a text origin; use one of "
                               f"{', '.join(TEXT_ORIGINS)}.")
        if not isinstance(text, str):
            raise InvalidInput("The page text must be text.")
        changed: list[str] = []
        with self._core.write() as tx:
            conn = tx.conn
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            page = store_documents.page_row(conn, doc["key"], page_number(number))
            store_documents.set_page_text(conn, int(page["id"]), text, origin, confidence)
            hays: dict[tuple[int, int], anchoring.Haystack] = {}
            for ex in store_excerpts.text_excerpts_on_page(conn, doc["id"], page["number"]):
                if reanchor(conn, doc, ex, hays):
                    changed.append(ex["key"])
        return tx.result(changed)

    def set_labels(self, doc_key: str, labels: dict[int, str]) -> Changes[list[str]]:
        """Give pages their folio labels (`{3: "12 ob."}`); locators follow.

        An excerpt whose locator was derived from the old labels gets the one derived from
        the new labels; a locator typed by hand stays. One transaction. The value is the keys
        of the excerpts whose locator changed.
        """
        clean: dict[int, str] = {}
        for number, label in labels.items():
            text = " ".join(str(label).split())
            if not text or len(text) > 40:
                raise InvalidInput(f"'{label}' is not a page label: give the folio or page as "
                                   "it is written, such as 12, 12 ob. or xiv.")
            clean[page_number(number)] = text
        changed: list[str] = []
        with self._core.write() as tx:
            conn = tx.conn
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            for number in clean:
                store_documents.page_row(conn, doc["key"], number)
            old = store_pages.labels_of(conn, doc["id"])
            new = {**old, **clean}
            src = store_excerpts.source_kind_of_document(conn, doc["id"])
            kind = src[1] if src else None
            for number, label in clean.items():
                store_pages.set_label(conn, doc["id"], number, label)
            was, now = foliated(old), foliated(new)
            for ex in store_pages.excerpt_spans(conn, doc["id"]):
                a, b = int(ex["page_start"]), int(ex["page_end"])
                before = derive_locator(old[a], old[b], kind, was)
                after = derive_locator(new[a], new[b], kind, now)
                if ex["locator"] == before and after != before:
                    store_excerpts.update(conn, int(ex["id"]), {"locator": after})
                    changed.append(ex["key"])
        return tx.result(changed)

    def labels(self, doc_key: str) -> dict[int, str]:
        """Page number → label of every page of a document (its number when unlabelled)."""
        doc = store_documents.document_row(self._core.conn, doc_key.strip().upper())
        return store_pages.labels_of(self._core.conn, int(doc["id"]))

    def pdf_labels(self, doc_key: str, password: str | None = None) -> list[str] | None:
        """The page labels the document's PDF defines itself, one per page; None when it is
        not a PDF, defines none, or cannot be read (an encrypted one without its password)."""
        from ..importers.pdfmeta import read_structure

        document = store_documents.get(self._core.conn, doc_key.strip().upper(),
                                       with_pages=False)
        if document.media_type != "application/pdf":
            return None
        files = store_documents.files_of(self._core.conn, document.key)
        if not files:
            return None
        path = self._core.files.path_for(files[0]["sha256"])
        warnings: list[str] = []
        return read_structure(path, password, document.page_count, warnings).labels

    def number(self, doc_key: str, numbering: Numbering,
               pdf_labels: list[str] | None = None) -> Changes[list[str]]:
        """Number a document's pages (folios, pages or the PDF's own labels; foliation/):
        `set_labels` with the labels the numbering gives, in one transaction. The PDF's
        labels are read from its file unless given."""
        document = store_documents.get(self._core.conn, doc_key.strip().upper(),
                                       with_pages=False)
        if numbering.scheme == "pdf" and pdf_labels is None:
            pdf_labels = self.pdf_labels(document.key)
        return self.set_labels(document.key,
                               labels_for(numbering, document.page_count, pdf_labels))

    def problems(self) -> list[str]:
        """Excerpt offsets that no longer fit their pages, for `researchnb check`."""
        return list(store_excerpts.offset_problems(self._core.conn))

