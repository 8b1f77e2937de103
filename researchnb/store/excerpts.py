"""Excerpts: passages of a page (character offsets) or regions of a page image (fractions).

Only SQL here; finding a quote on a page is `researchnb.anchoring`, the rules are in
`researchnb.notebook.excerpts`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from ..domain import Excerpt, NotFound
from .connection import now
from .keys import new_key

# Columns an action may set with `update` (besides the position columns).
EDITABLE = ("quote", "comment", "translation", "language", "kind", "locator", "anchor",
            "page_start", "page_end", "char_start", "char_end",
            "region_x", "region_y", "region_w", "region_h")

_SELECT = ("SELECT e.*, d.key AS document_key FROM excerpts e "
           "JOIN documents d ON d.id = e.document_id")


def excerpt_row(conn: sqlite3.Connection, key: str, *,
                include_deleted: bool = False) -> sqlite3.Row:
    row = conn.execute(f"{_SELECT} WHERE e.key = ?", (key,)).fetchone()
    if row is None:
        raise NotFound(f"There is no excerpt with the key {key}.")
    if row["deleted"] and not include_deleted:
        raise NotFound(f"The excerpt {key} is in the trash (restore it with "
                       f"`researchnb excerpts restore {key}`).")
    return row


def _tags_by_excerpt(conn: sqlite3.Connection, ids: Iterable[int] | None) -> dict[int, list[str]]:
    """Tag names per excerpt id; all excerpts when `ids` is None (one query either way)."""
    sql = ("SELECT g.target_id, t.name FROM taggings g JOIN tags t ON t.id = g.tag_id "
           "WHERE g.target_kind = 'excerpt'")
    params: tuple[Any, ...] = ()
    if ids is not None:
        id_list = list(ids)
        if len(id_list) <= 500:
            sql += f" AND g.target_id IN ({','.join('?' * len(id_list))})"
            params = tuple(id_list)
    out: dict[int, list[str]] = {}
    for r in conn.execute(sql + " ORDER BY t.name COLLATE NOCASE", params):
        out.setdefault(int(r[0]), []).append(r[1])
    return out


def _from_row(row: sqlite3.Row, tags: list[str]) -> Excerpt:
    region = None
    if row["region_x"] is not None:
        region = (row["region_x"], row["region_y"], row["region_w"], row["region_h"])
    return Excerpt(document_key=row["document_key"], page_start=row["page_start"],
                   page_end=row["page_end"], key=row["key"], char_start=row["char_start"],
                   char_end=row["char_end"], region=region, quote=row["quote"],
                   comment=row["comment"], translation=row["translation"],
                   language=row["language"], kind=row["kind"], locator=row["locator"],
                   anchor=row["anchor"], tags=tags, created=row["created"],
                   modified=row["modified"], deleted=row["deleted"] or "")


def get(conn: sqlite3.Connection, key: str, *, include_deleted: bool = False) -> Excerpt:
    row = excerpt_row(conn, key, include_deleted=include_deleted)
    return _from_row(row, _tags_by_excerpt(conn, [row["id"]]).get(row["id"], []))


def insert(conn: sqlite3.Connection, doc_id: int, values: dict[str, Any]) -> tuple[str, int]:
    """Insert an excerpt; `values` holds columns of the excerpts table. Returns (key, id)."""
    key = new_key(conn)
    stamp = now()
    row = dict(values, key=key, document_id=doc_id, created=stamp, modified=stamp)
    cols = ", ".join(row)
    cur = conn.execute(f"INSERT INTO excerpts ({cols}) VALUES ({', '.join('?' * len(row))})",
                       tuple(row.values()))
    assert cur.lastrowid is not None    # an INSERT always sets it
    return key, int(cur.lastrowid)


def update(conn: sqlite3.Connection, excerpt_id: int, values: dict[str, Any]) -> None:
    bad = set(values) - set(EDITABLE)
    if bad:
        raise ValueError(f"not excerpt columns: {sorted(bad)}")
    values = dict(values, modified=now())
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE excerpts SET {sets} WHERE id = ?", (*values.values(), excerpt_id))


def set_deleted(conn: sqlite3.Connection, excerpt_id: int, deleted: bool) -> None:
    stamp = now()
    conn.execute("UPDATE excerpts SET deleted = ?, modified = ? WHERE id = ?",
                 (stamp if deleted else None, stamp, excerpt_id))


def _filters(tag_ids: list[int] | None, document_id: int | None, page: int | None,
             anchor: str | None, trash: bool) -> tuple[str, list[Any]]:
    where = ["e.deleted IS NOT NULL" if trash else "e.deleted IS NULL",
             "d.deleted IS NULL"]
    params: list[Any] = []
    if document_id is not None:
        where.append("e.document_id = ?")
        params.append(document_id)
    if page is not None:
        where.append("e.page_start <= ? AND e.page_end >= ?")
        params += [page, page]
    if anchor is not None:
        where.append("e.anchor = ?")
        params.append(anchor)
    if tag_ids is not None:
        where.append("e.id IN (SELECT target_id FROM taggings WHERE target_kind = 'excerpt' "
                     f"AND tag_id IN ({','.join('?' * len(tag_ids))}))")
        params += tag_ids
    return " AND ".join(where), params


_ORDER = "ORDER BY d.imported_at, d.id, e.page_start, e.char_start, e.region_y, e.id"


def list_where(conn: sqlite3.Connection, *, tag_ids: list[int] | None = None,
               document_id: int | None = None, page: int | None = None,
               anchor: str | None = None, trash: bool = False) -> list[Excerpt]:
    """Excerpts in document and page order, filtered; `trash` lists the deleted ones only.

    With `tag_ids`, an excerpt carrying any of those tags is listed (once).
    """
    where, params = _filters(tag_ids, document_id, page, anchor, trash)
    rows = conn.execute(f"{_SELECT} WHERE {where} {_ORDER}", params).fetchall()
    tags = _tags_by_excerpt(conn, [r["id"] for r in rows])
    return [_from_row(r, tags.get(r["id"], [])) for r in rows]


def keys_where(conn: sqlite3.Connection, *, tag_ids: list[int] | None = None,
               document_id: int | None = None, page: int | None = None,
               anchor: str | None = None, trash: bool = False) -> list[str]:
    """The keys `list_where` would list, in the same order, without building records."""
    where, params = _filters(tag_ids, document_id, page, anchor, trash)
    return [r[0] for r in conn.execute(
        "SELECT e.key FROM excerpts e JOIN documents d ON d.id = e.document_id "
        f"WHERE {where} {_ORDER}", params)]


def text_excerpts_on_page(conn: sqlite3.Connection, doc_id: int,
                          number: int) -> list[sqlite3.Row]:
    """Text excerpts whose range covers this page, trashed ones too (they may be restored)."""
    return conn.execute(
        f"{_SELECT} WHERE e.document_id = ? AND e.page_start <= ? AND e.page_end >= ? "
        "AND e.char_start IS NOT NULL ORDER BY e.id", (doc_id, number, number)).fetchall()


def pages_of(conn: sqlite3.Connection, doc_id: int, first: int,
             last: int) -> list[sqlite3.Row]:
    """Number, label, text, width and height of pages first..last, in order."""
    return conn.execute(
        "SELECT number, label, text, width, height FROM pages WHERE document_id = ? "
        "AND number BETWEEN ? AND ? ORDER BY number", (doc_id, first, last)).fetchall()


def source_kind_of_document(conn: sqlite3.Connection, doc_id: int) -> tuple[str, str] | None:
    """(source key, source kind) of a document's live source, or None."""
    row = conn.execute(
        "SELECT s.key, s.kind FROM documents d JOIN sources s ON s.id = d.source_id "
        "WHERE d.id = ? AND s.deleted IS NULL", (doc_id,)).fetchone()
    return None if row is None else (row[0], row[1])


def offset_problems(conn: sqlite3.Connection) -> list[str]:
    """Anchored text excerpts whose offsets point past the end of their page's text."""
    rows = conn.execute(
        "SELECT e.key, e.page_start, e.page_end FROM excerpts e "
        "JOIN pages ps ON ps.document_id = e.document_id AND ps.number = e.page_start "
        "JOIN pages pe ON pe.document_id = e.document_id AND pe.number = e.page_end "
        "WHERE e.deleted IS NULL AND e.anchor = 'ok' AND e.char_start IS NOT NULL "
        "AND (e.char_start > length(ps.text) OR e.char_end > length(pe.text) "
        "OR (e.page_start = e.page_end AND e.char_end <= e.char_start))").fetchall()
    return [f"excerpt {r['key']} points outside the text of page(s) "
            f"{r['page_start']}–{r['page_end']}" for r in rows]
