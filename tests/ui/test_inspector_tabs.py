"""The inspector's tabs never read "Se…", "Ex…": too narrow for every name, they show their
icons with the names in tooltips; wide enough, their names."""

from __future__ import annotations

import pytest
from support import OFFSCREEN_NOISE, open_window, settle

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def test_tabs_show_whole_names_or_icons_never_cut_names(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)
    tabs = window.inspector
    names = ["Search", "Excerpts", "Source", "Backlinks", "Tagged"]

    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.inspector_tabs.compact)
    assert [tabs.tabText(i) for i in range(tabs.count())] == [""] * len(names)
    assert [tabs.tabToolTip(i) for i in range(tabs.count())] == names
    assert all(not tabs.tabIcon(i).isNull() for i in range(tabs.count()))

    window.inspector_tabs.rename(3, "Backlinks (2)")
    assert tabs.tabText(3) == "" and tabs.tabToolTip(3) == "Backlinks (2)"

    window.split.setSizes([200, 600, 900])
    qtbot.waitUntil(lambda: not window.inspector_tabs.compact)
    shown = [tabs.tabText(i) for i in range(tabs.count())]
    assert shown == ["Search", "Excerpts", "Source", "Backlinks (2)", "Tagged"]
    bar = tabs.tabBar()
    assert all(bar.tabRect(i).right() <= bar.width() for i in range(tabs.count()))
    window.close()
