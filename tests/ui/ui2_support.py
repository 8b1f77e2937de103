"""Helpers for the part-2 UI tests: a host window with the background runner, seeded data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from researchnb.notebook import Notebook
from researchnb.ui.ops import Runner

# The offscreen platform cannot raise windows or grab the keyboard for a completer popup;
# these warnings are about the test platform, not about us.
OFFSCREEN_NOISE = [r".*does not support raise\(\).*", r".*does not support grabbing.*",
                   r".*propagateSizeHints.*", r".*QFont::setPointSizeF.*"]


class Host(QWidget):
    """Stands in for the main window: owns the runner that `Op` finds by walking up."""

    def __init__(self, writable: Notebook) -> None:
        super().__init__()
        self.runner = Runner(writable, self)
        QVBoxLayout(self)

    def hold(self, widget: QWidget) -> QWidget:
        self.layout().addWidget(widget)
        return widget


@dataclass
class Seeded:
    source: str
    citekey: str
    document: str
    excerpt: str
    quote: str


def seed_tolstoy(nb: Notebook, corpus: Any) -> Seeded:
    """Import Tolstoy's letters to Gandhi and mark one tagged excerpt on page 2."""
    path: Path = corpus("text/tolstoy-letters-to-gandhi.ru.txt")
    result = nb.documents.import_files([path]).value
    doc = result.imported[0].document
    src = nb.documents.all()[0].source_key
    nb.sources.edit(src, {"title": "Letters to Gandhi", "citekey": "tolstoyLettersGandhi1910",
                         "kind": "letter"})
    quote = "Получил ваш журнал Indian Opinion"
    ex = nb.excerpts.add(doc, 2, quote=quote, tags=["theme/nonresistance", "people/gandhi"]).value
    return Seeded(src, "tolstoyLettersGandhi1910", doc, ex.key, quote)


def type_text(widget: QWidget, text: str) -> None:
    """Type text key by key, Cyrillic included (QTest.keyClicks only knows ASCII keys)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    for ch in text:
        code = ord(ch.upper()) if ch.isascii() and ch.isprintable() else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier,
                                                     ch))
