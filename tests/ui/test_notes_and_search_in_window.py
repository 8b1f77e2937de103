"""Issue 8 acceptance, against the real main window: notes with links and backlinks, a link
followed to its excerpt, a Russian search opened on its page, a cited-in BibTeX export, and
undo of an excerpt deletion."""

from __future__ import annotations

import bibtexparser
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from support import OFFSCREEN_NOISE, seed_letters, type_text

from researchnb.domain import Source
from researchnb.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def app(qtbot, nb, fixture_file, tmp_path):
    seeded = seed_letters(nb, fixture_file)
    book = nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002")).value
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(nb, settings=settings)
    qtbot.addWidget(window)
    features = window      # the notes, search, export and undo features are its own
    window.show()
    qtbot.waitExposed(window)
    yield window, features, seeded, book
    window.close()


def settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)


def write_linked_note(qtbot, window, features, title="Nonresistance"):
    window.acts.new_note.trigger()
    editor = features.editor
    editor.title.setText(title)
    editor.editor.setFocus()
    type_text(editor.editor, "Anna's [[Letters to h")
    assert editor.completer.popup().isVisible()
    editor.completer.accept(0)
    type_text(editor.editor, " opens with [[Red Da")
    editor.completer.accept(0)
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_now()
    settle(qtbot, window)
    return editor


def test_a_note_linked_by_completion_shows_as_a_backlink_on_the_source(qtbot, app):
    window, features, s, _book = app
    editor = write_linked_note(qtbot, window, features)
    body = window.nb.notes.get(editor.key).body
    assert f"(src:{s.source})" in body and f"(ex:{s.excerpt})" in body
    # The note is in the sidebar's Notes list.
    assert window.sidebar.notes.find("note", editor.key).isValid()
    # Select the source in the library: its backlinks show the note with its line.
    idx = window.sidebar.library.find("source", s.source)
    window.sidebar.library_view.setCurrentIndex(idx)
    assert features.backlinks.key == s.source
    assert len(features.backlinks.texts()) == 1
    assert "Nonresistance" in features.backlinks.texts()[0]
    assert "Anna's" in features.backlinks.texts()[0]
    at = window.inspector.indexOf(features.backlinks)
    # its name, or (a narrow inspector shows icons only) its tooltip
    tab = window.inspector.tabText(at) or window.inspector.tabToolTip(at)
    assert tab == "Backlinks (1)"


