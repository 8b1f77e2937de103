"""The page text pane under a header that says what the text is: the PDF's own text, text
read by OCR (with tesseract's confidence, low pages flagged), the historian's transcription,
or a text document's text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain import Document, Page
from .text_pane import TextPane

# Below this mean word confidence (0-100) an OCR page is flagged for reading against the image.
LOW_CONFIDENCE = 70


def document_kind(doc: Document) -> str:
    """"pdf", "image" (photos, scans) or "text" (a text document: no page image)."""
    name = doc.filename.lower()
    if doc.media_type == "application/pdf" or name.endswith(".pdf"):
        return "pdf"
    if doc.media_type.startswith("image/") or name.endswith((".png", ".jpg", ".jpeg", ".tif",
                                                            ".tiff")):
        return "image"
    return "text"


class TextSide(QWidget):
    """`origin_label` over the text pane; `describe(page, kind)` names the page's text."""

    def __init__(self, pane: TextPane, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageTextSide")
        self.origin_label = QLabel()
        self.origin_label.setObjectName("originLabel")
        self.origin_label.setTextFormat(Qt.TextFormat.PlainText)
        head = QHBoxLayout()
        head.setContentsMargins(6, 3, 6, 3)
        head.addWidget(self.origin_label, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(head)
        lay.addWidget(pane)

    def describe(self, page: Page, kind: str) -> None:
        names = {"extracted": self.tr("PDF text") if kind == "pdf"
                 else self.tr("Text document") if kind == "text"
                 else self.tr("Text from the file"),
                 "ocr": self.tr("OCR text"), "transcribed": self.tr("Your transcription"),
                 "none": self.tr("No text yet")}
        text = names.get(page.text_origin, page.text_origin)
        tip = ""
        if page.text_origin == "ocr" and page.ocr_confidence is not None:
            text += " · " + self.tr("OCR confidence %1%").replace(
                "%1", f"{page.ocr_confidence:.0f}")
            if page.ocr_confidence < LOW_CONFIDENCE:
                text = "⚠ " + text
                tip = self.tr("Tesseract was unsure of many words on this page: read the text "
                              "against the image and correct it here.")
        self.origin_label.setText(text)
        self.origin_label.setToolTip(tip)
