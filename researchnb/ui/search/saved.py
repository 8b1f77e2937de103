"""Saved searches, in the sidebar: kept per notebook in the app's settings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from .. import theme


class SavedSearches(QListWidget):
    """Saved searches for the sidebar, kept per notebook in the app's settings.

    A click runs the search (signal `run(query)`); Delete removes the selected one.
    """

    run = Signal(str)

    def __init__(self, notebook_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.settings_key = f"saved_searches/{Path(notebook_path).resolve()}"
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
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

    def keyPressEvent(self, event: Any) -> None:
        item = self.currentItem()
        if item is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.remove(item.text())
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.run.emit(str(item.data(Qt.ItemDataRole.UserRole)))
