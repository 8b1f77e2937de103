"""Rebuilding and checking the search index, and the analyzer version it was built with.

The SELECTs are those of the table of kinds (kinds.py), the same expressions the triggers
(triggers.py) use: `index_range` rebuilds from them and `problems` compares every indexed
row with them. Everything runs on the connection the caller hands over (inside its write
transaction where it writes); the store knows nothing of this.
"""

from __future__ import annotations

from ..store.connection import Connection, DatabaseError
from .analyzer import is_surface
from .kinds import INDEXES, KINDS_TABLE
from .triggers import installed

__all__ = ["installed", "stored_version", "set_version", "live_ids", "clear", "index_range",
           "optimize", "problems", "vocabulary"]

VERSION_KEY = "search_analyzer_version"


def stored_version(conn: Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (VERSION_KEY,)).fetchone()
    return None if row is None else str(row[0])


def set_version(conn: Connection, version: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (VERSION_KEY, version))


def live_ids(conn: Connection, kind: str) -> list[int]:
    k = INDEXES[kind]
    return [int(r[0]) for r in conn.execute(f"SELECT {k.alias}.id {k.live} ORDER BY 1")]


def clear(conn: Connection, kind: str) -> None:
    """Empty one FTS table. DELETE would re-read every row to unindex it; dropping and
    re-creating it is far quicker, and happens inside the caller's transaction like any
    other write."""
    k = INDEXES[kind]
    conn.execute(f"DROP TABLE {k.table}")
    conn.execute(k.create)
    conn.execute(k.rank)


def index_range(conn: Connection, kind: str, first: int, last: int) -> None:
    """Index the live records with ids first..last (the table must not hold them yet)."""
    k = INDEXES[kind]
    conn.execute(f"{k.insert} AND {k.alias}.id BETWEEN ? AND ?", (first, last))


def optimize(conn: Connection, kind: str) -> None:
    t = INDEXES[kind].table
    conn.execute(f"INSERT INTO {t} ({t}) VALUES ('optimize')")


def problems(conn: Connection) -> list[str]:
    """FTS5's own integrity check, then every live record indexed once and up to date.

    rowid is the record's id, so "once" is guaranteed by FTS5; what can go wrong is a
    record missing, a deleted one left behind, or a row indexed from older text.
    """
    found = []
    for k in KINDS_TABLE:
        try:
            conn.execute(f"INSERT INTO {k.table} ({k.table}) VALUES ('integrity-check')")
        except DatabaseError as exc:
            if "readonly" not in str(exc).lower():   # a read-only notebook cannot run it
                found.append(f"the search index of {k.kind}s is damaged ({exc}); run "
                             "`researchnb reindex`")
                continue
        a = k.alias
        for (key,) in conn.execute(
                f"SELECT {a}.key {k.live} AND {a}.id NOT IN (SELECT rowid FROM {k.table}) "
                "LIMIT 20"):
            found.append(f"{k.kind} {key} is missing from the search index")
        for (rowid,) in conn.execute(
                f"SELECT rowid FROM {k.table} WHERE rowid NOT IN (SELECT {a}.id {k.live}) "
                "LIMIT 20"):
            found.append(f"the search index still holds {k.kind} row {rowid}, which is "
                         "deleted or gone")
        named = ", ".join(f"{e} AS c{i}" for i, e in enumerate(k.exprs))
        differs = " OR ".join(f"f.{c} IS NOT x.c{i}" for i, c in enumerate(k.columns))
        for (key,) in conn.execute(
                f"SELECT x.key FROM (SELECT {a}.id AS id, {a}.key AS key, {named} {k.live}) x "
                f"JOIN {k.table} f ON f.rowid = x.id WHERE {differs} LIMIT 20"):
            found.append(f"{k.kind} {key} is indexed from outdated text; run "
                         "`researchnb reindex`")
    return found


def vocabulary(conn: Connection, kind: str, first: str) -> list[str]:
    """Every indexed stem of one kind that starts with the character `first` (every stem
    of that kind when `first` is empty); the surface words beside them are left out."""
    v = INDEXES[kind].vocabulary
    if not first:
        rows = conn.execute(f"SELECT term FROM {v}")
    else:
        rows = conn.execute(f"SELECT term FROM {v} WHERE term >= ? AND term < ?",
                            (first, chr(ord(first) + 1)))
    return [r[0] for r in rows if not is_surface(r[0])]
