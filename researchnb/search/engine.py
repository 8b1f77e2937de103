"""Running a query: parse, render per kind of record, rank, merge, and cut snippets.

One `SearchEngine` belongs to one open Notebook (no module state): it caches the index
vocabulary that fuzzy queries compare against, and drops that cache whenever the database
changed (this connection's total_changes, or another connection's commit: data_version).
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..store.connection import Connection
from . import index, snippets, sql
from . import query as q
from .kinds import KINDS

MAX_FUZZY_EXPANSIONS = 30
TYPEAHEAD_CAP = 2000      # above this many matches of one kind, type-ahead skips ranking


class SearchEngine:
    def __init__(self) -> None:
        self._vocab: dict[tuple[str, str], list[str]] = {}
        self._near: dict[tuple[str, str, int], list[str]] = {}
        self._signature: tuple[int, int] | None = None

    # -- fuzzy -----------------------------------------------------------------------------

    def _fresh(self, conn: Connection) -> None:
        sig = (conn.total_changes, int(conn.execute("PRAGMA data_version").fetchone()[0]))
        if sig != self._signature:
            self._vocab.clear()
            self._near.clear()
            self._signature = sig

    def near_terms(self, conn: Connection, kind: str, term: str, edits: int) -> list[str]:
        """Terms of one kind's index within `edits` edits of `term` (a swap of two letters
        counts one), nearest first, so `VICKSBURG~` finds the OCR'd VICKSBUEG.

        Candidates are first looked for among terms that share the first character, which
        keeps the vocabulary read (through fts5vocab) small; only when none is near enough
        is the whole vocabulary compared, so an OCR error in the first letter (`WICKSBURG~`)
        is found too. The candidates are cached until the notebook changes.
        """
        if not term:
            return []
        found = self._near.get((kind, term, edits))
        if found is not None:
            return found
        near = process.extract(term, self._words(conn, kind, term[0]), scorer=OSA.distance,
                               score_cutoff=edits, limit=MAX_FUZZY_EXPANSIONS)
        if not near:
            near = process.extract(term, self._words(conn, kind, ""), scorer=OSA.distance,
                                   score_cutoff=edits, limit=MAX_FUZZY_EXPANSIONS)
        # Nearest first (then alphabetical), so a query that may keep only a few keeps these.
        found = [w for d, w in sorted((d, w) for w, d, _ in near)]
        self._near[(kind, term, edits)] = found
        return found

    def _words(self, conn: Connection, kind: str, first: str) -> list[str]:
        """One kind's indexed terms starting with `first` (all of them for ""), cached."""
        words = self._vocab.get((kind, first))
        if words is None:
            words = index.vocabulary(conn, kind, first)
            self._vocab[(kind, first)] = words
        return words

    # -- search ----------------------------------------------------------------------------

    def search(self, conn: Connection, text: str, *, limit: int = 20,
               kinds: tuple[str, ...] = KINDS, typeahead: bool = False
               ) -> dict[str, Any]:
        """The `search --json` document without timing: query, total, hits.

        With `typeahead`, the last word is a prefix too, and a kind with more than
        TYPEAHEAD_CAP matches shows its most recent ones, with `capped` set and `total`
        counting at most TYPEAHEAD_CAP for it."""
        parsed = q.parse(text, typeahead=typeahead)
        limit = max(0, int(limit))
        result: dict[str, Any] = {"query": text, "total": 0, "hits": [],
                                  "parsed": parsed.parsed}
        shortened = set(parsed.shortened)
        if shortened:
            result["note"] = shortened_note(shortened)
        if parsed.empty or limit == 0:
            return result
        self._fresh(conn)
        candidates: list[tuple[float, str, int]] = []
        exact = set(parsed.exact)
        total = 0
        fuzzy = sql.fuzzy_count(parsed.root)
        for kind in kinds:
            renderer = sql.Renderer(conn, kind,
                                      lambda k, t, e: self.near_terms(conn, k, t, e),
                                      fuzzy=fuzzy)
            rendered = renderer.render(parsed.root)
            if renderer.shortened:
                shortened.add("expansions")
            if rendered is sql.NEVER:
                continue
            exact |= renderer.expanded
            rows, n, capped = sql.run(conn, kind, rendered, limit,
                                        TYPEAHEAD_CAP if typeahead else None)
            total += n
            if capped:
                result["capped"] = True
            candidates += [(rank, kind, rid) for rid, rank in rows]
        candidates.sort(key=lambda c: (c[0], c[1], -c[2]))
        chosen = candidates[:limit]
        by_kind: dict[str, list[int]] = {}
        for _, kind, rid in chosen:
            by_kind.setdefault(kind, []).append(rid)
        rows_of = {kind: sql.hit_rows(conn, kind, ids) for kind, ids in by_kind.items()}
        prefixes = tuple(sorted(parsed.prefixes))
        hits = []
        for rank, kind, rid in chosen:
            row = rows_of[kind].get(rid)
            if row is not None:
                hits.append(_hit(kind, row, -rank, exact, prefixes))
        result["total"] = total
        result["hits"] = hits
        if shortened:
            result["note"] = shortened_note(shortened)
        return result


