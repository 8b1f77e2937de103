"""An encrypted PDF in the viewer: its password is asked (masked) when the document is
opened, kept in memory for the session, and its pages are then drawn. A wrong password is
said to be wrong; Cancel leaves a clear message with a way to try again."""

from __future__ import annotations

from fixtures import texts
from PySide6.QtWidgets import QInputDialog, QLineEdit
from support import import_through_ui, open_window, settle
from viewer_host import rendered, shown_viewer


def _dialog(qtbot, viewer) -> QInputDialog:
    qtbot.waitUntil(lambda: viewer.passwords.dialog is not None
                    and viewer.passwords.dialog.isVisible())
    dialog = viewer.passwords.dialog
    assert dialog.objectName() == "pdfPasswordDialog"
    assert dialog.textEchoMode() == QLineEdit.EchoMode.Password
    return dialog


def _answer(qtbot, viewer, password: str) -> QInputDialog:
    dialog = _dialog(qtbot, viewer)
    dialog.setTextValue(password)
    dialog.accept()
    return dialog


def _dark_and_white(viewer) -> tuple[int, int]:
    image = viewer.view.viewport().grab().toImage()
    values = [image.pixelColor(x, y).lightness() for y in range(0, image.height(), 3)
              for x in range(0, image.width(), 3)]
    return sum(v < 100 for v in values), sum(v > 245 for v in values)


def test_an_encrypted_pdf_asks_its_password_then_shows_its_page(qtbot, nb, tmp_path,
                                                                 fixture_file):
    nb.documents.import_files([fixture_file("encrypted-aes.pdf")],
                              password=texts.ENCRYPTED_PASSWORD)
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    locked_doc, other = (d.key for d in sorted(nb.documents.all(),
                                               key=lambda d: d.filename))
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(locked_doc)
        assert viewer.left.currentWidget() is viewer.locked      # nothing drawn yet
        assert "ПРОТОКОЛ" in viewer.text.toPlainText(), "the text is there meanwhile"

        _answer(qtbot, viewer, "not the password")
        again = _dialog(qtbot, viewer)                           # asked again, saying why
        assert "wrong" in again.labelText()
        _answer(qtbot, viewer, texts.ENCRYPTED_PASSWORD)
        rendered(qtbot, viewer)
        assert viewer.left.currentWidget() is viewer.view
        dark, white = _dark_and_white(viewer)
        assert white > 1000 and dark > 20, "a white page with its text drawn"

        # Kept for the session: another document and back, no question asked.
        viewer.open_document(other)
        rendered(qtbot, viewer)
        viewer.open_document(locked_doc, 2)
        rendered(qtbot, viewer)
        assert viewer.passwords.dialog is None or not viewer.passwords.dialog.isVisible()
    # ... and only in memory: not in the notebook's files.
    for path in nb.path.parent.rglob("*"):
        if path.is_file():
            assert texts.ENCRYPTED_PASSWORD.encode() not in path.read_bytes(), path


def test_cancel_leaves_a_message_and_a_button_to_try_again(qtbot, nb, fixture_file):
    nb.documents.import_files([fixture_file("encrypted-aes.pdf")],
                              password=texts.ENCRYPTED_PASSWORD)
    doc = nb.documents.all()[0].key
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(doc)
        _dialog(qtbot, viewer).reject()
        assert viewer.left.currentWidget() is viewer.locked
        assert viewer.locked.isVisible() and not viewer.view.has_image()
        assert "locked" in viewer.locked.message.text()
        viewer.show_page(2)                          # turning pages does not nag
        qtbot.wait(50)
        assert viewer.passwords.dialog is None or not viewer.passwords.dialog.isVisible()
        viewer.locked.button.click()                 # Open with Password…
        _answer(qtbot, viewer, texts.ENCRYPTED_PASSWORD)
        rendered(qtbot, viewer)
        assert viewer.page == 2 and viewer.left.currentWidget() is viewer.view


def test_the_password_given_at_import_shows_the_pages_without_asking_again(qtbot, nb,
                                                                           tmp_path,
                                                                           fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [fixture_file("encrypted-aes.pdf")])
    asked = window.importer.dialog
    assert asked is not None and asked.objectName() == "passwordDialog"
    asked.setTextValue(texts.ENCRYPTED_PASSWORD)
    asked.accept()
    settle(qtbot, window)
    viewer = window.viewer
    assert viewer.doc is not None
    rendered(qtbot, viewer)
    assert viewer.left.currentWidget() is viewer.view
    assert viewer.passwords.dialog is None
