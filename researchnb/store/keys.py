"""Record keys: 8 characters from an alphabet without 0/O/1/I, unique and never reused."""

from __future__ import annotations

import re
import secrets
import sqlite3

ALPHABET = "23456789ABCDEFGHIJKLMNPQRSTUVWXYZ"
KEY_LENGTH = 8
KEY_RE = re.compile(rf"^[{ALPHABET}]{{{KEY_LENGTH}}}$")


def looks_like_key(text: str) -> bool:
    return bool(KEY_RE.match(text))


def new_key(conn: sqlite3.Connection) -> str:
    """Make a key no record of this notebook has ever had, and reserve it."""
    while True:
        key = "".join(secrets.choice(ALPHABET) for _ in range(KEY_LENGTH))
        cur = conn.execute("INSERT OR IGNORE INTO used_keys (key) VALUES (?)", (key,))
        if cur.rowcount == 1:
            return key


def reserve(conn: sqlite3.Connection, key: str) -> None:
    """Record a key that came from elsewhere (a restored archive) as used."""
    conn.execute("INSERT OR IGNORE INTO used_keys (key) VALUES (?)", (key,))


def kind_of_key(conn: sqlite3.Connection, key: str) -> tuple[str, int] | None:
    """Which kind of record holds this key: ('source', id), ('note', id), ... or None."""
    for kind, table in (("source", "sources"), ("document", "documents"),
                        ("excerpt", "excerpts"), ("note", "notes"), ("page", "pages")):
        row = conn.execute(f"SELECT id FROM {table} WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return kind, int(row[0])
    return None
