"""Opening a notebook the way a historian's programs do: for writing when the folder allows
it, read-only with the reason kept when it does not (a CD, a locked share, a colleague's
copy), and a message, never a traceback, when the disk refuses even that.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain import NotebookUnavailable, UserError
from ..store.connection import DatabaseError, NotebookDamaged, translate_error
from . import leftovers
from .backups import damaged_message

_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def why_not_writable(path: Path) -> str | None:
    """Why researchnb may not write to this notebook folder, or None if it may."""
    db = path / "notebook.sqlite"
    if not os.access(path, os.W_OK):
        return (f"The notebook folder {path} does not allow writing (a read-only disk or "
                "folder), so it is open read-only: you can read, search and export, but "
                "changes are refused.")
    if db.exists() and not os.access(db, os.W_OK):
        return (f"The notebook file {db} is read-only, so the notebook is open read-only: "
                "you can read, search and export, but changes are refused.")
    return None


def open_for_user(open_: Callable[..., Any], path: Path, *, read_only: bool, create: bool,
                  progress: Any, defer_upkeep: bool) -> Any:
    """Open with `open_` (`Notebook.open`) for writing when the folder allows it, else
    read-only with `read_only_reason` set. A database error while opening (a disk too full
    even to open the notebook's journal) becomes a message."""
    try:
        return _open_best(open_, path, read_only, create, progress, defer_upkeep)
    except DatabaseError as exc:
        translated = translate_error(exc)
        if isinstance(translated, NotebookDamaged):
            raise NotebookDamaged(f"The notebook at {path} cannot be opened: "
                                  f"{damaged_message(path, exc)}") from exc
        if translated is exc:
            raise UserError(f"The notebook at {path} cannot be opened ({exc}); nothing "
                            "was changed.") from exc
        raise translated from exc


def _open_best(open_: Callable[..., Any], path: Path, read_only: bool, create: bool,
               progress: Any, defer_upkeep: bool) -> Any:
    if read_only or not (path / "notebook.sqlite").is_file():
        return open_(path, read_only=read_only, create=create, progress=progress,
                     defer_upkeep=defer_upkeep)
    reason = why_not_writable(path)
    if reason is None:
        try:
            return open_(path, progress=progress, defer_upkeep=defer_upkeep)
        except NotebookUnavailable as exc:
            cause = exc.__cause__
            if not (isinstance(cause, OSError) and cause.errno in _NOT_WRITABLE):
                raise
        except DatabaseError as exc:
            if "readonly" not in str(exc).lower():
                raise
        reason = (f"The notebook at {path} cannot be written to here, so it is open "
                  "read-only: you can read, search and export, but changes are refused.")
    nb = open_(path, read_only=True, progress=progress, defer_upkeep=defer_upkeep)
    nb.core.read_only_reason = reason
    return nb


def remove_partial_files(root: Path) -> list[str]:
    """Remove what a killed process left in and beside the notebook whose originals are in
    `root` (`leftovers.py`: half-copied originals, backups cut short, a restore's folder),
    when old enough that no live work owns it; returns a description of each removed.

    A complete original that no record names is kept, because a backup taken before a
    restore may still need it (and a re-import reuses it).
    """
    return [x.describe() for x in leftovers.remove(root.parent)]
