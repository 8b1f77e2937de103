"""Per-notebook settings (the OCR languages, say): rows of the `meta` table named
`setting.NAME`, so they travel with the notebook file and need no table of their own."""

from __future__ import annotations

import sqlite3

PREFIX = "setting."


def get(conn: sqlite3.Connection, name: str) -> str | None:
    """The stored value of setting `name`, or None when it was never set."""
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (PREFIX + name,)).fetchone()
    return None if row is None else str(row[0])


def put(conn: sqlite3.Connection, name: str, value: str) -> None:
    conn.execute("INSERT INTO meta (name, value) VALUES (?, ?) "
                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                 (PREFIX + name, value))
