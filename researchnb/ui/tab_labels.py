"""Tabs that keep their names readable: when a narrow pane cannot show every tab's icon and
name, the tabs show their icons only, each name in its tooltip, rather than "Se…", "Ex…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTabWidget


class CompactTabs(QObject):
    """Watches a QTabWidget's width; `names` are the tabs' full names, in order."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self.names = [tabs.tabText(i) for i in range(tabs.count())]
        self.compact = False
        tabs.installEventFilter(self)
        self.fit()

    def rename(self, index: int, name: str) -> None:
        """Give tab `index` a new full name ("Backlinks (3)"), shown as the width allows."""
        if 0 <= index < len(self.names):
            self.names[index] = name
            self.tabs.setTabText(index, "" if self.compact else name)
            self.tabs.setTabToolTip(index, name if self.compact else "")
            self.fit()          # the new name may not fit any more

    def full_width(self) -> int:
        """The width the tab bar needs to show every name in full, with its icon."""
        bar = self.tabs.tabBar()
        metrics = bar.fontMetrics()
        icon = bar.iconSize().width()
        padding = 2 * bar.style().pixelMetric(bar.style().PixelMetric.PM_TabBarTabHSpace)
        return sum(metrics.horizontalAdvance(name) + icon + padding + 8 for name in self.names)

    def fit(self) -> None:
        want = self.full_width() > self.tabs.width()
        if want == self.compact:
            return
        self.compact = want
        for i, name in enumerate(self.names):
            self.tabs.setTabText(i, "" if want else name)
            self.tabs.setTabToolTip(i, name if want else "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs and event.type() == QEvent.Type.Resize:
            self.fit()
        return False
