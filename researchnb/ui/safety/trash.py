"""View › Trash: what has been deleted (notes, excerpts, sources) and can be brought back.

Restoring goes through the undo stack (so Ctrl+Z sends it back again); the list rereads the
trash whenever a command of the undo stack (a deletion, a restore, an undo) has run.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...notebook import Notebook
from .. import theme
from ..undo import UndoController


def _short(text: str, n: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1] + "…"


class TrashView(QWidget):
    """The deleted notes, excerpts and sources, newest first, with Restore."""

    def __init__(self, nb: Notebook, undo: UndoController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashView")
        self.nb = nb
        self.undo = undo
        self.tree = QTreeWidget()
        self.tree.setObjectName("trashList")
        self.tree.setHeaderLabels([self.tr("Deleted"), self.tr("Kind"), self.tr("Deleted at")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.restore_button = QPushButton(theme.icon("restore"), self.tr("Restore"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty = QLabel(self.tr("The trash is empty."))
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(self.restore_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self.tree.itemSelectionChanged.connect(self._selection)
        undo.done.connect(lambda _text: self.refresh())     # a deletion, restore or undo
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        kinds = {"note": self.tr("note"), "excerpt": self.tr("excerpt"),
                 "source": self.tr("source")}
        for kind, key, label, when in self.entries():
            item = QTreeWidgetItem([label, kinds[kind], when[:16].replace("T", " ")])
            item.setIcon(0, theme.icon(kind))
            item.setData(0, Qt.ItemDataRole.UserRole, (kind, key, label))
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(1)
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        self._selection()

    def entries(self) -> list[tuple[str, str, str, str]]:
        """(kind, key, label, deleted-at) of everything in the trash, newest first."""
        out: list[tuple[str, str, str, str]] = []
        for n in self.nb.notes.all(trash=True):
            out.append(("note", n.key, n.title, str(getattr(n, "deleted", "") or
                                                    n.modified or "")))
        for e in self.nb.excerpts.all(trash=True):
            quote = " ".join(e.quote.split()) or self.tr("region on page %1").replace(
                "%1", str(e.page_start))
            out.append(("excerpt", e.key, _short(quote, 80),
                        str(getattr(e, "deleted", "") or e.modified or "")))
        for s in self.nb.sources.trashed():
            out.append(("source", s.key, s.title, str(s.modified or "")))
        return sorted(out, key=lambda e: e[3], reverse=True)

    def labels(self) -> list[str]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.text(0) for item in found if item is not None]

    def select(self, label: str) -> bool:
        """Select the entry with this label (tests and keyboard users)."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is not None and item.text(0) == label:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _selection(self) -> None:
        self.restore_button.setEnabled(bool(self.tree.selectedItems()))

    def restore_selected(self) -> None:
        for item in self.tree.selectedItems():
            kind, key, label = item.data(0, Qt.ItemDataRole.UserRole)
            self.undo.restore(kind, key, label)


class TrashDialog(QDialog):
    """The non-modal window View › Trash opens."""

    def __init__(self, nb: Notebook, undo: UndoController, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Trash"))
        self.setObjectName("trashDialog")
        self.view = TrashView(nb, undo)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("Deleted sources, notes and excerpts stay here until you "
                                     "restore them; Ctrl+Z also brings back what you just "
                                     "deleted.")))
        lay.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("trashCloseButton")
        buttons.rejected.connect(self.close)
        lay.addWidget(buttons)
        self.resize(640, 420)

    def reload(self) -> None:
        if self.isVisible():
            self.view.refresh()
