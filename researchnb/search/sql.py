"""The SQL of a query: a query tree (query.py) rendered per kind of record, run, and the
rows of the hits shown.

Where this lives: the query tree is search's own (luqum's parse turned into Terms, Fuzzy,
Field, And, Or, Not), so search/ turns it into SQL text here, and runs that text on the
connection it is handed; the store would otherwise have to know the tree (store/ may not
import search/) or a copy of it in plain data. The MATCH string is built only from quoted
analyzer terms, and every value from the query text is a bound parameter.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..domain import InvalidInput
from ..store.connection import Connection, Row
from . import query as q
from .kinds import INDEXES, RECORD_KINDS

# string (built only from quoted analyzer terms) and SQL filters with bound parameters.

_ROWID = "{t}.rowid"
_DOC = {"page": "(SELECT document_id FROM pages WHERE id = {t}.rowid)",
        "excerpt": "(SELECT document_id FROM excerpts WHERE id = {t}.rowid)"}
_SRC = {"page": "(SELECT d.source_id FROM pages p JOIN documents d ON d.id = p.document_id "
                "WHERE p.id = {t}.rowid)",
        "excerpt": "(SELECT d.source_id FROM excerpts e JOIN documents d ON d.id = e.document_id"
                   " WHERE e.id = {t}.rowid)",
        "source": "{t}.rowid"}
_LANGS = {
    "ru": ("ru", "rus", "russian", "русский", "ru-ru"),
    "en": ("en", "eng", "english", "английский", "en-us", "en-gb"),
    "de": ("de", "deu", "ger", "german", "немецкий"),
    "fr": ("fr", "fra", "fre", "french", "французский"),
    "uk": ("uk", "ukr", "ukrainian", "украинский"),
}


@dataclass
class Rendered:
    """match AND every sql filter AND NOT any of neg (FTS5 expressions)."""
    match: str | None = None
    sql: list[tuple[str, list[object]]] = field(default_factory=list)
    neg: list[str] = field(default_factory=list)

    @property
    def always(self) -> bool:
        return self.match is None and not self.sql and not self.neg


NEVER = None   # a render result meaning "no record of this kind can match"


def _json(values: Iterable[object]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _lang_values(value: str) -> list[str]:
    v = value.strip().casefold()
    for names in _LANGS.values():
        if v in names:
            return list(names)
    return [v]


def fuzzy_count(node: object) -> int:
    """How many fuzzy terms a query tree holds."""
    if isinstance(node, q.Fuzzy):
        return 1
    if isinstance(node, (q.And, q.Or)):
        return sum(fuzzy_count(i) for i in node.items)
    if isinstance(node, q.Not):
        return fuzzy_count(node.item)
    return 0


class Renderer:
    """Turns a query tree into SQL for one kind of record.

    `near_terms(kind, term, edits)` gives the indexed words near a fuzzy term, nearest
    first; each fuzzy term of the tree keeps at most its share of q.MAX_EXPANDED_TERMS, and
    `shortened` says whether one had to leave some out."""

    def __init__(self, conn: Connection, kind: str,
                 near_terms: Callable[[str, str, int], list[str]], *, fuzzy: int = 1) -> None:
        self.conn, self.kind, self.ix = conn, kind, INDEXES[kind]
        self.t = self.ix.table
        self.near_terms = near_terms
        self.share = max(1, q.MAX_EXPANDED_TERMS // max(1, fuzzy))
        self.expanded: set[str] = set()     # fuzzy expansions, for marking snippets
        self.shortened = False

    def render(self, node: object) -> Rendered | None:
        if node is None:
            return Rendered()
        if isinstance(node, q.Terms):
            return Rendered(match=node.expr)
        if isinstance(node, q.Fuzzy):
            near = self.near_terms(self.kind, node.term, node.edits)
            if not near:
                return NEVER
            if len(near) > self.share:
                near, self.shortened = near[:self.share], True
            self.expanded.update(near)
            return Rendered(match="(" + " OR ".join(q.quote(t) for t in near) + ")")
        if isinstance(node, q.Field):
            return self.field(node)
        if isinstance(node, q.And):
            out = Rendered()
            matches = []
            for item in node.items:
                r = self.render(item)
                if r is NEVER:
                    return NEVER
                if r.match:
                    matches.append(r.match)
                out.sql += r.sql
                out.neg += r.neg
            if matches:
                out.match = " AND ".join(f"({m})" for m in matches)
            return out
        if isinstance(node, q.Not):
            r = self.render(node.item)
            if r is NEVER:
                return Rendered()
            if r.always:
                return NEVER
            if r.match and not r.sql and not r.neg:
                return Rendered(neg=[r.match])
            sql, params = self.to_sql(r)
            return Rendered(sql=[(f"NOT ({sql})", params)])
        if isinstance(node, q.Or):
            rs = [r for r in (self.render(i) for i in node.items) if r is not NEVER]
            if not rs:
                return NEVER
            if any(r.always for r in rs):
                return Rendered()
            if all(r.match and not r.sql and not r.neg for r in rs):
                return Rendered(match=" OR ".join(f"({r.match})" for r in rs))
            parts = [self.to_sql(r) for r in rs]
            return Rendered(sql=[("(" + " OR ".join(f"({s})" for s, _ in parts) + ")",
                                  [p for _, ps in parts for p in ps])])
        raise TypeError(f"unknown query node {node!r}")

    def to_sql(self, r: Rendered) -> tuple[str, list[object]]:
        """The whole condition as SQL on `{table}.rowid` (for OR and NOT of mixed parts)."""
        clauses: list[str] = []
        params: list[object] = []
        match = self.final_match(r)
        if match:
            clauses.append(f"{self.t}.rowid IN (SELECT rowid FROM {self.t} WHERE {self.t} "
                           "MATCH ?)")
            params.append(match)
        elif r.neg:
            for n in r.neg:
                clauses.append(f"{self.t}.rowid NOT IN (SELECT rowid FROM {self.t} WHERE "
                               f"{self.t} MATCH ?)")
                params.append(n)
        for s, p in r.sql:
            clauses.append(s)
            params += p
        return (" AND ".join(clauses) or "1"), params

    @staticmethod
    def final_match(r: Rendered) -> str | None:
        if not r.match:
            return None
        return f"({r.match})" + "".join(f" NOT ({n})" for n in r.neg)

    # -- fields ----------------------------------------------------------------------------

    def field(self, f: q.Field) -> Rendered | None:
        name, value = f.name, f.value
        t = self.t
        if name == "kind":
            v = value.casefold()
            if v in RECORD_KINDS:
                return Rendered() if RECORD_KINDS[v] == self.kind else NEVER
            if v in ("quotation", "paraphrase", "transcription", "translation"):
                if self.kind != "excerpt":
                    return NEVER
                return Rendered(sql=[(f"{t}.rowid IN (SELECT id FROM excerpts WHERE kind = ?)",
                                      [v])])
            return self.sources_where("kind = ?", [v])
        if name == "tag":
            return self.tag(value)
        if name == "source":
            v = value.strip()
            return self.sources_where(
                "(key = upper(?) OR citekey = ? COLLATE NOCASE OR "
                "instr(rnb_fold(title), rnb_fold(?)) > 0)", [v, v, v])
        if name == "archive":
            return self.sources_where(
                "(rnb_fold(archive_abbr) = rnb_fold(?) OR instr(rnb_fold(archive), rnb_fold(?))"
                " > 0)", [value, value])
        if name == "fond":
            return self.sources_where(
                "replace(rnb_fold(fond), ' ', '') = replace(rnb_fold(?), ' ', '')", [value])
        if name == "lang":
            langs = _json(_lang_values(value))
            r = self.sources_where("lower(language) IN (SELECT value FROM json_each(?))",
                                   [langs])
            if self.kind == "excerpt":
                own = (f"{t}.rowid IN (SELECT id FROM excerpts WHERE lower(language) IN "
                       "(SELECT value FROM json_each(?)))")
                if r is NEVER:
                    return Rendered(sql=[(own, [langs])])
                s, p = r.sql[0]
                # An excerpt's own language wins; without one, its source's counts.
                s = (f"({own} OR ({t}.rowid IN (SELECT id FROM excerpts WHERE language = '')"
                     f" AND {s}))")
                return Rendered(sql=[(s, [langs, *p])])
            return r
        if name == "date":
            return self.date(f)
        return Rendered()

    def sources_where(self, cond: str, params: list[object]) -> Rendered | None:
        """Records whose source matches: the source, its pages and excerpts, and the notes
        that link to it or cite it."""
        sub = f"SELECT id FROM sources WHERE deleted IS NULL AND {cond}"
        if self.kind in _SRC:
            expr = _SRC[self.kind].format(t=self.t)
            return Rendered(sql=[(f"{expr} IN ({sub})", params)])
        # notes: by their links to the source, or Pandoc citations of its citekey
        s = (f"{self.t}.rowid IN (SELECT l.note_id FROM links l JOIN sources s ON "
             "((l.to_kind = 'source' AND l.to_key = s.key) OR (l.to_kind = 'citation' AND "
             f"l.to_key = s.citekey COLLATE NOCASE)) WHERE s.id IN ({sub}))")
        return Rendered(sql=[(s, params)])

    def tag(self, value: str) -> Rendered | None:
        """Records carrying the tag (or a tag below it, or ending in it: `inequality` finds
        `theme/inequality`), or inside a document or source that does."""
        v = "/".join(p.strip() for p in value.casefold().split("/") if p.strip())
        if not v:
            return Rendered()
        ids = [int(r[0]) for r in self.conn.execute(
            "SELECT id, name FROM tags") if _tag_matches(str(r[1]).casefold(), v)]
        if not ids:
            return NEVER
        tags = _json(ids)
        tagged = ("SELECT target_id FROM taggings WHERE target_kind = '{k}' AND tag_id IN "
                  "(SELECT value FROM json_each(?))")
        parts: list[str] = []
        params: list[object] = []
        own = {"page": None, "excerpt": "excerpt", "note": "note", "source": "source"}[self.kind]
        if own:
            parts.append(f"{self.t}.rowid IN ({tagged.format(k=own)})")
            params.append(tags)
        if self.kind in _DOC:
            parts.append(f"{_DOC[self.kind].format(t=self.t)} IN ({tagged.format(k='document')})")
            params.append(tags)
        if self.kind in ("page", "excerpt"):
            parts.append(f"{_SRC[self.kind].format(t=self.t)} IN ({tagged.format(k='source')})")
            params.append(tags)
        return Rendered(sql=[("(" + " OR ".join(parts) + ")", params)])

    def date(self, f: q.Field) -> Rendered | None:
        try:
            if f.low is None:
                lo, hi = _date_bounds(f.value)
            else:
                low = 0 if f.include_low else 1
                high = 1 if f.include_high else 0
                lo = "" if f.low in ("*", "") else _date_bounds(f.low)[low]
                hi = "" if f.high in ("*", "") else _date_bounds(f.high)[high]
        except InvalidInput:
            return NEVER
        conds: list[str] = ["date_sort != ''"]
        params: list[object] = []
        if lo:
            conds.append("date_sort_end " + (">= ?" if f.low is None or f.include_low else "> ?"))
            params.append(lo)
        if hi:
            conds.append("date_sort " + ("<= ?" if f.low is None or f.include_high else "< ?"))
            params.append(hi)
        return self.sources_where(" AND ".join(conds), params)


@functools.lru_cache(maxsize=256)
def _date_bounds(text: str) -> tuple[str, str]:
    """dates.date_bounds, with plain years and months done at once (EDTF parsing is slow)."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
    if m and (m.group(2) is None or 1 <= int(m.group(2)) <= 12):
        year, month = m.group(1), m.group(2)
        if month is None:
            return f"{year}-01-01", f"{year}-12-31"
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    from ..dates import date_bounds  # edtf takes 80 ms to import: only when needed
    return date_bounds(text)


