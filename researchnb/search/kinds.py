"""The table of searchable kinds: everything the index needs to know about a kind of record.

One FTS5 table per kind (`search_pages`, `search_excerpts`, …); each row's rowid is the
record's id, and its columns hold the stemmed stream `rnb_analyze` makes (analyzer.py) of
the record's text. Only live records are indexed: soft-deleted ones (and the pages and
excerpts of a deleted document) are left out, so queries need no extra join to hide them.

From this one table come the FTS tables and the triggers that keep them in step with every
write (triggers.py), rebuilding and checking (index.py) and the kind filters of queries
(render.py). A new searchable kind is one more `Kind` in `KINDS_TABLE`: its FTS table is
made and filled, and its triggers installed, the next time a notebook is opened for writing.
The SQL here is text only; it runs on a connection the caller hands over.
"""

from __future__ import annotations

from dataclasses import dataclass

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
class Parent:
    """A table the kind's records point to whose change adds or removes them all from the
    index (the pages and excerpts of a document moved to or from the trash)."""
    table: str                  # "documents"
    link: str                   # the kind's column that points to it: "document_id"
    columns: tuple[str, ...]    # the parent's columns whose update matters
    when: str = ""              # a condition on OLD and NEW, if any


@dataclass(frozen=True)
class Child:
    """A table whose rows point to the kind's records and feed their text (a source's
    creators); each insert, update or delete re-indexes the record it points to."""
    table: str                  # "source_creators"
    link: str                   # its column holding the record's id: "source_id"
    name: str                   # the triggers' middle name: search_<name>_ai …
    kind_column: str = ""       # when the table points to records of several kinds, the
                                # column naming the kind (taggings.target_kind)


@dataclass(frozen=True)
class Kind:
    kind: str                   # the kind's name in hits and in `kind:` ("page")
    table: str                  # the FTS5 table
    base: str                   # the ordinary table holding the original text
    alias: str                  # the base table's alias in the SQL below
    columns: tuple[str, ...]    # the FTS columns
    weights: tuple[float, ...]  # bm25 column weights: titles over bodies
    texts: tuple[str, ...]      # one expression of original text per column
    live: str                   # FROM … WHERE …: every live record
    watched: tuple[str, ...]    # base columns whose update re-indexes the record
    tagged: bool = False        # taggings of this kind (and tag renames) re-index it
    parents: tuple[Parent, ...] = ()
    children: tuple[Child, ...] = ()
    plurals: tuple[str, ...] = ()   # other names `kind:` and `--kind` accept

    @property
    def feeders(self) -> tuple[Child, ...]:
        """Its children, and its taggings when it is tagged."""
        tags = (Child("taggings", "target_id", f"taggings_{self.kind}", "target_kind"),)
        return self.children + (tags if self.tagged else ())

    @property
    def exprs(self) -> tuple[str, ...]:
        """The stemmed columns: each text through the analyzer."""
        return tuple(f"rnb_analyze({t})" for t in self.texts)

    @property
    def select(self) -> str:
        """rowid and stemmed columns of every live record (ends in a WHERE clause)."""
        return f"SELECT {self.alias}.id, {', '.join(self.exprs)} {self.live}"

    @property
    def insert(self) -> str:
        """Index every live record (narrow it by appending `AND …`)."""
        return f"INSERT INTO {self.table} (rowid, {', '.join(self.columns)}) {self.select}"

    @property
    def create(self) -> str:
        """The FTS5 table, as migration 0002 made the first four."""
        return (f"CREATE VIRTUAL TABLE {self.table} USING fts5 ({', '.join(self.columns)}, "
                "tokenize = 'ascii', prefix = '2 3')")

    @property
    def rank(self) -> str:
        """Ranking by bm25 with this kind's column weights (kept in the FTS table)."""
        weights = ", ".join(str(w) for w in self.weights)
        return (f"INSERT INTO {self.table} ({self.table}, rank) "
                f"VALUES ('rank', 'bm25({weights})')")

    @property
    def vocabulary(self) -> str:
        """The term list fuzzy queries (`term~`) look near terms up in."""
        return f"{self.table}_vocab"

    @property
    def create_vocabulary(self) -> str:
        return f"CREATE VIRTUAL TABLE {self.vocabulary} USING fts5vocab ({self.table}, 'row')"


_DOCUMENT_TRASH = Parent("documents", "document_id", ("deleted",),
                         "(OLD.deleted IS NULL) IS NOT (NEW.deleted IS NULL)")

KINDS_TABLE: tuple[Kind, ...] = (
    Kind("page", "search_pages", "pages", "p", ("body",), (1.0,),
         ("p.text",),
         "FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted IS NULL",
         watched=("text", "document_id"), parents=(_DOCUMENT_TRASH,), plurals=("pages",)),
    Kind("excerpt", "search_excerpts", "excerpts", "e", ("body", "comment", "tags"),
         (2.0, 1.0, 3.0),
         ("e.quote || ' ' || e.translation", "e.comment", _TAGS.format(kind="excerpt", alias="e")),
         "FROM excerpts e JOIN documents d ON d.id = e.document_id "
         "WHERE e.deleted IS NULL AND d.deleted IS NULL",
         watched=("quote", "comment", "translation", "deleted", "document_id"), tagged=True,
         parents=(_DOCUMENT_TRASH,), plurals=("excerpts",)),
    Kind("note", "search_notes", "notes", "n", ("title", "body", "tags"), (5.0, 1.0, 3.0),
         ("n.title", "n.body", _TAGS.format(kind="note", alias="n")),
         "FROM notes n WHERE n.deleted IS NULL",
         watched=("title", "body", "deleted"), tagged=True, plurals=("notes",)),
    Kind("source", "search_sources", "sources", "s", ("title", "body", "tags"), (5.0, 2.0, 3.0),
         ("s.title", _SOURCE_BODY, _TAGS.format(kind="source", alias="s")),
         "FROM sources s WHERE s.deleted IS NULL",
         watched=("title", "deleted", "citekey", "archive", "archive_abbr", "archive_place",
                  "fond", "opis", "delo", "folio", "call_number", "fond_title", "genre",
                  "publisher", "place", "container_title"),
         tagged=True, children=(Child("source_creators", "source_id", "creators"),),
         plurals=("sources",)),
)

INDEXES: dict[str, Kind] = {k.kind: k for k in KINDS_TABLE}
KINDS: tuple[str, ...] = tuple(INDEXES)
# What `kind:` and `--kind` accept, singular or plural.
RECORD_KINDS: dict[str, str] = {name: k.kind for k in KINDS_TABLE
                                for name in (k.kind, *k.plurals)}
