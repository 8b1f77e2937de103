"""The background runner (results, errors, Cancel) and OCR of a page (the demo notebook:
test_demo_notebook.py)."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtWidgets import QMessageBox
from support import open_window, settle

from researchnb.domain import InvalidInput, Source
from researchnb.progress import Cancelled
from researchnb.ui.ops import Op


def test_op_runs_on_the_writer_thread_and_calls_back_on_the_gui_thread(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work(wnb):
        seen["worker"] = threading.get_ident()
        assert wnb is nb
        return wnb.sources.add(Source(kind="book", title="Made on the writer thread"))

    with qtbot.waitSignal(window.runner.changed, timeout=5000) as changed:
        Op(window, work).success(
            lambda r: seen.update(callback=threading.get_ident(), result=r)).run()
    settle(qtbot, window)
    assert seen["worker"] != gui and seen["callback"] == gui
    made = seen["result"].value
    assert made.title == "Made on the writer thread"
    # The views are told exactly what the write did: one source created.
    assert changed.args[0].created == {"source": frozenset({made.key})}


def test_a_refused_change_is_shown_in_a_dialog_in_plain_words(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)

    def refuse(_nb):
        raise InvalidInput("'June 1922' is not a date researchnb understands.")

    Op(window, refuse).run()
    settle(qtbot, window)
    box = window.findChild(QMessageBox, "errorDialog")
    assert box is not None and box.isVisible()
    assert box.text() == "'June 1922' is not a date researchnb understands."
    box.close()


def test_cancel_stops_long_work_at_the_next_step(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    started = threading.Event()
    release = threading.Event()
    outcome: list[object] = []

    def long_work(_nb, progress):
        progress.start(1000, "Counting")
        started.set()
        release.wait(10)
        for _ in range(1000):
            progress.step()
        return "finished"

    Op(window, long_work).progress("Counting folios").success(outcome.append) \
        .failure(outcome.append).run()
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(window.progress.isVisible)
    assert window.progress.label.text() == "Counting"
    window.progress.cancel.click()
    release.set()
    settle(qtbot, window)
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    assert not window.progress.isVisible()


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_ocr_this_page_fills_a_page_without_text(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("typed.png")])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    window.acts.ocr_page.trigger()
    settle(qtbot, window, timeout=120000)
    page = nb.pages.get(doc, 1)
    assert page.text_origin == "ocr" and len(page.text.split()) > 10
    assert "linzensoep" in page.text.casefold()
    assert window.viewer.text.stored_text() == page.text     # shown reflowed, same offsets


def test_a_tags_excerpt_list_loads_while_a_long_write_is_running(qtbot, nb, tmp_path,
                                                                 fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    for n in range(3):
        nb.excerpts.add(doc, 1, start=n * 20, end=n * 20 + 9, tags=["theme/press"])
    window = open_window(qtbot, nb, tmp_path)
    release = threading.Event()
    Op(window, lambda _nb: release.wait(20)).run()          # the writer is busy
    try:
        window.excerpts.show_scope(("tag", "theme"), "theme")
        qtbot.waitUntil(lambda: not window.excerpts.model.loading, timeout=5000)
        assert window.excerpts.model.rowCount() == 3
        assert window.runner.busy, "the write was still running when the list came in"
    finally:
        release.set()
    settle(qtbot, window)
