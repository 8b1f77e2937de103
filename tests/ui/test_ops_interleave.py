"""The writer interleaves: short writes (note saves first among them) run between the steps of
a long job, each in its own committed transaction, and never inside the long job's open
transaction (ui/ops.py's docstring)."""

from __future__ import annotations

import threading
import time

import pytest
from support import OFFSCREEN_NOISE, Host

from researchnb.notebook import Notebook
from researchnb.ui.ops import Op

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

STEP_S = 0.15


@pytest.fixture
def host(qtbot, nb):
    host = Host(nb)
    qtbot.addWidget(host)
    yield host
    host.runner.shutdown()


def test_a_note_save_waits_for_at_most_one_step_of_a_long_job(qtbot, host, nb):
    started = threading.Event()
    steps: list[float] = []

    def long_job(nb: Notebook, progress) -> int:
        progress.start(20, "long")
        started.set()
        for _ in range(20):
            time.sleep(STEP_S)          # one unit of work (a page's OCR)
            progress.step()
            steps.append(time.monotonic())
        return 20

    finished: list[int] = []
    Op(host, long_job).progress("long").success(finished.append).run()
    assert started.wait(10)
    saved: list[tuple[float, float]] = []          # (queued, committed)
    ro = Notebook.open(nb.path, read_only=True)
    try:
        for i in range(5):
            queued = time.monotonic()
            Op(host, lambda nb, i=i: nb.notes.add(f"N{i}", f"body {i}")) \
                .success(lambda _c, q=queued: saved.append((q, time.monotonic()))).run()
            qtbot.wait(int(STEP_S * 2000))
            # Committed on disk (read through another connection) while the long job runs.
            assert len(ro.notes.all()) == i + 1
            assert not finished
        qtbot.waitUntil(lambda: bool(finished), timeout=20000)
    finally:
        ro.close()
    assert len(saved) == 5
    assert max(done - queued for queued, done in saved) < STEP_S * 2 + 0.3


def test_short_jobs_keep_their_order_and_never_run_inside_an_open_transaction(qtbot, host):
    order: list[str] = []
    started = threading.Event()

    def long_job(nb: Notebook, progress) -> None:
        progress.start(4)
        started.set()
        time.sleep(0.3)                  # the short jobs are queued meanwhile
        with nb.write():
            order.append("tx begin")
            progress.step()              # a transaction is open: no short job here
            order.append("tx end")
        progress.step()                  # here they run
        order.append("long end")

    Op(host, long_job).progress("long").run()
    assert started.wait(10)
    for name in ("a", "b", "c"):
        Op(host, lambda nb, name=name: order.append(name)).run()
    qtbot.waitUntil(lambda: not host.runner.busy, timeout=10000)
    assert order == ["tx begin", "tx end", "a", "b", "c", "long end"]


def test_work_that_replaces_the_notebook_lets_nothing_run_between_its_steps(qtbot, host):
    order: list[str] = []
    started = threading.Event()

    def restore(nb: Notebook, progress) -> None:
        progress.start(3)
        started.set()
        time.sleep(0.3)
        for i in range(3):
            progress.step()
            order.append(f"step {i}")

    Op(host, restore).progress("restore").reloads_all().run()
    assert started.wait(10)
    Op(host, lambda nb: order.append("short")).run()
    qtbot.waitUntil(lambda: not host.runner.busy, timeout=10000)
    assert order == ["step 0", "step 1", "step 2", "short"]
