"""Tags (hierarchical `a/b` names, unique ignoring case) and taggings on any keyed record."""

from __future__ import annotations

import sqlite3

from ..domain import Conflict, InvalidInput, NotFound, Tag
from .connection import now

TAGGABLE = {"source": "sources", "document": "documents", "excerpt": "excerpts", "note": "notes"}


def normalise(name: str) -> str:
    """`  Theme / Press ` -> `Theme/Press`; refuses empty names and empty levels."""
    parts = [" ".join(p.split()) for p in name.split("/")]
    if not name.strip() or any(not p for p in parts):
        raise InvalidInput(f"'{name}' is not a tag name: use words, and / between levels "
                           "(for example theme/press).")
    return "/".join(parts)


def _tag_id(conn: sqlite3.Connection, name: str) -> int | None:
    row = conn.execute("SELECT id FROM tags WHERE name = ? COLLATE NOCASE", (name,)).fetchone()
    return None if row is None else int(row[0])


def ensure(conn: sqlite3.Connection, name: str) -> int:
    name = normalise(name)
    tid = _tag_id(conn, name)
    if tid is None:
        tid = conn.execute("INSERT INTO tags (name) VALUES (?)", (name,)).lastrowid
        assert tid is not None    # an INSERT always sets it
    return tid


def add(conn: sqlite3.Connection, kind: str, target_id: int, names: list[str]) -> list[str]:
    added = []
    for name in names:
        tid = ensure(conn, name)
        cur = conn.execute(
            "INSERT OR IGNORE INTO taggings (tag_id, target_kind, target_id, created) "
            "VALUES (?, ?, ?, ?)", (tid, kind, target_id, now()))
        if cur.rowcount:
            added.append(name)
    return added


def remove(conn: sqlite3.Connection, kind: str, target_id: int, names: list[str]) -> list[str]:
    removed = []
    for name in names:
        tid = _tag_id(conn, normalise(name))
        if tid is None:
            raise NotFound(f"There is no tag called '{name}'.")
        cur = conn.execute("DELETE FROM taggings WHERE tag_id = ? AND target_kind = ? "
                           "AND target_id = ?", (tid, kind, target_id))
        if cur.rowcount:
            removed.append(name)
    return removed


def of(conn: sqlite3.Connection, kind: str, target_id: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT t.name FROM taggings g JOIN tags t ON t.id = g.tag_id "
        "WHERE g.target_kind = ? AND g.target_id = ? ORDER BY t.name COLLATE NOCASE",
        (kind, target_id))]


def rename(conn: sqlite3.Connection, old: str, new: str) -> int:
    """Rename a tag and every tag below it (`theme` -> `topic` takes `theme/press` along).

    Returns how many tags were renamed. Refuses when a new name is already taken.
    """
    old, new = normalise(old), normalise(new)
    rows = conn.execute(
        "SELECT id, name FROM tags WHERE name = ? COLLATE NOCASE "
        "OR lower(substr(name, 1, ?)) = lower(?)", (old, len(old) + 1, old + "/")).fetchall()
    if not rows:
        raise NotFound(f"There is no tag called '{old}'.")
    moving = {int(r["id"]) for r in rows}
    renames = [(int(r["id"]), new + r["name"][len(old):]) for r in rows]
    for _tid, name in renames:
        other = _tag_id(conn, name)
        if other is not None and other not in moving:
            raise Conflict(f"A tag called '{name}' already exists; rename it first or choose "
                           "another name.")
    for tid, name in renames:
        conn.execute("UPDATE tags SET name = ? WHERE id = ?", (name, tid))
    return len(renames)


