"""The content-addressed file store: imported originals kept byte for byte.

`files/ab/cdef…` holds the file whose sha256 is `abcdef…`. A file is written to a temporary
name in the same folder, flushed to disk, then renamed into place (atomic on POSIX), and made
read-only, so a crash leaves either the whole file or nothing under its final name.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class FileProblem:
    sha256: str
    problem: str          # "missing" or "altered"
    path: Path


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add(self, source: Path) -> tuple[str, bool]:
        """Copy `source` into the store; returns (sha256, whether it was newly written)."""
        h = hashlib.sha256()
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=self.root)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                while chunk := src.read(CHUNK):
                    h.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            digest = h.hexdigest()
            final = self.path_for(digest)
            if final.is_file() and sha256_of(final) == digest:
                tmp.unlink()
                return digest, False
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():          # an altered copy: put the true bytes back
                final.chmod(stat.S_IRUSR | stat.S_IWUSR)
            os.replace(tmp, final)
            final.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            _fsync_dir(final.parent)
            return digest, True
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise

    def remove(self, sha256: str) -> None:
        """Take back a file written by an import that was then rolled back."""
        path = self.path_for(sha256)
        with contextlib.suppress(FileNotFoundError):
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
            path.unlink()

    def verify(self, expected: set[str]) -> list[FileProblem]:
        """Check every expected file is present and still hashes to its name."""
        problems = []
        for digest in sorted(expected):
            path = self.path_for(digest)
            if not path.is_file():
                problems.append(FileProblem(digest, "missing", path))
            elif sha256_of(path) != digest:
                problems.append(FileProblem(digest, "altered", path))
        return problems

    def stray(self, expected: set[str]) -> list[Path]:
        """Files in the store that no record refers to (left by a crash mid-import)."""
        if not self.root.is_dir():
            return []
        found = []
        for path in self.root.rglob("*"):
            if path.is_file():
                digest = path.parent.name + path.name
                if path.name.startswith(".incoming-") or digest not in expected:
                    found.append(path)
        return found

    def remove_stray(self, expected: set[str]) -> int:
        removed = 0
        for path in self.stray(expected):
            with contextlib.suppress(OSError):
                path.chmod(stat.S_IRUSR | stat.S_IWUSR)
                path.unlink()
                removed += 1
        return removed


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temporary file beside it, flushed and renamed into
    place: a failed or interrupted export leaves the old file (or none), never half of one.
    Every export to a file goes through here, from the command line and the app alike.
    """
    from .domain import UserError

    target = Path(target).expanduser()
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name to export to.")
    folder = target.parent if str(target.parent) else Path(".")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}. Nothing was "
                        "written.") from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    return target
