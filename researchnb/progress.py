"""Progress reporting and cooperative cancel for long work. Pure Python, no Qt.

The worker calls `step()`; the UI (on a timer) or the CLI reads `done`/`total`/`label` and
may call `cancel()`. The next `step()` after a cancel raises `Cancelled`, so work stops at a
clean boundary (the end of a page, a file, a batch) and never in the middle of a write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """Raised by `Progress.step` once the user asked to stop."""


class Progress:
    def __init__(self, total: int = 0, label: str = "",
                 on_change: Callable[[Progress], None] | None = None) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self._cancel = threading.Event()
        self._on_change = on_change

    def start(self, total: int, label: str = "") -> None:
        self.total, self.done = total, 0
        if label:
            self.label = label
        self._changed()

    def step(self, n: int = 1, label: str | None = None) -> None:
        """Record n units of work; raise Cancelled if the user has asked to stop."""
        self.check()
        self.done += n
        if label is not None:
            self.label = label
        self._changed()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def idle(self) -> None:
        """Called while the work waits on another program (tesseract): nothing here; the
        app's runner (ui/ops.py) runs short writes waiting for the writer then."""

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0

    def _changed(self) -> None:
        if self._on_change is not None:
            self._on_change(self)


def null_progress() -> Progress:
    return Progress()
