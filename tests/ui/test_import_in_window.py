"""Import through the window: progress without freezing, photos as one document, and bad input
(zero-byte file, wrong password, a folder of unreadable files) ending in one clear dialog."""

from __future__ import annotations

import shutil
import warnings

import pytest
from fixtures import texts
from fixtures.pdfmaker import repeat_pages
from PySide6.QtCore import QElapsedTimer, QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from support import activate, import_through_ui, open_window, settle

from researchnb.ui.importing.controller import FailuresDialog


def _failures(window) -> list[tuple[str, str]]:
    dialog = window.importer.dialog
    assert isinstance(dialog, FailuresDialog) and dialog.isVisible()
    return dialog.rows()


def test_150_page_pdf_imports_while_the_window_keeps_answering(qtbot, nb, tmp_path,
                                                               fixtures_dir):
    pdf = repeat_pages(fixtures_dir / "report-1923.pdf", tmp_path / "long-delo.pdf", 150)
    window = open_window(qtbot, nb, tmp_path)
    beats: list[float] = []
    clock = QElapsedTimer()
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: (beats.append(clock.restart())))
    clock.start()
    heartbeat.start()
    seen_progress: list[bool] = []
    watcher = QTimer()
    watcher.setInterval(5)
    watcher.timeout.connect(lambda: seen_progress.append(window.progress.isVisible()))
    watcher.start()
    import_through_ui(qtbot, window, [pdf])
    heartbeat.stop()
    watcher.stop()
    assert len(nb.documents.all()) == 1
    assert window.viewer.doc is not None and len(window.viewer.doc.pages) == 150
    # The event loop kept running while the import worked (how many beats depends on the
    # machine's speed; the longest gap is what scripts/bench/ui_stall.py measures).
    assert beats, "the event loop kept running during the import"
    # the window answers: paging forward works at once
    window.viewer.next_action.trigger()
    assert window.viewer.page == 2
    assert not window.progress.isVisible()


def test_zero_byte_pdf_is_reported_in_one_dialog_and_nothing_changes(qtbot, nb, tmp_path,
                                                                     fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [fixture_file("empty.pdf")])
    rows = _failures(window)
    assert [name for name, _ in rows] == ["empty.pdf"]
    assert rows[0][1] and "Traceback" not in rows[0][1]
    assert nb.documents.all() == []
    assert nb.check()["ok"]


def test_encrypted_pdf_asks_for_the_password_and_a_wrong_one_is_explained(qtbot, nb,
                                                                          tmp_path,
                                                                          fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [fixture_file("encrypted.pdf")])
    asked = window.importer.dialog
    assert asked is not None and asked.objectName() == "passwordDialog"
    assert asked.textEchoMode() == QLineEdit.EchoMode.Password
    asked.setTextValue("not-the-password")
    asked.accept()
    settle(qtbot, window)
    rows = _failures(window)
    assert len(rows) == 1 and "password" in rows[0][1].lower()
    assert nb.documents.all() == []
    window.importer.dialog.close()
    assert nb.check()["ok"]


def test_encrypted_pdf_imports_with_the_right_password(qtbot, nb, tmp_path, fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [fixture_file("encrypted.pdf")])
    asked = window.importer.dialog
    assert asked is not None and asked.objectName() == "passwordDialog"
    asked.setTextValue(texts.ENCRYPTED_PASSWORD)
    asked.accept()
    settle(qtbot, window)
    assert len(nb.documents.all()) == 1
    assert window.viewer.doc is not None
    assert "list of the committee's storekeepers" in window.viewer.text.toPlainText()


def test_folder_of_500_unreadable_files_gives_one_dialog_listing_them(qtbot, nb, tmp_path,
                                                                     fixture_file):
    folder = tmp_path / "bad-folder"
    folder.mkdir()
    junk = fixture_file("garbage.pdf")
    for n in range(500):
        shutil.copyfile(junk, folder / f"scan-{n:03}.pdf")
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [folder])
    rows = _failures(window)
    assert len(rows) == 500
    assert all(reason and "Traceback" not in reason for _, reason in rows)
    assert "500 files could not be imported" in window.importer.dialog.heading.text()
    assert nb.documents.all() == []
    assert nb.check()["ok"]


def test_photos_become_pages_of_one_document_under_a_new_delo(qtbot, nb, tmp_path,
                                                               fixture_file):
    a = fixture_file("typed.png")
    b = fixture_file("binarized.png")
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [a, b], new_source="Delo 312, photographs",
                      photos_one=True)
    docs = nb.documents.all()
    assert len(docs) == 1 and docs[0].page_count == 2
    src = nb.sources.get(docs[0].source_key)
    assert src.title == "Delo 312, photographs" and src.kind == "archival"
    assert window.viewer.view.has_image()


def test_files_dropped_on_the_window_open_the_import_dialog(qtbot, nb, tmp_path,
                                                             fixture_file):
    pdf = fixture_file("report-1923.pdf")
    window = open_window(qtbot, nb, tmp_path)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(pdf))])
    where = window.viewer.mapTo(window, window.viewer.rect().center())
    with warnings.catch_warnings():
        # PySide6 6.12 marks the only QDragEnterEvent constructor deprecated (no successor).
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, data,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)      # Qt delivers a drop only after an enter
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    dialog = window.importer.dialog
    assert dialog is not None and dialog.objectName() == "importDialog"
    assert dialog.paths == [pdf]
    dialog.ok.click()
    settle(qtbot, window)
    activate(qtbot, window)
    assert len(nb.documents.all()) == 1


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_cancel_in_the_status_bar_stops_an_import_and_keeps_what_was_finished(
        qtbot, nb, tmp_path, fixture_file):
    folder = tmp_path / "photos"
    folder.mkdir()
    typed = fixture_file("typed.png")
    for n in range(4):
        shutil.copyfile(typed, folder / f"page-{n}.png")
        (folder / f"page-{n}.png").write_bytes((folder / f"page-{n}.png").read_bytes()
                                               + bytes([n]))      # four different files
    window = open_window(qtbot, nb, tmp_path)
    dialog = window.importer.ask([folder])
    dialog.photos_one.setChecked(False)
    dialog.ocr.setChecked(True)
    dialog.ok.click()
    qtbot.waitUntil(lambda: window.progress.isVisible() and window.progress.bar.value() >= 1,
                    timeout=60000)
    window.progress.cancel.click()
    settle(qtbot, window, timeout=120000)
    assert len(nb.documents.all()) < 4
    assert "stopped" in window.statusBar().currentMessage()
    assert nb.check()["ok"]
