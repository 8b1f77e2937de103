"""OCR of pages already in the notebook ("OCR this page / this document"), for the runner.

Composed of Notebook methods only: each page's image comes from its stored original, tesseract
reads it, and `set_page_text(origin="ocr")` saves it in its own transaction (re-anchoring the
page's excerpts), so Cancel stops between pages with every finished page kept. A page whose
text the historian typed (origin `transcribed`) is never overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..importers.ocr import Tesseract
from ..progress import Progress

if TYPE_CHECKING:
    from PIL.Image import Image

    from ..notebook import Notebook

DPI = 300


def _page_image(path: Path, media_type: str, index: int, frame: int) -> Image:
    if media_type == "application/pdf" or path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium
        pdf = pdfium.PdfDocument(path)
        try:
            return pdf[index].render(scale=DPI / 72).to_pil()
        finally:
            pdf.close()
    from PIL import Image as PILImage
    img = PILImage.open(path)
    if frame:
        img.seek(frame)
    return img.convert("RGB")


def ocr_pages(nb: Notebook, doc_key: str, pages: list[int] | None, progress: Progress,
              lang: str = "rus+eng") -> dict[str, list[int]]:
    """OCR `pages` (all pages without typed text when None); returns done and kept pages."""
    engine = Tesseract(lang)          # refuses at once when tesseract or a language is missing
    doc = nb.documents.get(doc_key)
    wanted = pages or [p.number for p in doc.pages]
    progress.start(len(wanted), f"Recognising text of {doc.filename}")
    done, kept = [], []
    for number in wanted:
        page = doc.pages[number - 1]
        if page.text_origin == "transcribed":
            kept.append(number)
            progress.step()
            continue
        path = nb.documents.original_path(doc.key, page.file_position)
        image = _page_image(path, doc.media_type, number - 1, page.frame)
        result = engine.recognise_image(image, f"page {page.label or number}")
        nb.pages.set_text(doc.key, number, result.text, origin="ocr",
                         confidence=result.confidence)
        done.append(number)
        progress.step(label=f"Recognised {page.label or number}")
    return {"done": done, "kept": kept}
