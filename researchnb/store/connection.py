"""Opening notebook.sqlite: pragmas, transactions that wait their turn, read-only snapshots.

Several programs write one notebook at once (the app and any number of command lines):
SQLite's own locking does it. The database is in WAL mode, so readers never wait; a write
takes SQLite's write lock at once (`BEGIN IMMEDIATE`), waits for it through the busy timeout,
and `transaction()` retries BEGIN and COMMIT with back-off and jitter for about 30 s in all
before telling the user that the notebook is busy in another program.
"""

from __future__ import annotations

import contextlib
import random
import shutil
import sqlite3
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from ..domain import NotebookUnavailable, UserError

# How long one statement waits for a lock inside SQLite before `transaction()` backs off and
# tries again, and how long a write waits for its turn in all.
BUSY_TIMEOUT_MS = 2000
WRITE_WAIT_S = 30.0

# Names other layers use in type hints and except clauses without importing sqlite3.
Connection = sqlite3.Connection
Row = sqlite3.Row
DatabaseError = sqlite3.Error

# Python functions that SQL (triggers, queries) may call, registered on every connection.
# Other store modules add theirs with `sql_function`, so a trigger that calls one works on
# any connection the notebook opens.
# What a Python function registered on a connection may return to SQL.
SqlValue = str | bytes | int | float | None
FunctionSpec = tuple[str, int, Callable[..., SqlValue]]

BUSY_MESSAGE = ("The notebook is busy in another program (another researchnb window or "
                "command is writing to it) and stayed busy for {seconds} seconds; nothing "
                "was changed. Try again in a moment; if it stays busy, close the other "
                "program first.")


def now() -> str:
    """UTC time as ISO 8601 text with microseconds, the format of every timestamp column."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


class _Snapshot(sqlite3.Connection):
    """A connection to a private copy of a notebook (see `_open_snapshot`); closing it, or
    losing it, removes the copy."""

    snapshot_dir: Path | None = None

    def close(self) -> None:
        super().close()
        if self.snapshot_dir is not None:
            shutil.rmtree(self.snapshot_dir, ignore_errors=True)
            self.snapshot_dir = None


def connect(db_path: Path, *, read_only: bool = False,
            functions: tuple[FunctionSpec, ...] = ()) -> sqlite3.Connection:
    """Open notebook.sqlite with WAL, foreign keys, synchronous=NORMAL and a busy timeout.

    Transactions are explicit (`transaction()`), so the connection is in autocommit mode.
    """
    if read_only:
        conn = _open_read_only(db_path)
    else:
        conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    for name, nargs, fn in functions:
        conn.create_function(name, nargs, fn, deterministic=True)
    return conn


def _open_read_only(db_path: Path) -> sqlite3.Connection:
    uri = f"file:{_uri_path(db_path)}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        conn.execute("PRAGMA user_version").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if _busy(exc):
            # Another program holds it for a moment (a recovery): never copy a live file.
            raise NotebookUnavailable(BUSY_MESSAGE.format(seconds=BUSY_TIMEOUT_MS // 1000)
                                      ) from exc
    # A WAL notebook in a folder nobody may write to (a read-only disk, an archive CD, a
    # share) whose -shm file is missing: SQLite cannot make it, so cannot read the WAL.
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists():
        # Committed work may be in the WAL alone (a crash, a copy taken while open), and an
        # `immutable` open would not see it: read a private copy of both files instead.
        return _open_snapshot(db_path, wal)
    # No WAL: the database file holds everything; nothing can change it here.
    return sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None,
                           check_same_thread=False)


def _open_snapshot(db_path: Path, wal: Path) -> sqlite3.Connection:
    """Copy notebook.sqlite and its -wal to a temporary folder and open the copy read-only
    (SQLite replays the WAL there), so every committed change is seen."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="researchnb-readonly-"))
    except OSError as exc:
        raise UserError(f"The notebook at {db_path.parent} is on a read-only disk and its "
                        "latest changes need a temporary copy to be read, which could not be "
                        f"made ({exc.strerror}).") from exc
    try:
        copy = folder / db_path.name
        shutil.copyfile(db_path, copy)
        shutil.copyfile(wal, copy.with_name(copy.name + "-wal"))
        conn = sqlite3.connect(f"file:{_uri_path(copy)}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False,
                               factory=_Snapshot)
        conn.execute("PRAGMA user_version").fetchone()
    except (OSError, sqlite3.Error) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, sqlite3.Error):
            raise
        raise UserError(f"The notebook at {db_path.parent} is on a read-only disk and its "
                        "latest changes need a temporary copy to be read, which could not be "
                        f"made ({exc.strerror}).") from exc
    assert isinstance(conn, _Snapshot)
    conn.snapshot_dir = folder
    weakref.finalize(conn, shutil.rmtree, folder, ignore_errors=True)
    return conn


