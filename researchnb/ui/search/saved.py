"""Saved searches, in the sidebar: kept per notebook in the app's settings.

The list asks for the height of its rows only (one row when empty, with a line saying how
a search is saved), not the 192 px every list view asks for by default, so an empty
section leaves the Library its room."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSizePolicy, QWidget

from .. import theme


class SavedSearches(QListWidget):
    """Saved searches for the sidebar, kept per notebook in the app's settings.

    A click runs the search (signal `run(query)`); Delete removes the selected one.
    """

    run = Signal(str)
    MAX_ROWS = 6       # rows asked for before the list scrolls

    def __init__(self, notebook_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.settings_key = f"saved_searches/{Path(notebook_path).resolve()}"
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.empty_text = self.tr("None yet: the Save button beside the search field adds one")
        self.reload()

    def entries(self) -> list[tuple[str, str]]:
        raw = QSettings().value(self.settings_key, "[]")
        try:
            return [(str(n), str(q)) for n, q in json.loads(str(raw))]
        except (ValueError, TypeError):
            return []

    def add(self, name: str, query: str) -> None:
        entries = [e for e in self.entries() if e[0] != name] + [(name, query)]
        QSettings().setValue(self.settings_key, json.dumps(entries, ensure_ascii=False))
        self.reload()

    def remove(self, name: str) -> None:
        entries = [e for e in self.entries() if e[0] != name]
        QSettings().setValue(self.settings_key, json.dumps(entries, ensure_ascii=False))
        self.reload()

    def reload(self) -> None:
        self.clear()
        for name, query in self.entries():
            item = QListWidgetItem(theme.icon("saved-search"), name)
            item.setToolTip(query)
            item.setData(Qt.ItemDataRole.UserRole, query)
            self.addItem(item)
        self.setToolTip("" if self.count() else self.empty_text)
        self.updateGeometry()

    def row_height(self) -> int:
        return max(self.fontMetrics().height() + 6, self.sizeHintForRow(0))

    def sizeHint(self) -> QSize:
        """As tall as its rows (one when empty), at most MAX_ROWS."""
        rows = max(1, min(self.count(), self.MAX_ROWS))
        return QSize(super().sizeHint().width(),
                     rows * self.row_height() + 2 * self.frameWidth() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(),
                     self.row_height() + 2 * self.frameWidth() + 2)

    def paintEvent(self, event: Any) -> None:
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            rect = self.viewport().rect().adjusted(4, 0, -4, 0)
            text = self.fontMetrics().elidedText(self.empty_text, Qt.TextElideMode.ElideRight,
                                                 rect.width())
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
                             | int(Qt.TextFlag.TextSingleLine), text)
            painter.end()

    def keyPressEvent(self, event: Any) -> None:
        item = self.currentItem()
        if item is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.remove(item.text())
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.run.emit(str(item.data(Qt.ItemDataRole.UserRole)))
