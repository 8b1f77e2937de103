"""Sources: archival items, books, articles… with their creators and citekeys."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from ..citations.citekeys import base_citekey, check_citekey, unique_citekey
from ..dates import date_bounds
from ..domain import (
    CREATOR_ROLES,
    SOURCE_KINDS,
    SOURCE_TEXT_FIELDS,
    Changes,
    Creator,
    InvalidInput,
    NotFound,
    Source,
)
from ..store import citations as store_citations
from ..store import sources as store_sources
from ..store import tags as store_tags
from ..store.connection import Connection
from .core import Core

_EDITABLE = set(SOURCE_TEXT_FIELDS) | {"kind", "extra"}


def validate(src: Source) -> None:
    """Refuse a source no historian would mean: no title, an unknown kind or role."""
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


def insert_source(conn: Connection, src: Source, renamed: list[str] | None = None) -> str:
    """Store a checked source inside the caller's transaction, giving it a citekey (the
    rules' key made unique with a, b, c…) unless it has one; returns its key.

    With `renamed` (an import's warnings), a citekey that differs from a stored one only in
    letter case is made unique the same way and the renaming said there, never refused.
    Running inside the transaction means two sources added at once cannot take one key.
    """
    if not src.citekey:
        base = base_citekey(src)
        src.citekey = unique_citekey(base, store_citations.citekeys_like(conn, base))
    elif renamed is not None:
        similar = store_citations.citekeys_like(conn, src.citekey)
        holder = next((k for k in similar if k.lower() == src.citekey.lower()), None)
        if holder is not None and holder != src.citekey:
            new = unique_citekey(src.citekey, similar)
            renamed.append(f"the key {src.citekey} differs from the key {holder} of a source "
                           f"already in the notebook only in letter case; it is imported as "
                           f"{new}.")
            src.citekey = new
    return store_sources.insert(conn, src, date_bounds(src.date))


class Sources:
    """`nb.sources`: add, edit, trash and restore sources; look them up by key or citekey."""

    def __init__(self, core: Core) -> None:
        self._core = core

    # -- writing ---------------------------------------------------------------------------

    def add(self, src: Source) -> Changes[Source]:
        """Store a new source; the value is the source with its key and citekey."""
        src.title = src.title.strip()
        src.date = src.date.strip()
        if src.citekey:
            src.citekey = check_citekey(src.citekey)
        validate(src)
        date_bounds(src.date)
        with self._core.write() as tx:
            key = insert_source(tx.conn, src)
        return tx.result(self.get(key))

    def edit(self, key: str, changes: dict[str, Any] | None = None,
             creators: list[Creator] | None = None) -> Changes[Source]:
        """Change some fields (and, if given, replace the creators) of a source.

        A citekey the user types is checked; other edits never touch the citekey.
        """
        changes = dict(changes or {})
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise InvalidInput(f"Sources have no field {', '.join(sorted(unknown))}.")
        if changes.get("citekey"):
            changes["citekey"] = check_citekey(changes["citekey"])
        elif "citekey" in changes:
            raise InvalidInput("A source's citekey cannot be emptied; set another one instead.")
        current = self.get(key)
        merged = Source(**{f.name: getattr(current, f.name) for f in fields(Source)})
        for name, value in changes.items():
            setattr(merged, name, value.strip() if isinstance(value, str) else value)
        if creators is not None:
            merged.creators = creators
        validate(merged)
        bounds = date_bounds(merged.date) if "date" in changes else None
        if "date" in changes:
            changes["date"] = merged.date
        with self._core.write() as tx:
            store_sources.update(tx.conn, current.key, changes, bounds, creators)
        return tx.result(self.get(current.key))

    def delete(self, key: str) -> Changes[Source]:
        """Move a source to the trash (its documents stay, without a source)."""
        src = self.get(key)
        with self._core.write() as tx:
            store_sources.soft_delete(tx.conn, src.key)
        return tx.result(src)

    def restore(self, key: str) -> Changes[Source]:
        """Take a source out of the trash."""
        with self._core.write() as tx:
            store_sources.restore(tx.conn, key.strip().upper())
        return tx.result(self.get(key))

    def assign_missing_citekeys(self) -> None:
        """Sources made before citekeys existed get one now, stored, once (the list is read
        again inside the write: another program opening at the same moment may have done
        it)."""
        if self._core.read_only or not store_citations.without_citekey(self._core.conn):
            return
        with self._core.write() as tx:
            for key in store_citations.without_citekey(tx.conn):
                src = store_sources.get(tx.conn, key, include_deleted=True)
                base = base_citekey(src)
                store_citations.set_citekey(tx.conn, key, unique_citekey(
                    base, store_citations.citekeys_like(tx.conn, base)) or key)

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str, *, include_deleted: bool = False) -> Source:
        return store_sources.get(self._core.conn, key.strip().upper(),
                                 include_deleted=include_deleted)

    def lookup(self, name: str) -> str:
        """The key of the live source a key or a citekey names (the one citekey look-up
        everything uses: the CLI, exports, the app's links and citations)."""
        found = self.find(name)
        if found is None:
            raise NotFound(f"There is no source with the key or citekey {name}.")
        return found

    def find(self, name: str, *, citekey_only: bool = False) -> str | None:
        """As `lookup`, None when nothing matches; `citekey_only` for a citation (`@key`),
        which names a source by its citekey alone."""
        return store_sources.key_for(self._core.conn, name, citekey_only=citekey_only)

    def all(self) -> list[Source]:
        return store_sources.list_all(self._core.conn)

    def trashed(self) -> list[Source]:
        """The sources in the trash, most recently deleted first."""
        return store_sources.list_deleted(self._core.conn)

    def details(self, key: str) -> dict[str, Any]:
        """A source as `sources show --json` prints it: every field, creators, documents."""
        src = self.get(key)
        data = src.to_json()
        data["documents"] = store_sources.documents_of(self._core.conn, src.key)
        data["tags"] = store_tags.of(self._core.conn, "source",
                                     store_sources.source_id(self._core.conn, src.key))
        return data
