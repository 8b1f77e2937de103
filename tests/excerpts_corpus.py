"""Documents made from the real corpus files, for the excerpt tests (unit and e2e).

The Tolstoy letters are one plain-text file; they are split into three pages here (the first
letter; the first paragraphs of the second; the rest) so passages and page ranges can be
tested. The PDF's page texts come from pypdfium2 (as the importer stores them), the image's
page size from Pillow.
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


def tolstoy_pages(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return ["\n".join(lines[0:16]), "\n".join(lines[16:20]), "\n".join(lines[20:])]


def add_document(nb: Notebook, filename: str, media_type: str, pages: list[Page],
                 source_key: str | None = None) -> str:
    with nb.write() as conn:
        sid = store_sources.source_id(conn, source_key) if source_key else None
        return store_documents.insert(conn, Document(filename=filename, media_type=media_type,
                                                     pages=pages), sid)


def tolstoy_document(nb: Notebook, path: Path, source_key: str | None = None) -> str:
    pages = [Page(number=i, text=t, text_origin="extracted")
             for i, t in enumerate(tolstoy_pages(path), 1)]
    return add_document(nb, path.name, "text/plain", pages, source_key)


def typewriter_document(nb: Notebook, path: Path) -> str:
    from PIL import Image
    with Image.open(path) as im:
        width, height = im.size
    return add_document(nb, path.name, "image/png",
                        [Page(number=1, width=width, height=height)])


def pdf_texts(path: Path) -> list[str]:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdf_document(nb: Notebook, path: Path, labels: list[str] | None = None,
                 source_key: str | None = None) -> str:
    texts = pdf_texts(path)
    labels = labels or [str(i) for i in range(1, len(texts) + 1)]
    pages = [Page(number=i, text=t, label=labels[i - 1], text_origin="extracted",
                  width=595.276, height=841.89) for i, t in enumerate(texts, 1)]
    return add_document(nb, path.name, "application/pdf", pages, source_key)
