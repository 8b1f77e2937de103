"""Full-text search: queries, search-as-you-type, rebuilding and checking the index.

The index itself is kept current by triggers (researchnb/search/triggers.py, generated from
the table of kinds and installed by `install` when a notebook is opened for writing) in the
same transaction as every write, so nothing here is needed to make a change searchable.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..domain import InvalidInput
from ..search import index as search_index
from ..search import triggers
from ..search.analyzer import ANALYZER_VERSION
from ..search.engine import SearchEngine
from ..search.kinds import KINDS, RECORD_KINDS
from .core import Core

if TYPE_CHECKING:
    from ..progress import Progress

REINDEX_BATCH = 500


class Search:
    """`nb.search`: ranked search, search as you type, rebuilding and checking the index."""

    def __init__(self, core: Core) -> None:
        self._core = core
        self._engine = SearchEngine()

    def query(self, query: str, limit: int = 20, kind: str | None = None) -> dict[str, Any]:
        """Ranked hits for a query in the query language (README: Searching).

        Returns `{"query", "total", "hits", "took_ms"}` as `researchnb search --json` prints
        it; each hit has kind, key, title, score, snippet (HTML, matches in <mark>),
        document, page ({number, label}), source and private. Never raises for any query
        text; an unknown `kind` is a user error.
        """
        kinds = _kinds(kind)
        start = time.perf_counter()
        result = self._engine.search(self._core.conn, query or "", limit=limit, kinds=kinds)
        result["took_ms"] = round((time.perf_counter() - start) * 1000, 2)
        return result

    def type_ahead(self, text: str, limit: int = 20) -> dict[str, Any]:
        """Search as the user types: the words so far, the last one also as a prefix
        (its folded form and its stem), ranked, with snippets. Same shape as `search`."""
        start = time.perf_counter()
        result = self._engine.search(self._core.conn, text or "", limit=limit, typeahead=True)
        result["took_ms"] = round((time.perf_counter() - start) * 1000, 2)
        return result

    def reindex(self, progress: Progress | None = None, *,
                only_if_stale: bool = False) -> dict[str, Any]:
        """Rebuild every search table from the stored text, in one transaction.

        Cancelling (through `progress`) rolls back to the index as it was, which stays
        consistent; the analyzer version is recorded only when the rebuild is complete.
        `only_if_stale` rebuilds only when the index was built by another analyzer version,
        looked at once the write lock is held (another program may just have rebuilt it).
        """
        start = time.perf_counter()
        with self._core.write() as tx:
            conn = tx.conn
            if only_if_stale and search_index.stored_version(conn) == ANALYZER_VERSION:
                return {"indexed": 0, "took_s": round(time.perf_counter() - start, 3)}
            ids = {kind: search_index.live_ids(conn, kind) for kind in KINDS}
            total = sum(len(v) for v in ids.values())
            if progress is not None:
                progress.start(total, progress.label or "Rebuilding the search index")
            for kind in KINDS:
                search_index.clear(conn, kind)
                kind_ids = ids[kind]
                for i in range(0, len(kind_ids), REINDEX_BATCH):
                    batch = kind_ids[i:i + REINDEX_BATCH]
                    search_index.index_range(conn, kind, batch[0], batch[-1])
                    if progress is not None:
                        progress.step(len(batch))
                search_index.optimize(conn, kind)
            search_index.set_version(conn, ANALYZER_VERSION)
        return {"indexed": total, "took_s": round(time.perf_counter() - start, 3)}

    def install(self, progress: Progress | None = None) -> None:
        """Make the search tables and triggers what the table of kinds generates (an
        opening step). Writes only when they differ, compared again inside the write (two
        programs opening at once do it once); a read-only notebook is left alone."""
        conn = self._core.conn
        if self._core.read_only or not triggers.installed(conn) or not triggers.plan(conn):
            return
        with self._core.write() as tx:
            triggers.install(tx.conn)

    def bring_up_to_date(self, progress: Progress | None) -> None:
        """Rebuild the index when it was built by another version of the analyzer (an
        opening step)."""
        if self._core.read_only or not search_index.installed(self._core.conn):
            return
        if search_index.stored_version(self._core.conn) != ANALYZER_VERSION:
            self.reindex(progress, only_if_stale=True)

    def problems(self) -> list[str]:
        """What is wrong with the index, for `researchnb check`."""
        problems: list[str] = []
        if not search_index.installed(self._core.conn):
            return problems
        stored = search_index.stored_version(self._core.conn)
        if stored != ANALYZER_VERSION:
            problems.append(f"the search index was built by analyzer version {stored}, not "
                            f"{ANALYZER_VERSION}; run `researchnb reindex`")
        problems.extend(search_index.problems(self._core.conn))
        return problems


def _kinds(kind: str | None) -> tuple[str, ...]:
    if kind is None or not kind.strip():
        return KINDS
    found = RECORD_KINDS.get(kind.strip().casefold())
    if found is None:
        raise InvalidInput(f"'{kind}' is not a kind of record search can look in; use page, "
                           "excerpt, note or source.")
    return (found,)
