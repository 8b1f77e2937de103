"""Undo and redo of edits, tagging, excerpts and note deletion; the Trash view."""

from __future__ import annotations

import pytest
from support import OFFSCREEN_NOISE, Host, seed_letters

from researchnb.notebook import Notebook
from researchnb.ui.ops import Op
from researchnb.ui.safety.trash import TrashView
from researchnb.ui.undo import UndoController

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def world(qtbot, nb, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    ro = Notebook.open(nb.path, read_only=True)
    host = Host(nb)
    qtbot.addWidget(host)
    undo = UndoController(host)
    yield host, ro, undo, seeded
    host.runner.shutdown()
    ro.close()


def _settle(qtbot, undo):
    qtbot.waitUntil(lambda: undo.pending == 0, timeout=10000)


def test_undo_of_an_excerpt_deletion_brings_it_back_with_its_tags(qtbot, world):
    _host, ro, undo, s = world
    trash = TrashView(ro, undo)
    qtbot.addWidget(trash)
    undo.delete("excerpt", s.excerpt, s.quote)
    _settle(qtbot, undo)
    assert s.excerpt not in [e.key for e in ro.excerpts.all()]
    assert any(s.quote in label for label in trash.labels())
    undo.undo_action.trigger()
    _settle(qtbot, undo)
    back = ro.excerpts.get(s.excerpt)
    assert sorted(back.tags) == ["people/instructor", "theme/famine"]
    assert s.excerpt in [e.key for e in ro.excerpts.all(tag="theme")]
    assert trash.labels() == []
    undo.redo_action.trigger()
    _settle(qtbot, undo)
    assert s.excerpt not in [e.key for e in ro.excerpts.all()]


def test_restore_from_the_trash_view_and_undo_of_the_restore(qtbot, world):
    host, ro, undo, _s = world
    made: dict = {}
    Op(host, lambda nb: nb.notes.add("To be deleted", "text").value).success(
        lambda n: made.update(note=n)).run()
    qtbot.waitUntil(lambda: "note" in made, timeout=10000)
    note = made["note"]
    trash = TrashView(ro, undo)
    qtbot.addWidget(trash)
    undo.delete("note", note.key, note.title)
    _settle(qtbot, undo)
    assert trash.labels() == ["To be deleted"]
    trash.tree.topLevelItem(0).setSelected(True)
    trash.restore_button.click()
    _settle(qtbot, undo)
    assert ro.notes.get(note.key).title == "To be deleted"
    assert trash.labels() == []
    undo.undo_action.trigger()
    _settle(qtbot, undo)
    assert trash.labels() == ["To be deleted"]


def test_undo_redo_of_a_source_edit_and_of_tagging(qtbot, world):
    _host, ro, undo, s = world
    undo.edit_source(ro.sources.get(s.source), {"fond": "415", "title": "Letters"})
    _settle(qtbot, undo)
    assert (ro.sources.get(s.source).fond, ro.sources.get(s.source).title) == ("415", "Letters")
    undo.undo_action.trigger()
    _settle(qtbot, undo)
    assert (ro.sources.get(s.source).fond, ro.sources.get(s.source).title) == \
        ("", "Letters to her brother")
    undo.add_tags(s.excerpt, ["theme/famine", "place/pokrovskoe"])
    _settle(qtbot, undo)
    assert "place/pokrovskoe" in ro.tags.of(s.excerpt)
    undo.undo_action.trigger()
    _settle(qtbot, undo)
    # Only the tag this command added goes; the one it already had stays.
    assert ro.tags.of(s.excerpt) == ["people/instructor", "theme/famine"]


def test_undo_of_excerpt_creation_and_redo_brings_back_the_same_excerpt(qtbot, world):
    _host, ro, undo, s = world
    cmd = undo.create_excerpt(s.document, 2, quote="Red Dawn", tags=["press"])
    _settle(qtbot, undo)
    key = cmd.key
    assert ro.excerpts.get(key).tags == ["press"]
    undo.undo_action.trigger()
    _settle(qtbot, undo)
    assert key not in [e.key for e in ro.excerpts.all()]
    undo.redo_action.trigger()
    _settle(qtbot, undo)
    assert ro.excerpts.get(key).tags == ["press"]


def test_undo_and_redo_have_the_usual_shortcuts(world):
    _host, _ro, undo, _s = world
    assert undo.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [k.toString() for k in undo.redo_action.shortcuts()]
