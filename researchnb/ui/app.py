"""Starting the desktop app: QApplication, the notebook, the main window, the demo offer."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain import UserError
from ..notebook import Notebook
from . import icons
from .main_window import MainWindow


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("researchnb")
    app.setOrganizationName("researchnb")
    app.setDesktopFileName("researchnb")
    app.setWindowIcon(icons.icon("researchnb"))
    return app


def is_empty(nb: Notebook) -> bool:
    info = nb.info()
    return not any(info.get(k) for k in ("sources", "documents", "excerpts", "notes"))


def run(path: Path, *, is_default: bool = False) -> int:
    app = make_app()
    try:
        nb = Notebook.open(path, create=is_default)
    except UserError as exc:
        QMessageBox.critical(None, "researchnb", str(exc))
        return 1
    window = MainWindow(nb)
    window.show()
    if is_default and is_empty(window.nb):
        # First run on an empty default notebook: offer something to look at.
        QTimer.singleShot(300, window.offer_demo)
    return app.exec()
