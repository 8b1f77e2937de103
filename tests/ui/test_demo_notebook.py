"""The demo is a notebook of its own: Help › Open the Demo Notebook makes it (the first time)
in the user data folder and switches the window to it; the historian's notebook is never
touched, and opening the demo again opens the same demo, not a second copy."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from support import OFFSCREEN_NOISE, open_window, settle

from researchnb.notebook import Notebook
from researchnb.progress import Cancelled, Progress
from researchnb.ui.help import demo, demo_window
from researchnb.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def demo_path(tmp_path, monkeypatch):
    path = tmp_path / "user-data" / demo.DEMO_FOLDER
    monkeypatch.setattr(demo_window, "demo_notebook_path", lambda: path)
    yield path
    for window in QApplication.topLevelWidgets():      # the windows the test switched to
        if isinstance(window, MainWindow) and not window.closed:
            window.close()


def _sources(path) -> list[str]:
    with Notebook.open(path, read_only=True) as shown:
        return sorted(s.title for s in shown.sources.all())


def _wait_for_window_on(qtbot, old: MainWindow, path) -> MainWindow:
    """The main window that replaced `old`, showing the notebook at `path`."""
    def found() -> MainWindow | None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w is not old and not w.closed \
                    and w.nb.path.resolve() == path.resolve():
                return w
        return None
    qtbot.waitUntil(lambda: found() is not None, timeout=30000)
    window = found()
    assert window is not None
    settle(qtbot, window)
    return window


def test_the_demo_is_its_own_notebook_beside_the_default_one(monkeypatch, tmp_path):
    monkeypatch.setattr(demo, "default_notebook_path",
                        lambda: tmp_path / "data" / "Notebook.rnb")
    where = demo.demo_notebook_path()
    assert where.parent == tmp_path / "data" and where.name != "Notebook.rnb"


def test_first_run_offers_to_open_the_demo_and_leaves_the_notebook_empty(qtbot, nb, tmp_path,
                                                                         demo_path):
    user = open_window(qtbot, nb, tmp_path)
    mine = nb.path
    user.offer_demo()
    box = user.demo_box
    assert box.isVisible() and "notebook of its own" in box.text()
    box.button(QMessageBox.StandardButton.Yes).click()
    shown = _wait_for_window_on(qtbot, user, demo_path)

    assert shown.nb.path.resolve() != mine.resolve()
    info = shown.nb.info()
    assert info["sources"] == 5 and info["documents"] == 4 and info["excerpts"] >= 9
    assert info["notes"] == 2
    assert shown.viewer.doc is not None
    assert shown.sidebar.notes.rowCount() == 2
    assert all(ex.anchor == "ok" for ex in shown.nb.excerpts.all())
    assert "demo" in shown.windowTitle().casefold()
    # The historian's own notebook has nothing of it.
    assert _sources(mine) == []
    assert not demo_path.with_name(demo_path.name + ".part").exists()


def test_opening_the_demo_twice_gives_its_sources_once(qtbot, nb, tmp_path, demo_path):
    mine = nb.path
    user = open_window(qtbot, nb, tmp_path)
    action = user.acts.demo
    assert "Open the" in action.text() and action.isEnabled()
    action.trigger()
    first = _wait_for_window_on(qtbot, user, demo_path)
    titles = _sources(demo_path)
    assert len(titles) == 5

    first.acts.demo.trigger()          # in the demo's own window: nothing new is made
    settle(qtbot, first)
    assert not first.closed and _sources(demo_path) == titles

    # Back to the historian's notebook, then the demo once more: opened, not made again.
    with Notebook.open(mine) as reopened:
        assert reopened.info()["sources"] == 0
    back = MainWindow(Notebook.open(mine), settings=first.settings)
    qtbot.addWidget(back)
    back.show()
    first.close()
    back.acts.demo.trigger()
    again = _wait_for_window_on(qtbot, back, demo_path)
    assert _sources(demo_path) == titles
    assert again.nb.info()["sources"] == 5
    assert _sources(mine) == []


def test_a_demo_that_fails_half_way_leaves_nothing_behind(tmp_path):
    path = tmp_path / "data" / demo.DEMO_FOLDER

    class StopAfterTwo(Progress):
        def step(self, n: int = 1, label: str | None = None) -> None:
            super().step(n, label)
            if self.done >= 2:
                raise Cancelled()

    with pytest.raises(Cancelled):
        demo.make_demo_notebook(path, StopAfterTwo())
    assert not path.exists() and not path.with_name(path.name + ".part").exists()
    assert demo.make_demo_notebook(path) is True
    assert demo.make_demo_notebook(path) is False          # there already: left as it is
    assert len(_sources(path)) == 5
    with Notebook.open(path) as moved:         # whole after the move into place
        assert moved.check()["ok"]
        assert moved.documents.original_path(moved.documents.all()[0].key).is_file()
