"""What citations and exports read: citekeys in use, tagged sources, the sources a note cites."""

from __future__ import annotations

import sqlite3

from ..domain import NotFound
from ..locators import shown_locator


def citekeys_like(conn: sqlite3.Connection, base: str) -> list[str]:
    """Citekeys (of every source, trashed ones too) starting with `base`, ignoring case."""
    # A range on the NOCASE unique index instead of a scan: '~' sorts after every character
    # a citekey may hold, so [base, base~) is exactly the keys that start with base.
    rows = conn.execute("SELECT citekey FROM sources WHERE citekey >= ? AND citekey < ?",
                        (base, base + "~"))
    low = base.lower()
    return [r[0] for r in rows if r[0].lower().startswith(low)]


def without_citekey(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT key FROM sources WHERE citekey IS NULL OR citekey = '' ORDER BY id")]


def set_citekey(conn: sqlite3.Connection, key: str, citekey: str) -> None:
    conn.execute("UPDATE sources SET citekey = ? WHERE key = ?", (citekey, key))


def tagged_source_keys(conn: sqlite3.Connection, tag: str) -> list[str]:
    """Sources tagged `tag` or a tag below it (`theme` takes `theme/press`)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT s.key FROM sources s "
        "JOIN taggings g ON g.target_kind = 'source' AND g.target_id = s.id "
        "JOIN tags t ON t.id = g.tag_id "
        "WHERE s.deleted IS NULL AND (t.name = ? COLLATE NOCASE "
        "OR lower(substr(t.name, 1, ?)) = lower(?))", (tag, len(tag) + 1, tag + "/"))]


def tag_exists(conn: sqlite3.Connection, tag: str) -> bool:
    return conn.execute("SELECT 1 FROM tags WHERE name = ? COLLATE NOCASE", (tag,)
                        ).fetchone() is not None


def note_id(conn: sqlite3.Connection, note_key: str) -> int:
    row = conn.execute("SELECT id FROM notes WHERE key = ? AND deleted IS NULL",
                       (note_key.strip().upper(),)).fetchone()
    if row is None:
        raise NotFound(f"There is no note with the key {note_key}.")
    return int(row[0])


def cited_source_keys(conn: sqlite3.Connection, note_key: str) -> list[str]:
    """The live sources a note cites: `[@citekey, l. 12]`, a link to the source, or a link to
    one of its excerpts or document pages (`page:DOC#12`)."""
    nid = note_id(conn, note_key)
    return [r[0] for r in conn.execute(
        "SELECT s.key FROM links l JOIN sources s ON "
        "(l.to_kind = 'source' AND s.key = upper(l.to_key)) OR "
        "(l.to_kind = 'citation' AND s.citekey = l.to_key COLLATE NOCASE) "
        "WHERE l.note_id = ? AND s.deleted IS NULL "
        "UNION SELECT s.key FROM links l "
        "JOIN excerpts e ON l.to_kind = 'excerpt' AND e.key = upper(l.to_key) "
        "AND e.deleted IS NULL "
        "JOIN documents d ON d.id = e.document_id JOIN sources s ON s.id = d.source_id "
        "WHERE l.note_id = ? AND s.deleted IS NULL "
        "UNION SELECT s.key FROM links l "
        "JOIN documents d ON l.to_kind = 'page' AND d.key = upper(l.to_key) "
        "JOIN sources s ON s.id = d.source_id "
        "WHERE l.note_id = ? AND s.deleted IS NULL", (nid, nid, nid))]


def add_link(conn: sqlite3.Connection, note_key: str, to_kind: str, to_key: str,
             anchor: str = "") -> None:
    """Record that a note links to something (the notes area writes these on save)."""
    conn.execute("INSERT INTO links (note_id, to_kind, to_key, anchor) VALUES (?, ?, ?, ?)",
                 (note_id(conn, note_key), to_kind, to_key, anchor))


def excerpt_citation(conn: sqlite3.Connection, excerpt_key: str) -> tuple[str | None, str]:
    """(source key, locator) of an excerpt: its own locator, else its first page's label."""
    row = conn.execute(
        "SELECT s.key AS source, e.locator, p.label, e.page_start FROM excerpts e "
        "JOIN documents d ON d.id = e.document_id "
        "LEFT JOIN sources s ON s.id = d.source_id AND s.deleted IS NULL "
        "LEFT JOIN pages p ON p.document_id = d.id AND p.number = e.page_start "
        "WHERE e.key = ? AND e.deleted IS NULL", (excerpt_key.strip().upper(),)).fetchone()
    if row is None:
        raise NotFound(f"There is no excerpt with the key {excerpt_key}.")
    locator = shown_locator(row["locator"], row["label"] or "", row["page_start"])
    return row["source"], locator
