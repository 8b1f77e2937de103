"""Help › Keyboard shortcuts: every shortcut of a window, read from its actions.

The list is built from the window's live QActions and QShortcuts (menus, toolbars, context
actions), so it can never fall out of date with the code. Shortcuts are shown in the
platform's own notation (⌘ on macOS, Ctrl elsewhere).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import theme


def _menu_path(action: QAction, window: QWidget) -> str:
    """The menu an action sits in (`File`, `Edit`…), found through the window's menus."""
    for menu in window.findChildren(QMenu):
        if action in menu.actions():
            path = [menu.title().replace("&", "")]
            parent = menu.menuAction()
            for outer in window.findChildren(QMenu):
                if outer is not menu and parent in outer.actions():
                    path.insert(0, outer.title().replace("&", ""))
            return " › ".join(p for p in path if p)
    return ""


def collect_shortcuts(window: QWidget) -> list[tuple[str, str, str]]:
    """(what it does, keys, where it is) for every action or shortcut with a key."""
    rows: dict[tuple[str, str], str] = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys:
            continue
        name = action.text().replace("&", "").rstrip(".…").strip() or action.toolTip()
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.setdefault((name, text), _menu_path(action, window))
    for shortcut in window.findChildren(QShortcut):
        if shortcut.key().isEmpty():
            continue
        name = (shortcut.whatsThis() or shortcut.objectName()
                or QCoreApplication.translate("ShortcutsDialog", "Shortcut"))
        text = shortcut.key().toString(QKeySequence.SequenceFormat.NativeText)
        rows.setdefault((name, text), "")
    return sorted(((n, k, where) for (n, k), where in rows.items()),
                  key=lambda r: (r[2] or "~", r[0].casefold()))


class ShortcutsDialog(QDialog):
    """A filterable table of the window's shortcuts."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        self.setWindowIcon(theme.icon("keyboard"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter…"))
        self.filter.setClearButtonEnabled(True)
        self.table = QTreeWidget()
        self.table.setObjectName("shortcutsTable")
        self.table.setHeaderLabels([self.tr("Action"), self.tr("Shortcut"), self.tr("Menu")])
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        for name, keys, where in collect_shortcuts(window):
            self.table.addTopLevelItem(QTreeWidgetItem([name, keys, where]))
        for col in range(3):
            self.table.resizeColumnToContents(col)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)
        self.resize(560, 520)

    def _items(self) -> list[QTreeWidgetItem]:
        found = (self.table.topLevelItem(i) for i in range(self.table.topLevelItemCount()))
        return [item for item in found if item is not None]

    def rows(self) -> list[tuple[str, str, str]]:
        return [(item.text(0), item.text(1), item.text(2)) for item in self._items()
                if not item.isHidden()]

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for item in self._items():
            item.setHidden(bool(needle) and not any(
                needle in item.text(c).casefold() for c in range(3)))


def show_shortcuts(window: QWidget) -> ShortcutsDialog:
    """Open the dialog without blocking (window-modal, deleted on close)."""
    dialog = ShortcutsDialog(window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
