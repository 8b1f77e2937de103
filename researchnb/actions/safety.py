"""Nothing lost: backups, the lossless archive, and opening what cannot be written to.

`SafetyActions` gathers the backup and archive mixins so `Notebook` takes one base, and adds
`open_for_user`: the way the CLI and the app open a notebook. A notebook on a read-only
folder or disk (a CD, a locked share, a colleague's copy) opens read-only with
`read_only_reason` set for a banner, instead of refusing to open at all.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from pathlib import Path
from typing import Any

from ..domain import NotebookUnavailable, UserError
from ..store.connection import DatabaseError, translate_error
from .archive import ArchiveActions
from .backups import BackupActions

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


class SafetyActions(BackupActions, ArchiveActions):
    read_only_reason: str | None = None

    def _after_open(self, progress: Any) -> None:
        super()._after_open(progress)
        if not self.read_only:
            self.remove_partial_files()

    def remove_partial_files(self) -> int:
        """Delete the half-copied originals (`.incoming-*`) a crash mid-import leaves.

        Only those: a complete original that no record names is kept, because a backup
        taken before a restore may still need it (and a re-import reuses it).
        """
        removed = 0
        if self.files.root.is_dir():
            for p in self.files.root.rglob(".incoming-*"):
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed += 1
        return removed

    @classmethod
    def open_for_user(cls, path: str | Path, *, read_only: bool = False, create: bool = False,
                      progress: Any = None, defer_upkeep: bool = False) -> Any:
        """Open for writing when the folder allows it, else read-only with the reason kept.

        A database error while opening (a disk too full even to open the notebook's
        journal) becomes a message, not a traceback.
        """
        path = Path(path).expanduser()
        try:
            return cls._open_best(path, read_only, create, progress, defer_upkeep)
        except DatabaseError as exc:
            translated = translate_error(exc)
            if translated is exc:
                raise UserError(f"The notebook at {path} cannot be opened ({exc}); nothing "
                                "was changed.") from exc
            raise translated from exc

    @classmethod
    def _open_best(cls, path: Path, read_only: bool, create: bool, progress: Any,
                   defer_upkeep: bool = False) -> Any:
        open_ = functools.partial(cls.open, defer_upkeep=defer_upkeep)  # type: ignore[attr-defined]
        if read_only or not (path / "notebook.sqlite").is_file():
            return open_(path, read_only=read_only, create=create, progress=progress)
        reason = why_not_writable(path)
        if reason is None:
            try:
                return open_(path, progress=progress)
            except NotebookUnavailable as exc:
                cause = exc.__cause__
                if not (isinstance(cause, OSError) and cause.errno in _NOT_WRITABLE):
                    raise
            except DatabaseError as exc:
                if "readonly" not in str(exc).lower():
                    raise
            reason = (f"The notebook at {path} cannot be written to here, so it is open "
                      "read-only: you can read, search and export, but changes are refused.")
        nb = open_(path, read_only=True, progress=progress)
        nb.read_only_reason = reason
        return nb
