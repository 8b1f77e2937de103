"""The window refreshes from what each write says it changed (its `Changes`), and one rule
holds in the app as on the command line: excerpt locators follow page labels, autosaves
redraw no tree, deleted sources go to the Trash and come back from it.

Every notebook here is made by the test itself (a plain text file); nothing is read from
../shared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QTextCursor
from support import OFFSCREEN_NOISE, open_window, settle, type_text

from researchnb.domain import Source
from researchnb.notebook import Notebook
from researchnb.ui.ops import Op

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

MINUTES = ("Протокол № 14 заседания бюро ячейки ВКП(б) фабрики «Красный ткач».\n"
           "Слушали: о заработной плате работниц прядильного цеха.\n"
           "Постановили: просить фабзавком пересмотреть расценки.\n")


def archival_delo(nb: Notebook, folder: Path) -> tuple[str, str]:
    """A one-page delo of an archival source, its page labelled as the verso of leaf 12.
    Returns (source key, document key)."""
    path = folder / "protokol-14.txt"
    path.write_text(MINUTES, encoding="utf-8")
    doc = nb.documents.import_files([path]).value.imported[0].document
    assert doc is not None
    src = nb.documents.get(doc).source_key
    assert src is not None
    nb.sources.edit(src, {"kind": "archival", "title": "Протоколы бюро ячейки, 1922",
                          "archive_abbr": "ЦГАМО", "fond": "415", "opis": "1", "delo": "312"})
    nb.pages.set_labels(doc, {1: "12 ob."})
    return src, doc


def count_resets(*models: QAbstractItemModel) -> dict[str, int]:
    """How often each model is reset from now on (by its object name or class)."""
    counts: dict[str, int] = {}
    for model in models:
        name = type(model).__name__
        counts[name] = 0
        model.modelAboutToBeReset.connect(lambda n=name: counts.__setitem__(n, counts[n] + 1))
    return counts


def sidebar_models(window) -> tuple[QAbstractItemModel, ...]:
    sb = window.sidebar
    return sb.library, sb.tags, sb.notes, sb.recent


def cli(nb_path: Path, *args: str) -> dict:
    """Run the command line on the notebook, in its own process, and read its JSON."""
    env = dict(os.environ, RESEARCHNB_NOTEBOOK=str(nb_path))
    done = subprocess.run([sys.executable, "-m", "researchnb", *args, "--json"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_an_excerpt_made_in_the_app_follows_the_relabelled_folio_like_one_made_on_the_cli(
        qtbot, nb, tmp_path):
    _src, doc = archival_delo(nb, tmp_path)
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)

    # Select words in the text pane, Ctrl+E, OK.
    text = window.viewer.text.toPlainText()
    start = text.index("о заработной плате")
    cur = window.viewer.text.textCursor()
    cur.setPosition(start)
    cur.setPosition(start + len("о заработной плате работниц"), QTextCursor.MoveMode.KeepAnchor)
    window.viewer.text.setTextCursor(cur)
    window.viewer.text.setFocus()
    qtbot.keyClick(window.viewer.text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.excerpt_commands.dialog is not None
                    and window.excerpt_commands.dialog.isVisible())
    dialog = window.excerpt_commands.dialog
    assert dialog.locator.placeholderText() == "l. 12 ob."
    dialog.accept()
    settle(qtbot, window)

    [ex] = nb.excerpts.all(document=doc)
    assert ex.quote == "о заработной плате работниц"
    assert ex.locator == "l. 12 ob."
    qtbot.waitUntil(lambda: window.excerpts.current is not None
                    and window.excerpts.current.key == ex.key, timeout=10000)
    model = window.excerpts.model
    assert model.data(model.index(model.row_of(ex.key), 1)) == "l. 12 ob."

    # The archivist's foliation was wrong: the page is leaf 45. Relabelled with the same
    # Notebook method the CLI's `pages label` calls, on the app's writer thread.
    Op(window, lambda w: w.pages.set_labels(doc, {1: "45"})).run()
    settle(qtbot, window)

    # In the app: the excerpt list, the excerpt form and the folio box follow.
    qtbot.waitUntil(lambda: model.data(model.index(model.row_of(ex.key), 1)) == "l. 45",
                    timeout=10000)
    assert window.excerpts.locator.text() == "l. 45"
    assert window.viewer.folio.itemText(0) == "l. 45"
    # On the command line: the same locator. (Its `excerpts show` opens the notebook for
    # writing, which the app holds while open: it runs once the window is closed.)
    window.close()
    nb.close()
    shown = cli(nb.path, "excerpts", "show", ex.key)
    assert shown["locator"] == "l. 45"


def test_a_note_autosave_resets_no_tree_and_retitles_only_its_row(qtbot, nb, tmp_path):
    archival_delo(nb, tmp_path)
    note = nb.notes.add("Wages in the spinning shop", "First thoughts.").value
    other = nb.notes.add("Factory committee", "Its chairman.").value
    window = open_window(qtbot, nb, tmp_path)
    window.nav.open_note(note.key)
    resets = count_resets(*sidebar_models(window))

    editor = window.editor
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.title.setFocus()
        qtbot.keyClicks(editor.title, ", 1922")
        editor.editor.setFocus()
        editor.editor.moveCursor(QTextCursor.MoveOperation.End)
        type_text(editor.editor, " The rates were cut twice.")
    settle(qtbot, window)
    assert not editor.has_unsaved_changes

    assert resets == {"LibraryModel": 0, "TagModel": 0, "NotesModel": 0,
                      "RecentImportsModel": 0}
    notes = window.sidebar.notes
    titles = {notes.node(notes.index(r, 0)).key: notes.data(notes.index(r, 0))
              for r in range(notes.rowCount())}
    assert titles[note.key] == "Wages in the spinning shop, 1922"
    assert titles[other.key] == "Factory committee"
    assert nb.notes.get(note.key).body == "First thoughts. The rates were cut twice."
    window.close()


def test_a_new_tag_on_an_excerpt_updates_the_tag_tree_alone(qtbot, nb, tmp_path):
    _src, doc = archival_delo(nb, tmp_path)
    ex = nb.excerpts.add(doc, 1, quote="о заработной плате", tags=["theme/wages"]).value
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)
    assert window.excerpts.select(ex.key)
    qtbot.waitUntil(lambda: window.excerpts.current is not None, timeout=10000)
    tags = window.sidebar.tags
    library_rows = [n.label for n in window.sidebar.library.root_walk()]
    resets = count_resets(*sidebar_models(window))
    library_changes: list[int] = []
    window.sidebar.library.dataChanged.connect(lambda *_: library_changes.append(1))

    window.excerpts.tags.setText("theme/wages, person/Kuleshova")
    window.excerpts.tags.editingFinished.emit()
    settle(qtbot, window)

    assert sorted(nb.excerpts.get(ex.key).tags) == ["person/Kuleshova", "theme/wages"]
    assert "person/Kuleshova" in [n.key for n in tags.root_walk()]
    assert resets["LibraryModel"] == 0 and library_changes == []
    assert resets["NotesModel"] == 0 and resets["RecentImportsModel"] == 0
    assert [n.label for n in window.sidebar.library.root_walk()] == library_rows
    # and the change is on the undo stack, like every form edit
    assert window.undo.stack.undoText().startswith("Edit tags")
    window.close()


def test_a_deleted_source_is_in_view_trash_and_restore_brings_it_back(qtbot, nb, tmp_path):
    src, _doc = archival_delo(nb, tmp_path)
    book = nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002")).value
    window = open_window(qtbot, nb, tmp_path)
    library = window.sidebar.library
    window.sidebar.library_view.setCurrentIndex(library.find("source", book.key))
    window.acts.delete_source.trigger()
    settle(qtbot, window)
    assert book.key not in {s.key for s in window.nb.sources.all()}
    assert not library.find("source", book.key).isValid()
    assert library.find("source", src).isValid()

    view_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.menu() is not None and a.menu().title().replace("&", "") == "View")
    assert window.acts.trash in view_menu.actions()
    window.acts.trash.trigger()
    trash = window.trash
    assert trash is not None and trash.isVisible()
    assert "Ядерный загар" in trash.view.labels()
    assert trash.view.select("Ядерный загар")
    trash.view.restore_button.click()
    settle(qtbot, window)

    assert book.key in {s.key for s in window.nb.sources.all()}
    qtbot.waitUntil(lambda: library.find("source", book.key).isValid(), timeout=10000)
    assert "Ядерный загар" not in trash.view.labels()
    trash.close()
    window.close()
