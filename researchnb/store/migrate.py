"""The migration runner: db/migrations/NNNN_name.sql applied in order, each in a transaction.

The schema version is SQLite's `user_version`, which changes inside the same transaction as
the migration, so a notebook is never left between two versions.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..domain import NotebookUnavailable, UserError
from ..resources_path import package_data_dir
from .connection import now, schema_version, transaction

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def default_migrations_dir() -> Path:
    return package_data_dir("db") / "migrations"


def discover(folder: Path) -> list[Migration]:
    found = []
    for path in sorted(folder.iterdir()):
        m = _NAME.match(path.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), path))
    versions = [m.version for m in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations in {folder} are not numbered 1..N: {versions}")
    return found


def statements(sql: str) -> Iterator[str]:
    """Split a script into statements without executescript(), which would COMMIT first."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip() and not _only_comments(buf):
                yield buf
            buf = ""
    if buf.strip() and not _only_comments(buf):
        raise RuntimeError(f"incomplete SQL statement at the end of a migration: {buf[:80]!r}")


def _only_comments(sql: str) -> bool:
    return all(not ln.strip() or ln.strip().startswith("--") for ln in sql.splitlines()) or \
        sql.strip() == ";"


def check_not_newer(conn: sqlite3.Connection, migrations: list[Migration]) -> int:
    """Refuse a notebook written by a newer researchnb before anything touches it."""
    current = schema_version(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise NotebookUnavailable(
            f"This notebook was saved by a newer version of researchnb (schema {current}; "
            f"this program knows schemas up to {latest}). Update researchnb to open it. "
            "The notebook was not changed.")
    return current


def pending(conn: sqlite3.Connection, migrations: list[Migration]) -> list[Migration]:
    current = schema_version(conn)
    return [m for m in migrations if m.version > current]


def apply(conn: sqlite3.Connection, migrations: list[Migration]) -> list[Migration]:
    """Apply the pending migrations in order; each one commits whole or not at all."""
    done = []
    for migration in pending(conn, migrations):
        sql = migration.path.read_text(encoding="utf-8")
        try:
            with transaction(conn):
                for stmt in statements(sql):
                    conn.execute(stmt)
                conn.execute(f"PRAGMA user_version = {migration.version}")
                conn.execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                    (f"migration_{migration.version:04d}", f"{migration.name} {now()}"))
        except sqlite3.Error as exc:
            raise UserError(
                f"Updating the notebook to schema {migration.version} ({migration.name}) "
                f"failed: {exc}. The notebook was left as it was, at schema "
                f"{schema_version(conn)}.") from exc
        done.append(migration)
    return done
