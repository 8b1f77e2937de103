"""What the search helper process answers: plain words as type-ahead, anything else as a query.

No Qt here, and no Notebook: the helper (`server.py`) runs this on a read-only connection of
its own without loading Qt, and search/ may not import notebook/ (notebook/ imports search/).
The hits are those of `nb.search.query` and `nb.search.type_ahead`, which run the same
`SearchEngine.search`.
"""

from __future__ import annotations

from typing import Any

from ..domain import NotFound
from ..store import sources as store_sources
from ..store.connection import Connection
from .engine import SearchEngine
from .query import uses_syntax

LIMIT = 50
__all__ = ["LIMIT", "Answers", "uses_syntax"]


class Answers:
    """Runs the panel's searches on one connection; keeps the source titles it looked up."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.engine = SearchEngine()
        self._titles: dict[str, str] = {}
        self.note: str | None = None    # the last query was shortened, and how (engine.py)

    def run(self, text: str, full: bool, limit: int = LIMIT) -> list[dict[str, Any]]:
        """Type-ahead for plain words as they are typed, the full query language otherwise."""
        self.note = None
        if not text.strip():
            return []
        typeahead = not (full or uses_syntax(text))
        found = self.engine.search(self.conn, text, limit=limit, typeahead=typeahead)
        self.note = found.get("note")
        return [self._named(dict(h)) for h in found["hits"]]

    def _named(self, hit: dict[str, Any]) -> dict[str, Any]:
        """Add the source's title where the hit has only its key (a source's own hit)."""
        src = hit.get("source")
        if isinstance(src, str) and src and "source_title" not in hit:
            if src not in self._titles:
                try:
                    self._titles[src] = store_sources.get(self.conn, src).title
                except NotFound:   # deleted since: the key will do
                    self._titles[src] = src
            hit["source_title"] = self._titles[src]
        return hit
