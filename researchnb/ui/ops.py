"""The one background runner: every write, and every long read, goes through here.

In the manner of Anki's CollectionOp: `Op(parent, fn).success(cb).failure(cb).run()`.
`fn` receives the writable `Notebook`, which lives on the runner's single writer thread
(SQLite lets one connection write at a time; other programs, such as the command line,
write the same notebook between the app's writes, and ui/external_changes.py shows their
work); the GUI thread keeps a read-only Notebook for fast reads. Results come back to the
GUI thread through a queued signal, so callbacks never run on the worker.

What changed: a write returns the `Changes` its Notebook method gave (or a value carrying
one in a `changes` attribute, such as an import's outcome); the runner hands it to every
view through `changed`, and each view refreshes only the records named there. Nothing is
declared by hand. Work that was cancelled half-way, or that replaces the whole notebook (a
restore), emits `reloaded` instead: the views reread everything they show.

Long work asks for a `Progress` with `.progress(label)`; `fn` then receives it as its second
argument, the status bar shows it (read by a 100 ms timer, never pushed from the worker) and
Cancel sets its flag, which stops the work at the next step.

Short writes never wait behind long work (a crash during an import must not lose the note
being typed). The writer thread has two lanes: short jobs (every write without `.progress`:
note saves, page text, tags, excerpts, undo) and long jobs (with `.progress`: import, OCR,
archive export, reindex). Short jobs always run first, in the order they were queued. A long
job's `Progress` is a yield point: each `step()` (a page read or recognised, a file
committed, an archive member written), and every 50 ms of `idle()` while it waits on
tesseract (importers/ocr.py), runs, on the writer thread and with the writer's own
connection, every short job queued meanwhile, provided no transaction is open at that
moment. So a note save waits for at most one unit of work (one page read, one file's
commit; never a whole page's OCR), and commits in its own transaction: a SIGKILL in the
middle of an import keeps it (tests/ui/test_typing_during_import.py).
One connection and one thread, rather than a second writer connection: nothing waits on
SQLite's busy timeout, and a short job cannot be refused with "the notebook is busy". Work
done inside one transaction (the search index rebuild, which commits once so a cancel leaves
the old index whole) has no yield point inside it: short jobs then wait for its end. Work
that replaces the notebook (`.reloads_all()`: restores, the demo) never yields.
"""

from __future__ import annotations

import inspect
import itertools
import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ..domain import Changes, UserError
from ..notebook import Notebook
from ..progress import Cancelled, Progress
from .error_box import show_error_box

log = logging.getLogger(__name__)


SHORT, LONG, STOP = 0, 1, 2     # the writer's lanes: short work first, the stop sentinel last


class _YieldingProgress(Progress):
    """A long job's Progress whose every step lets the writer run the short jobs waiting."""

    def __init__(self, label: str = "") -> None:
        super().__init__(label=label)
        self.yield_to: Callable[[], None] | None = None

    def step(self, n: int = 1, label: str | None = None) -> None:
        super().step(n, label)
        if self.yield_to is not None:
            self.yield_to()

    def idle(self) -> None:
        if self.yield_to is not None:
            self.yield_to()


@dataclass
class _Job:
    fn: Callable[..., Any]
    progress: Progress | None
    reloads: bool
    on_success: Callable[[Any], None] | None
    on_failure: Callable[[BaseException], None] | None
    parent: QWidget | None
    label: str = ""
    result: Any = None
    error: BaseException | None = None
    trace: str = ""
    done: threading.Event = field(default_factory=threading.Event)

    @property
    def lane(self) -> int:
        return SHORT if self.progress is None else LONG


