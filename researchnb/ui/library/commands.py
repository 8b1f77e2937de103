"""What the historian does to the library from the window: a new source, moving a document
to another source, deleting a source (to the trash, undoable), the library's context menu."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMainWindow, QMenu

from ...domain import Changes, Source
from ...notebook import Notebook
from ..ops import Op
from ..undo import UndoController
from ..viewer.viewer import DocumentViewer
from .sidebar import Sidebar
from .source_form import SourceForm


class LibraryCommands(QObject):
    """`go_to_source(key)` and `open_document(key)` are the window's navigation."""

    def __init__(self, window: QMainWindow, nb: Notebook, undo: UndoController,
                 sidebar: Sidebar, viewer: DocumentViewer, source_form: SourceForm,
                 go_to_source: Callable[[str], None],
                 open_document: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.nb = nb
        self.undo = undo
        self.sidebar = sidebar
        self.viewer = viewer
        self.source_form = source_form
        self.go_to_source = go_to_source
        self.open_document = open_document
        self.menu_actions: list[QAction] = []      # set by the window once its actions exist

    def _status(self, text: str, ms: int = 4000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def new_source(self) -> None:
        dialog = QInputDialog(self.window)
        dialog.setObjectName("newSourceDialog")
        dialog.setWindowTitle(self.tr("New source"))
        dialog.setLabelText(self.tr("Title of the book, article or archival file:"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self._create_source)
        dialog.open()

    def _create_source(self, title: str) -> None:
        if not title.strip():
            return

        def done(made: Changes[Source]) -> None:
            self.go_to_source(made.value.key)
            self.source_form.fields["title"].setFocus()

        Op(self.window, lambda nb: nb.sources.add(Source(kind="book", title=title.strip()))) \
            .success(done).run()

    def selected_source(self) -> Source | None:
        """The source selected in the library, else the one shown in the form."""
        node = self.sidebar.library.node(self.sidebar.library_view.currentIndex())
        if node.kind == "source" and node.key:
            try:
                return self.nb.sources.get(node.key)
            except Exception:  # noqa: BLE001 - gone meanwhile: fall back to the form's
                pass
        return self.source_form.source

    def delete_source(self) -> None:
        """Send the selected source to the trash (View › Trash brings it back; so does Ctrl+Z)."""
        src = self.selected_source()
        if src is None:
            self._status(self.tr("Select a source in the library first."))
            return
        self.undo.delete("source", src.key, src.title)
        self._status(self.tr("“%1” moved to the trash.").replace("%1", src.title), 6000)

    def move_document(self) -> None:
        doc = self.viewer.doc
        if doc is None:
            self._status(self.tr("Open the document to move first."))
            return
        sources = sorted(self.nb.sources.all(), key=lambda s: s.title.casefold())
        titles = [self.tr("(no source)")] + [f"{s.title}  [{s.key}]" for s in sources]
        dialog = QInputDialog(self.window)
        dialog.setObjectName("moveDialog")
        dialog.setWindowTitle(self.tr("Move document"))
        dialog.setLabelText(self.tr("Put %1 under:").replace("%1", doc.filename))
        dialog.setComboBoxItems(titles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(text: str) -> None:
            target = None if text == titles[0] else sources[titles.index(text) - 1].key
            key = doc.key
            Op(self.window, lambda nb: nb.documents.move(key, target)) \
                .success(lambda _r: self.open_document(key)).run()

        dialog.textValueSelected.connect(chosen)
        dialog.open()

    def library_menu(self, pos: QPoint) -> None:
        view = self.sidebar.library_view
        idx = view.indexAt(pos)
        node = self.sidebar.library.node(idx)
        menu = QMenu(self.window)
        if node.kind == "document":
            self.open_document(node.key)
        elif node.kind == "source":
            view.setCurrentIndex(idx)
        for act in self.menu_actions:
            if act.objectName() == "deleteSourceAction" and node.kind != "source":
                continue
            if act.objectName() == "moveDocumentAction" and node.kind != "document":
                continue
            menu.addAction(act)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(view.viewport().mapToGlobal(pos))
