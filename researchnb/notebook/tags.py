"""Tags on any keyed record: sources, documents, excerpts and notes."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import Changes, InvalidInput, NotFound, Tag
from ..locators import shown_locator
from ..store import tags as store_tags
from .core import Core


@dataclass(frozen=True)
class Tagged:
    """One record a tag is on, as a list shows it."""
    kind: str        # source, document, excerpt, note
    key: str
    label: str       # title, file name, quote, note title
    detail: str = ""  # an excerpt's locator


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

    def tagged(self, name: str) -> list[Tagged]:
        """Every live record the tag `name` or a tag below it is on (`theme` lists what is
        tagged `theme/press` too), each once: sources, documents, excerpts, notes."""
        ids = store_tags.ids_under(self._core.conn, name)
        if not ids:
            raise NotFound(f"There is no tag called '{name}'.")
        out = []
        for kind, row in store_tags.tagged(self._core.conn, ids):
            if kind == "excerpt":
                out.append(Tagged(kind, row[0], " ".join(str(row[1] or "").split()),
                                  shown_locator(row[2], page=row[3])))
            else:
                out.append(Tagged(kind, row[0], str(row[1] or "")))
        return out

    def counts(self) -> dict[str, int]:
        """For every tag and every level above one (`theme` above `theme/press`), how many
        records `tagged` lists for it: the number a list of tags shows beside each name."""
        tags = self.all()
        under: dict[str, list[Tag]] = {}
        for tag in tags:
            parts = tag.name.split("/")
            for depth in range(1, len(parts) + 1):
                under.setdefault("/".join(parts[:depth]).casefold(), []).append(tag)
        out: dict[str, int] = {}
        for tag in tags:
            parts = tag.name.split("/")
            for depth in range(1, len(parts) + 1):
                node = "/".join(parts[:depth])
                if node in out:
                    continue
                below = under[node.casefold()]
                # One tag alone: its own count (the same rule, counted in one query for all).
                out[node] = below[0].count if len(below) == 1 else store_tags.count_tagged(
                    self._core.conn, store_tags.ids_under(self._core.conn, node))
        return out

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
