"""The words inside a region marked on a scanned page, read by tesseract off the GUI thread.

A region excerpt on a page whose text came from OCR starts with the words inside the region:
the marked part of the page image is cut out and recognised on its own (a second or less),
so the excerpt dialog can offer them for the historian to correct.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QPlainTextEdit, QWidget

from ...domain import Document, Page, UserError
from ...importers.ocr import Tesseract
from .pdf_text import PdfPageText

log = logging.getLogger(__name__)

Box = tuple[float, float, float, float]
# A small region is enlarged to about this many pixels high before tesseract reads it.
_MIN_HEIGHT = 120


def crop(image: QImage, region: Box) -> QImage:
    """The part of `image` inside `region` (fractions of the unrotated page)."""
    x, y, w, h = region
    rect = QRect(int(x * image.width()), int(y * image.height()),
                 max(1, int(w * image.width())), max(1, int(h * image.height())))
    part = image.copy(rect)
    if part.height() < _MIN_HEIGHT:
        part = part.scaledToHeight(_MIN_HEIGHT * 2)
    return part


class _Signals(QObject):
    done = Signal(int, str)


class _Job(QRunnable):
    def __init__(self, ticket: int, image: QImage, lang: str, signals: _Signals) -> None:
        super().__init__()
        self.ticket, self.image, self.lang, self.signals = ticket, image, lang, signals

    def run(self) -> None:
        text = ""
        try:
            engine = Tesseract(self.lang)
            with tempfile.TemporaryDirectory(prefix="researchnb-region-") as tmp:
                path = Path(tmp) / "region.png"
                if self.image.save(str(path)):       # PNG, by the name
                    text = engine.recognise_file(path, "the marked region").text.strip()
        except UserError as exc:          # no tesseract, or not this language: no prefill
            log.info("region OCR skipped: %s", exc)
        except Exception:                 # a bug: to the log, the dialog just starts empty
            log.exception("region OCR failed")
        self.signals.done.emit(self.ticket, text)


class RegionReader(QObject):
    """`read(image, region, lang)` starts; `text_read(str)` brings the words (maybe "").
    Only the latest region's words arrive: marking a new region drops the older reading."""

    text_read = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._signals.done.connect(self._done)
        self._ticket = 0
        self.busy = False
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def read(self, image: QImage, region: Box, lang: str) -> None:
        self._ticket += 1
        self.busy = True
        self.pool.start(_Job(self._ticket, crop(image, region), lang, self._signals))

    def cancel(self) -> None:
        self._ticket += 1
        self.busy = False

    def _done(self, ticket: int, text: str) -> None:
        if ticket != self._ticket:
            return
        self.busy = False
        self.text_read.emit(text)


class RegionWords(QObject):
    """The words inside the region marked on the current page (`text`, "" until found):
    from the PDF's text layer at once, or read by OCR off the GUI thread when the page's
    text came by OCR (a scan has no text layer to take them from)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = parent
        self.text = ""
        self.region: Box | None = None
        self.reader = RegionReader(self)
        self.reader.text_read.connect(self._read)

    def clear(self) -> None:
        self.text = ""
        self.reader.cancel()

    def find(self, region: Box, doc: Document, page: Page, pdf_text: PdfPageText | None,
             image: QImage | None) -> None:
        self.clear()
        self.region = region
        if pdf_text is not None and page.text_origin == "extracted":
            self.text = pdf_text.text_in(region)
        elif page.text_origin == "ocr" and image is not None and not image.isNull():
            self.reader.read(image, region, str(doc.import_report.get("ocr_languages")
                                                or "rus+eng"))

    def _read(self, text: str) -> None:
        """Keep the words; an excerpt dialog already open for this region gets them too,
        unless the historian has begun typing there."""
        self.text = text
        for dialog in self.host.window().findChildren(QDialog, "excerptDialog"):
            box = getattr(dialog, "transcription", None)
            sel = getattr(dialog, "selection", None)
            if (isinstance(box, QPlainTextEdit) and not box.toPlainText().strip()
                    and getattr(sel, "region", None) == self.region):
                box.setPlainText(text)
