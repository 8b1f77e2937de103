"""The advisory lock file beside notebook.sqlite, held while a program may write.

Portable: `fcntl.flock` on POSIX, `msvcrt.locking` on Windows (the lock is released when the
process dies either way, so a crash never leaves a notebook locked).
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from pathlib import Path

from ..domain import NotebookUnavailable

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


class WriterLock:
    """An advisory lock file beside notebook.sqlite held while a program may write.

    SQLite alone would keep the file intact, but two programs writing the same notebook at
    once would each miss the other's changes in their windows; a clear message is better.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / "notebook.lock"
        self._fd: int | None = None

    def acquire(self) -> None:
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
            who = f" (process {holder})" if holder else ""
            raise NotebookUnavailable(
                f"This notebook is already open for writing in another researchnb{who}. "
                "Close it there first, or open it read-only."
            ) from None
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                _unlock(self._fd)
            os.close(self._fd)
            self._fd = None
