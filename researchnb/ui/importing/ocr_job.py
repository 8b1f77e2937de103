"""OCR of pages already in the notebook ("OCR this page / this document"), for the runner.

Composed of Notebook methods only: each page's image comes from its stored original, tesseract
reads it, and `set_page_text(origin="ocr")` saves it in its own transaction (re-anchoring the
page's excerpts), so Cancel stops between pages with every finished page kept. A page whose
text the historian typed (origin `transcribed`) is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from ...domain import Changes
from ...importers.ocr import Tesseract, render_page_for_ocr
from ...progress import Progress

if TYPE_CHECKING:
    from ...notebook import Notebook


@dataclass
class OcrOutcome:
    """The pages recognised, the pages kept (typed by the historian), and what changed."""
    done: list[int] = field(default_factory=list)
    kept: list[int] = field(default_factory=list)
    changes: Changes[None] = field(default_factory=Changes)


def _tr(text: str) -> str:
    return QCoreApplication.translate("OcrJob", text)


def ocr_pages(nb: Notebook, doc_key: str, pages: list[int] | None, progress: Progress,
              lang: str | None = None) -> OcrOutcome:
    """OCR `pages` (all pages without typed text when None), in `lang` or the notebook's
    OCR languages. Each page is rendered as an import renders it (importers/ocr.py, with
    its pixel guard); Cancel kills tesseract at once and keeps the pages finished."""
    # Refuses at once when tesseract or a language is missing.
    engine = Tesseract(lang or "+".join(nb.settings.ocr_languages))
    engine.while_waiting = progress.idle   # the writer runs note saves meanwhile
    engine.should_stop = lambda: progress.cancelled
    doc = nb.documents.get(doc_key)
    wanted = pages or [p.number for p in doc.pages]
    progress.start(len(wanted), _tr("Recognising text of {file}").format(file=doc.filename))
    out = OcrOutcome()
    for number in wanted:
        page = doc.pages[number - 1]
        if page.text_origin == "transcribed":
            out.kept.append(number)
            progress.step()
            continue
        path = nb.documents.original_path(doc.key, page.file_position)
        image = render_page_for_ocr(path, doc.media_type, number - 1, page.frame)
        result = engine.recognise_image(image, _tr("page {page}").format(page=page.label or number))
        saved = nb.pages.set_text(doc.key, number, result.text, origin="ocr",
                                  confidence=result.confidence)
        out.changes = out.changes.merged(saved)
        out.done.append(number)
        progress.step(label=_tr("Recognised {page}").format(page=page.label or number))
    return out
