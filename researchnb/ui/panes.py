"""The window's three panes side by side: the library on the left, the page in the centre,
the inspector on the right — and who gives way when the window is small.

The page is what a historian reads, so the side panes give way first: whenever the window
is resized they are narrowed (down to a small minimum each) until the centre has at least
`CENTRE_SHARE` of the width, and widened again up to the width she gave them when there is
room. Either side pane can be hidden (View › Hide Library, View › Hide Inspector); what is
hidden, and the widths, are kept in the settings.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

CENTRE_SHARE = 0.6          # of the panes' width, when the side panes can give that much
SIDE_MINIMUM = (150, 200)   # px: the narrowest the library and the inspector are made
HIDE_SETTINGS = ("window/hide_library", "window/hide_inspector")


def _tr(text: str) -> str:
    return QCoreApplication.translate("panes", text)


class MainSplit(QSplitter):
    """The horizontal splitter of library, centre and inspector (see the module's doc)."""

    def __init__(self, left: QWidget, centre: QWidget, right: QWidget,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("mainSplit")
        for pane in (left, centre, right):
            self.addWidget(pane)
        self.left, self.centre, self.right = left, centre, right
        self.setChildrenCollapsible(False)
        # An explicit minimum width overrides what the panes' contents would ask for (the
        # source form's fields, the inspector's four tabs), so they can give way.
        left.setMinimumWidth(SIDE_MINIMUM[0])
        right.setMinimumWidth(SIDE_MINIMUM[1])
        centre.setMinimumWidth(240)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setStretchFactor(2, 0)
        # The widths the user gave the side panes (by dragging a handle); fitting never
        # makes them wider than this.
        self.wanted = [260, 440]
        self.setSizes([260, 820, 440])
        self.splitterMoved.connect(lambda _pos, _index: self._remember())
        self.hide_actions: list[QAction] = []

    def _remember(self) -> None:
        sizes = self.sizes()
        for i, (pane, at) in enumerate(((self.left, 0), (self.right, 2))):
            if pane.isVisible() and sizes[at] > 0:
                self.wanted[i] = sizes[at]

    def restore(self, state: object) -> None:
        """Widths saved by `saveState` (a QByteArray), then fitted to the window."""
        from PySide6.QtCore import QByteArray
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
            sizes = self.sizes()
            self.wanted = [sizes[0] or self.wanted[0], sizes[2] or self.wanted[1]]
        self.fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    def fit(self) -> None:
        """Give the centre its share: side panes narrowed first, never below their
        minimum, and never wider than the user made them."""
        sizes = self.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        sides = [(0, self.left, 0), (2, self.right, 1)]
        shown = [(at, pane, w) for at, pane, w in sides if not pane.isHidden()]
        if not shown:
            return
        # The share is of the whole width (the handles included), rounded in the page's favour.
        room = max(0, total - math.ceil(self.width() * CENTRE_SHARE) - 2)
        wanted = {at: max(self.wanted[w], SIDE_MINIMUM[w]) for at, _p, w in shown}
        if sum(wanted.values()) > room:
            # Narrow each in proportion to what it can give above its minimum.
            minima = {at: SIDE_MINIMUM[w] for at, _p, w in shown}
            spare = sum(wanted[a] - minima[a] for a in wanted)
            excess = sum(wanted.values()) - room
            for at in wanted:
                give = 0 if spare <= 0 else (wanted[at] - minima[at]) * min(1.0, excess / spare)
                wanted[at] = int(wanted[at] - give)
        new = list(sizes)
        for at, _p, _w in shown:
            new[at] = wanted[at]
        new[1] = total - sum(new[at] for at, _p, _w in shown)
        if new != sizes:
            self.setSizes(new)

    # -- hiding a side pane ----------------------------------------------------------------

    def make_hide_actions(self, parent: QWidget, settings: QSettings) -> list[QAction]:
        """View › Hide Library (Ctrl+Shift+L) and View › Hide Inspector (Ctrl+Shift+R):
        checkable, kept in `settings`."""
        actions = []
        for pane, text, key, setting, name in (
                (self.left, _tr("Hide &Library"), "Ctrl+Shift+L", HIDE_SETTINGS[0],
                 "hideLibraryAction"),
                (self.right, _tr("Hide &Inspector"), "Ctrl+Shift+R", HIDE_SETTINGS[1],
                 "hideInspectorAction")):
            act = QAction(text, parent)
            act.setObjectName(name)
            act.setCheckable(True)
            act.setShortcut(QKeySequence(key))
            hidden = str(settings.value(setting, "false")).lower() in ("true", "1")
            act.setChecked(hidden)
            pane.setHidden(hidden)
            act.toggled.connect(
                lambda on, p=pane, s=setting: self._hide(p, on, settings, s))
            actions.append(act)
        self.hide_actions = actions
        return actions

    def _hide(self, pane: QWidget, hidden: bool, settings: QSettings, setting: str) -> None:
        if hidden:
            self._remember()             # its width, to show it again at that width
        pane.setHidden(hidden)
        settings.setValue(setting, hidden)
        if not hidden:
            sizes = self.sizes()
            total = sum(sizes)
            at, w = (0, 0) if pane is self.left else (2, 1)
            sizes[at] = self.wanted[w]
            sizes[1] = max(0, total - sizes[0] - sizes[2])
            self.setSizes(sizes)
        self.fit()