def list_all(conn: sqlite3.Connection) -> list[Tag]:
    """Every tag with the number of live records carrying it (deleted ones not counted,
    nor excerpts of a document in the trash: what `tagged` lists for the tag alone).

    Counted as all of a tag's taggings less those of records in the trash, which the
    partial `*_trash` indexes (migration 0003) find at once: probing the record of every
    tagging instead took 0.5 s with 100,000 tagged excerpts (scripts/bench/scale.py).
    """
    rows = conn.execute(
        """
        WITH dead(kind, id) AS (
            SELECT 'source', id FROM sources WHERE deleted IS NOT NULL
            UNION ALL SELECT 'document', id FROM documents WHERE deleted IS NOT NULL
            UNION ALL SELECT 'excerpt', id FROM excerpts WHERE deleted IS NOT NULL
            UNION ALL SELECT 'excerpt', e.id FROM documents d JOIN excerpts e
              ON e.document_id = d.id WHERE d.deleted IS NOT NULL AND e.deleted IS NULL
            UNION ALL SELECT 'note', id FROM notes WHERE deleted IS NOT NULL),
        dead_counts(tag_id, n) AS MATERIALIZED (
            SELECT g.tag_id, count(*) FROM dead CROSS JOIN taggings g
              ON g.target_kind = dead.kind AND g.target_id = dead.id
            GROUP BY g.tag_id)
        SELECT t.name, t.colour,
               (SELECT count(*) FROM taggings g WHERE g.tag_id = t.id)
               - ifnull((SELECT c.n FROM dead_counts c WHERE c.tag_id = t.id), 0) AS n
        FROM tags t ORDER BY t.name COLLATE NOCASE
        """).fetchall()
    return [Tag(name=r["name"], colour=r["colour"], count=r["n"]) for r in rows]


def ids_under(conn: sqlite3.Connection, name: str) -> list[int]:
    """The tag and every tag below it: filtering by `theme` includes `theme/press`."""
    name = normalise(name)
    return [int(r[0]) for r in conn.execute(
        "SELECT id FROM tags WHERE name = ? COLLATE NOCASE "
        "OR lower(substr(name, 1, ?)) = lower(?)", (name, len(name) + 1, name + "/"))]


def delete_unused(conn: sqlite3.Connection) -> int:
    return conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM taggings)").rowcount


# -- what a tag is on: one rule for the list and its count ---------------------------------

# Each taggable kind's live records with the label a list shows (`{ids}` is the tag filter).
_TAGGED = {
    "source": "SELECT s.key, s.title FROM sources s WHERE s.deleted IS NULL AND s.id IN "
              "(SELECT target_id FROM taggings WHERE target_kind = 'source' AND tag_id IN "
              "({ids})) ORDER BY s.title COLLATE NOCASE, s.id",
    "document": "SELECT d.key, coalesce(nullif(d.filename, ''), d.key) FROM documents d "
                "WHERE d.deleted IS NULL AND d.id IN (SELECT target_id FROM taggings WHERE "
                "target_kind = 'document' AND tag_id IN ({ids})) ORDER BY d.filename, d.id",
    "excerpt": "SELECT e.key, e.quote, e.locator, e.page_start FROM excerpts e "
               "JOIN documents d ON d.id = e.document_id "
               "WHERE e.deleted IS NULL AND d.deleted IS NULL AND e.id IN (SELECT target_id "
               "FROM taggings WHERE target_kind = 'excerpt' AND tag_id IN ({ids})) "
               "ORDER BY d.imported_at, d.id, e.page_start, e.char_start, e.id",
    "note": "SELECT n.key, n.title FROM notes n WHERE n.deleted IS NULL AND n.id IN "
            "(SELECT target_id FROM taggings WHERE target_kind = 'note' AND tag_id IN "
            "({ids})) ORDER BY n.title COLLATE NOCASE, n.id",
}


def tagged(conn: sqlite3.Connection, tag_ids: list[int]) -> list[tuple[str, sqlite3.Row]]:
    """(kind, row) of every live record carrying any of `tag_ids`, each once: sources,
    documents, excerpts, then notes. Rows start with the key; see `_TAGGED` for the rest."""
    if not tag_ids:
        return []
    marks = ", ".join("?" * len(tag_ids))
    return [(kind, row) for kind, sql in _TAGGED.items()
            for row in conn.execute(sql.format(ids=marks), tag_ids)]


def count_tagged(conn: sqlite3.Connection, tag_ids: list[int]) -> int:
    """How many records `tagged` lists for these tags (the same queries, counted)."""
    if not tag_ids:
        return 0
    marks = ", ".join("?" * len(tag_ids))
    return sum(int(conn.execute(f"SELECT count(*) FROM ({sql.format(ids=marks)})",
                                tag_ids).fetchone()[0]) for sql in _TAGGED.values())
