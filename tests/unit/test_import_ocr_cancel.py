"""Cancel during OCR stops tesseract at once (it is killed, the page is not waited for), and
the progress of an import counts pages of work done: a page read, a page recognised."""

from __future__ import annotations

import os
import threading

import pytest
from fixtures import fake_tesseract

from researchnb.importers import image, pdf
from researchnb.importers.document import Original
from researchnb.importers.ocr import OcrResult, Tesseract, installed_languages
from researchnb.progress import Cancelled, Progress

posix_only = pytest.mark.skipif(os.name != "posix", reason="the stand-in is a #! script")


@posix_only
def test_cancel_kills_tesseract_in_the_middle_of_a_page(tmp_path, fixture_file):
    folder = tmp_path / "bin"
    exe = fake_tesseract.install(folder, seconds=120)
    engine = Tesseract("rus+eng", command=str(exe))
    progress = Progress()
    engine.should_stop = lambda: progress.cancelled
    started = threading.Event()
    engine.while_waiting = lambda: started.set() if fake_tesseract.started(folder) else None
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(engine.recognise_file(fixture_file("typed.png"), "page 1"))
        except Cancelled as exc:
            outcome.append(exc)

    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(60), "the stand-in tesseract never started"
    progress.cancel()
    worker.join(60)           # a page waited for would take 120 s: the join would time out
    assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    [pid] = fake_tesseract.started(folder)
    assert not fake_tesseract.alive(pid)


@posix_only
def test_installed_languages_leave_out_osd(tmp_path):
    exe = fake_tesseract.install(tmp_path / "bin")
    assert installed_languages(str(exe)) == ["deu", "eng", "frk", "rus"]


class CountingOcr:
    """Records how many pages it has recognised when the progress moves."""
    lang = "eng"

    def __init__(self) -> None:
        self.done = 0

    def recognise_image(self, _image, _what) -> OcrResult:
        self.done += 1
        return OcrResult("text\n", 90.0)


def _watch(ocr: CountingOcr) -> tuple[Progress, list[tuple[int, int, int]]]:
    seen: list[tuple[int, int, int]] = []
    progress = Progress(on_change=lambda p: seen.append((p.done, p.total, ocr.done)))
    return progress, seen


def test_photos_with_ocr_reach_100_percent_only_after_the_last_recognition(fixture_file):
    ocr = CountingOcr()
    progress, seen = _watch(ocr)
    files = [fixture_file("typed.png"), fixture_file("binarized.png")]
    progress.start(4)        # what plan.estimate_pages counts: 2 pages read + 2 recognised
    image.read([Original(f, "image/png") for f in files], progress, ocr)  # type: ignore[arg-type]
    steps = seen[1:]
    assert [done for done, _total, _ocr in steps] == [1, 2, 3, 4]
    assert all(recognised == done // 2 for done, _total, recognised in steps)
    assert steps[-1] == (4, 4, 2)


def test_a_scanned_pdf_page_counts_its_reading_and_its_recognition(fixture_file):
    ocr = CountingOcr()
    progress, seen = _watch(ocr)
    progress.start(1)         # one page; its recognition is found while reading it
    pdf.read(fixture_file("scan.pdf"), "application/pdf", progress, None,
             ocr)  # type: ignore[arg-type]
    # Never full before the page is recognised; full at the end.
    assert all(done < total or recognised == 1 for done, total, recognised in seen)
    assert seen[-1] == (2, 2, 1)
