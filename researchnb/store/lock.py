"""The exclusive notebook lock: a lock file beside notebook.sqlite, taken only by the work
that needs the notebook alone: a schema update (migration), `restore` into a folder and
`backups restore`. Ordinary opens take no lock at all: the app and any number of command
lines read and write the same notebook at once through SQLite's own locking
(store/connection.py).

Portable through `filelock` (an OS lock on the file: `flock` on POSIX, `msvcrt.locking` on
Windows), released when the process dies either way, so a crash never leaves a notebook
locked. The holder writes its process id into `NAME.owner` beside it, for the message.
"""

from __future__ import annotations

import contextlib
import os
import random
import time
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..domain import NotebookUnavailable

LOCK_NAME = "notebook.lock"


class ExclusiveLock:
    """The lock file `notebook.lock` in a notebook folder (or any lock file, by `name`),
    held by one process at a time for one of the few jobs that need the notebook alone."""

    def __init__(self, folder: Path, name: str = LOCK_NAME) -> None:
        self.path = folder / name
        self._owner = folder / f"{name}.owner"
        self._lock = FileLock(self.path, thread_local=False)

    def try_acquire(self) -> str | None:
        """Take the lock if it is free: None. Else the process id of its holder ('' if it
        cannot be read). OSError when the lock file cannot be made (a read-only folder)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)   # OSError where it cannot be
        os.close(fd)                                             # made, as on a read-only disk
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            with contextlib.suppress(OSError, ValueError):
                return self._owner.read_text(encoding="ascii").strip()[:32]
            return ""
        with contextlib.suppress(OSError):
            self._owner.write_text(str(os.getpid()), encoding="ascii")
        return None

    def acquire(self, wait: float = 0.0, doing: str = "update or restore it") -> None:
        """Take the lock, waiting up to `wait` seconds for another process to finish with it;
        then a message naming the holder and why the lock exists."""
        deadline = time.monotonic() + wait
        pause = 0.05
        while True:
            holder = self.try_acquire()
            if holder is None:
                return
            if time.monotonic() >= deadline:
                who = f" (process {holder})" if holder else ""
                raise NotebookUnavailable(
                    f"Another researchnb{who} has this notebook to itself to {doing}: only a "
                    "schema update, a restore and restoring a backup need that, and they "
                    "do not take long. Try again when it has finished.")
            time.sleep(min(pause * random.uniform(0.5, 1.5), max(0.0, deadline
                                                                  - time.monotonic())))
            pause = min(pause * 2, 1.0)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def remove_files(self) -> None:
        """Delete the lock file and its owner note (for a lock made for one job only)."""
        for p in (self.path, self._owner):
            with contextlib.suppress(OSError):
                os.unlink(p)

    @contextlib.contextmanager
    def held(self, wait: float = 0.0, doing: str = "update or restore it") -> Iterator[None]:
        self.acquire(wait, doing)
        try:
            yield
        finally:
            self.release()