def shortened_note(cut: set[str]) -> str:
    """What the caps of query.py left out of a query, in a sentence (the result's "note")."""
    parts = []
    if "terms" in cut:
        parts.append(f"only its first {q.MAX_TERMS} words and filters were searched")
    if "expanding" in cut:
        parts.append(f"only its first {q.MAX_EXPANDING_TERMS} fuzzy (word~) and prefix "
                     "(word*) terms were searched")
    if "expansions" in cut:
        parts.append(f"its fuzzy terms were compared with at most {q.MAX_EXPANDED_TERMS} "
                     "similar words in all")
    return "The query was shortened: " + "; ".join(parts) + "."


def _hit(kind: str, r: Any, score: float, exact: set[str], prefixes: tuple[str, ...]
         ) -> dict[str, Any]:
    # (+ 0.0 turns the -0.0 of unranked hits into 0.0 in JSON)
    hit: dict[str, Any] = {"kind": kind, "key": r["key"], "score": round(score, 4) + 0.0,
                           "document": None, "page": None, "source": None, "private": False}
    if kind in ("page", "excerpt"):
        hit["source_title"], hit["document_title"] = r["source_title"], r["filename"]
    if kind == "page":
        hit["title"] = r["source_title"] or r["filename"]
        hit["document"], hit["source"] = r["document"], r["source"]
        hit["page"] = {"number": r["number"], "label": r["label"] or str(r["number"])}
        hit["snippet"] = snippets.best([r["text"]], exact, prefixes)
    elif kind == "excerpt":
        hit["title"] = r["source_title"] or r["filename"]
        hit["document"], hit["source"] = r["document"], r["source"]
        hit["page"] = {"number": r["number"], "label": r["label"] or str(r["number"])}
        hit["locator"] = r["locator"]
        hit["snippet"] = snippets.best([r["quote"], r["translation"], r["comment"]], exact,
                                       prefixes)
    elif kind == "note":
        hit["title"] = r["title"]
        hit["private"] = bool(r["private"])
        hit["snippet"] = snippets.best([r["body"], r["title"]], exact, prefixes)
    else:
        hit["title"] = r["title"]
        hit["source"] = r["key"]
        where = " ".join(x for x in (r["archive_abbr"] or r["archive"], _part("f.", r["fond"]),
                                     _part("op.", r["opis"]), _part("d.", r["delo"]),
                                     _part("l.", r["folio"])) if x)
        hit["snippet"] = snippets.best(
            [r["title"], r["creators"] or "", where, r["fond_title"], r["container_title"],
             r["publisher"]], exact, prefixes)
    return hit


def _part(label: str, value: str) -> str:
    return f"{label} {value}" if value else ""
