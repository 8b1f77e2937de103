"""Sources: archival items, books, articles… with their creators."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..dates import date_bounds
from ..domain import (
    CREATOR_ROLES,
    SOURCE_KINDS,
    SOURCE_TEXT_FIELDS,
    Creator,
    InvalidInput,
    Source,
)
from ..store import documents as store_documents
from ..store import sources as store_sources
from ..store import tags as store_tags
from .base import NotebookBase

_EDITABLE = set(SOURCE_TEXT_FIELDS) | {"kind", "extra"}


def _validate(src: Source) -> None:
    if src.kind not in SOURCE_KINDS:
        raise InvalidInput(f"'{src.kind}' is not a kind of source; use one of "
                           f"{', '.join(SOURCE_KINDS)}.")
    if not src.title.strip():
        raise InvalidInput("A source needs a title (for an untitled file, describe it: "
                           "'Minutes of the cell bureau').")
    for c in src.creators:
        if c.role not in CREATOR_ROLES:
            raise InvalidInput(f"'{c.role}' is not a creator role; use one of "
                               f"{', '.join(CREATOR_ROLES)}.")
        if not (c.family or c.literal):
            raise InvalidInput("A creator needs a family name or, for an organisation, "
                               "its full name.")


class SourceActions(NotebookBase):
    def add_source(self, src: Source) -> Source:
        """Store a new source; returns it with its key (and citekey, when one is made)."""
        src.title = src.title.strip()
        src.date = src.date.strip()
        _validate(src)
        bounds = date_bounds(src.date)
        with self.write() as conn:
            if not src.citekey:
                src.citekey = self._new_citekey(src)
            key = store_sources.insert(conn, src, bounds)
        return self.get_source(key)

    def _new_citekey(self, src: Source) -> str | None:
        """Hook: the citations area makes a citekey for a new source."""
        return None

    def edit_source(self, key: str, changes: dict[str, Any] | None = None,
                    creators: list[Creator] | None = None) -> Source:
        """Change some fields (and, if given, replace the creators) of a source."""
        changes = dict(changes or {})
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise InvalidInput(f"Sources have no field {', '.join(sorted(unknown))}.")
        current = self.get_source(key)
        merged = Source(**{f.name: getattr(current, f.name) for f in fields(Source)})
        for name, value in changes.items():
            setattr(merged, name, value.strip() if isinstance(value, str) else value)
        if creators is not None:
            merged.creators = creators
        _validate(merged)
        bounds = date_bounds(merged.date) if "date" in changes else None
        if "date" in changes:
            changes["date"] = merged.date
        with self.write() as conn:
            store_sources.update(conn, current.key, changes, bounds, creators)
        return self.get_source(current.key)

    def delete_source(self, key: str) -> Source:
        """Move a source to the trash (its documents stay, without a source)."""
        src = self.get_source(key)
        with self.write() as conn:
            store_sources.soft_delete(conn, src.key)
        return src

    def restore_source(self, key: str) -> Source:
        with self.write() as conn:
            store_sources.restore(conn, key.strip().upper())
        return self.get_source(key)

    def get_source(self, key: str) -> Source:
        return store_sources.get(self.conn, key.strip().upper())

    def list_sources(self) -> list[Source]:
        return store_sources.list_all(self.conn)

    def source_details(self, key: str) -> dict[str, Any]:
        """A source as `sources show --json` prints it: every field, creators, documents."""
        src = self.get_source(key)
        data = src.to_json()
        data["documents"] = store_sources.documents_of(self.conn, src.key)
        data["tags"] = store_tags.of(self.conn, "source", store_sources.source_id(self.conn,
                                                                                    src.key))
        return data

    def move_document(self, doc_key: str, source_key: str | None) -> None:
        """Put a document under another source (or none)."""
        with self.write() as conn:
            sid = None if source_key is None else store_sources.source_id(
                conn, source_key.strip().upper())
            store_documents.move(conn, doc_key.strip().upper(), sid)