def test_clicking_the_excerpt_link_in_the_preview_lands_on_the_excerpt(qtbot, app):
    window, features, s, _book = app
    editor = write_linked_note(qtbot, window, features)
    editor.refresh_preview()
    assert f'href="ex:{s.excerpt}"' in editor.preview.toHtml()
    # Click the middle of the excerpt link's words in the rendered preview.
    found = editor.preview.document().find("показывал английский")
    assert not found.isNull()
    found.setPosition(found.selectionStart() + 3)
    point = editor.preview.cursorRect(found).center()
    with qtbot.waitSignal(editor.preview.anchorClicked, timeout=5000) as clicked:
        qtbot.mouseClick(editor.preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert clicked.args[0].toString() == f"ex:{s.excerpt}"
    ex = window.nb.excerpts.get(s.excerpt)
    assert features.centre.currentWidget() is window.viewer
    assert window.viewer.doc.key == s.document
    assert window.viewer.page == ex.page_start == 2
    assert window.viewer.current_excerpt == s.excerpt
    cursor = window.viewer.text.textCursor().position()
    assert cursor == ex.char_start
    # The excerpt list loads in the background; the excerpt is selected once it has.
    qtbot.waitUntil(lambda: window.excerpts.current is not None, timeout=10000)
    assert window.excerpts.current.key == s.excerpt


def test_an_inflected_russian_search_opens_its_hit_on_the_right_page_with_words_marked(
        qtbot, app):
    window, features, s, _book = app
    window.acts.find.trigger()
    assert window.inspector.currentWidget() is features.search
    type_text(features.search.field, "учительницей")
    qtbot.waitUntil(lambda: features.search.shown_text == "учительницей", timeout=10000)
    page_items = [i for i in features.search.result_items()
                  if i.data(0, 0x0100)["kind"] == "page"]
    assert len(page_items) == 1 and features.search.hits[0]["kind"] == "page"
    qtbot.keyClick(features.search.field, Qt.Key.Key_Return)     # Enter opens the top hit
    assert window.viewer.doc.key == s.document
    assert window.viewer.page == 2
    marked = [sel.cursor.selectedText() for sel in window.viewer.text.extraSelections()]
    assert "учительницу" in marked
    text = window.viewer.text.toPlainText()
    assert window.viewer.text.textCursor().position() == text.index("учительницу")


def test_bibtex_export_of_the_sources_cited_in_a_note_through_the_file_menu(qtbot, app,
                                                                           tmp_path):
    window, features, s, book = app
    editor = write_linked_note(qtbot, window, features, "Cited")
    type_text(editor.editor, f" and [@{book.citekey}, p. 3].")
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save_now()
    settle(qtbot, window)
    dialog = features.open_export()
    assert dialog.scope == "cited"
    assert dialog.note_combo.currentData() == editor.key
    target = tmp_path / "cited.bib"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    keys = {e.key for e in bibtexparser.parse_string(target.read_text("utf-8")).entries}
    assert keys == {s.citekey, book.citekey}
    dialog.close()


def test_undo_of_an_excerpt_deletion_finds_it_back_with_its_tags(qtbot, app):
    window, features, s, _book = app
    window.open_document(s.document, 2)
    assert window.excerpts.select(s.excerpt)
    qtbot.waitUntil(lambda: window.excerpts.current is not None, timeout=10000)
    window.acts.delete_excerpt.trigger()
    settle(qtbot, window)
    assert s.excerpt not in [e.key for e in window.nb.excerpts.all()]
    qtbot.waitUntil(lambda: window.excerpts.model.rowCount() == 0, timeout=10000)
    trash = features.open_trash()
    assert any("показывал английский журнал" in label for label in features.trash.view.labels())
    trash.close()
    features.undo.undo_action.trigger()
    settle(qtbot, window)
    back = window.nb.excerpts.get(s.excerpt)
    assert sorted(back.tags) == ["people/instructor", "theme/famine"]
    qtbot.waitUntil(lambda: window.excerpts.model.rowCount() == 1, timeout=10000)
    assert "theme/famine" in [t.name for t in window.nb.tags.all() if t.count]


def test_source_form_edits_are_undone_with_ctrl_z(qtbot, app):
    window, features, s, _book = app
    idx = window.sidebar.library.find("source", s.source)
    window.sidebar.library_view.setCurrentIndex(idx)
    field = window.source_form.fields["title"]
    field.setText("Letters to her brother Mitya")
    window.source_form._field_left("title")
    settle(qtbot, window)
    assert window.nb.sources.get(s.source).title == "Letters to her brother Mitya"
    assert features.undo.stack.count() == 1
    features.undo.undo_action.trigger()
    settle(qtbot, window)
    assert window.nb.sources.get(s.source).title == "Letters to her brother"


def test_every_shortcut_is_listed_in_help_keyboard_shortcuts(qtbot, app):
    _window, features, _s, _book = app
    dialog = features.show_shortcuts()
    rows = dialog.rows()
    keys = {r[1] for r in rows}
    for needed in ("Ctrl+K", "Ctrl+Z", "Ctrl+Shift+Z", "Ctrl+E", "Ctrl+Shift+E",
                   "Ctrl+Shift+N", "Ctrl+/"):
        assert any(needed in k.split(", ") for k in keys), needed
    names = {r[0] for r in rows}
    assert {"Find", "Export", "New Note", "Keyboard Shortcuts"} <= names
    dialog.close()


def test_an_excerpt_made_in_the_dialog_and_a_tag_edit_are_undone(qtbot, app):
    window, features, s, _book = app
    window.open_document(s.document, 2)
    qtbot.waitUntil(lambda: window.excerpts.model.rowCount() == 1, timeout=10000)
    text = window.viewer.text.toPlainText()
    start = text.index("Red Dawn")
    cur = window.viewer.text.textCursor()
    cur.setPosition(start)
    cur.setPosition(start + len("Red Dawn"), QTextCursor.MoveMode.KeepAnchor)
    window.viewer.text.setTextCursor(cur)
    window.excerpt_commands.new_excerpt()
    window.excerpt_commands.dialog.tags.setText("press")
    window.excerpt_commands.dialog.accept()
    settle(qtbot, window)
    made = [e for e in window.nb.excerpts.all(document=s.document) if e.key != s.excerpt]
    assert [e.quote for e in made] == ["Red Dawn"]
    assert features.undo.stack.undoText() == "New excerpt"
    # Retag the seeded excerpt in the excerpt form, then take both changes back.
    assert window.excerpts.select(s.excerpt)
    qtbot.waitUntil(lambda: window.excerpts.current is not None
                    and window.excerpts.current.key == s.excerpt, timeout=10000)
    window.excerpts.tags.setText("theme/famine")
    window.excerpts._save_tags()
    settle(qtbot, window)
    assert window.nb.excerpts.get(s.excerpt).tags == ["theme/famine"]
    features.undo.undo_action.trigger()
    settle(qtbot, window)
    assert sorted(window.nb.excerpts.get(s.excerpt).tags) == ["people/instructor",
                                                            "theme/famine"]
    features.undo.undo_action.trigger()
    settle(qtbot, window)
    assert [e.key for e in window.nb.excerpts.all(document=s.document)] == [s.excerpt]


def test_no_two_actions_share_a_shortcut(app):
    window, _same, _s, _book = app
    from PySide6.QtGui import QAction
    seen: dict[str, str] = {}
    clashes = []
    for action in {id(a): a for a in window.findChildren(QAction)}.values():
        for key in action.shortcuts():
            text = key.toString()
            if not text:
                continue
            if text in seen and seen[text] != action.text():
                clashes.append((text, seen[text], action.text()))
            seen[text] = action.text()
    assert clashes == []
