"""Numbering pages from the window: Document › Number Pages… (the dialog) and a page label
edited in place on the viewer's page selector (viewer/page_label_edit.py). Both are undoable:
each command records the labels it replaces, on the writer thread, and Undo puts them back
(the locators derived from them follow back, by the same rule)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from ...domain import Changes, InvalidInput, NotFound
from ...foliation import Numbering
from ...notebook import Notebook
from ..undo import NotebookCommand, UndoController
from ..viewer.page_label_edit import PageLabelEdit
from .dialog import NumberPagesDialog

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("foliation", text)


class LabelCommand(NotebookCommand):
    """Give pages new labels (a numbering, or one page's label); undo restores the old."""

    def __init__(self, controller: UndoController, text: str, document: str,
                 numbering: Numbering | None = None,
                 labels: dict[int, str] | None = None) -> None:
        super().__init__(controller, text)
        self.document = document
        self.numbering = numbering
        self.labels = labels or {}
        self.old: dict[int, str] | None = None

    def do(self, nb: Notebook) -> Changes[Any]:
        if self.old is None:
            self.old = nb.pages.labels(self.document)
        if self.numbering is not None:
            return nb.pages.number(self.document, self.numbering)
        return nb.pages.set_labels(self.document, self.labels)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        if not self.old:
            return Changes()
        return nb.pages.set_labels(self.document, self.old)


class FoliationCommands(QObject):
    """The Number Pages action and the in-place label editor of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.nb = window.nb
        self.undo = window.undo
        self.viewer = window.viewer
        self.dialog: NumberPagesDialog | None = None
        self.number_action = QAction(_tr("&Number Pages…"), window)
        self.number_action.setObjectName("numberPagesAction")
        self.number_action.setStatusTip(_tr("Folios, page numbers or the PDF's own labels; "
                                            "excerpt locators follow"))
        self.number_action.triggered.connect(lambda _checked=False: self.number_pages())
        self.label_action = QAction(_tr("Edit Page &Label"), window)
        self.label_action.setObjectName("editPageLabelAction")
        self.label_action.setShortcut(QKeySequence("F2"))
        self.label_action.triggered.connect(lambda _checked=False: self.edit_label())
        self.editor = PageLabelEdit(self.viewer, window)
        self.editor.edited.connect(self.set_label)
        self.editor.menu_actions = [self.label_action, self.number_action]
        if window.safety.read_only:
            window.safety.disable_writing([self.number_action, self.label_action], [])
            self.editor.setEnabled(False)

    def actions(self) -> list[QAction]:
        return [self.number_action, self.label_action]

    def _status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def number_pages(self) -> NumberPagesDialog | None:
        doc = self.viewer.doc
        if doc is None or not doc.pages:
            self._status(_tr("Open a document first."), 4000)
            return None
        self.viewer.text.flush()
        try:
            pdf_labels = self.nb.pages.pdf_labels(doc.key)
        except (OSError, NotFound, InvalidInput):
            pdf_labels = None          # its file is missing or unreadable: not offered
        title = doc.filename
        if doc.source_key:
            try:
                title = self.nb.sources.get(doc.source_key).title or title
            except NotFound:
                pass
        dialog = NumberPagesDialog(title, len(doc.pages), self.nb.pages.labels(doc.key),
                                   self.viewer.source_kind, pdf_labels, self.window,
                                   current_page=self.viewer.page or 1)
        key = doc.key

        def accepted() -> None:
            numbering = dialog.numbering()
            self.undo.push(LabelCommand(self.undo, _tr("Number pages of “%1”")
                                        .replace("%1", _short(title)), key, numbering=numbering),
                           lambda _value: self._status(_tr("Pages numbered.")))

        dialog.accepted.connect(accepted)
        dialog.open()
        self.dialog = dialog
        return dialog

    def edit_label(self) -> None:
        if not self.label_action.isEnabled():
            return
        if self.viewer.doc is None:
            self._status(_tr("Open a document first."), 4000)
            return
        self.window.centre.setCurrentWidget(self.viewer)   # F2 from the Note tab
        self.editor.start()

    def set_label(self, document: str, page: int, label: str) -> None:
        self.undo.push(LabelCommand(self.undo, _tr("Label page %1 “%2”")
                                    .replace("%1", str(page)).replace("%2", label),
                                    document, labels={page: label}))


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n - 1].rstrip() + "…"
