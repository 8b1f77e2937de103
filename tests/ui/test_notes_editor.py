"""The notes editor: [[ and [@ completion, preview links, backlinks, unresolved, private."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QUrl
from support import OFFSCREEN_NOISE, Host, seed_letters

from researchnb.notebook import Notebook
from researchnb.ui.notes.backlinks import BacklinksPanel
from researchnb.ui.notes.editor import NotesEditor

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def setup(qtbot, nb, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    ro = Notebook.open(nb.path, read_only=True)
    host = Host(nb)
    qtbot.addWidget(host)
    editor = host.hold(NotesEditor(ro))
    host.resize(1100, 700)
    host.show()
    yield host, editor, ro, seeded
    host.runner.shutdown()
    ro.close()


def _type(qtbot, editor, text):
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, text)


def test_link_completion_inserts_stored_links_and_the_source_shows_the_backlink(qtbot, setup):
    _host, editor, ro, s = setup
    editor.new_note("Famine")
    _type(qtbot, editor, "The letter [[Letters to G")
    assert editor.completer.popup().isVisible()
    first = editor.completer.items.index(0, 0).data(0x0100)
    assert (first.kind, first.key) == ("source", s.source)
    editor.completer.accept(0)
    _type(qtbot, editor, " quotes [[Red Da")
    assert editor.completer.items.index(0, 0).data(0x0100).key == s.excerpt
    editor.completer.accept(0)
    body = editor.editor.toPlainText()
    assert f"[Letters to her brother](src:{s.source})" in body
    assert f"(ex:{s.excerpt})" in body
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_now()
    panel = BacklinksPanel(ro)
    qtbot.addWidget(panel)
    panel.show_for(s.source)
    assert len(panel.texts()) == 1
    assert "Famine" in panel.texts()[0] and "The letter" in panel.texts()[0]


def test_citekey_completion_then_offers_the_excerpt_folio_as_locator(qtbot, setup):
    _host, editor, ro, s = setup
    editor.new_note("Citing")
    _type(qtbot, editor, "As she wrote [@somov")
    assert editor.completer.mode == "cite"
    editor.completer.accept(0)
    qtbot.waitUntil(lambda: editor.completer.mode == "locator")
    locator = ro.excerpts.get(s.excerpt).locator
    assert editor.completer.items.index(0, 0).data(0x0100).key == locator
    editor.completer.accept(0)
    assert editor.editor.toPlainText() == f"As she wrote [@{s.citekey}, {locator}]"


def test_a_click_on_a_link_in_the_preview_asks_to_go_to_the_excerpt(qtbot, setup):
    _host, editor, _ro, s = setup
    editor.new_note("Links")
    editor.editor.setPlainText(f"See [the quote](ex:{s.excerpt}) and [page 2](page:{s.document}#2)")
    editor.refresh_preview()
    assert f'href="ex:{s.excerpt}"' in editor.preview.toHtml()
    with qtbot.waitSignal(editor.navigate) as sig:
        editor.preview.anchorClicked.emit(QUrl(f"ex:{s.excerpt}"))
    assert sig.args == ["excerpt", s.excerpt, ""]
    with qtbot.waitSignal(editor.navigate) as sig:
        editor.preview.anchorClicked.emit(QUrl(f"page:{s.document}#2"))
    assert sig.args == ["page", s.document, "2"]


def test_an_unresolved_wiki_link_is_flagged_after_saving(qtbot, setup):
    _host, editor, _ro, _s = setup
    editor.new_note("Draft")
    editor.editor.setPlainText("Compare [[A note nobody wrote]].")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_now()
    assert editor.unresolved.isVisibleTo(editor)
    assert "A note nobody wrote" in editor.unresolved.text()


def test_private_toggle_marks_the_note_and_saves_the_flag(qtbot, setup):
    _host, editor, ro, _s = setup
    editor.new_note("Secret thoughts")
    editor.editor.setPlainText("Not for the book.")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save_now()
    assert not editor.private_banner.isVisibleTo(editor)
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.private.click()
    assert editor.private_banner.isVisibleTo(editor)
    assert ro.notes.get(editor.key).private is True


def test_switching_notes_right_after_typing_loses_and_mixes_nothing(qtbot, setup):
    _host, editor, ro, _s = setup
    editor.new_note("First")
    editor.editor.setPlainText("first body")
    editor.save_now()                     # the first save of a new note is in flight…
    editor.editor.setPlainText("first body, more")
    editor.new_note("Second")             # …and the editor moves on before it returns
    editor.editor.setPlainText("second body")
    editor.flush()
    qtbot.waitUntil(lambda: not editor.has_unsaved_changes and editor.key is not None,
                    timeout=10000)
    bodies = {n.title: ro.notes.get(n.key).body for n in ro.notes.all()}
    assert bodies == {"First": "first body, more", "Second": "second body"}
