"""Notebook: the one facade the command line and the app call.

A notebook is a folder `NAME.rnb/` holding notebook.sqlite, files/ (originals) and backups/.
`Notebook` composes one object per area, each given what it needs when it is made:

    nb.sources  nb.documents  nb.pages  nb.excerpts  nb.notes  nb.tags
    nb.search   nb.citations  nb.backups  nb.archive  nb.settings

Every write of an area runs in one SQLite transaction and returns `Changes`. Opening runs
the steps of `OPENING_STEPS`, in that order, after the schema is brought up to date.

Any number of programs (the app, command lines) may open one notebook for writing at once;
SQLite's locking orders their writes (store/connection.py). The opening steps that write
tolerate another program doing the same at the same moment: each looks again inside its
write transaction (or, for the daily backup, under a lock file) before it acts.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Self

from ..domain import NotebookUnavailable, UserError
from ..files import FileStore
from ..progress import Progress
from ..search.functions import sql_functions
from ..store import changes as change_log
from ..store import maintenance, migrate
from ..store.connection import WRITE_WAIT_S, Connection, connect, schema_version
from ..store.lock import ExclusiveLock
from . import health
from .archive import Archive, restore_archive
from .backups import Backups, restore_backup_at
from .citations import Citations
from .core import DB_NAME, Core
from .documents import Documents
from .excerpts import Excerpts
from .notes import Notes
from .opening import open_for_user, remove_partial_files
from .pages import Pages
from .search import Search
from .settings import Settings
from .sources import Sources
from .tags import Tags


class Notebook:
    """An open notebook. Use `Notebook.open(path)`, `Notebook.create(path)` or
    `Notebook.open_for_user(path)` (what the app and the command line do)."""

    def __init__(self, core: Core) -> None:
        self.core = core
        # What opening cleared away that a killed program had left (for `check`).
        self.cleaned: list[str] = []
        self.sources = Sources(core)
        self.tags = Tags(core)
        self.documents = Documents(core)
        self.pages = Pages(core)
        self.notes = Notes(core, self.sources, references=self._references)
        self.citations = Citations(core, self.sources,
                                   is_private_note=lambda key: self.notes.get(key).private)
        self.excerpts = Excerpts(core, cite=self._cite)
        self.search = Search(core)
        self.backups = Backups(core, after_restore=lambda: self._bring_up_to_date(None))
        self.archive = Archive(core)
        self.settings = Settings(core)

    def _references(self, fmt: str, source_keys: list[str]) -> str:
        return self.citations.export(fmt, sources=source_keys)

    def _cite(self, source_key: str, locator: str | None, style: str) -> str:
        return self.citations.cite(source_key, locator=locator, style=style)

    # -- the folder and its connection -----------------------------------------------------

    @property
    def path(self) -> Path:
        return self.core.path

    @property
    def conn(self) -> Connection:
        return self.core.conn

    @property
    def files(self) -> FileStore:
        """The originals, byte for byte (files/)."""
        return self.core.files

    @property
    def read_only(self) -> bool:
        return self.core.read_only

    @property
    def read_only_reason(self) -> str | None:
        return self.core.read_only_reason

    @property
    def schema_version(self) -> int:
        return self.core.schema_version

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One raw transaction, for callers outside the areas that write rows themselves
        (benchmarks building large notebooks, tests planting damage)."""
        with self.core.write() as tx:
            yield tx.conn

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
    def open_for_user(cls, path: str | Path, *, read_only: bool = False,
                      create: bool = False, progress: Progress | None = None,
                      defer_upkeep: bool = False) -> Notebook:
        """Open for writing when the folder allows it, else read-only with the reason kept
        in `read_only_reason` (for the app's banner)."""
        return open_for_user(cls.open, Path(path).expanduser(), read_only=read_only,
                             create=create, progress=progress, defer_upkeep=defer_upkeep)

    @classmethod
    def restore_backup_at(cls, path: str | Path, name: str) -> dict[str, Any]:
        """Restore a backup of the notebook at `path`, even one too damaged to open."""
        return restore_backup_at(path, name, opener=cls.open_for_user)

    @classmethod
    def restore_archive(cls, archive: str | Path, path: str | Path,
                        progress: Progress | None = None,
                        migrations_dir: Path | None = None) -> dict[str, Any]:
        """Rebuild a notebook at `path` from an archive; nothing is made if it is damaged."""
        return restore_archive(archive, path, cls.open, progress=progress,
                               migrations_dir=migrations_dir)

    @classmethod
    def _open(cls, path: Path, *, read_only: bool, new: bool, migrations_dir: Path | None,
              progress: Progress | None, defer_upkeep: bool = False) -> Notebook:
        """Open without any lock: other programs may have the notebook open, and write to it,
        at the same time (SQLite's locking keeps each write whole). Only a schema update
        takes the notebook alone (`_update_schema`)."""
        db_path = path / DB_NAME
        migrations = migrate.discover(migrations_dir or migrate.default_migrations_dir())
        if read_only:
            conn = connect(db_path, read_only=True, functions=sql_functions())
            try:
                migrate.check_not_newer(conn, migrations)
                todo = migrate.pending(conn, migrations)
                if todo:
                    raise NotebookUnavailable(
                        f"The notebook at {path} needs updating to schema "
                        f"{todo[-1].version}, which cannot be done read-only.")
                nb = cls(Core(path, conn, read_only=True))
                nb._bring_up_to_date(progress)
            except BaseException:
                conn.close()
                raise
            return nb
        if not new:
            # Look at the version before anything can write to the file.
            probe = connect(db_path, read_only=True)
            try:
                migrate.check_not_newer(probe, migrations)
            finally:
                probe.close()
        conn = connect(db_path, functions=sql_functions())
        try:
            nb = cls(Core(path, conn, read_only=False))
            if migrate.pending(conn, migrations):
                nb._update_schema(migrations)
            nb._bring_up_to_date(progress)
            nb.core.notice_external_commits()
            if not defer_upkeep:
                nb.upkeep()
        except BaseException:
            conn.close()
            raise
        return nb

    def _update_schema(self, migrations: list[migrate.Migration]) -> None:
        """Apply the pending migrations (after a backup) with the notebook to itself: the
        exclusive lock, waited for while another program does the same, and the pending
        list read again once it is held (that program may have done the work)."""
        latest = migrations[-1].version
        lock = ExclusiveLock(self.path)
        try:
            lock.acquire(wait=WRITE_WAIT_S, doing="update its schema")
        except OSError as exc:
            raise NotebookUnavailable(
                f"The notebook at {self.path} needs updating to schema {latest}, which "
                f"cannot be done here ({exc.strerror}).") from exc
        try:
            todo = migrate.pending(self.conn, migrations)
            if todo:
                if schema_version(self.conn) > 0:
                    self.backups.take(reason=f"before-schema-{latest}")
                migrate.apply(self.conn, migrations)
        finally:
            lock.release()

    def _opening_steps(self) -> list[tuple[str, Callable[[Progress | None], None]]]:
        """What opening does once the schema is current, in this order. Each step brings
        derived data up to date; a read-only notebook skips what would write."""
        return [
            ("log changes", lambda _: self._install_change_log()),
            ("search tables and triggers", self.search.install),
            ("search index", self.search.bring_up_to_date),
            ("citekeys", lambda _: self.sources.assign_missing_citekeys()),
            ("half-copied files", lambda _: self._remove_partial_files()),
        ]

    def _bring_up_to_date(self, progress: Progress | None) -> None:
        for _name, step in self._opening_steps():
            step(progress)

    def _install_change_log(self) -> None:
        if not self.read_only:
            self.core.logs_changes = change_log.install(self.conn)

    def _remove_partial_files(self) -> None:
        if not self.read_only:
            self.cleaned = remove_partial_files(self.core.files.root)

    def upkeep(self) -> None:
        """Routine work that may take a while (the daily backup and rotation); run on open
        unless the caller deferred it to run in the background."""
        self.backups.upkeep()

    def close(self) -> None:
        self.core.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- whole-notebook operations ---------------------------------------------------------

    def info(self) -> dict[str, Any]:
        return {"notebook": str(self.path), "schema_version": self.schema_version,
                **maintenance.counts(self.conn)}

    def check(self) -> dict[str, Any]:
        """Everything that can be verified without changing anything (`health.py`)."""
        return health.check(self)
