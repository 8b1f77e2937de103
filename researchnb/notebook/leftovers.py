"""Files a killed process leaves in and beside a notebook, found and (when safe) removed.

  files/**/.incoming-*          an original half-copied by an import
  backups/*.partial             a backup (VACUUM INTO) or an updated copy cut short
  .restoring-*                  a backup being copied over a damaged database
  ../.NAME.restoring-*/         a notebook being rebuilt from an archive beside this one

Several programs may have one notebook open at once, so a file that may belong to live work
is never removed: only those older than MIN_AGE (RESTORE_AGE for a restore's folder), and a
restore's folder only when no process holds the lock file beside it (`restore.py` holds it
for as long as it builds).
"""

from __future__ import annotations

import contextlib
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from ..store.lock import ExclusiveLock

MIN_AGE = 60.0            # seconds
RESTORE_AGE = 300.0
_RESTORING = re.compile(r"^\.(?P<name>.+)\.restoring-[A-Za-z0-9_]{6,}$")


@dataclass(frozen=True)
class Leftover:
    path: Path
    what: str
    age: float            # seconds since it last changed

    def describe(self) -> str:
        return f"{self.what}, left by an interrupted program: {self.path}"


def restoring_lock_name(work: Path) -> str:
    """The lock file, beside a restore's hidden folder, that the restore holds."""
    return work.name + ".lock"


def _age(path: Path, now: float) -> float | None:
    try:
        return now - path.lstat().st_mtime
    except OSError:
        return None


def find(notebook: Path) -> list[Leftover]:
    """Every leftover in and beside the notebook at `notebook`, whatever its age."""
    now = time.time()
    found: list[tuple[Path, str]] = []
    files = notebook / "files"
    if files.is_dir():
        found += [(p, "a half-copied original") for p in files.rglob(".incoming-*")
                  if p.is_file() and not p.is_symlink()]
    backups = notebook / "backups"
    if backups.is_dir():
        found += [(p, "a backup cut short") for p in backups.glob("*.partial")
                  if p.is_file() and not p.is_symlink()]
    if notebook.is_dir():
        found += [(p, "a backup half-copied over a damaged database")
                  for p in notebook.glob(".restoring-*") if p.is_file() and not p.is_symlink()]
    parent = notebook.parent
    with contextlib.suppress(OSError):
        for p in parent.iterdir():
            m = _RESTORING.match(p.name)
            if m and m.group("name") == notebook.name and p.is_dir() and not p.is_symlink():
                found.append((p, "an archive restore cut short"))
    out = []
    for path, what in found:
        age = _age(path, now)
        if age is not None:
            out.append(Leftover(path, what, age))
    return sorted(out, key=lambda x: str(x.path))


def stale(notebook: Path) -> list[Leftover]:
    """The leftovers old enough that no live work can own them."""
    return [x for x in find(notebook)
            if x.age >= (RESTORE_AGE if x.path.is_dir() else MIN_AGE)]


def remove(notebook: Path) -> list[Leftover]:
    """Remove the stale leftovers no live process holds; returns those removed."""
    removed = []
    for x in stale(notebook):
        if x.path.is_dir():
            if _remove_restore_folder(x.path):
                removed.append(x)
            continue
        if x.path.name.startswith(".restoring-") and not _notebook_free(notebook):
            continue              # a backup is being restored right now
        try:
            x.path.unlink()
        except OSError:
            continue
        removed.append(x)
    return removed


def _notebook_free(notebook: Path) -> bool:
    lock = ExclusiveLock(notebook)
    try:
        if lock.try_acquire() is not None:
            return False
    except OSError:
        return False
    lock.release()
    return True


def _remove_restore_folder(work: Path) -> bool:
    lock = ExclusiveLock(work.parent, restoring_lock_name(work))
    try:
        if lock.try_acquire() is not None:
            return False            # the restore is still running
    except OSError:
        return False
    try:
        shutil.rmtree(work)
    except OSError:
        return False
    finally:
        lock.release()
    lock.remove_files()
    return True
