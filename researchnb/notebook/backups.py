"""Automatic backups: a snapshot on opening when the newest is a day old, rotated, restorable.

Snapshots live in `backups/` as `notebook-YYYYMMDD-HHMMSS-micro-REASON.sqlite` (UTC), written
by `nb.backups.take` with VACUUM INTO. Only the automatic ones ("daily") are rotated: the
newest of each of the last 7 days that have one, and the newest of each of the 4 weeks
before those. Backups taken by hand, before a schema update or before a restore are kept
until the user deletes them: they mark moments worth going back to.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain import NotebookUnavailable, NotFound, UserError
from ..store import backups as store_backups
from ..store import maintenance, migrate
from ..store.connection import WRITE_WAIT_S, DatabaseError, connect, is_damage
from ..store.lock import ExclusiveLock
from .core import Core

log = logging.getLogger(__name__)

DAILY_REASON = "daily"
DAILY_LOCK = "backup.lock"
BACKUP_EVERY = timedelta(days=1)
KEEP_DAILY = 7
KEEP_WEEKLY = 4
_NAME = re.compile(r"^notebook-(\d{8}-\d{6}-\d{6})-([a-z0-9_.-]+)\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    name: str
    path: Path
    created: datetime        # UTC
    reason: str
    size: int

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["path"] = str(self.path)
        d["created"] = self.created.isoformat(timespec="seconds")
        return d


def parse_backup_name(name: str) -> tuple[datetime, str] | None:
    m = _NAME.match(name)
    if not m:
        return None
    stamp = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    return stamp, m.group(2)


def backups_to_drop(backups: list[BackupInfo], keep_daily: int = KEEP_DAILY,
                    keep_weekly: int = KEEP_WEEKLY) -> list[BackupInfo]:
    """Which automatic backups rotation removes (the others are never touched)."""
    auto = sorted((b for b in backups if b.reason == DAILY_REASON),
                  key=lambda b: b.created, reverse=True)
    keep: set[str] = set()
    days: list[date] = []
    for b in auto:
        day = b.created.date()
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(b.name)
    weeks: list[tuple[int, ...]] = []
    oldest_daily = min(days) if days else None
    for b in auto:
        if b.name in keep or (oldest_daily is not None and b.created.date() >= oldest_daily):
            continue
        week = b.created.isocalendar()[:2]
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)
            keep.add(b.name)
    return [b for b in auto if b.name not in keep]


def backups_in(notebook: Path) -> list[BackupInfo]:
    """The snapshots in a notebook's backups/ folder, newest first (no database needed, so
    this works on a notebook too damaged to open)."""
    folder = notebook / "backups"
    found = []
    if folder.is_dir():
        for p in folder.iterdir():
            parsed = parse_backup_name(p.name)
            if parsed and p.is_file():
                found.append(BackupInfo(p.name, p, parsed[0], parsed[1], p.stat().st_size))
    return sorted(found, key=lambda b: (b.created, b.name), reverse=True)


def _check_backup(chosen: BackupInfo, migrations: list[migrate.Migration]) -> None:
    try:
        version, problems = store_backups.inspect(chosen.path)
    except DatabaseError as exc:
        raise UserError(f"The backup {chosen.name} cannot be read ({exc}); nothing was "
                        "changed.") from exc
    if problems:
        raise UserError(f"The backup {chosen.name} is damaged ({problems[0]}); nothing was "
                        "changed. Choose another backup.")
    latest = migrations[-1].version if migrations else 0
    if version > latest:
        raise NotebookUnavailable(f"The backup {chosen.name} was written by a newer "
                                  f"researchnb (schema {version}); nothing was changed.")


def _find(notebook: Path, name: str) -> BackupInfo:
    chosen = next((b for b in backups_in(notebook) if b.name == name), None)
    if chosen is None:
        raise NotFound(f"There is no backup called {name}; `researchnb backups list` "
                       "shows them.")
    return chosen


class Backups:
    """`nb.backups`: snapshots of the database, taken, rotated, listed and restored."""

    def __init__(self, core: Core, after_restore: Callable[[], None]) -> None:
        self._core = core
        self._after_restore = after_restore
        # Why the last automatic backup failed (a full disk, say), for the app to show.
        self.problem: str | None = None

    def take(self, to: str | Path | None = None, *, reason: str = "manual") -> Path:
        """A consistent snapshot of the database now, under backups/ unless told otherwise."""
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        folder = Path(to).expanduser() if to else self._core.path / "backups"
        target = folder / f"notebook-{stamp}-{reason}.sqlite"
        try:
            return maintenance.snapshot(self._core.conn, target)
        except (DatabaseError, OSError) as exc:
            raise UserError(f"The backup to {folder} failed: {exc}. The notebook is unchanged."
                            ) from exc

    def upkeep(self) -> None:
        """The daily backup and the rotation (an opening step, or deferred by the app to run
        in the background once its window is up)."""
        if not self._core.read_only:
            self.if_due()
            self.rotate()

    def if_due(self, now: datetime | None = None) -> BackupInfo | None:
        """Take the daily backup if the newest backup is more than a day old.

        A failure (a full disk, say) never stops the notebook from opening: it is logged
        and kept in `problem` for the app to show. Two programs opening the notebook at the
        same moment take one backup: whoever holds the lock file `backup.lock` takes it
        (and looks again once it holds it); the other goes on without waiting. (A lock file,
        not a write transaction: VACUUM INTO cannot run inside one, and holding SQLite's
        write lock for the whole copy would make every other program's saves wait.)
        """
        now = now or datetime.now(UTC)
        if not self._due(now):
            return None
        lock = ExclusiveLock(self._core.path, DAILY_LOCK)
        try:
            if lock.try_acquire() is not None:
                return None                 # another program is taking it right now
        except OSError as exc:
            log.warning("could not make %s (%s); taking the daily backup anyway", lock.path,
                        exc.strerror)
        try:
            if not self._due(now):
                return None
            path = self.take(reason=DAILY_REASON)
        except UserError as exc:
            self.problem = str(exc)
            log.warning("automatic backup failed: %s", exc)
            return None
        finally:
            lock.release()
        return next((b for b in self.all() if b.path == path), None)

    def _due(self, now: datetime) -> bool:
        existing = self.all()
        if existing and now - existing[0].created < BACKUP_EVERY:
            return False
        # An empty notebook has nothing worth keeping yet.
        return bool(existing) or any(maintenance.counts(self._core.conn).values())

    def all(self) -> list[BackupInfo]:
        """The snapshots in backups/, newest first."""
        return backups_in(self._core.path)

    def rotate(self) -> list[str]:
        """Remove the automatic backups rotation no longer keeps; returns their names."""
        removed = []
        for b in backups_to_drop(self.all()):
            try:
                b.path.unlink()
                removed.append(b.name)
            except OSError as exc:
                log.warning("could not remove old backup %s: %s", b.path, exc)
        return removed

    def restore(self, name: str) -> dict[str, Any]:
        """Put the notebook back as it was in backup `name`, keeping today's state first.

        The current state is snapshotted ("before-restore") before anything changes, the
        chosen backup is checked, then copied in as one write; a backup from an older
        schema is brought up to date the usual way.
        """
        if self._core.read_only:
            raise NotebookUnavailable("This notebook is open read-only; nothing was changed.")
        chosen = _find(self._core.path, name)
        migrations = migrate.discover(migrate.default_migrations_dir())
        _check_backup(chosen, migrations)
        with ExclusiveLock(self._core.path).held(wait=WRITE_WAIT_S, doing="restore a backup"):
            try:
                kept = self.take(reason="before-restore")
            except UserError:
                # A database too damaged to snapshot is kept byte for byte instead.
                kept = _copy_aside(self._core.path, "damaged")
            with _brought_up_to_date(chosen, migrations) as current:
                try:
                    # One write: other programs with the notebook open see the notebook
                    # before or after, never between, and never at an older schema.
                    store_backups.copy_into(current, self._core.conn)
                except DatabaseError as exc:
                    raise UserError(f"Restoring the backup {name} failed ({exc}); the "
                                    f"notebook is as it was (also saved as {kept.name})."
                                    ) from exc
            migrate.apply(self._core.conn, migrations)
            self._after_restore()      # every area brings its derived data up to date
        return {"restored": name, "previous_state": kept.name,
                "schema_version": self._core.schema_version}


@contextlib.contextmanager
def _brought_up_to_date(chosen: BackupInfo, migrations: list[migrate.Migration]
                        ) -> Iterator[Path]:
    """The backup itself when its schema is current, else a migrated copy of it (in
    backups/, as a `.partial` file, removed afterwards): a backup from an older schema is
    updated before it replaces the live database, not after."""
    version, _ = store_backups.inspect(chosen.path)
    if not migrations or version >= migrations[-1].version:
        yield chosen.path
        return
    copy = chosen.path.with_name(f".{chosen.name}.updating.partial")
    try:
        try:
            shutil.copyfile(chosen.path, copy)
        except OSError as exc:
            raise UserError(f"The backup {chosen.name} could not be prepared "
                            f"({exc.strerror}); nothing was changed.") from exc
        conn = connect(copy)
        try:
            migrate.apply(conn, migrations)
        finally:
            conn.close()
        yield copy
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.unlink(f"{copy}{suffix}")


def restore_backup_at(path: str | Path, name: str,
                      opener: Callable[[Path], Any]) -> dict[str, Any]:
    """Restore backup `name` of the notebook at `path`, even when its database is too
    damaged to open: then the damaged file is set aside in backups/ (as "damaged",
    never deleted) and the backup copied in its place. `opener` opens a notebook as the
    user would (`Notebook.open_for_user`)."""
    path = Path(path).expanduser()
    try:
        nb = opener(path)
    except UserError as exc:
        if not isinstance(exc.__cause__, DatabaseError):
            raise
        return _replace_damaged(opener, path, name, str(exc.__cause__))
    with nb:
        if nb.read_only:
            raise NotebookUnavailable(f"{nb.read_only_reason} No backup was restored.")
        result: dict[str, Any] = nb.backups.restore(name)
        return result


def _copy_aside(path: Path, reason: str) -> Path:
    """Copy notebook.sqlite (and its -wal) into backups/ byte for byte."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
    target = path / "backups" / f"notebook-{stamp}-{reason}.sqlite"
    try:
        for suffix in ("", "-wal"):
            src = path / f"notebook.sqlite{suffix}"
            if src.exists():
                shutil.copyfile(src, target.with_name(target.name + suffix))
    except OSError as exc:
        raise UserError(f"The present state could not be kept as a backup ({exc.strerror}); "
                        "nothing was changed.") from exc
    return target


def _replace_damaged(opener: Callable[[Path], Any], path: Path, name: str,
                     why: str) -> dict[str, Any]:
    chosen = _find(path, name)
    _check_backup(chosen, migrate.discover(migrate.default_migrations_dir()))
    lock = ExclusiveLock(path)
    lock.acquire(wait=WRITE_WAIT_S, doing="restore a backup")
    try:
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-%f")
        aside = path / "backups" / f"notebook-{stamp}-damaged.sqlite"
        db = path / "notebook.sqlite"
        fd, tmp = tempfile.mkstemp(prefix=".restoring-", dir=path)
        try:
            with os.fdopen(fd, "wb") as out, open(chosen.path, "rb") as src:
                shutil.copyfileobj(src, out)
                out.flush()
                os.fsync(out.fileno())
            if db.exists():
                os.replace(db, aside)
            for suffix in ("-wal", "-shm"):       # they belong to the damaged file
                side = path / f"notebook.sqlite{suffix}"
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
            os.replace(tmp, db)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    finally:
        lock.release()
    with opener(path) as nb:
        return {"restored": name, "previous_state": aside.name if aside.exists() else None,
                "schema_version": nb.schema_version,
                "note": f"The notebook could not be opened ({why}); the damaged file was kept "
                        f"as {aside.name}."}


def newest_good_backup(notebook: Path) -> BackupInfo | None:
    """The newest backup that SQLite's integrity check passes (checked newest first, and
    only as far as the first good one)."""
    for b in backups_in(notebook):
        if b.reason == "damaged":
            continue                        # the damaged state kept aside by a restore
        try:
            _version, problems = store_backups.inspect(b.path)
        except DatabaseError:
            continue
        if not problems:
            return b
    return None


def damaged_message(notebook: Path, cause: BaseException | None = None) -> str:
    """What to tell the user of a damaged notebook: restore a backup, naming the best one."""
    why = f" ({cause})" if cause is not None else ""
    good = newest_good_backup(notebook)
    if good is None:
        advice = ("There is no undamaged backup in its backups folder; an archive exported "
                  "earlier (`researchnb restore`) is the other way back.")
    else:
        advice = (f"The newest good backup is {good.name} "
                  f"(`researchnb backups restore {good.name}`).")
    return (f"The notebook is damaged{why}: restore a backup (File › Backups, or "
            f"`researchnb backups restore NAME`). {advice}")


def explain_damage(notebook: Path, exc: BaseException) -> str | None:
    """`damaged_message` when `exc` says the database is damaged, else None (for callers
    outside the notebook layer, such as the app, that see the error mid-way)."""
    return damaged_message(notebook, exc) if is_damage(exc) else None
