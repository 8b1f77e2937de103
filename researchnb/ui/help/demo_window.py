"""Help › Open the Demo Notebook, and the offer of it on a first run.

The demo is a notebook of its own (demo.py): opening it makes it the first time (on the
writer thread, with progress and Cancel) and then switches the window to it the way File ›
Open Notebook… does (ui/notebooks/switcher.py); the historian's notebook is never touched and
comes back through File › Open Recent. Asking again in the demo's window says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from ...progress import Cancelled
from ..notebooks.switcher import open_notebook
from ..ops import Op, show_error
from .demo import demo_exists, demo_notebook_path, make_demo_notebook

if TYPE_CHECKING:
    from ..main_window import MainWindow


class DemoOpener(QObject):
    """Opens the demo notebook for a main window; one per window (`demo_opener`)."""

    def __init__(self, window: MainWindow, path: Path | None = None) -> None:
        super().__init__(window)
        self.setObjectName("demoOpener")
        self.window = window
        self.path = path

    def demo_path(self) -> Path:
        return self.path or demo_notebook_path()

    def offer(self) -> QMessageBox:
        """Ask whether to open the demo notebook (a first run on an empty notebook)."""
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Demo notebook"),
            self.tr("Open the demo notebook? It holds the 1922–1925 papers of a fictional "
                    "factory party cell, with excerpts, tags, notes and citations, so every "
                    "part of researchnb has something to show. It is a notebook of its own: "
                    "yours stays as it is, and File › Open Recent brings it back."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self.window)
        box.setObjectName("demoOffer")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.open)
        box.open()
        return box

    def open(self) -> None:
        """Show the demo notebook, making it first if it does not exist yet."""
        path = self.demo_path()
        if self.window.nb.path.resolve() == path.resolve():
            self.window.statusBar().showMessage(self.tr("This is the demo notebook."), 5000)
            return
        if demo_exists(path):
            self._show(path)
            return
        Op(self.window, lambda _nb, progress: make_demo_notebook(path, progress)) \
            .progress(self.tr("Making the demo notebook")) \
            .success(lambda _made: self._show(path)) \
            .failure(self._failed).run()

    def _failed(self, error: BaseException) -> None:
        if not isinstance(error, Cancelled):
            show_error(self.window, error)

    def _show(self, path: Path) -> None:
        if self.window.closed:
            return
        window = open_notebook(self.window, path)
        if window is None:             # it could not be opened: a message said why
            return
        window.statusBar().showMessage(self.tr("The demo notebook: try anything here, your "
                                               "own notebook is not touched."), 8000)
        window.sidebar.expand_library()
        first = next(iter(window.nb.documents.all()), None)
        if first is not None and window.viewer.doc is None:
            window.nav.open_document(first.key)


def demo_opener(window: QWidget) -> DemoOpener:
    """The window's DemoOpener (made on first use)."""
    found = window.findChild(DemoOpener, "demoOpener")
    if isinstance(found, DemoOpener):
        return found
    from ..main_window import MainWindow

    assert isinstance(window, MainWindow)
    return DemoOpener(window)
