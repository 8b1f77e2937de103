"""Helpers for the UI tests: a main window on a fresh notebook, waiting for work; a host
widget with the background runner for one feature alone; typing; seeded data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QVBoxLayout, QWidget

from researchnb.notebook import Notebook
from researchnb.ui.main_window import MainWindow
from researchnb.ui.ops import Runner


def open_window(qtbot, nb: Notebook, tmp_path: Path, name: str = "settings.ini") -> MainWindow:
    """A shown main window with its own settings file (tests never touch real settings)."""
    settings = QSettings(str(tmp_path / name), QSettings.Format.IniFormat)
    window = MainWindow(nb, settings=settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    activate(qtbot, window)      # so window shortcuts (Ctrl+E) reach it
    return window


def settle(qtbot, window: MainWindow, timeout: int = 60000) -> None:
    """Wait until the background runner has delivered every queued operation, the imported
    document is open and its page is rendered."""
    qtbot.waitUntil(lambda: not window.runner.busy and window.importer.opening is None
                    and not window.viewer.rendering, timeout=timeout)


def import_through_ui(qtbot, window: MainWindow, paths: list[Path], **answers) -> None:
    """Drop files on the window's import, answer the dialog, wait for the work to finish."""
    dialog = window.importer.ask(paths)
    assert dialog is not None
    if answers.get("new_source"):
        dialog.one_new.setChecked(True)
        dialog.new_title.setText(answers["new_source"])
    if "photos_one" in answers:
        dialog.photos_one.setChecked(answers["photos_one"])
    dialog.ok.click()
    settle(qtbot, window)
    activate(qtbot, window)


def activate(qtbot, window: MainWindow) -> None:
    """Make the window active again (a closed dialog leaves no active window offscreen)."""
    with qtbot.waitActive(window):
        window.activateWindow()


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


def seed_letters(nb: Notebook, fixture_file: Any) -> Seeded:
    """Import the teacher's letters to her brother (tests/fixtures: three pages) and mark one
    tagged excerpt on page 2."""
    path: Path = fixture_file("letters.ru.txt")
    result = nb.documents.import_files([path]).value
    doc = result.imported[0].document
    src = nb.documents.all()[0].source_key
    nb.sources.edit(src, {"title": "Letters to her brother", "citekey": "somovaLetters1922",
                         "kind": "letter"})
    quote = "показывал английский журнал Red Dawn"
    ex = nb.excerpts.add(doc, 2, quote=quote, tags=["theme/famine", "people/instructor"]).value
    return Seeded(src, "somovaLetters1922", doc, ex.key, quote)


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
