"""File › New Notebook…, Open Notebook…, Open Recent: another notebook opens in place of the
one shown (a fresh window where the old one was; the old one closed cleanly), the recent
list is remembered, and a notebook that has gone is greyed and says where it was."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox
from support import OFFSCREEN_NOISE, open_window, seed_letters, settle

from researchnb.notebook import Notebook
from researchnb.ui.notebooks import recent, switcher

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def _file_menu(window) -> QMenu:
    return next(a.menu() for a in window.menuBar().actions()
                if a.text().replace("&", "") == "File")


def _recent_menu(window) -> switcher.RecentMenu:
    menu = window.findChild(QMenu, "openRecentMenu")
    assert isinstance(menu, switcher.RecentMenu)
    menu.refill()
    return menu


def test_file_menu_starts_with_new_open_and_open_recent(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    texts = [a.text().replace("&", "") for a in _file_menu(window).actions()[:3]]
    assert texts == ["New Notebook…", "Open Notebook…", "Open Recent"]
    assert window.acts.open_notebook.shortcut().toString() == "Ctrl+O"


def test_open_notebook_switches_every_pane_and_closes_the_old_one(qtbot, nb, tmp_path,
                                                                  fixture_file):
    other = Notebook.create(tmp_path / "other.rnb")
    seeded = seed_letters(other, fixture_file)
    other.close()
    window = open_window(qtbot, nb, tmp_path)
    assert window.sidebar.library.rowCount() == 0

    new = switcher.open_notebook(window, tmp_path / "other.rnb")
    assert new is not None and new is not window
    qtbot.addWidget(new)
    assert window.closed and not window.isVisible()
    assert new.isVisible() and new.nb.path.resolve() == (tmp_path / "other.rnb").resolve()
    assert "other" in new.windowTitle()
    # Every pane shows the other notebook.
    assert new.sidebar.library.find("document", seeded.document).isValid()
    assert new.sidebar.tags.rowCount() > 0
    new.open_document(seeded.document, 2)
    settle(qtbot, new)
    assert new.viewer.doc is not None and new.viewer.doc.key == seeded.document
    qtbot.waitUntil(lambda: new.excerpts.select(seeded.excerpt))    # its excerpt list
    # Both are in Open Recent (of the new window: the first notebook).
    labels = [label for label, _enabled in _recent_menu(new).paths()]
    assert any(nb.path.name in label for label in labels)
    assert [e.path for e in recent.load(new.settings)][:2] == [
        (tmp_path / "other.rnb").resolve(), nb.path.resolve()]
    new.close()


def test_open_recent_brings_back_the_document_left_open(qtbot, nb, tmp_path, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    Notebook.create(tmp_path / "second.rnb").close()
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(seeded.document, 3)
    settle(qtbot, window)
    second = switcher.open_notebook(window, tmp_path / "second.rnb")
    assert second is not None        # (deleted by the switch below: not given to qtbot)
    assert second.viewer.doc is None          # not the first notebook's document
    menu = _recent_menu(second)
    first = [a for a in menu.actions() if a.data() == str(nb.path.resolve())]
    assert len(first) == 1 and first[0].isEnabled()
    first[0].trigger()
    back = next(w for w in switcher.WindowKeeper.of(qtbot_app()).windows
                if not w.closed and w.nb.path.resolve() == nb.path.resolve())
    qtbot.addWidget(back)
    assert second.closed
    qtbot.waitUntil(lambda: back.viewer.doc is not None)
    assert back.viewer.doc.key == seeded.document and back.viewer.page == 3
    back.close()


def qtbot_app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance()


def test_a_missing_notebook_is_greyed_and_opening_it_says_why(qtbot, nb, tmp_path):
    gone = Notebook.create(tmp_path / "gone.rnb")
    gone.close()
    window = open_window(qtbot, nb, tmp_path)
    recent.add(window.settings, tmp_path / "gone.rnb")
    shutil.rmtree(tmp_path / "gone.rnb")
    menu = _recent_menu(window)
    entries = [a for a in menu.actions() if a.data()]
    assert len(entries) == 1
    assert not entries[0].isEnabled() and "not found" in entries[0].text()
    assert str(tmp_path / "gone.rnb") in entries[0].toolTip()

    # Opened anyway (a path typed or remembered): a message, the window stays, and the
    # missing notebook leaves the list.
    assert switcher.open_notebook(window, tmp_path / "gone.rnb") is None
    box = window.findChild(QMessageBox, "notebookOpenFailed")
    assert box is not None and "gone.rnb" in box.text()
    box.close()
    assert not window.closed and window.isVisible()
    assert [a for a in _recent_menu(window).actions() if a.data()] == []


def test_new_notebook_makes_an_empty_notebook_and_opens_it(qtbot, nb, tmp_path, fixture_file):
    seed_letters(nb, fixture_file)
    window = open_window(qtbot, nb, tmp_path)
    dialog = switcher.choose_new(window)
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    target = tmp_path / "Chapter 3"
    dialog.fileSelected.emit(str(target))
    new = next(w for w in switcher.WindowKeeper.of(qtbot_app()).windows
               if not w.closed and w.nb.path.resolve() == target.resolve())
    qtbot.addWidget(new)
    assert (target / "notebook.sqlite").is_file()
    assert new.sidebar.library.rowCount() == 0 and window.closed
    # Making a notebook where one is already says so and changes nothing.
    assert switcher.open_notebook(new, target, create=True) is None
    assert new.findChild(QMessageBox, "notebookOpenFailed") is not None
    # So does making one in a folder of other papers (it goes in a folder of its own).
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "draft.txt").write_text("Chapter 3, draft", encoding="utf-8")
    assert switcher.open_notebook(new, papers, create=True) is None
    assert sorted(p.name for p in papers.iterdir()) == ["draft.txt"]
    assert not new.closed
    new.close()


def test_opening_the_notebook_already_shown_keeps_the_window(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    assert switcher.open_notebook(window, nb.path) is window
    assert not window.closed


def test_the_next_start_on_a_notebook_opens_its_own_last_document(qtbot, nb, tmp_path,
                                                                   fixture_file):
    seeded = seed_letters(nb, fixture_file)
    Notebook.create(tmp_path / "b.rnb").close()
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(seeded.document, 2)
    settle(qtbot, window)
    other = switcher.open_notebook(window, tmp_path / "b.rnb")
    assert other is not None
    other.close()                         # the app quits while the other notebook shows
    # The next start, on the first notebook (the launcher's choice), opens its document,
    # not a key of the other notebook.
    again = open_window(qtbot, Notebook.open(nb.path), tmp_path)
    qtbot.waitUntil(lambda: again.viewer.doc is not None)
    assert again.viewer.doc.key == seeded.document and again.viewer.page == 2
