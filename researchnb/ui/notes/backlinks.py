"""The notes that link to a record, each with the line the link stands in: under the notes
editor (for the open note) and in the inspector (for a source or an excerpt)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...domain import Changes
from ...notebook import Notebook
from ...notes.schemes import labels_only
from .. import theme


class BacklinksPanel(QWidget):
    """The notes that link to a record, each with the line the link stands in.

    Used under the notes editor (for the open note) and by the window's inspector (for a
    source or an excerpt). Activating an entry emits `navigate("note", key, "")`.
    """

    navigate = Signal(str, str, str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.key = ""
        self.header = QLabel(self.tr("Backlinks"))
        self.header.setObjectName("backlinksHeader")
        self.list = QListWidget()
        self.list.setObjectName("backlinksList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.list)

    def show_for(self, key: str) -> None:
        """List the notes linking to the record with this key (note, source or excerpt)."""
        self.key = key
        self.list.clear()
        links = self.nb.notes.backlinks(key) if key else []
        for link in links:
            note_key = _get(link, "note_key")
            title = _get(link, "title") or note_key
            context = _readable(str(_get(link, "context") or ""))
            if len(context) > 160:
                context = context[:159] + "…"
            item = QListWidgetItem(theme.icon("lock" if _get(link, "private") else "note"),
                                   f"{title}\n    {context}" if context else title)
            item.setData(Qt.ItemDataRole.UserRole, note_key)
            item.setToolTip(context)
            self.list.addItem(item)
        self.header.setText(self.tr("Backlinks (%1)").replace("%1", str(len(links))) if links
                            else self.tr("No backlinks yet"))

    def apply(self, changes: Changes[object]) -> None:
        """List again when a note was saved, made or deleted (its links may have changed)."""
        if self.key and changes.touches("note"):
            self.show_for(self.key)

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.navigate.emit("note", item.data(Qt.ItemDataRole.UserRole), "")


def _readable(line: str) -> str:
    """A Markdown line as a reader sees it: `[label](src:KEY)` shows as its label."""
    return " ".join(labels_only(line).split())


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
