"""The window's menus and small dialogs: one case convention, Delete Note away from New Note
and asking first, a Trash with Close, Undo/Redo keys listed once, a Library click that shows
the document behind the Note tab, file dialogs that start in Documents and offer references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from support import OFFSCREEN_NOISE, open_window, seed_letters

from researchnb.ui import file_dialogs
from researchnb.ui.help.shortcuts_dialog import collect_shortcuts

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

# Words that stay lower case inside a title-case menu item.
_SMALL = {"a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "by", "for", "from",
          "with", "as", "into"}


def _menu_items(menu: QMenu, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], QAction]]:
    out = []
    for act in menu.actions():
        if act.isSeparator():
            continue
        where = (*path, menu.title().replace("&", ""))
        out.append((where, act))
        if act.menu() is not None:
            out.extend(_menu_items(act.menu(), where))
    return out


def _not_title_case(text: str) -> list[str]:
    words = re.findall(r"[^\s]+", text.replace("&", "").rstrip("…"))
    bad = []
    for n, word in enumerate(words):
        letters = word.lstrip("(“\"'")
        if not letters or not letters[0].isalpha() or letters == "researchnb":
            continue
        if n > 0 and letters.lower() in _SMALL:
            continue
        if letters[0].islower():
            bad.append(word)
    return bad


def test_every_menu_item_is_in_title_case(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    items = []
    for top in window.menuBar().actions():
        assert not _not_title_case(top.text()), top.text()
        items.extend(_menu_items(top.menu()))
    assert len(items) > 30
    offenders = []
    for where, act in items:
        if "Copy Citation" in where:        # the names of citation styles, as published
            continue
        if act in (window.undo.undo_action, window.undo.redo_action):
            continue                        # "Undo " + what the last change was
        if _not_title_case(act.text()):
            offenders.append(" › ".join((*where, act.text())))
    assert offenders == []
    # The check can fail: a sentence-case item is caught.
    assert _not_title_case("Mark a region of the image") == ["region", "image"]


def test_undo_and_redo_list_each_key_once(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    rows = {name: keys for name, keys, _where in collect_shortcuts(window)}
    assert rows["Redo"] == "Ctrl+Shift+Z, Ctrl+Y"
    assert rows["Undo"] == "Ctrl+Z"
    for name, keys in rows.items():
        parts = [k.strip() for k in keys.split(",")]
        assert len(parts) == len(set(parts)), (name, keys)
        assert name not in parts, (name, keys)        # not "Redo: Ctrl+Shift+Z, Redo"


def test_delete_note_is_apart_from_new_note_and_asks_first(qtbot, nb, tmp_path):
    note = nb.notes.add("Plan of chapter 2", "Famine, then the cell.").value
    window = open_window(qtbot, nb, tmp_path)
    notes_menu = next(a.menu() for a in window.menuBar().actions()
                      if a.text().replace("&", "") == "Notes")
    entries = notes_menu.actions()
    new_at = entries.index(window.acts.new_note)
    delete_at = entries.index(window.acts.delete_note)
    assert delete_at - new_at >= 2 and any(a.isSeparator() for a in entries[new_at:delete_at])
    assert window.acts.delete_note.text().endswith("…")

    window.nav.open_note(note.key)
    box = window.delete_note()
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "Plan of chapter 2" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert [n.key for n in nb.notes.all()] == [note.key]        # nothing deleted

    box = window.delete_note()
    box.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: not nb.notes.all())
    assert window.centre.currentWidget() is window.viewer
    window.undo.undo_action.trigger()                            # Undo stays
    qtbot.waitUntil(lambda: [n.key for n in nb.notes.all()] == [note.key])


def test_the_trash_window_has_a_close_button(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    trash = window.open_trash()
    assert trash.isVisible()
    assert trash.close_button.text().replace("&", "") == "Close"
    trash.close_button.click()
    qtbot.waitUntil(lambda: not trash.isVisible())


def test_clicking_the_open_document_in_the_library_leaves_the_note_tab(qtbot, nb, tmp_path,
                                                                       fixture_file):
    seeded = seed_letters(nb, fixture_file)
    note = nb.notes.add("Reading notes", "").value
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(seeded.document)
    window.nav.open_note(note.key)
    assert window.centre.currentWidget() is window.editor
    view = window.sidebar.library_view
    idx = window.sidebar.library.find("document", seeded.document)
    assert idx.isValid() and view.currentIndex() == idx     # the open document is current
    view.scrollTo(idx)
    rect = view.visualRect(idx)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.centre.currentWidget() is window.viewer
    assert window.viewer.doc is not None and window.viewer.doc.key == seeded.document

    # And a click on it after another row was current (the ordinary case) still works.
    window.nav.open_note(note.key)
    view.selectionModel().setCurrentIndex(window.sidebar.library.index(0, 0),
                                          QItemSelectionModel.SelectionFlag.NoUpdate)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.centre.currentWidget() is window.viewer


def test_file_dialogs_start_in_documents_then_where_the_user_was(qtbot, nb, tmp_path,
                                                                 monkeypatch):
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(home / "Documents"))
    monkeypatch.chdir(tmp_path)                       # the working directory: not offered
    window = open_window(qtbot, nb, tmp_path)
    expected = file_dialogs.documents_folder()
    assert expected != Path.cwd()

    window.importer.choose_files()
    dialog = window.findChild(QFileDialog, "importFilesDialog")
    assert dialog is not None
    assert Path(dialog.directory().absolutePath()) == expected
    filters = " ".join(dialog.nameFilters())
    for pattern in ("*.pdf", "*.jpg", "*.tif", "*.txt", "*.md", "*.bib", "*.json"):
        assert pattern in filters
    assert "*.bib" in dialog.nameFilters()[0]         # in the "everything" filter too
    archive = tmp_path / "archive"
    archive.mkdir()
    letter = archive / "letter.txt"
    letter.write_text("Письмо.", encoding="utf-8")
    dialog.filesSelected.emit([str(letter)])
    dialog.reject()
    QApplication.processEvents()
    importing = window.importer.dialog
    if importing is not None:
        importing.reject()

    window.importer.choose_files()
    again = [d for d in window.findChildren(QFileDialog, "importFilesDialog") if d.isVisible()]
    assert again and Path(again[-1].directory().absolutePath()) == archive.resolve()
    again[-1].reject()
