"""Notes, their revisions and the links table rebuilt from each saved body."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from ..domain import Note, NotFound
from .connection import now
from .keys import new_key
from .sources import key_for as source_key_for

LinkRow = tuple[str, str, str, str, int, str]   # to_kind, to_key, anchor, label, line, context


def _row(conn: sqlite3.Connection, key: str, *, include_deleted: bool) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM notes WHERE key = ?", (key,)).fetchone()
    if row is None or (row["deleted"] and not include_deleted):
        raise NotFound(f"There is no note with the key {key}.")
    return row


def note_row(conn: sqlite3.Connection, key: str, *,
             include_deleted: bool = False) -> sqlite3.Row:
    """The notes row for a key; NotFound for a missing (or, unless asked, deleted) note."""
    return _row(conn, key, include_deleted=include_deleted)


def row_by_id(conn: sqlite3.Connection, nid: int) -> sqlite3.Row:
    return conn.execute("SELECT * FROM notes WHERE id = ?", (nid,)).fetchone()


def page_place(conn: sqlite3.Connection, page_id: int) -> sqlite3.Row:
    """The document key and number of a page (page links name the document and number)."""
    return conn.execute("SELECT d.key, p.number FROM pages p JOIN documents d "
                        "ON d.id = p.document_id WHERE p.id = ?", (page_id,)).fetchone()


def to_note(row: sqlite3.Row, tags: list[str]) -> Note:
    return Note(key=row["key"], title=row["title"], body=row["body"],
                private=bool(row["private"]), tags=tags, created=row["created"],
                modified=row["modified"])


def insert(conn: sqlite3.Connection, title: str, body: str, private: bool) -> tuple[int, str]:
    key = new_key(conn)
    stamp = now()
    cur = conn.execute(
        "INSERT INTO notes (key, title, body, private, created, modified) "
        "VALUES (?, ?, ?, ?, ?, ?)", (key, title, body, int(private), stamp, stamp))
    assert cur.lastrowid is not None    # an INSERT always sets it
    return int(cur.lastrowid), key


def update(conn: sqlite3.Connection, nid: int, title: str, body: str, private: bool) -> None:
    conn.execute("UPDATE notes SET title = ?, body = ?, private = ?, modified = ? WHERE id = ?",
                 (title, body, int(private), now(), nid))


def add_revision(conn: sqlite3.Connection, nid: int, title: str, body: str,
                 private: bool) -> int:
    """Keep the saved state as the next revision; returns its number (1 for a new note)."""
    number = int(conn.execute("SELECT coalesce(max(number), 0) + 1 FROM note_revisions "
                              "WHERE note_id = ?", (nid,)).fetchone()[0])
    conn.execute("INSERT INTO note_revisions (note_id, number, title, body, private, saved) "
                 "VALUES (?, ?, ?, ?, ?, ?)", (nid, number, title, body, int(private), now()))
    return number


def replace_recent_revision(conn: sqlite3.Connection, nid: int, title: str, body: str,
                            private: bool, minutes: float) -> bool:
    """Overwrite the latest revision if it is younger than `minutes` and not the first one
    (the note as it was created is always kept). Returns whether it did."""
    latest = conn.execute("SELECT id, number, saved FROM note_revisions WHERE note_id = ? "
                          "ORDER BY number DESC LIMIT 1", (nid,)).fetchone()
    if latest is None or latest["number"] == 1:
        return False
    age = datetime.now(UTC) - datetime.fromisoformat(latest["saved"])
    if age > timedelta(minutes=minutes):
        return False
    conn.execute("UPDATE note_revisions SET title = ?, body = ?, private = ?, saved = ? "
                 "WHERE id = ?", (title, body, int(private), now(), latest["id"]))
    return True


def revisions(conn: sqlite3.Connection, nid: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT number, title, body, private, saved FROM note_revisions "
                        "WHERE note_id = ? ORDER BY number", (nid,)).fetchall()


def revision(conn: sqlite3.Connection, nid: int, number: int) -> sqlite3.Row | None:
    return conn.execute("SELECT number, title, body, private, saved FROM note_revisions "
                        "WHERE note_id = ? AND number = ?", (nid, number)).fetchone()


def set_deleted(conn: sqlite3.Connection, nid: int, deleted: bool) -> None:
    stamp = now()
    conn.execute("UPDATE notes SET deleted = ?, modified = ? WHERE id = ?",
                 (stamp if deleted else None, stamp, nid))


def list_rows(conn: sqlite3.Connection, *, deleted: bool = False,
              tag_ids: list[int] | None = None) -> list[sqlite3.Row]:
    where = ["deleted IS NOT NULL" if deleted else "deleted IS NULL"]
    params: list[Any] = []
    if tag_ids is not None:
        marks = ", ".join("?" for _ in tag_ids) or "NULL"
        where.append(f"id IN (SELECT target_id FROM taggings WHERE target_kind = 'note' "
                     f"AND tag_id IN ({marks}))")
        params.extend(tag_ids)
    return conn.execute(f"SELECT * FROM notes WHERE {' AND '.join(where)} "
                        "ORDER BY title COLLATE NOCASE, created", params).fetchall()


def titles_in_order(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(key, title) of every note not in the trash, in `list_rows` order, bodies unread."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT key, title FROM notes WHERE deleted IS NULL "
        "ORDER BY title COLLATE NOCASE, created")]


def live_titles(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(key, title) of every note not in the trash, for resolving [[Title]] links."""
    return [(r["key"], r["title"]) for r in
            conn.execute("SELECT key, title FROM notes WHERE deleted IS NULL")]


