"""An unexpected exception in the app goes to the log file and to the error box, from which
the traceback can be copied and the log folder opened."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication

from researchnb.logs import setup_logging, shutdown_logging
from researchnb.ui.error_box import ErrorBox
from researchnb.ui.error_handling import install_error_handling
from researchnb.ui.ops import show_error


@pytest.fixture
def app_logging(tmp_path, monkeypatch):
    """The app's logging and excepthooks as the launcher installs them, undone afterwards."""
    monkeypatch.setenv("RESEARCHNB_LOG_DIR", str(tmp_path / "logs"))
    path = setup_logging()
    undo = install_error_handling()
    yield path
    undo()
    shutdown_logging()
    # The boxes delete themselves when closed (so qtbot.addWidget cannot own them).
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ErrorBox) and widget.isVisible():
            widget.close()


def _error_box(qtbot) -> ErrorBox:
    def shown() -> ErrorBox | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, ErrorBox) and w.isVisible()), None)
    qtbot.waitUntil(lambda: shown() is not None, timeout=5000)
    box = shown()
    assert box is not None
    return box


# pytest-qt would otherwise take the exception itself and fail the test: here the app's own
# excepthook must see it.
@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_logged_and_shown_with_copy_details(qtbot, app_logging,
                                                                       monkeypatch):
    def count_folios() -> None:
        raise ValueError("the folio count of delo 312 went negative")

    QTimer.singleShot(0, count_folios)
    box = _error_box(qtbot)

    logged = app_logging.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "in count_folios" in logged
    assert "ValueError: the folio count of delo 312 went negative" in logged
    assert "the folio count of delo 312 went negative" in box.summary.text()
    assert str(app_logging) in box.message.text()

    assert box.copy_button.text() == "Copy details"
    box.copy_button.click()
    copied = QApplication.clipboard().text()
    assert "in count_folios" in copied
    assert "ValueError: the folio count of delo 312 went negative" in copied

    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    box.open_button.click()
    assert [u.toLocalFile() for u in opened] == [str(app_logging.parent)]
    box.close()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_another_thread_is_shown_on_the_gui_thread(qtbot, app_logging):
    def ocr_worker() -> None:
        raise RuntimeError("tesseract returned garbage")

    worker = threading.Thread(target=ocr_worker, name="ocr-worker")
    worker.start()
    worker.join()
    box = _error_box(qtbot)
    assert "RuntimeError: tesseract returned garbage" in box.details
    logged = app_logging.read_text(encoding="utf-8")
    assert "Unexpected error in ocr-worker" in logged and "in ocr_worker" in logged
    box.close()


@pytest.mark.qt_no_exception_capture
def test_a_second_error_joins_the_open_box(qtbot, app_logging):
    def first() -> None:
        raise KeyError("first")

    def second() -> None:
        raise KeyError("second")

    QTimer.singleShot(0, first)
    box = _error_box(qtbot)
    QTimer.singleShot(0, second)
    qtbot.waitUntil(lambda: "second" in box.details)
    assert "first" in box.details
    assert [w for w in QApplication.topLevelWidgets()
            if isinstance(w, ErrorBox) and w.isVisible()] == [box]
    box.close()


def test_a_bug_in_background_work_opens_the_error_box_not_a_plain_message(qtbot, app_logging):
    try:
        {}["missing"]
    except KeyError as exc:
        box = show_error(None, exc)
    assert isinstance(box, ErrorBox) and box.isVisible()
    assert "KeyError: 'missing'" in box.details
    box.close()


def test_qt_warnings_go_to_the_log(qtbot, app_logging):
    from PySide6.QtCore import qWarning

    qWarning("a Qt warning about a missing font")
    assert "a Qt warning about a missing font" in app_logging.read_text(encoding="utf-8")