def _tag_matches(name: str, wanted: str) -> bool:
    if name == wanted or name.startswith(wanted + "/"):
        return True
    return ("/" + name + "/").find("/" + wanted + "/") >= 0


def run(conn: Connection, kind: str, r: Rendered, limit: int,
        cap: int | None = None) -> tuple[list[tuple[int, float]], int, bool]:
    """The best `limit` (id, bm25 rank) of one kind, how many match, and whether that
    count was capped.

    bm25 must be computed for every match before the best can be picked, which for a two-
    letter prefix typed into a large notebook means most records. With `cap` (type-ahead),
    a cheap count that stops at `cap` comes first; above it, the most recent matches are
    shown instead of the best ones (the next keystroke narrows them anyway).
    """
    t = INDEXES[kind].table
    match = Renderer.final_match(r)
    where: list[str] = []
    params: list[object] = []
    if match:
        where.append(f"{t} MATCH ?")
        params.append(match)
    elif r.neg:
        for n in r.neg:
            where.append(f"{t}.rowid NOT IN (SELECT rowid FROM {t} WHERE {t} MATCH ?)")
            params.append(n)
    for s, p in r.sql:
        where.append(s)
        params += p
    cond = " AND ".join(where) or "1"
    score = "rank" if match else "0.0"
    order = "rank" if match else f"{t}.rowid DESC"
    capped, counted = False, None
    if cap is not None and match:
        counted = int(conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {t} WHERE {cond} LIMIT ?)",
            (*params, cap + 1)).fetchone()[0])
        if counted > cap:
            order, capped, counted = f"{t}.rowid DESC", True, cap
        elif counted == 0:
            return [], 0, False
    rows = conn.execute(f"SELECT {t}.rowid, {score} FROM {t} WHERE {cond} ORDER BY {order} "
                        "LIMIT ?", (*params, limit)).fetchall()
    if counted is not None:
        total = counted
    elif len(rows) < limit:
        total = len(rows)
    else:
        total = int(conn.execute(f"SELECT count(*) FROM {t} WHERE {cond}", params).fetchone()[0])
    return [(int(a), float(b)) for a, b in rows], total, capped


