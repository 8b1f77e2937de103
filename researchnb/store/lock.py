"""The exclusive notebook lock: a lock file beside notebook.sqlite, taken only by the work
that needs the notebook alone: a schema update (migration), `restore` into a folder and
`backups restore`. Ordinary opens take no lock at all: the app and any number of command
lines read and write the same notebook at once through SQLite's own locking
(store/connection.py).

Portable: `fcntl.flock` on POSIX, `msvcrt.locking` on Windows (the lock is released when the
process dies either way, so a crash never leaves a notebook locked).
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..domain import NotebookUnavailable

LOCK_NAME = "notebook.lock"

if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _held_elsewhere(exc: OSError) -> bool:
    return isinstance(exc, BlockingIOError) or exc.errno in (errno.EACCES, errno.EAGAIN,
                                                              errno.EDEADLK)


class ExclusiveLock:
    """The lock file `notebook.lock` in a notebook folder (or any lock file, by `name`),
    held by one process at a time for one of the few jobs that need the notebook alone."""

    def __init__(self, folder: Path, name: str = LOCK_NAME) -> None:
        self.path = folder / name
        self._fd: int | None = None

    def try_acquire(self) -> str | None:
        """Take the lock if it is free: None. Else the process id of its holder ('' if it
        cannot be read). OSError when the lock file cannot be made (a read-only folder)."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError as exc:
            if not _held_elsewhere(exc):
                os.close(fd)
                raise
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                os.lseek(fd, 0, os.SEEK_SET)
                holder = os.read(fd, 64).decode().strip()
            os.close(fd)
            return holder
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, str(os.getpid()).encode())
        self._fd = fd
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
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None

    @contextlib.contextmanager
    def held(self, wait: float = 0.0, doing: str = "update or restore it") -> Iterator[None]:
        self.acquire(wait, doing)
        try:
            yield
        finally:
            self.release()
