"""All SQL of full-text search: the FTS5 tables of migration 0002, reindexing, checks, queries.

One FTS5 table per kind of record (`search_pages`, `search_excerpts`, `search_notes`,
`search_sources`); each row's rowid is the record's id, and its columns hold the stemmed
stream made by `rnb_analyze` (researchnb.search.analyzer). Triggers in 0002 keep the tables
in step with every write, in the same transaction, so whatever commits is searchable and
nothing uncommitted is. Only live records are indexed: soft-deleted ones (and the pages and
excerpts of a deleted document) are taken out, so queries need no extra join to hide them.

The SELECTs below are the same expressions the triggers use: `reindex` rebuilds from them
and `problems` compares every indexed row with them.
"""

from __future__ import annotations

import calendar
import functools
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:    # imported lazily at run time, as render() does
    from ..search.query import Field

KINDS = ("page", "excerpt", "note", "source")
VERSION_KEY = "search_analyzer_version"

_TAGS = ("(SELECT group_concat(t.name, ' ') FROM taggings g JOIN tags t ON t.id = g.tag_id "
         "WHERE g.target_kind = '{kind}' AND g.target_id = {alias}.id)")
_SOURCE_BODY = (
    "ifnull((SELECT group_concat(c.family || ' ' || c.given || ' ' || c.literal, ' ') "
    "FROM source_creators c WHERE c.source_id = s.id), '') || ' ' || s.archive || ' ' || "
    "s.archive_abbr || ' ' || s.archive_place || ' ' || s.fond || ' ' || s.opis || ' ' || "
    "s.delo || ' ' || s.folio || ' ' || s.call_number || ' ' || s.fond_title || ' ' || "
    "s.genre || ' ' || s.publisher || ' ' || s.place || ' ' || s.container_title || ' ' || "
    "ifnull(s.citekey, '')")


@dataclass(frozen=True)
class Index:
    kind: str
    table: str                  # the FTS5 table
    base: str                   # the ordinary table holding the original text
    alias: str
    columns: tuple[str, ...]
    weights: tuple[float, ...]  # bm25 column weights: titles over bodies
    texts: tuple[str, ...]      # one text expression per column (original text)
    source: str                 # FROM … WHERE: every live record

    @property
    def exprs(self) -> tuple[str, ...]:
        """The stemmed columns: each text through the analyzer."""
        return tuple(f"rnb_analyze({t})" for t in self.texts)

    @property
    def select(self) -> str:
        """rowid and stemmed columns of every live record (ends in a WHERE clause)."""
        return f"SELECT {self.alias}.id, {', '.join(self.exprs)} {self.source}"


INDEXES: dict[str, Index] = {
    "page": Index(
        "page", "search_pages", "pages", "p", ("body",), (1.0,),
        ("p.text",),
        "FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL"),
    "excerpt": Index(
        "excerpt", "search_excerpts", "excerpts", "e", ("body", "comment", "tags"),
        (2.0, 1.0, 3.0),
        ("e.quote || ' ' || e.translation", "e.comment", _TAGS.format(kind="excerpt", alias="e")),
        "FROM excerpts e JOIN documents d ON d.id = e.document_id "
        "WHERE e.deleted IS NULL AND d.deleted IS NULL"),
    "note": Index(
        "note", "search_notes", "notes", "n", ("title", "body", "tags"), (5.0, 1.0, 3.0),
        ("n.title", "n.body", _TAGS.format(kind="note", alias="n")),
        "FROM notes n WHERE n.deleted IS NULL"),
    "source": Index(
        "source", "search_sources", "sources", "s", ("title", "body", "tags"), (5.0, 2.0, 3.0),
        ("s.title", _SOURCE_BODY, _TAGS.format(kind="source", alias="s")),
        "FROM sources s WHERE s.deleted IS NULL"),
}


def insert_sql(ix: Index) -> str:
    return f"INSERT INTO {ix.table} (rowid, {', '.join(ix.columns)}) {ix.select}"


# -- version and rebuilding ----------------------------------------------------------------

def installed(conn: sqlite3.Connection) -> bool:
    """Whether this notebook has the search tables (a notebook at schema 1 has not)."""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_pages'"
                        ).fetchone() is not None


def stored_version(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (VERSION_KEY,)).fetchone()
    return None if row is None else str(row[0])


def set_version(conn: sqlite3.Connection, version: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (VERSION_KEY, version))


def live_ids(conn: sqlite3.Connection, kind: str) -> list[int]:
    ix = INDEXES[kind]
    return [int(r[0]) for r in conn.execute(f"SELECT {ix.alias}.id {ix.source} ORDER BY 1")]


def clear(conn: sqlite3.Connection, kind: str) -> None:
    """Empty one FTS table. DELETE would re-read every row to unindex it; dropping and
    re-creating it from its own stored definition (migration 0002) is far quicker, and
    happens inside the caller's transaction like any other write."""
    ix = INDEXES[kind]
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (ix.table,)).fetchone()
    conn.execute(f"DROP TABLE {ix.table}")
    conn.execute(row[0])
    weights = ", ".join(str(w) for w in ix.weights)
    conn.execute(f"INSERT INTO {ix.table} ({ix.table}, rank) VALUES ('rank', 'bm25({weights})')")


def index_range(conn: sqlite3.Connection, kind: str, first: int, last: int) -> None:
    """Index the live records with ids first..last (the table must not hold them yet)."""
    ix = INDEXES[kind]
    conn.execute(f"{insert_sql(ix)} AND {ix.alias}.id BETWEEN ? AND ?", (first, last))


