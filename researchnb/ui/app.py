"""Starting the desktop app: QApplication, the notebook, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain import UserError
from ..notebook import Notebook
from .main_window import MainWindow


def run(path: Path, *, is_default: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("researchnb")
    app.setOrganizationName("researchnb")
    try:
        nb = Notebook.open(path, create=is_default)
    except UserError as exc:
        QMessageBox.critical(None, "researchnb", str(exc))
        return 1
    window = MainWindow(nb)
    window.show()
    try:
        return app.exec()
    finally:
        nb.close()
