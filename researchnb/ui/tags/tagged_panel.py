"""The inspector's list of what a tag is on: sources, documents, excerpts and notes.

Choosing a tag in the sidebar shows here every live record it (or a tag below it) is on,
each once, grouped by kind; the sidebar's count beside the tag is this list's length (both
come from `nb.tags`, one rule). Activating a row goes to the record.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ...domain import NotFound
from ...notebook import Notebook
from ...notebook.tags import Tagged
from ...notes.ranking import shorten
from .. import theme
from ..plurals import counted

# Where a record of each kind is opened (navigation's kinds; a document opens at page 1).
_GO = {"source": ("source", ""), "document": ("page", "1"), "excerpt": ("excerpt", ""),
       "note": ("note", "")}


def _heading(kind: str, n: int) -> str:
    """"3 excerpts", "1 note": Qt's plural forms (%n), never a hand-made plural."""
    one, many = {"source": ("%n source", "%n sources"),
                 "document": ("%n document", "%n documents"),
                 "excerpt": ("%n excerpt", "%n excerpts"), "note": ("%n note", "%n notes")}[kind]
    return counted("TaggedPanel", one, many, n)


class TaggedPanel(QWidget):
    navigate = Signal(str, str, str)      # kind, key, anchor (as the notes editor's links)

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.tag: str | None = None
        self.title = QLabel(self.tr("Choose a tag in the sidebar to see what it is on."))
        self.title.setObjectName("taggedTitle")
        self.title.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("taggedList")
        self.list.setHeaderHidden(True)
        self.list.setRootIsDecorated(False)
        self.list.itemActivated.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.list, 1)

    def show_tag(self, name: str) -> None:
        """List what the tag `name` is on."""
        self.tag = name
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.tag is None:
            return
        try:
            found = self.nb.tags.tagged(self.tag)
        except NotFound:
            found = []
        self.title.setText(counted("TaggedPanel", "Tagged %1: %n record", "Tagged %1: %n records",
                                   len(found)).replace("%1", self.tag))
        groups: dict[str, list[Tagged]] = {}
        for item in found:
            groups.setdefault(item.kind, []).append(item)
        for kind, items in groups.items():
            head = QTreeWidgetItem([_heading(kind, len(items))])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = head.font(0)
            f.setBold(True)
            head.setFont(0, f)
            self.list.addTopLevelItem(head)
            for rec in items:
                label = shorten(rec.label or rec.key, 90)
                if rec.detail:
                    label = f"{label}  —  {rec.detail}"
                row = QTreeWidgetItem([label])
                row.setIcon(0, theme.icon(rec.kind))
                row.setToolTip(0, rec.label)
                row.setData(0, Qt.ItemDataRole.UserRole, rec)
                self.list.addTopLevelItem(row)

    def records(self) -> list[Tagged]:
        """The records listed, in order (what a test or the window reads back)."""
        out = []
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            rec = None if item is None else item.data(0, Qt.ItemDataRole.UserRole)
            if rec is not None:
                out.append(rec)
        return out

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        rec = item.data(0, Qt.ItemDataRole.UserRole)
        if rec is None:
            return
        kind, anchor = _GO[rec.kind]
        self.navigate.emit(kind, rec.key, anchor)
