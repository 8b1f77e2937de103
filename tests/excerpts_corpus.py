"""Documents made from the real corpus files, for the excerpt tests (unit and e2e).

They are imported the way a historian imports them (`Notebook.import_files`): the Tolstoy
letters become three pages (the first letter; the start of the second; the rest), the image
one page of 4000 × 2864 pixels, the PDF four pages labelled 1–4. For folio labels (`12 ob.`),
which no importer invents, `labelled_pdf_document` stores the PDF's page texts directly.
"""

from __future__ import annotations

from pathlib import Path

from researchnb.domain import Document, Page
from researchnb.notebook import Notebook
from researchnb.store import documents as store_documents
from researchnb.store import sources as store_sources

TOLSTOY = "text/tolstoy-letters-to-gandhi.ru.txt"
TYPEWRITER = "images/typewriter.png"
PDF4 = "pdf/pdflatex-4-pages.pdf"
# The same roles played by generated fixtures (tests/fixtures/), for tests that must run in a
# lone clone: a teacher's letters in three pages, a 1400 × 1000 photo of a typed card, a
# 4-page English report with printed page numbers, the 3-leaf minutes labelled 12, 12 ob., 13.
LETTERS = "letters.ru.txt"
TYPED = "typed.png"
REPORT = "report-1923.pdf"
PROTOKOL = "protokol-1922.pdf"


def add_document(nb: Notebook, filename: str, media_type: str, pages: list[Page],
                 source_key: str | None = None) -> str:
    with nb.write() as conn:
        sid = store_sources.source_id(conn, source_key) if source_key else None
        return store_documents.insert(conn, Document(filename=filename, media_type=media_type,
                                                     pages=pages), sid)


def imported(nb: Notebook, path: Path) -> str:
    """Import one corpus copy; returns the document key."""
    result = nb.documents.import_files([path]).value
    assert not result.failed, result.failed
    return result.imported[0].document


def tolstoy_document(nb: Notebook, path: Path) -> str:
    return imported(nb, path)


def typewriter_document(nb: Notebook, path: Path) -> str:
    return imported(nb, path)


def pdf_document(nb: Notebook, path: Path) -> str:
    return imported(nb, path)


def pdf_texts(path: Path) -> list[str]:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def labelled_pdf_document(nb: Notebook, path: Path, labels: list[str],
                          source_key: str | None = None) -> str:
    """The PDF's page texts (as pypdfium2 gives them) under folio labels of our choosing."""
    texts = pdf_texts(path)
    pages = [Page(number=i, text=t, label=labels[i - 1], text_origin="extracted",
                  width=595.276, height=841.89) for i, t in enumerate(texts, 1)]
    return add_document(nb, path.name, "application/pdf", pages, source_key)