def _uri_path(path: Path) -> str:
    """A path as SQLite's URI filenames want it (`?` and `#` would end the path)."""
    return str(path).replace("%", "%25").replace("?", "%3f").replace("#", "%23")


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _retrying(conn: sqlite3.Connection, sql: str, deadline: float,
              attempt: list[int]) -> None:
    """Run BEGIN or COMMIT, retrying while another program holds the lock, until
    `deadline` (time.monotonic()); then the busy message. Back-off doubles from 20 ms to
    1 s, each wait jittered (so two programs do not retry in step)."""
    while True:
        try:
            conn.execute(sql)
            return
        except sqlite3.OperationalError as exc:
            if not _busy(exc):
                translated = translate_error(exc)
                if translated is exc:
                    raise
                raise translated from exc
            left = deadline - time.monotonic()
            if left <= 0:
                raise NotebookUnavailable(
                    BUSY_MESSAGE.format(seconds=round(WRITE_WAIT_S))) from exc
            pause = min(1.0, 0.02 * 2 ** min(attempt[0], 6)) * random.uniform(0.5, 1.5)
            attempt[0] += 1
            time.sleep(min(pause, left))


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE); nested calls become savepoints.

    Everything inside commits together or not at all, which is what makes every Notebook
    operation atomic. sqlite-utils' own helpers nest inside as savepoints. When another
    program is writing, BEGIN and COMMIT wait their turn (`WRITE_WAIT_S` in all).
    """
    if conn.in_transaction:
        name = f"sp_{id(object())}"
        conn.execute(f"SAVEPOINT {name}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                conn.execute(f"RELEASE SAVEPOINT {name}")
            raise
        else:
            conn.execute(f"RELEASE SAVEPOINT {name}")
        return
    deadline = time.monotonic() + WRITE_WAIT_S
    attempt = [0]
    _retrying(conn, "BEGIN IMMEDIATE", deadline, attempt)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        # The work is done: COMMIT gets a fresh allowance, whatever BEGIN waited.
        _retrying(conn, "COMMIT", time.monotonic() + WRITE_WAIT_S, attempt)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


DAMAGED_MESSAGE = ("The notebook is damaged ({why}): restore a backup (File › Backups, or "
                   "`researchnb backups restore NAME`).")
_DAMAGE_SIGNS = ("malformed", "not a database", "database corrupt", "corrupt database",
                 "database disk image")


class NotebookDamaged(UserError):
    """notebook.sqlite is damaged (pages overwritten, a file that is not a database): only a
    backup helps. The notebook layer names the newest good one (notebook/backups.py)."""


def is_damage(exc: BaseException) -> bool:
    """Whether a SQLite error says the database file itself is damaged."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and any(s in text for s in _DAMAGE_SIGNS)


def translate_error(exc: sqlite3.Error) -> Exception:
    """Turn the SQLite errors a user can cause into messages they can act on."""
    text = str(exc).lower()
    if is_damage(exc):
        return NotebookDamaged(DAMAGED_MESSAGE.format(why=exc))
    if "readonly" in text or "read-only" in text:
        return NotebookUnavailable(
            "The notebook is read-only here (the folder or disk does not allow writing); "
            "nothing was changed.")
    if "disk is full" in text or "database or disk is full" in text:
        return UserError("The disk is full; nothing was changed. Free some space and try again.")
    if "disk i/o error" in text:
        return UserError("The notebook could not be written to the disk (it may be full, or "
                         "failing); nothing was changed. Free some space and try again.")
    if "locked" in text or "busy" in text:
        return NotebookUnavailable(
            "The notebook is busy in another program (another researchnb window or command "
            "is writing to it); nothing was changed. Try again in a moment.")
    return exc


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """A sqlite-utils view of the same connection (same transaction)."""
    return sqlite_utils.Database(conn)
