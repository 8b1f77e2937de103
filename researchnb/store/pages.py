"""Page edits that are not imports: folio labels (the page text is `documents.set_page_text`)."""

from __future__ import annotations

import sqlite3

from .connection import now


def labels_of(conn: sqlite3.Connection, doc_id: int) -> dict[int, str]:
    """Page number -> label, for every page of a document."""
    return {int(r[0]): r[1] or str(r[0]) for r in conn.execute(
        "SELECT number, label FROM pages WHERE document_id = ? ORDER BY number", (doc_id,))}


def set_label(conn: sqlite3.Connection, doc_id: int, number: int, label: str) -> None:
    conn.execute("UPDATE pages SET label = ?, modified = ? WHERE document_id = ? AND number = ?",
                 (label, now(), doc_id, number))


def excerpt_spans(conn: sqlite3.Connection, doc_id: int) -> list[sqlite3.Row]:
    """id, key, page range and locator of every excerpt of a document (trashed ones too)."""
    return conn.execute("SELECT id, key, page_start, page_end, locator FROM excerpts "
                        "WHERE document_id = ? ORDER BY id", (doc_id,)).fetchall()
