"""Opening notebook.sqlite: pragmas, the single-writer lock, transactions."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from ..domain import NotebookUnavailable, UserError

BUSY_TIMEOUT_MS = 5000

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


def now() -> str:
    """UTC time as ISO 8601 text with microseconds, the format of every timestamp column."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def connect(db_path: Path, *, read_only: bool = False,
            functions: tuple[FunctionSpec, ...] = ()) -> sqlite3.Connection:
    """Open notebook.sqlite with WAL, foreign keys, synchronous=NORMAL and a busy timeout.

    Transactions are explicit (`transaction()`), so the connection is in autocommit mode.
    """
    if read_only:
        uri = f"file:{db_path}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA user_version").fetchone()
        except sqlite3.OperationalError:
            # A WAL notebook in a folder nobody may write to (a read-only disk, an archive
            # CD): SQLite cannot make its -shm file, so read it as an unchanging file.
            conn.close()
            conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None,
                                   check_same_thread=False)
    else:
        conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    for name, nargs, fn in functions:
        conn.create_function(name, nargs, fn, deterministic=True)
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (BEGIN IMMEDIATE); nested calls become savepoints.

    Everything inside commits together or not at all, which is what makes every Notebook
    operation atomic. sqlite-utils' own helpers nest inside as savepoints.
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
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise translate_error(exc) from exc
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise translate_error(exc) from exc


def translate_error(exc: sqlite3.Error) -> Exception:
    """Turn the SQLite errors a user can cause into messages they can act on."""
    text = str(exc).lower()
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
            "The notebook is busy in another program; nothing was changed. Try again.")
    return exc


def database(conn: sqlite3.Connection) -> sqlite_utils.Database:
    """A sqlite-utils view of the same connection (same transaction)."""
    return sqlite_utils.Database(conn)
