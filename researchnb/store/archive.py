"""Every table of notebook.sqlite as plain rows, and back: the SQL half of archive export.

Generic on purpose: it reads the table list from the database itself, so a table another
area adds in a later migration is archived and restored without touching this file. Search
index tables (FTS virtual tables and their shadow tables) are left out: they are derived from
the rest and rebuilt after a restore.

A value is written as JSON, losslessly: text, integers, floats (Python's repr round-trips) and
null as themselves; a BLOB as {"$base64": "..."}; an infinite float as {"$float": "inf"}.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .connection import FunctionSpec, connect, schema_version, transaction
from .migrate import Migration, apply

# Suffixes of the tables FTS3/4/5 create for a virtual table V (named V_suffix); used only
# where SQLite is too old for PRAGMA table_list to say "shadow" itself.
_SHADOW_SUFFIXES = ("data", "idx", "content", "docsize", "config", "segments", "segdir", "stat")


class ArchiveMismatch(Exception):
    """The rows of an archive do not fit the schema they claim (a damaged or forged archive)."""


def archived_tables(conn: sqlite3.Connection) -> list[str]:
    """The ordinary tables holding the notebook's own data, sorted by name."""
    try:
        rows = conn.execute("PRAGMA table_list").fetchall()
    except sqlite3.Error:
        rows = None
    if rows is not None:
        names = [r["name"] for r in rows if r["schema"] == "main" and r["type"] == "table"
                 and not r["name"].startswith("sqlite_")]
        return sorted(names)
    virtual = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")]
    shadow = {f"{v}_{s}" for v in virtual for s in _SHADOW_SUFFIXES}
    return sorted(r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        if not r[0].startswith("sqlite_") and r[0] not in shadow)


def columns_of(conn: sqlite3.Connection, table: str) -> list[str]:
    """Columns a row can be inserted with (generated and hidden columns left out)."""
    return [r["name"] for r in conn.execute(f"PRAGMA table_xinfo({_q(table)})")
            if r["hidden"] == 0]


def _order_by(conn: sqlite3.Connection, table: str) -> str:
    """A stable row order, so the same content always gives the same archive: the primary
    key, or every column for a table without one (never the rowid, which INSERT OR REPLACE
    and VACUUM renumber)."""
    info = conn.execute(f"PRAGMA table_info({_q(table)})").fetchall()
    pk = sorted((r["pk"], r["name"]) for r in info if r["pk"] > 0)
    names = [name for _, name in pk] or [r["name"] for r in info]
    return ", ".join(_q(name) for name in names)


def encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$base64"}:
            return base64.b64decode(value["$base64"], validate=True)
        if set(value) == {"$float"} and value["$float"] in ("inf", "-inf"):
            return float(value["$float"])
        raise ArchiveMismatch(f"unknown value {value!r}")
    if isinstance(value, list):
        raise ArchiveMismatch("a list where a single value was expected")
    return value


def table_lines(conn: sqlite3.Connection, table: str) -> Iterator[str]:
    """The table as a JSON document, one row per line (streamed: tables can be large)."""
    cols = columns_of(conn, table)
    head = json.dumps({"table": table, "columns": cols}, ensure_ascii=False)
    yield head[:-1] + ', "rows": ['
    sql = (f"SELECT {', '.join(_q(c) for c in cols)} FROM {_q(table)} "
           f"ORDER BY {_order_by(conn, table)}")
    first = True
    for row in conn.execute(sql):
        text = json.dumps([encode(v) for v in row], ensure_ascii=False, allow_nan=False)
        yield ("\n" if first else ",\n") + text
        first = False
    yield "\n]}\n"