class _Worker:
    """One thread running jobs against its own Notebook: short jobs first, in order, and
    between the steps of a long one (see the module's docstring)."""

    def __init__(self, name: str, runner: Runner, open_notebook: Callable[[], Notebook]
                 ) -> None:
        self.runner = runner
        self.open_notebook = open_notebook
        self.nb: Notebook | None = None
        self.queue: queue.PriorityQueue[tuple[int, int, _Job | None]] = queue.PriorityQueue()
        self._seq = itertools.count()
        self.current: _Job | None = None
        self.thread = threading.Thread(target=self._work, name=name, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        cur = self.current
        if cur is not None and cur.progress is not None:
            cur.progress.cancel()
        self.queue.put((STOP, next(self._seq), None))
        self.thread.join()
        if self.nb is not None:
            self.nb.close()
            self.nb = None

    def put(self, job: _Job) -> None:
        self.queue.put((job.lane, next(self._seq), job))

    def _work(self) -> None:
        while True:
            _lane, _seq, job = self.queue.get()
            if job is None:
                return
            self.current = job
            if isinstance(job.progress, _YieldingProgress):
                job.progress.yield_to = self.run_short_jobs
            self._run(job)
            self.current = None

    def _run(self, job: _Job) -> None:
        try:
            if self.nb is None:
                self.nb = self.open_notebook()
            job.result = _call(job.fn, self.nb, job.progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            job.error = exc
            if not isinstance(exc, (UserError, Cancelled)):
                job.trace = traceback.format_exc()
        job.done.set()
        self.runner._finished.emit(job)

    def run_short_jobs(self) -> None:
        """A long job's yield point: run the short jobs waiting, unless a transaction is open
        (they would become part of it, and be undone with it)."""
        if threading.current_thread() is not self.thread or self.nb is None \
                or self.nb.conn.in_transaction:
            return
        while True:
            try:
                item = self.queue.get_nowait()
            except queue.Empty:
                return
            if item[0] != SHORT:
                self.queue.put(item)     # the next long job (or the stop): it keeps its place
                return
            job = item[2]
            assert job is not None
            self._run(job)


def _call(fn: Callable[..., Any], nb: Notebook, progress: Progress | None) -> Any:
    """fn(nb, progress) when it was asked for progress and takes a second argument."""
    if progress is None:
        return fn(nb)
    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return fn(nb, progress)
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params):
        return fn(nb, progress)
    return fn(nb)


class Runner(QObject):
    """Owns the writer thread (with the writable Notebook) and a reader thread (with its own
    read-only Notebook, opened on first use) for reads too slow for the GUI thread, which
    never wait behind a long import. One per main window.

    `changed` carries the `Changes` of each write (kinds and keys created, updated,
    deleted) so each view refreshes only what it shows; `reloaded` says that anything may
    have changed (a restore, a cancelled import) and views reread all they show.
    """

    changed = Signal(object)      # Changes
    reloaded = Signal()
    busy_changed = Signal(bool)
    _finished = Signal(object)    # _Job, emitted on a worker, delivered on the GUI thread

    def __init__(self, notebook: Notebook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = 0
        self._shut = False      # shutdown() ran: deliver nothing more
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._writer = _Worker("researchnb-writer", self, lambda: notebook)
        self._writer.nb = notebook
        path = notebook.path
        self._reader: _Worker | None = None
        self._open_reader = lambda: Notebook.open(path, read_only=True)

    @property
    def busy(self) -> bool:
        return self._pending > 0

    @property
    def current(self) -> _Job | None:
        """The job whose progress the status bar shows: the writer's, else the reader's."""
        job = self._writer.current
        if job is None and self._reader is not None:
            job = self._reader.current
        return job

    def submit(self, job: _Job, *, read_only: bool = False) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        if read_only:
            if self._reader is None:
                self._reader = _Worker("researchnb-reader", self, self._open_reader)
            self._reader.put(job)
        else:
            self._writer.put(job)

    def cancel_current(self) -> None:
        job = self.current
        if job is not None and job.progress is not None:
            job.progress.cancel()

    def shutdown(self) -> None:
        """Finish queued work, stop the threads and close their notebooks."""
        if self._reader is not None:
            self._reader.stop()
        self._writer.stop()
        self._shut = True

    # -- back on the GUI thread ------------------------------------------------------------

    def _deliver(self, job: _Job) -> None:
        self._pending -= 1
        if self._shut:
            # The window has closed its notebooks: the work is saved, and there is nothing
            # left to show it in (a note saved while the window closed, say).
            if job.trace:
                log.error("%s failed:\n%s", job.label or "operation", job.trace)
            return
        if self._pending == 0:
            self.busy_changed.emit(False)
        # Cancelled work still committed what it finished, but its Changes never came
        # back: the views reread what they show.
        if isinstance(job.error, Cancelled) or (job.error is None and job.reloads):
            self.reloaded.emit()
        elif job.error is None:
            changes = changes_of(job.result)
            if changes:
                self.changed.emit(changes)
        if job.error is None:
            if job.on_success is not None:
                job.on_success(job.result)
            return
        if isinstance(job.error, Cancelled):
            log.info("%s: cancelled", job.label or "operation")
            if job.on_failure is not None:
                job.on_failure(job.error)
            return
        if job.trace:
            log.error("%s failed:\n%s", job.label or "operation", job.trace)
        if job.on_failure is not None:
            job.on_failure(job.error)
        else:
            show_error(job.parent, job.error)


def changes_of(result: object) -> Changes[object] | None:
    """The Changes a job's result is or carries (in a `changes` attribute), if any."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else None


def show_error(parent: QWidget | None, error: BaseException) -> QDialog:
    """A window-modal message that does not block the event loop (opened, not exec'd): the
    error's own words for a `UserError`, the error box (with its traceback) for a bug."""
    if not isinstance(error, UserError):
        return show_error_box(type(error), error, error.__traceback__, parent)
    box = QMessageBox(QMessageBox.Icon.Warning, "researchnb", str(error),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setObjectName("errorDialog")
    box.open()
    return box


def runner_for(parent: QObject | None) -> Runner:
    """The runner of the window a widget belongs to (no global: it is found by walking up)."""
    obj = parent
    while obj is not None:
        if isinstance(obj, Runner):
            return obj
        found = getattr(obj, "runner", None)
        if isinstance(found, Runner):
            return found
        obj = obj.parent()
    raise RuntimeError("This widget is not inside a window with a background runner.")


class Op:
    """One background operation, configured fluently and started with `run()`.

    A write's `fn` returns the `Changes` of the Notebook method it calls (or a value with a
    `changes` attribute); `success` receives that result as it is."""

    def __init__(self, parent: QObject, fn: Callable[..., Any]) -> None:
        self._parent = parent
        self._fn = fn
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._reloads = False
        self._read_only = False

    def success(self, cb: Callable[[Any], None]) -> Op:
        self._success = cb
        return self

    def failure(self, cb: Callable[[BaseException], None]) -> Op:
        self._failure = cb
        return self

    def progress(self, label: str) -> Op:
        """Show this work in the status bar with Cancel; `fn` gets a Progress argument."""
        self._label = label
        return self

    def read_only(self) -> Op:
        """A read: run it on the reader thread (`fn` gets a read-only Notebook), so it never
        waits behind a long write such as an import."""
        self._read_only = True
        return self

    def reloads_all(self) -> Op:
        """This work may change anything (a restore): every view rereads what it shows."""
        self._reloads = True
        return self

    def run(self) -> _Job:
        runner = runner_for(self._parent)
        widget = self._parent if isinstance(self._parent, QWidget) else None
        progress: Progress | None = None
        if self._label is not None:
            # Work that replaces the notebook lets nothing run between its steps.
            progress = (Progress(label=self._label) if self._reloads
                        else _YieldingProgress(self._label))
        job = _Job(fn=self._fn, progress=progress,
                   reloads=self._reloads, on_success=self._success,
                   on_failure=self._failure, parent=widget, label=self._label or "")
        runner.submit(job, read_only=self._read_only)
        return job


class ProgressPanel(QWidget):
    """Status-bar widget: what is running, how far, and Cancel. Polls every 100 ms."""

    def __init__(self, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setTextVisible(True)
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setObjectName("cancelButton")
        self.cancel.clicked.connect(runner.cancel_current)
        self.cancel.clicked.connect(self.poll)     # "Cancelling…" at once, not at the next poll
        self.cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.bar.setFixedWidth(220)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(100)
        self.timer.timeout.connect(self.poll)
        runner.busy_changed.connect(self._on_busy)
        self.setVisible(False)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.timer.start()
            self.poll()
        else:
            self.timer.stop()
            self.setVisible(False)

    def poll(self) -> None:
        job = self.runner.current
        progress = job.progress if job is not None else None
        if job is None or progress is None:
            self.setVisible(False)
            return
        self.setVisible(True)
        self.label.setText(self.tr("Cancelling…") if progress.cancelled
                           else progress.label or job.label)
        if progress.total:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)  # busy indicator until the work knows its size
        self.cancel.setEnabled(not progress.cancelled)