def optimize(conn: sqlite3.Connection, kind: str) -> None:
    t = INDEXES[kind].table
    conn.execute(f"INSERT INTO {t} ({t}) VALUES ('optimize')")


# -- checks --------------------------------------------------------------------------------

def problems(conn: sqlite3.Connection) -> list[str]:
    """FTS5's own integrity check, then every live record indexed once and up to date.

    rowid is the record's id, so "once" is guaranteed by FTS5; what can go wrong is a
    record missing, a deleted one left behind, or a row indexed from older text.
    """
    found = []
    for ix in INDEXES.values():
        try:
            conn.execute(f"INSERT INTO {ix.table} ({ix.table}) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            if "readonly" not in str(exc).lower():   # a read-only notebook cannot run it
                found.append(f"the search index of {ix.kind}s is damaged ({exc}); run "
                             "`researchnb reindex`")
                continue
        a = ix.alias
        for (key,) in conn.execute(
                f"SELECT {a}.key {ix.source} AND {a}.id NOT IN (SELECT rowid FROM {ix.table}) "
                "LIMIT 20"):
            found.append(f"{ix.kind} {key} is missing from the search index")
        for (rowid,) in conn.execute(
                f"SELECT rowid FROM {ix.table} WHERE rowid NOT IN (SELECT {a}.id {ix.source}) "
                "LIMIT 20"):
            found.append(f"the search index still holds {ix.kind} row {rowid}, which is "
                         "deleted or gone")
        named = ", ".join(f"{e} AS c{i}" for i, e in enumerate(ix.exprs))
        differs = " OR ".join(f"f.{c} IS NOT x.c{i}" for i, c in enumerate(ix.columns))
        for (key,) in conn.execute(
                f"SELECT x.key FROM (SELECT {a}.id AS id, {a}.key AS key, {named} {ix.source}) x "
                f"JOIN {ix.table} f ON f.rowid = x.id WHERE {differs} LIMIT 20"):
            found.append(f"{ix.kind} {key} is indexed from outdated text; run "
                         "`researchnb reindex`")
    return found


# -- queries -------------------------------------------------------------------------------
# A query tree (researchnb.search.query) is rendered per kind of record into one FTS5 MATCH
# string (built only from quoted analyzer terms) and SQL filters with bound parameters.

_ROWID = "{t}.rowid"
_DOC = {"page": "(SELECT document_id FROM pages WHERE id = {t}.rowid)",
        "excerpt": "(SELECT document_id FROM excerpts WHERE id = {t}.rowid)"}
_SRC = {"page": "(SELECT d.source_id FROM pages p JOIN documents d ON d.id = p.document_id "
                "WHERE p.id = {t}.rowid)",
        "excerpt": "(SELECT d.source_id FROM excerpts e JOIN documents d ON d.id = e.document_id"
                   " WHERE e.id = {t}.rowid)",
        "source": "{t}.rowid"}
RECORD_KINDS = {"page": "page", "pages": "page", "excerpt": "excerpt", "excerpts": "excerpt",
                "note": "note", "notes": "note", "source": "source", "sources": "source"}
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


class Renderer:
    """Turns a query tree into SQL for one kind of record."""

    def __init__(self, conn: sqlite3.Connection, kind: str,
                 near_terms: Callable[[str, str, int], list[str]]) -> None:
        self.conn, self.kind, self.ix = conn, kind, INDEXES[kind]
        self.t = self.ix.table
        self.near_terms = near_terms
        self.expanded: set[str] = set()     # fuzzy expansions, for marking snippets

    def render(self, node: object) -> Rendered | None:
        from ..search import query as q
        if node is None:
            return Rendered()
        if isinstance(node, q.Terms):
            return Rendered(match=node.expr)
        if isinstance(node, q.Fuzzy):
            near = self.near_terms(self.kind, node.term, node.edits)
            if not near:
                return NEVER
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

    def field(self, f: Field) -> Rendered | None:
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

    def date(self, f: Field) -> Rendered | None:
        from ..domain import InvalidInput
        date_bounds = _date_bounds
        try:
            if f.low is None:
                lo, hi = date_bounds(f.value)
            else:
                lo = "" if f.low in ("*", "") else date_bounds(f.low)[0 if f.include_low else 1]
                hi = "" if f.high in ("*", "") else date_bounds(f.high)[1 if f.include_high
                                                                        else 0]
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
    from ..dates import date_bounds
    return date_bounds(text)


def _tag_matches(name: str, wanted: str) -> bool:
    if name == wanted or name.startswith(wanted + "/"):
        return True
    return ("/" + name + "/").find("/" + wanted + "/") >= 0


def run(conn: sqlite3.Connection, kind: str, r: Rendered, limit: int,
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


def vocabulary(conn: sqlite3.Connection, kind: str, first: str) -> list[str]:
    """Every indexed term of one kind that starts with the character `first` (every term
    of that kind when `first` is empty)."""
    v = INDEXES[kind].table + "_vocab"
    if not first:
        return [r[0] for r in conn.execute(f"SELECT term FROM {v}")]
    return [r[0] for r in conn.execute(f"SELECT term FROM {v} WHERE term >= ? AND term < ?",
                                       (first, chr(ord(first) + 1)))]


# -- what a hit shows ----------------------------------------------------------------------

def hit_rows(conn: sqlite3.Connection, kind: str, ids: Sequence[int]) -> dict[int, sqlite3.Row]:
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


def tags_text(conn: sqlite3.Connection, kind: str, rid: int) -> str:
    return " ".join(r[0] for r in conn.execute(
        "SELECT t.name FROM taggings g JOIN tags t ON t.id = g.tag_id "
        "WHERE g.target_kind = ? AND g.target_id = ? ORDER BY t.name", (kind, rid)))
