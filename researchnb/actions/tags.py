"""Tags on any keyed record: sources, documents, excerpts and notes."""

from __future__ import annotations

from ..domain import InvalidInput, Tag
from ..store import tags as store_tags
from .base import NotebookBase


class TagActions(NotebookBase):
    def add_tags(self, key: str, names: list[str]) -> list[str]:
        """Tag a record; returns the tags newly added (ones it had already are skipped)."""
        kind, rid = self._taggable(key)
        names = [store_tags.normalise(n) for n in names]
        with self.write() as conn:
            return store_tags.add(conn, kind, rid, names)

    def remove_tags(self, key: str, names: list[str]) -> list[str]:
        kind, rid = self._taggable(key)
        with self.write() as conn:
            return store_tags.remove(conn, kind, rid, names)

    def rename_tag(self, old: str, new: str) -> int:
        """Rename a tag everywhere; tags below it follow. Returns how many were renamed."""
        with self.write() as conn:
            return store_tags.rename(conn, old, new)

    def list_tags(self) -> list[Tag]:
        return store_tags.list_all(self.conn)

    def tags_of(self, key: str) -> list[str]:
        kind, rid = self._taggable(key)
        return store_tags.of(self.conn, kind, rid)

    def _taggable(self, key: str) -> tuple[str, int]:
        kind, rid = self._kind_of(key)
        if kind not in store_tags.TAGGABLE:
            raise InvalidInput(f"{key} is a {kind}; only sources, documents, excerpts and "
                               "notes can be tagged.")
        return kind, rid
