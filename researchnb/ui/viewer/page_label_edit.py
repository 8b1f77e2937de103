"""A page's label edited in place on the viewer's page selector.

F2 (Document › Edit Page Label), or Edit Page Label in the selector's right-click menu, lays
a line editor over the selector holding the page's label as written (`12 ob.`, `xiv`);
Enter saves it (`edited`), Escape or a click elsewhere leaves it as it was. The selector
shows the label as excerpts will cite it (`l. 12 ob.`), so this widget is the way to the label
itself. It only asks: the owner saves, through the Notebook and the undo stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QMenu

if TYPE_CHECKING:
    from .viewer import DocumentViewer


class PageLabelEdit(QObject):
    edited = Signal(str, int, str)        # document key, page number, new label

    def __init__(self, viewer: DocumentViewer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.viewer = viewer
        self.combo = viewer.folio
        self.enabled = True
        self.menu_actions: list[QAction] = []
        self.line = QLineEdit(self.combo)
        self.line.setObjectName("pageLabelEdit")
        self.line.setPlaceholderText(self.tr("Label, e.g. 12 ob."))
        self.line.setMaxLength(40)
        self.line.hide()
        self.line.installEventFilter(self)
        self.line.returnPressed.connect(self.commit)
        self._target: tuple[str, int] | None = None
        self.combo.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.combo.customContextMenuRequested.connect(self._menu)
        self.combo.setToolTip(self.tr("Go to a folio (page label); F2 edits this page's "
                                      "label"))

    def setEnabled(self, on: bool) -> None:  # noqa: N802 - Qt's spelling
        self.enabled = on

    @property
    def editing(self) -> bool:
        return self._target is not None

    def start(self) -> bool:
        """Open the editor on the page shown; False when no page is shown."""
        viewer = self.viewer
        if not self.enabled or viewer.doc is None or not viewer.page:
            return False
        page = viewer.doc.pages[viewer.page - 1]
        self._target = (viewer.doc.key, page.number)
        self.line.setText(page.label or str(page.number))
        self.line.setGeometry(self.combo.rect())
        self.line.show()
        self.line.raise_()
        self.line.selectAll()
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def commit(self) -> None:
        target, self._target = self._target, None
        self.line.hide()
        if target is None:
            return
        text = " ".join(self.line.text().split())
        doc = self.viewer.doc
        if not text or doc is None or doc.key != target[0]:
            return
        old = doc.pages[target[1] - 1].label or str(target[1])
        if text != old:
            self.edited.emit(target[0], target[1], text)

    def cancel(self) -> None:
        self._target = None
        self.line.hide()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.line:
            if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                    and event.key() == Qt.Key.Key_Escape:
                self.cancel()
                self.combo.setFocus()
                return True
            if event.type() == QEvent.Type.FocusOut and self.editing:
                self.cancel()
        return False

    def _menu(self, pos: QPoint) -> None:
        if not self.menu_actions:
            return
        menu = QMenu(self.combo)
        for act in self.menu_actions:
            menu.addAction(act)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.combo.mapToGlobal(pos))
