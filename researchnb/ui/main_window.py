"""The main window: sidebar, document viewer and inspector (filled by the UI issues)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from ..notebook import Notebook


class MainWindow(QMainWindow):
    def __init__(self, notebook: Notebook) -> None:
        super().__init__()
        self.notebook = notebook
        self.setWindowTitle(f"researchnb — {notebook.path.name}")
        info = notebook.info()
        self.setCentralWidget(QLabel(
            f"{info['sources']} sources, {info['documents']} documents, "
            f"{info['excerpts']} excerpts, {info['notes']} notes"))
        self.resize(1200, 800)
