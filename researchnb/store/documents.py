"""Documents (one imported original, or several photos of one delo) and their pages."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..domain import Document, NotFound, Page
from .connection import now
from .keys import new_key


def document_row(conn: sqlite3.Connection, key: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM documents WHERE key = ? AND deleted IS NULL",
                       (key,)).fetchone()
    if row is None:
        raise NotFound(f"There is no document with the key {key}.")
    return row


def insert(conn: sqlite3.Connection, doc: Document, source_id: int | None,
           files: list[dict[str, Any]] | None = None) -> str:
    """Insert a document and all its pages; returns the document key.

    `files` lists the originals in page order (sha256, filename, media_type, size) when the
    document is made of several files; a single-file document may leave it out.
    """
    key = doc.key or new_key(conn)
    stamp = now()
    cur = conn.execute(
        "INSERT INTO documents (key, source_id, sha256, filename, media_type, size, page_count,"
        " status, import_report, imported_at, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (key, source_id, doc.sha256, doc.filename, doc.media_type, doc.size, len(doc.pages),
         doc.status, json.dumps(doc.import_report, ensure_ascii=False, sort_keys=True),
         doc.imported_at or stamp, stamp))
    assert cur.lastrowid is not None    # an INSERT always sets it
    doc_id = int(cur.lastrowid)
    if files is None and doc.sha256:
        files = [{"sha256": doc.sha256, "filename": doc.filename,
                  "media_type": doc.media_type, "size": doc.size}]
    for pos, f in enumerate(files or []):
        conn.execute("INSERT INTO document_files (document_id, position, sha256, filename,"
                     " media_type, size) VALUES (?,?,?,?,?,?)",
                     (doc_id, pos, f["sha256"], f["filename"], f["media_type"], f["size"]))
    for page in doc.pages:
        insert_page(conn, doc_id, page, stamp)
    return key


def insert_page(conn: sqlite3.Connection, doc_id: int, page: Page, stamp: str | None = None) -> str:
    key = page.key or new_key(conn)
    conn.execute(
        "INSERT INTO pages (key, document_id, number, label, text, text_origin, ocr_confidence,"
        " file_position, frame, width, height, modified) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (key, doc_id, page.number, page.label or str(page.number), page.text, page.text_origin,
         page.ocr_confidence, page.file_position, page.frame, page.width, page.height,
         stamp or now()))
    return key


def find_by_sha256(conn: sqlite3.Connection, sha256: str) -> str | None:
    """The key of a live document holding this original, if any."""
    row = conn.execute(
        "SELECT d.key FROM documents d WHERE d.deleted IS NULL AND (d.sha256 = ? OR EXISTS "
        "(SELECT 1 FROM document_files f WHERE f.document_id = d.id AND f.sha256 = ?))",
        (sha256, sha256)).fetchone()
    return None if row is None else row[0]


def _page_from_row(r: sqlite3.Row) -> Page:
    return Page(number=r["number"], text=r["text"], label=r["label"],
                text_origin=r["text_origin"], ocr_confidence=r["ocr_confidence"], key=r["key"],
                file_position=r["file_position"], frame=r["frame"], width=r["width"],
                height=r["height"])


def _doc_from_row(conn: sqlite3.Connection, row: sqlite3.Row, with_pages: bool) -> Document:
    source_key = None
    if "source_key" in row.keys():  # noqa: SIM118 - `in row` would search the values
        source_key = row["source_key"]
    elif row["source_id"] is not None:
        s = conn.execute("SELECT key FROM sources WHERE id = ?", (row["source_id"],)).fetchone()
        source_key = s[0] if s else None
    pages = []
    if with_pages:
        pages = [_page_from_row(r) for r in conn.execute(
            "SELECT * FROM pages WHERE document_id = ? ORDER BY number", (row["id"],))]
    return Document(key=row["key"], filename=row["filename"], media_type=row["media_type"],
                    source_key=source_key, sha256=row["sha256"], size=row["size"],
                    page_count=row["page_count"], status=row["status"],
                    import_report=json.loads(row["import_report"]),
                    imported_at=row["imported_at"], pages=pages)


def get(conn: sqlite3.Connection, key: str, *, with_pages: bool = True) -> Document:
    return _doc_from_row(conn, document_row(conn, key), with_pages)


def list_all(conn: sqlite3.Connection, source_key: str | None = None) -> list[Document]:
    if source_key is None:
        rows = conn.execute("SELECT d.*, s.key AS source_key FROM documents d "
                            "LEFT JOIN sources s ON s.id = d.source_id "
                            "WHERE d.deleted IS NULL ORDER BY d.imported_at, d.id").fetchall()
    else:
        rows = conn.execute(
            "SELECT d.* FROM documents d JOIN sources s ON s.id = d.source_id "
            "WHERE d.deleted IS NULL AND s.key = ? ORDER BY d.imported_at, d.id",
            (source_key,)).fetchall()
    return [_doc_from_row(conn, r, False) for r in rows]


def files_of(conn: sqlite3.Connection, key: str) -> list[dict[str, Any]]:
    row = document_row(conn, key)
    return [dict(r) for r in conn.execute(
        "SELECT position, sha256, filename, media_type, size FROM document_files "
        "WHERE document_id = ? ORDER BY position", (row["id"],))]


def page_row(conn: sqlite3.Connection, doc_key: str, number: int) -> sqlite3.Row:
    doc = document_row(conn, doc_key)
    row = conn.execute("SELECT * FROM pages WHERE document_id = ? AND number = ?",
                       (doc["id"], number)).fetchone()
    if row is None:
        raise NotFound(f"Document {doc_key} has no page {number} "
                       f"(it has {doc['page_count']} pages).")
    return row


def get_page(conn: sqlite3.Connection, doc_key: str, number: int) -> Page:
    return _page_from_row(page_row(conn, doc_key, number))


def set_page_text(conn: sqlite3.Connection, page_id: int, text: str, origin: str,
                  confidence: float | None = None) -> None:
    conn.execute("UPDATE pages SET text = ?, text_origin = ?, ocr_confidence = ?, modified = ? "
                 "WHERE id = ?", (text, origin, confidence, now(), page_id))


def move(conn: sqlite3.Connection, doc_key: str, source_id: int | None) -> None:
    doc = document_row(conn, doc_key)
    conn.execute("UPDATE documents SET source_id = ?, modified = ? WHERE id = ?",
                 (source_id, now(), doc["id"]))


def soft_delete(conn: sqlite3.Connection, doc_key: str) -> None:
    doc = document_row(conn, doc_key)
    stamp = now()
    conn.execute("UPDATE documents SET deleted = ?, modified = ? WHERE id = ?",
                 (stamp, stamp, doc["id"]))


def all_file_hashes(conn: sqlite3.Connection) -> set[str]:
    """Every sha256 the notebook refers to, deleted documents included (their files stay)."""
    hashes = {r[0] for r in conn.execute("SELECT sha256 FROM documents WHERE sha256 IS NOT NULL")}
    hashes |= {r[0] for r in conn.execute("SELECT sha256 FROM document_files")}
    return hashes
