"""Notebook: the one facade the CLI and the UI call.

A notebook is a folder `NAME.rnb/` holding notebook.sqlite, files/ (originals) and backups/.
Every method that changes data runs in one SQLite transaction. The methods themselves live in
`researchnb/actions/`, one module per area, and are combined here so callers see one object.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from .actions.citations import CitationActions
from .actions.excerpts import ExcerptActions
from .actions.importing import ImportActions
from .actions.notes import NoteActions
from .actions.safety import SafetyActions
from .actions.search import SearchActions
from .actions.sources import SourceActions
from .actions.tags import TagActions
from .dates import date_bounds
from .domain import InvalidInput, NotebookUnavailable, UserError
from .files import FileStore
from .progress import Progress
from .store import maintenance, migrate
from .store.connection import (
    Connection,
    DatabaseError,
    WriterLock,
    connect,
    schema_version,
    transaction,
    translate_error,
)
from .store.documents import all_file_hashes
from .store.functions import sql_functions

DB_NAME = "notebook.sqlite"


class Notebook(CitationActions, SourceActions, TagActions, NoteActions, SafetyActions,
               ExcerptActions, ImportActions, SearchActions):
    """An open notebook. Use `Notebook.open(path)` or `Notebook.create(path)`."""

    def __init__(self, path: Path, conn: Connection, lock: WriterLock | None,
                 read_only: bool) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.files = FileStore(path / "files")
        self._lock = lock

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, *, migrations_dir: Path | None = None) -> Notebook:
        """Make a new empty notebook folder and open it."""
        path = Path(path).expanduser()
        if (path / DB_NAME).exists():
            raise UserError(f"There is already a notebook at {path}.")
        if path.exists() and not path.is_dir():
            raise UserError(f"{path} is a file, not a folder; choose another place for the "
                            "notebook.")
        try:
            path.mkdir(parents=True, exist_ok=True)
            (path / "files").mkdir(exist_ok=True)
            (path / "backups").mkdir(exist_ok=True)
        except OSError as exc:
            raise UserError(f"Cannot create a notebook at {path}: {exc.strerror}.") from exc
        return cls._open(path, read_only=False, new=True, migrations_dir=migrations_dir,
                         progress=None)

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False, create: bool = False,
             migrations_dir: Path | None = None, progress: Progress | None = None,
             defer_upkeep: bool = False) -> Notebook:
        """Open a notebook, bringing its schema up to date (after a backup) if needed.

        `defer_upkeep` leaves routine upkeep that may take a while (the daily backup) to
        the caller, who runs `upkeep()` later: the app does it in the background once its
        window is on screen.
        """
        path = Path(path).expanduser()
        if not (path / DB_NAME).is_file():
            if create:
                return cls.create(path, migrations_dir=migrations_dir)
            raise NotebookUnavailable(f"There is no notebook at {path}. "
                                      "Create one with `researchnb init PATH`.")
        return cls._open(path, read_only=read_only, new=False, migrations_dir=migrations_dir,
                         progress=progress, defer_upkeep=defer_upkeep)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, new: bool, migrations_dir: Path | None,
              progress: Progress | None, defer_upkeep: bool = False) -> Notebook:
        db_path = path / DB_NAME
        migrations = migrate.discover(migrations_dir or migrate.default_migrations_dir())
        if not new:
            # Look at the version before anything can write to the file.
            probe = connect(db_path, read_only=True)
            try:
                migrate.check_not_newer(probe, migrations)
            finally:
                probe.close()

        lock = None
        if not read_only:
            lock = WriterLock(path)
            try:
                lock.acquire()
            except OSError as exc:
                raise NotebookUnavailable(
                    f"The notebook at {path} cannot be opened for writing ({exc.strerror}). "
                    "Open it read-only instead.") from exc
        try:
            conn = connect(db_path, read_only=read_only, functions=sql_functions())
            nb = cls(path, conn, lock, read_only)
            nb.defer_upkeep = defer_upkeep
            todo = migrate.pending(conn, migrations)
            if todo:
                if read_only:
                    raise NotebookUnavailable(
                        f"The notebook at {path} needs updating to schema "
                        f"{todo[-1].version}, which cannot be done read-only.")
                if schema_version(conn) > 0:
                    nb.backup(reason=f"before-schema-{todo[-1].version}")
                migrate.apply(conn, migrations)
            nb._after_open(progress)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return nb

    def close(self) -> None:
        with contextlib.suppress(DatabaseError):
            self.conn.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction for one user-visible change; refuses on a read-only notebook."""
        if self.read_only:
            raise NotebookUnavailable("This notebook is open read-only; nothing was changed.")
        try:
            with transaction(self.conn) as conn:
                yield conn
        except DatabaseError as exc:
            translated = translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    # -- whole-notebook operations ---------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    def info(self) -> dict[str, Any]:
        return {"notebook": str(self.path), "schema_version": self.schema_version,
                **maintenance.counts(self.conn)}

    def check(self) -> dict[str, Any]:
        """Everything that can be verified without changing anything."""
        problems = maintenance.integrity_problems(self.conn)
        for key, date in maintenance.source_dates(self.conn):
            try:
                date_bounds(date)
            except InvalidInput:
                problems.append(f"source {key} has an invalid date {date!r}")
        for p in self.files.verify(all_file_hashes(self.conn)):
            what = "is missing" if p.problem == "missing" else "was altered (its sha256 differs)"
            problems.append(f"original file {p.sha256[:12]}… {what}: {p.path}")
        problems.extend(self._extra_checks())
        return {"ok": not problems, "problems": problems}

    def backup(self, to: str | Path | None = None, *, reason: str = "manual") -> Path:
        """A consistent snapshot of the database now, under backups/ unless told otherwise."""
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        folder = Path(to).expanduser() if to else self.path / "backups"
        target = folder / f"notebook-{stamp}-{reason}.sqlite"
        try:
            return maintenance.snapshot(self.conn, target)
        except (DatabaseError, OSError) as exc:
            raise UserError(f"The backup to {folder} failed: {exc}. The notebook is unchanged."
                            ) from exc

