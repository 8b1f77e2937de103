"""Tags on any keyed record: sources, documents, excerpts and notes."""

from __future__ import annotations

from ..domain import Changes, InvalidInput, Tag
from ..store import tags as store_tags
from .core import Core


class Tags:
    """`nb.tags`: hierarchical tags (`theme/press`) on sources, documents, excerpts, notes."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def add(self, key: str, names: list[str]) -> Changes[list[str]]:
        """Tag a record; the value is the tags newly added (ones it had are skipped)."""
        kind, rid = self._taggable(key)
        names = [store_tags.normalise(n) for n in names]
        with self._core.write() as tx:
            added = store_tags.add(tx.conn, kind, rid, names)
        return tx.result(added)

    def remove(self, key: str, names: list[str]) -> Changes[list[str]]:
        """Take tags off a record; the value is the tags it had and no longer has."""
        kind, rid = self._taggable(key)
        with self._core.write() as tx:
            removed = store_tags.remove(tx.conn, kind, rid, names)
        return tx.result(removed)

    def rename(self, old: str, new: str) -> Changes[int]:
        """Rename a tag everywhere; tags below it follow. The value is how many were
        renamed."""
        with self._core.write() as tx:
            count = store_tags.rename(tx.conn, old, new)
        return tx.result(count)

    def all(self) -> list[Tag]:
        return store_tags.list_all(self._core.conn)

    def of(self, key: str) -> list[str]:
        """The tags of one record."""
        kind, rid = self._taggable(key)
        return store_tags.of(self._core.conn, kind, rid)

    def _taggable(self, key: str) -> tuple[str, int]:
        kind, rid = self._core.kind_of(key)
        if kind not in store_tags.TAGGABLE:
            raise InvalidInput(f"{key} is a {kind}; only sources, documents, excerpts and "
                               "notes can be tagged.")
        return kind, rid
