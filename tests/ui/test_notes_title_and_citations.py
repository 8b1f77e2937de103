"""The notes editor's title, preview citations and the tag list (issue 16, items 15, 17, 20)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QUrl
from support import OFFSCREEN_NOISE, Host, seed_letters

from researchnb.notebook import Notebook
from researchnb.ui.notes.citing import PREVIEW_STYLE
from researchnb.ui.notes.editor import NotesEditor
from researchnb.ui.tags.tagged_panel import TaggedPanel

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
    with qtbot.waitActive(host):
        host.activateWindow()
    yield host, editor, ro, seeded
    host.runner.shutdown()
    ro.close()


@pytest.mark.parametrize("key", [Qt.Key.Key_Tab, Qt.Key.Key_Return])
def test_tab_or_enter_in_a_new_notes_title_goes_to_its_body(qtbot, setup, key):
    _host, editor, _ro, _s = setup
    editor.new_note("")
    editor.title.setFocus()
    qtbot.waitUntil(editor.title.hasFocus)
    qtbot.keyClicks(editor.title, "Grain requisitions")
    qtbot.keyClick(editor.title, key)
    qtbot.waitUntil(editor.editor.hasFocus)
    qtbot.keyClicks(editor.editor, "First line")
    assert editor.editor.toPlainText() == "First line"
    assert editor.title.text() == "Grain requisitions"


def test_a_citation_shows_as_the_notebooks_citation_and_a_click_opens_the_source(qtbot, setup):
    _host, editor, ro, s = setup
    editor.new_note("Citing")
    editor.editor.setPlainText(f"As she wrote [@{s.citekey}, l. 12].")
    editor.refresh_preview()
    shown = editor.preview.toPlainText()
    expected = ro.citations.cite(s.citekey, locator="l. 12", style=PREVIEW_STYLE)
    assert expected and expected in shown
    assert f"[@{s.citekey}" not in shown
    assert f'href="cite:{s.citekey}"' in editor.preview.toHtml()
    with qtbot.waitSignal(editor.navigate) as sig:
        editor.preview.anchorClicked.emit(QUrl(f"cite:{s.citekey}"))
    assert sig.args == ["citation", s.citekey, ""]
    # A citekey no source has stays as typed.
    editor.editor.setPlainText("Unknown [@nobody1900, p. 3].")
    editor.refresh_preview()
    assert "[@nobody1900, p. 3]" in editor.preview.toPlainText()


def test_the_tag_list_shows_the_tagged_note_and_as_many_rows_as_the_count(qtbot, nb, setup):
    _host, _editor, ro, s = setup
    note = nb.notes.add("Hunger", "text", tags=["theme/famine"]).value.key
    nb.tags.add(s.source, ["theme/famine"])
    panel = TaggedPanel(ro)
    qtbot.addWidget(panel)
    panel.show_tag("theme/famine")
    kinds = [(r.kind, r.key) for r in panel.records()]
    assert kinds == [("source", s.source), ("excerpt", s.excerpt), ("note", note)]
    assert len(kinds) == ro.tags.counts()["theme/famine"]
    assert "3 records" in panel.title.text()
    headings = [panel.list.topLevelItem(i).text(0) for i in range(panel.list.topLevelItemCount())
                if panel.list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) is None]
    assert headings == ["1 source", "1 excerpt", "1 note"]
    with qtbot.waitSignal(panel.navigate) as sig:
        panel.list.itemActivated.emit(panel.list.topLevelItem(5), 0)
    assert sig.args == ["note", note, ""]


def test_choosing_a_tag_in_the_window_lists_as_many_records_as_its_count(qtbot, nb,
                                                                        fixture_file, tmp_path):
    from support import open_window, settle

    s = seed_letters(nb, fixture_file)
    note = nb.notes.add("Hunger", "text", tags=["theme/famine"]).value.key
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)
    sidebar = window.sidebar
    index = sidebar.tags.find("tag", "theme/famine")
    node = sidebar.tags.node(index)
    assert node.count == 2                      # the excerpt and the note
    sidebar.tags_view.setCurrentIndex(index)
    assert window.inspector.currentWidget() is window.tagged
    assert [(r.kind, r.key) for r in window.tagged.records()] == [("excerpt", s.excerpt),
                                                                  ("note", note)]
    assert sidebar.tags.data(index) == "famine  (2)"        # what the sidebar shows
    window.close()


def test_the_preview_cites_in_the_style_chosen_for_copy_citation(qtbot, nb, tmp_path):
    from support import open_window, settle

    from researchnb.domain import Creator, Source

    book = nb.sources.add(Source(kind="book", title="Everyday Stalinism", date="1999",
                                 language="en", creators=[Creator("Fitzpatrick", "Sheila")],
                                 publisher="Oxford University Press")).value
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)
    editor = window.editor
    editor.new_note("")
    editor.editor.setPlainText(f"As she wrote [@{book.citekey}, 45].")
    editor.refresh_preview()
    # Chicago notes (18th) until another style is chosen: the short note form
    assert "Fitzpatrick, Everyday Stalinism, 45." in editor.preview.toPlainText()
    window.cite_menu.set_style("apa")            # Edit › Copy Citation › Citation Style…
    qtbot.waitUntil(lambda: "(Fitzpatrick, 1999, p. 45)" in editor.preview.toPlainText()
                    or "(Fitzpatrick, 1999, 45)" in editor.preview.toPlainText())
    assert "Everyday Stalinism, 45." not in editor.preview.toPlainText()
    settle(qtbot, window)
    window.close()