# -- links ---------------------------------------------------------------------------------

def replace_links(conn: sqlite3.Connection, nid: int, links: Iterable[LinkRow]) -> None:
    conn.execute("DELETE FROM links WHERE note_id = ?", (nid,))
    conn.executemany(
        "INSERT INTO links (note_id, to_kind, to_key, anchor, label, line, context) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [(nid, *link) for link in links])


def patch_links(conn: sqlite3.Connection, nid: int, first: int, old_last: int, shift: int,
                links: Iterable[LinkRow]) -> None:
    """Change a note's rows where its body changed: rows of lines `first`+1..`old_last` are
    replaced by `links`, and rows below move by `shift` lines (notes/incremental.py)."""
    conn.execute("DELETE FROM links WHERE note_id = ? AND line > ? AND line <= ?",
                 (nid, first, old_last))
    if shift:
        conn.execute("UPDATE links SET line = line + ? WHERE note_id = ? AND line > ?",
                     (shift, nid, old_last))
    conn.executemany(
        "INSERT INTO links (note_id, to_kind, to_key, anchor, label, line, context) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", [(nid, *link) for link in links])


def links_of(conn: sqlite3.Connection, nid: int) -> list[sqlite3.Row]:
    return conn.execute("SELECT to_kind, to_key, anchor, label, line, context FROM links "
                        "WHERE note_id = ? ORDER BY line, id", (nid,)).fetchall()


def link_targets(conn: sqlite3.Connection, nid: int) -> list[tuple[str, str, str]]:
    """Each distinct (to_kind, to_key, anchor) a note links, the anchor kept for pages only
    (where it names the page; elsewhere it is a locator and the target is the same)."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT DISTINCT to_kind, to_key, CASE WHEN to_kind = 'page' THEN anchor ELSE '' END "
        "FROM links WHERE note_id = ?", (nid,))]


def links_to(conn: sqlite3.Connection, nid: int,
             targets: list[tuple[str, str, str]]) -> list[sqlite3.Row]:
    """The rows of a note's links to any of `targets` (as `link_targets` gives them)."""
    rows: list[sqlite3.Row] = []
    for kind, key, anchor in targets:
        rows += conn.execute(
            "SELECT to_kind, to_key, anchor, label, line, context, id FROM links "
            "WHERE note_id = ? AND to_kind = ? AND to_key = ? AND (to_kind != 'page' OR "
            "anchor = ?)", (nid, kind, key, anchor)).fetchall()
    return sorted(rows, key=lambda r: (r["line"], r["id"]))


def notes_linking(conn: sqlite3.Connection, key: str) -> list[int]:
    """Ids of the live notes with a stored link to the note `key`."""
    return [int(r[0]) for r in conn.execute(
        "SELECT DISTINCT l.note_id FROM links l JOIN notes n ON n.id = l.note_id "
        "WHERE l.to_kind = 'note' AND l.to_key = ? AND n.deleted IS NULL", (key,))]


def unresolved_everywhere(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    """(note id, title) of every [[Title]] link still unresolved in a live note."""
    return [(int(r[0]), r[1]) for r in conn.execute(
        "SELECT DISTINCT l.note_id, l.to_key FROM links l JOIN notes n ON n.id = l.note_id "
        "WHERE l.to_kind = 'unresolved' AND n.deleted IS NULL")]


def backlinks(conn: sqlite3.Connection, targets: list[tuple[str, str]]) -> list[sqlite3.Row]:
    """Links from live notes to any of `targets` ((to_kind, to_key) pairs); citations match
    their citekey without regard to letter case, as citekeys are unique that way."""
    if not targets:
        return []
    clauses = " OR ".join(
        "(l.to_kind = ? AND l.to_key = ? COLLATE NOCASE)" if kind == "citation"
        else "(l.to_kind = ? AND l.to_key = ?)" for kind, _ in targets)
    params = [v for pair in targets for v in pair]
    return conn.execute(
        "SELECT n.key AS note, n.title, n.private, l.to_kind, l.to_key, l.anchor, l.label, "
        "l.line, l.context FROM links l JOIN notes n ON n.id = l.note_id "
        f"WHERE n.deleted IS NULL AND ({clauses}) "
        "ORDER BY n.title COLLATE NOCASE, n.key, l.line, l.id", params).fetchall()


# -- the records links point at ------------------------------------------------------------

def target_exists(conn: sqlite3.Connection, kind: str, key: str, anchor: str = "") -> bool:
    """Whether a link's target is there (and not in the trash); for a page link with a
    page number, whether the document has that page."""
    if kind == "page" and anchor.isdigit():
        return conn.execute(
            "SELECT 1 FROM pages p JOIN documents d ON d.id = p.document_id "
            "WHERE d.key = ? AND d.deleted IS NULL AND p.number = ?",
            (key, int(anchor))).fetchone() is not None
    if kind == "citation":
        return source_key_for(conn, key, citekey_only=True) is not None
    if kind == "page":
        sql = "SELECT 1 FROM documents WHERE key = ? AND deleted IS NULL"
    else:
        table = {"note": "notes", "source": "sources", "excerpt": "excerpts"}.get(kind)
        if table is None:
            return False
        sql = f"SELECT 1 FROM {table} WHERE key = ? AND deleted IS NULL"
    return conn.execute(sql, (key,)).fetchone() is not None


def titles_of(conn: sqlite3.Connection, kind: str, key: str) -> str:
    """A short name for a link target, for `notes show` (empty when it is gone)."""
    if kind == "note":
        row = conn.execute("SELECT title FROM notes WHERE key = ?", (key,)).fetchone()
    elif kind == "source":
        row = conn.execute("SELECT title FROM sources WHERE key = ?", (key,)).fetchone()
    elif kind == "citation":
        found = source_key_for(conn, key, citekey_only=True, include_deleted=True)
        row = None if found is None else conn.execute(
            "SELECT title FROM sources WHERE key = ?", (found,)).fetchone()
    elif kind == "excerpt":
        row = conn.execute("SELECT quote FROM excerpts WHERE key = ?", (key,)).fetchone()
    elif kind == "page":
        row = conn.execute("SELECT filename FROM documents WHERE key = ?", (key,)).fetchone()
    else:
        row = None
    return "" if row is None else str(row[0])


def source_citekey(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT citekey FROM sources WHERE key = ?", (key,)).fetchone()
    return None if row is None else row[0]


def excerpt_record(conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
    """An excerpt with what an export shows beside it: its document and source."""
    return conn.execute(
        "SELECT e.id, e.key, e.quote, e.comment, e.translation, e.locator, e.page_start, "
        "e.page_end, "
        "e.kind, e.deleted, d.key AS document, d.filename, s.key AS source, s.citekey, "
        "s.title AS source_title, s.deleted AS source_deleted "
        "FROM excerpts e JOIN documents d ON d.id = e.document_id "
        "LEFT JOIN sources s ON s.id = d.source_id WHERE e.key = ?", (key,)).fetchone()


def document_source(conn: sqlite3.Connection, doc_key: str) -> str | None:
    """The key of the live source a document belongs to, if any."""
    row = conn.execute("SELECT s.key FROM documents d JOIN sources s ON s.id = d.source_id "
                       "WHERE d.key = ? AND s.deleted IS NULL", (doc_key,)).fetchone()
    return None if row is None else str(row[0])


def excerpts_of_source(conn: sqlite3.Connection, source_key: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT e.key FROM excerpts e JOIN documents d ON d.id = e.document_id "
        "JOIN sources s ON s.id = d.source_id WHERE s.key = ? AND e.deleted IS NULL "
        "ORDER BY d.key, e.page_start, e.char_start", (source_key,))]


def documents_of_source(conn: sqlite3.Connection, source_key: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT d.key FROM documents d JOIN sources s ON s.id = d.source_id "
        "WHERE s.key = ?", (source_key,))]
