"""Helpers for the part-1 UI tests: a main window on a fresh notebook, waiting for work."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from researchnb.notebook import Notebook
from researchnb.ui.main_window import MainWindow

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


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
