"""Reading backup snapshots and copying one back over the live database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .connection import connect, schema_version


def inspect(path: Path) -> tuple[int, list[str]]:
    """A snapshot's schema version and the problems SQLite's integrity check finds in it."""
    conn = connect(path, read_only=True)
    try:
        problems = [m for (m,) in conn.execute("PRAGMA integrity_check") if m != "ok"]
        return schema_version(conn), problems
    finally:
        conn.close()


def copy_into(snapshot: Path, live: sqlite3.Connection) -> None:
    """Replace everything in the live database with the snapshot, as one write.

    SQLite's online backup copies all pages under the live database's write lock in one
    step, so a crash part-way leaves the live notebook as it was (the WAL is not committed).
    """
    src = connect(snapshot, read_only=True)
    try:
        src.backup(live, pages=-1)
    finally:
        src.close()