# -- what a hit shows ----------------------------------------------------------------------

def hit_rows(conn: Connection, kind: str, ids: Sequence[int]) -> dict[int, Row]:
    """The original text and whereabouts of these records, by id."""
    if not ids:
        return {}
    sql = {
        "page": "SELECT p.id, p.key, p.number, p.label, p.text, d.key AS document, "
                "d.filename, s.key AS source, s.title AS source_title FROM pages p "
                "JOIN documents d ON d.id = p.document_id "
                "LEFT JOIN sources s ON s.id = d.source_id AND s.deleted IS NULL "
                "WHERE p.id IN (SELECT value FROM json_each(?))",
        "excerpt": "SELECT e.id, e.key, e.quote, e.comment, e.translation, e.locator, "
                   "e.page_start AS number, pg.label, d.key AS document, d.filename, "
                   "s.key AS source, s.title AS source_title FROM excerpts e "
                   "JOIN documents d ON d.id = e.document_id "
                   "LEFT JOIN pages pg ON pg.document_id = e.document_id "
                   "AND pg.number = e.page_start "
                   "LEFT JOIN sources s ON s.id = d.source_id AND s.deleted IS NULL "
                   "WHERE e.id IN (SELECT value FROM json_each(?))",
        "note": "SELECT id, key, title, body, private FROM notes "
                "WHERE id IN (SELECT value FROM json_each(?))",
        "source": "SELECT s.id, s.key, s.title, s.date, s.archive, s.archive_abbr, s.fond, "
                  "s.opis, s.delo, s.folio, s.fond_title, s.publisher, s.place, "
                  "s.container_title, (SELECT group_concat(trim(c.family || ', ' || c.given "
                  "|| c.literal, ', '), '; ') FROM source_creators c "
                  "WHERE c.source_id = s.id) AS creators FROM sources s "
                  "WHERE s.id IN (SELECT value FROM json_each(?))",
    }[kind]
    listed = ",".join(str(int(i)) for i in ids)      # integers only: safe to inline
    sql = sql.replace("(SELECT value FROM json_each(?))", f"({listed})")
    return {int(r["id"]): r for r in conn.execute(sql)}


