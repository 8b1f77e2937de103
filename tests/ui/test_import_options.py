"""The import dialog's answers stay consistent and describe a delo as an archive cites it;
OCR languages are the installed ones, by name, remembered per notebook; Cancel during OCR
says "Cancelling…" at once, kills tesseract and leaves no empty new source; the failure
list shows each reason in full."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from fixtures import fake_tesseract
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from support import activate, import_through_ui, open_window, settle

from researchnb.ui.importing.failures import FailuresDialog
from researchnb.ui.importing.import_dialog import ImportDialog
from researchnb.ui.importing.languages import OcrLanguagesDialog, initial_choice


def _photos(fixture_file) -> list[Path]:
    return [fixture_file("typed.png"), fixture_file("binarized.png")]


def test_photos_are_one_document_only_when_they_share_a_source(qtbot, fixture_file):
    photos = _photos(fixture_file)
    dialog = ImportDialog(photos, photos, [])
    qtbot.addWidget(dialog)
    # All photos: one new delo, its pages these photos, is what is offered first.
    assert dialog.one_new.isChecked() and dialog.photos_one.isChecked()
    assert dialog.new_title.text() == "incoming"          # the folder they came from
    dialog.each_own.setChecked(True)
    assert not dialog.photos_one.isEnabled() and not dialog.photos_one.isChecked()
    assert not dialog.plan().one_document
    dialog.one_new.setChecked(True)
    assert dialog.photos_one.isEnabled() and dialog.photos_one.isChecked()
    assert dialog.plan().one_document


def test_a_pdf_with_photos_starts_with_each_file_its_own_source(qtbot, fixture_file):
    files = [fixture_file("report-1923.pdf"), *_photos(fixture_file)]
    dialog = ImportDialog(files, files, [])
    qtbot.addWidget(dialog)
    assert dialog.each_own.isChecked()
    assert not dialog.photos_one.isChecked() and not dialog.photos_one.isEnabled()
    assert not dialog.delo.isEnabled()
    dialog.one_new.setChecked(True)
    assert dialog.delo.isEnabled() and not dialog.ok.isEnabled()    # nothing describes it yet
    dialog.fond.setText("17")
    assert dialog.ok.isEnabled()


def test_a_new_delo_is_made_with_its_archive_fond_opis_and_delo(qtbot, nb, tmp_path,
                                                               fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    dialog = window.importer.ask(_photos(fixture_file))
    dialog.archive.setText("RGASPI")
    dialog.fond.setText("17")
    dialog.opis.setText("3")
    dialog.delo_no.setText("45")
    dialog.new_title.setText("Protocols of the Politburo, 1922")
    dialog.ok.click()
    settle(qtbot, window)
    activate(qtbot, window)
    [doc] = nb.documents.all()
    src = nb.sources.get(doc.source_key)
    assert (src.kind, src.title, src.archive, src.fond, src.opis, src.delo) == (
        "archival", "Protocols of the Politburo, 1922", "RGASPI", "17", "3", "45")
    assert doc.page_count == 2


def test_a_delo_given_only_its_shelfmark_is_titled_by_it(qtbot, nb, tmp_path, fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    dialog = window.importer.ask(_photos(fixture_file))
    dialog.new_title.clear()
    dialog.archive.setText("GARF")
    dialog.fond.setText("R-130")
    dialog.delo_no.setText("12")
    dialog.ok.click()
    settle(qtbot, window)
    [src] = nb.sources.all()
    assert src.title == "GARF, f. R-130, d. 12" and src.fond == "R-130" and not src.opis


def test_ocr_languages_are_offered_by_name_and_ticked_from_the_notebook(qtbot, fixture_file):
    photos = _photos(fixture_file)
    dialog = ImportDialog(photos, photos, [], languages=["deu", "eng", "frk", "rus"],
                          chosen_languages=["rus", "eng"])
    qtbot.addWidget(dialog)
    lst = dialog.languages
    names = [lst.item(i).text() for i in range(lst.count())]
    assert names[:2] == ["Russian (rus)", "English (eng)"]
    assert set(names[2:]) == {"German (deu)", "German Fraktur (frk)"}
    assert not lst.isEnabled()                   # until OCR is asked for
    dialog.ocr.setChecked(True)
    assert lst.isEnabled()
    lst.set_chosen([])
    assert not dialog.ok.isEnabled()             # OCR in no language: nothing to import with
    lst.set_chosen(["frk", "deu"])
    assert dialog.plan().ocr_languages == ["deu", "frk"]


def test_default_languages_are_russian_and_english_when_installed():
    assert initial_choice(None, ["deu", "eng", "rus"]) == ["rus", "eng"]
    assert initial_choice(None, ["deu", "eng"]) == ["eng"]
    assert initial_choice(["frk"], ["deu", "eng", "frk", "rus"]) == ["frk"]
    assert initial_choice(["frk"], ["eng", "rus"]) == ["rus", "eng"]   # frk was removed


def test_the_language_menu_saves_the_choice_in_the_notebook(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    window.importer._installed = ["deu", "eng", "frk", "rus"]   # whatever is installed here
    document_menu = next(m for m in window.menuBar().findChildren(QMenu)
                         if m.title().replace("&", "") == "Document")
    assert window.importer.languages_action in document_menu.actions()
    window.importer.languages_action.trigger()             # Document › OCR Languages…
    dialog = window.importer.dialog
    assert isinstance(dialog, OcrLanguagesDialog) and dialog.isVisible()
    assert dialog.chosen() == ["rus", "eng"]                # nothing chosen yet: the default
    dialog.list.set_chosen(["deu", "frk"])
    dialog.accept()
    settle(qtbot, window)
    assert nb.settings.ocr_languages == ["deu", "frk"]
    again = window.importer.ask([tmp_path / "settings.ini"])
    assert again.languages.chosen() == ["deu", "frk"]
    again.reject()


@pytest.mark.skipif(os.name != "posix", reason="the stand-in tesseract is a #! script")
def test_cancel_during_ocr_kills_tesseract_and_leaves_no_empty_delo(qtbot, nb, tmp_path,
                                                                   fixture_file, monkeypatch):
    folder = tmp_path / "bin"
    fake_tesseract.install(folder, seconds=120)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    window = open_window(qtbot, nb, tmp_path)
    dialog = window.importer.ask(_photos(fixture_file))
    dialog.new_title.setText("Delo 7")
    dialog.ocr.setChecked(True)
    dialog.ok.click()
    qtbot.waitUntil(lambda: bool(fake_tesseract.started(folder)), timeout=60000)
    qtbot.waitUntil(window.progress.isVisible, timeout=5000)
    window.progress.cancel.click()
    assert window.progress.label.text() == "Cancelling…"
    settle(qtbot, window, timeout=60000)     # a page waited for would take 120 s
    assert not any(fake_tesseract.alive(pid) for pid in fake_tesseract.started(folder))
    assert nb.documents.all() == [] and nb.sources.all() == []
    assert "stopped" in window.statusBar().currentMessage()
    assert nb.check()["ok"]


def test_the_failure_list_shows_every_reason_whole_and_copies_it(qtbot):
    reason = ("scan-0001.tif is not a readable image (damaged or of a kind researchnb "
              "cannot read): cannot identify image file; the rest of this sentence is long "
              "enough that a one-line list would have cut it off with an ellipsis.")
    failures = [("/home/anna/scans/scan-0001.tif", reason),
                ("/home/anna/scans/empty.tif", "empty.tif is empty (0 bytes).")]
    dialog = FailuresDialog(failures, 0)
    qtbot.addWidget(dialog)
    dialog.resize(420, 300)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = dialog.list.toPlainText()
    assert reason in shown and "empty.tif is empty (0 bytes)." in shown
    assert "/home/anna/scans" in shown
    # Wrapped to the width, never a sideways scroll; the text can be selected.
    assert dialog.list.horizontalScrollBar().maximum() == 0
    assert dialog.list.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    dialog.copy.click()
    copied = QApplication.clipboard().text()
    assert reason in copied and "/home/anna/scans/empty.tif" in copied


def test_an_empty_tiff_is_called_empty(qtbot, nb, tmp_path):
    empty = tmp_path / "incoming" / "folio-3.tif"
    empty.parent.mkdir()
    empty.write_bytes(b"")
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [empty])
    dialog = window.importer.dialog
    assert isinstance(dialog, FailuresDialog)
    [(name, reason)] = dialog.rows()
    assert name == "folio-3.tif" and "is empty (0 bytes)" in reason
    assert "not a readable image" not in reason