def count_rows(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {_q(table)}").fetchone()[0])


@contextlib.contextmanager
def read_snapshot(db_path: Path, functions: tuple[FunctionSpec, ...] = ()
                  ) -> Iterator[sqlite3.Connection]:
    """A separate read-only connection holding one read transaction: a consistent view even
    while the notebook's own connection keeps writing. `functions` are the SQL functions
    the schema's triggers and views call (the search index's)."""
    conn = connect(db_path, read_only=True, functions=functions)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        yield conn
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("COMMIT")
        conn.close()


def build_database(db_path: Path, migrations: list[Migration], tables: list[str],
                   read: Callable[[str], dict[str, Any]],
                   functions: tuple[FunctionSpec, ...] = ()) -> None:
    """Make notebook.sqlite at exactly the archive's schema, then load its rows.

    `read(name)` gives one table's archived form (one table in memory at a time). The rows
    go in with triggers removed (they would add revisions, index rows or timestamps the
    archive already holds, or that are rebuilt later) and foreign keys checked once at the
    end; all of it is one transaction. `functions` as for `read_snapshot`.
    """
    conn = connect(db_path, functions=functions)
    try:
        apply(conn, migrations)
        present = set(archived_tables(conn))
        extra = sorted(set(tables) - present)
        if extra:
            raise ArchiveMismatch(f"tables {', '.join(extra)} do not exist in schema "
                                  f"{schema_version(conn)}")
        absent = sorted(present - set(tables))
        if absent:
            raise ArchiveMismatch(f"the tables {', '.join(absent)} of schema "
                                  f"{schema_version(conn)} are missing")
        with transaction(conn):
            conn.execute("PRAGMA defer_foreign_keys = ON")
            triggers = [r[0] for r in conn.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL")]
            for (name,) in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                conn.execute(f"DROP TRIGGER {_q(name)}")
            for name in sorted(present):
                conn.execute(f"DELETE FROM {_q(name)}")
            for name in sorted(tables):
                _load_table(conn, name, read(name))
            for sql in triggers:
                conn.execute(sql)
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                raise ArchiveMismatch(f"{len(bad)} rows point to missing records "
                                      f"(first in table {bad[0][0]})")
    finally:
        conn.close()


def _load_table(conn: sqlite3.Connection, name: str, data: dict[str, Any]) -> None:
    """Insert one table's rows (`data["rows"]` may be a lazy iterator: one row in memory at
    a time). A row that does not fit is named: "tables/NAME.json row N ..."."""
    member = f"tables/{name}.json"
    cols = data.get("columns")
    rows = data.get("rows")
    if data.get("table") != name or not isinstance(cols, list) or isinstance(rows, (str, dict)) \
            or not isinstance(rows, Iterable):
        raise ArchiveMismatch(f"{member} is not in the archive's table format")
    have = columns_of(conn, name)
    if set(cols) != set(have) or len(cols) != len(have):
        raise ArchiveMismatch(f"table {name} has columns {cols}, the schema has {have}")
    sql = (f"INSERT INTO {_q(name)} ({', '.join(_q(c) for c in cols)}) "
           f"VALUES ({', '.join('?' * len(cols))})")
    for i, row in enumerate(rows):
        where = f"{member} row {i + 1}"
        if not isinstance(row, list) or len(row) != len(cols):
            raise ArchiveMismatch(f"{where} is not a list of {len(cols)} values")
        try:
            values = [decode(v) for v in row]
        except (ValueError, TypeError) as exc:      # bad base64 (binascii.Error)
            raise ArchiveMismatch(f"{where} holds a value that cannot be decoded ({exc})"
                                  ) from exc
        except ArchiveMismatch as exc:
            raise ArchiveMismatch(f"{where}: {exc}") from exc
        try:
            conn.execute(sql, values)
        except sqlite3.IntegrityError as exc:
            raise ArchiveMismatch(f"{where} is refused: {exc}") from exc
        except OverflowError as exc:
            raise ArchiveMismatch(f"{where} holds a number too large for SQLite") from exc
        except UnicodeError as exc:
            raise ArchiveMismatch(f"{where} holds text that is not valid Unicode") from exc
        except (sqlite3.InterfaceError, sqlite3.DataError, TypeError, ValueError) as exc:
            raise ArchiveMismatch(f"{where} holds a value SQLite cannot store ({exc})"
                                  ) from exc


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def notes_for_markdown(conn: sqlite3.Connection) -> list[sqlite3.Row]:
    """The notes a reader of the archive sees as Markdown files (trashed ones only in JSON)."""
    return conn.execute("SELECT key, title, body, private, created, modified FROM notes "
                        "WHERE deleted IS NULL ORDER BY key").fetchall()
