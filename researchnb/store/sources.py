"""Sources and their creators."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..domain import SOURCE_TEXT_FIELDS, Conflict, Creator, NotFound, Source
from .connection import now
from .keys import new_key

_COLUMNS = SOURCE_TEXT_FIELDS + ("kind",)


def _source_id(conn: sqlite3.Connection, key: str, *, include_deleted: bool = False) -> int:
    row = conn.execute("SELECT id, deleted FROM sources WHERE key = ?", (key,)).fetchone()
    if row is None or (row["deleted"] and not include_deleted):
        raise NotFound(f"There is no source with the key {key}.")
    return int(row["id"])


def source_id(conn: sqlite3.Connection, key: str) -> int:
    return _source_id(conn, key)


def _row_values(src: Source, date_sort: tuple[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {f: getattr(src, f) for f in _COLUMNS}
    values["citekey"] = src.citekey or None
    values["date_sort"], values["date_sort_end"] = date_sort
    values["extra"] = json.dumps(src.extra, ensure_ascii=False, sort_keys=True)
    return values


def insert(conn: sqlite3.Connection, src: Source, date_sort: tuple[str, str]) -> str:
    """Insert a source with its creators; returns the new key."""
    if src.citekey:
        _check_citekey_free(conn, src.citekey, None)
    key = src.key or new_key(conn)
    values = _row_values(src, date_sort)
    stamp = now()
    values.update(key=key, created=stamp, modified=stamp)
    cols = ", ".join(values)
    marks = ", ".join("?" for _ in values)
    cur = conn.execute(f"INSERT INTO sources ({cols}) VALUES ({marks})", tuple(values.values()))
    assert cur.lastrowid is not None    # an INSERT always sets it
    _write_creators(conn, int(cur.lastrowid), src.creators)
    return key


def update(conn: sqlite3.Connection, key: str, changes: dict[str, Any],
           date_sort: tuple[str, str] | None, creators: list[Creator] | None) -> None:
    sid = _source_id(conn, key)
    if changes.get("citekey"):
        _check_citekey_free(conn, changes["citekey"], key)
    values = {k: v for k, v in changes.items() if k in _COLUMNS or k == "extra"}
    if "citekey" in values:
        values["citekey"] = values["citekey"] or None
    if "extra" in values:
        values["extra"] = json.dumps(values["extra"], ensure_ascii=False, sort_keys=True)
    if date_sort is not None:
        values["date_sort"], values["date_sort_end"] = date_sort
    values["modified"] = now()
    sets = ", ".join(f"{c} = ?" for c in values)
    conn.execute(f"UPDATE sources SET {sets} WHERE id = ?", (*values.values(), sid))
    if creators is not None:
        conn.execute("DELETE FROM source_creators WHERE source_id = ?", (sid,))
        _write_creators(conn, sid, creators)


def key_for(conn: sqlite3.Connection, name: str, *, citekey_only: bool = False,
            include_deleted: bool = False) -> str | None:
    """The one citekey look-up: the record key of the source that `name` names, by its
    citekey in any letter case or (unless `citekey_only`) by its record key; sources in the
    trash only with `include_deleted`. None when no source matches.

    Everything that turns a citekey into a source asks here: `nb.sources.lookup/find` (the
    command line, exports, the app), the links and citations of notes, the uniqueness check.
    """
    text = name.strip()
    where = "citekey = ? COLLATE NOCASE"
    params: tuple[str, ...] = (text,)
    if not citekey_only:
        where, params = f"(key = ? OR {where})", (text.upper(), text)
    if not include_deleted:
        where = f"deleted IS NULL AND {where}"
    row = conn.execute(f"SELECT key FROM sources WHERE {where}", params).fetchone()
    return None if row is None else str(row[0])


def _check_citekey_free(conn: sqlite3.Connection, citekey: str, own_key: str | None) -> None:
    holder = key_for(conn, citekey, citekey_only=True, include_deleted=True)
    if holder is not None and holder != own_key:
        row = conn.execute("SELECT citekey FROM sources WHERE key = ?", (holder,)).fetchone()
        if row is not None and row[0] == citekey:
            raise Conflict(f"The citekey {citekey} is already used by source {holder} "
                           "(perhaps this entry was imported before).")
        raise Conflict(f"The citekey {citekey} is already used by source {holder} "
                       "(citekeys must differ in more than letter case).")


def _write_creators(conn: sqlite3.Connection, sid: int, creators: list[Creator]) -> None:
    conn.executemany(
        "INSERT INTO source_creators (source_id, position, role, family, given, literal) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(sid, i, c.role, c.family, c.given, c.literal) for i, c in enumerate(creators)])


def _from_row(row: sqlite3.Row, creators: list[Creator]) -> Source:
    values = {f: row[f] for f in _COLUMNS}
    values["citekey"] = row["citekey"]
    return Source(key=row["key"], extra=json.loads(row["extra"]), creators=creators,
                  created=row["created"], modified=row["modified"], **values)


def creators_of(conn: sqlite3.Connection, sid: int) -> list[Creator]:
    return [Creator(family=r["family"], given=r["given"], literal=r["literal"], role=r["role"])
            for r in conn.execute(
                "SELECT * FROM source_creators WHERE source_id = ? ORDER BY position", (sid,))]


def get(conn: sqlite3.Connection, key: str, *, include_deleted: bool = False) -> Source:
    sid = _source_id(conn, key, include_deleted=include_deleted)
    row = conn.execute("SELECT * FROM sources WHERE id = ?", (sid,)).fetchone()
    return _from_row(row, creators_of(conn, sid))


def list_all(conn: sqlite3.Connection, *, include_deleted: bool = False,
             only_deleted: bool = False) -> list[Source]:
    where = "" if include_deleted else "WHERE deleted IS NULL"
    order = "date_sort, title, key"
    if only_deleted:
        where, order = "WHERE deleted IS NOT NULL", "deleted DESC, key"
    rows = conn.execute(f"SELECT * FROM sources {where} ORDER BY {order}").fetchall()
    by_source: dict[int, list[Creator]] = {}
    for r in conn.execute("SELECT * FROM source_creators ORDER BY source_id, position"):
        by_source.setdefault(r["source_id"], []).append(
            Creator(family=r["family"], given=r["given"], literal=r["literal"], role=r["role"]))
    return [_from_row(r, by_source.get(r["id"], [])) for r in rows]


def list_deleted(conn: sqlite3.Connection) -> list[Source]:
    """Sources in the trash, the most recently deleted first."""
    return list_all(conn, only_deleted=True)


def soft_delete(conn: sqlite3.Connection, key: str) -> None:
    sid = _source_id(conn, key)
    stamp = now()
    conn.execute("UPDATE sources SET deleted = ?, modified = ? WHERE id = ?", (stamp, stamp, sid))


def restore(conn: sqlite3.Connection, key: str) -> None:
    sid = _source_id(conn, key, include_deleted=True)
    conn.execute("UPDATE sources SET deleted = NULL, modified = ? WHERE id = ?", (now(), sid))


def documents_of(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    sid = _source_id(conn, key)
    return [{"key": r["key"], "filename": r["filename"], "pages": r["page_count"],
             "media_type": r["media_type"]}
            for r in conn.execute(
                "SELECT key, filename, page_count, media_type FROM documents "
                "WHERE source_id = ? AND deleted IS NULL ORDER BY imported_at, id", (sid,))]
