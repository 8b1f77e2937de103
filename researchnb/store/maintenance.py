"""Integrity checks, counts and snapshots of notebook.sqlite."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from .keys import KEY_RE

COUNTED = {
    "sources": "SELECT count(*) FROM sources WHERE deleted IS NULL",
    "documents": "SELECT count(*) FROM documents WHERE deleted IS NULL",
    "pages": "SELECT count(*) FROM pages p JOIN documents d ON d.id = p.document_id "
             "WHERE d.deleted IS NULL",
    "excerpts": "SELECT count(*) FROM excerpts WHERE deleted IS NULL",
    "notes": "SELECT count(*) FROM notes WHERE deleted IS NULL",
    "tags": "SELECT count(*) FROM tags",
}


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {name: int(conn.execute(sql).fetchone()[0]) for name, sql in COUNTED.items()}


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """SQLite's own checks plus the rules the schema cannot express."""
    problems = []
    for (msg,) in conn.execute("PRAGMA integrity_check"):
        if msg != "ok":
            problems.append(f"database: {msg}")
    for row in conn.execute("PRAGMA foreign_key_check"):
        problems.append(f"{row[0]} row {row[1]} points to a missing {row[2]} record")
    for table in ("sources", "documents", "pages", "excerpts", "notes"):
        for r in conn.execute(f"SELECT id, key FROM {table}"):
            if not isinstance(r["key"], str) or not KEY_RE.match(r["key"]):
                problems.append(f"{table} row {r['id']} has a malformed key {r['key']!r}")
    for r in conn.execute(
            "SELECT d.key, d.page_count, count(p.id) AS n FROM documents d "
            "LEFT JOIN pages p ON p.document_id = d.id GROUP BY d.id HAVING n != d.page_count"):
        problems.append(f"document {r['key']} should have {r['page_count']} pages "
                        f"but has {r['n']}")
    for r in conn.execute(
            "SELECT e.key FROM excerpts e JOIN documents d ON d.id = e.document_id "
            "WHERE e.page_start < 1 OR e.page_end > d.page_count"):
        problems.append(f"excerpt {r['key']} points outside its document's pages")
    for table, col in (("sources", "extra"), ("documents", "import_report")):
        for r in conn.execute(f"SELECT key FROM {table} WHERE NOT json_valid({col})"):
            problems.append(f"{table[:-1]} {r['key']} has unreadable {col}")
    return problems


def source_dates(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r["key"], r["date"]) for r in conn.execute("SELECT key, date FROM sources")]


def snapshot(conn: sqlite3.Connection, target: Path) -> Path:
    """A consistent copy of the whole database (VACUUM INTO), safe while others read."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed when complete, so a crash or a full disk
    # mid-copy never leaves a half backup that looks like a whole one.
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        conn.execute("VACUUM INTO ?", (str(partial),))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
