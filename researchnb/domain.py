"""Domain records and the errors a user can cause.

Plain dataclasses: no SQL, no Qt. The store turns rows into these, the CLI turns them into
JSON, the UI shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Generic, TypeVar

SOURCE_KINDS = (
    "archival", "book", "article", "chapter", "newspaper", "letter", "interview", "web", "other",
)
CREATOR_ROLES = ("author", "editor", "recipient", "translator", "interviewer", "contributor")
EXCERPT_KINDS = ("quotation", "paraphrase", "transcription", "translation")
TEXT_ORIGINS = ("none", "extracted", "ocr", "transcribed")

# Fields of a source that are plain text, in the order forms and exports show them.
SOURCE_TEXT_FIELDS = (
    "title", "date", "language", "citekey",
    "archive", "archive_abbr", "archive_place", "fond", "opis", "delo", "folio",
    "call_number", "fond_title", "genre",
    "publisher", "place", "container_title", "volume", "issue", "pages", "url", "doi",
)


class UserError(Exception):
    """Something the user can cause and fix; the message is shown as it is."""


class NotFound(UserError):
    """No record with that key (or it was deleted)."""


class InvalidInput(UserError):
    """A value the program cannot accept (bad date, empty title, offsets out of range)."""


class Conflict(UserError):
    """The change would clash with what the notebook holds (duplicate tag or citekey)."""


class NotebookUnavailable(UserError):
    """The notebook cannot be opened as asked (missing, locked, too new, read-only)."""


class ImportFailed(UserError):
    """One file could not be imported; nothing of it was stored."""


@dataclass
class Creator:
    family: str = ""
    given: str = ""
    literal: str = ""          # corporate creator, kept as one name
    role: str = "author"

    @property
    def display(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    @classmethod
    def parse(cls, text: str, role: str = "author") -> Creator:
        """Read "Family, Given"; a name without a comma in braces or with spaces is corporate.

        `{Orgbiuro TsK}` or a name with no comma and several words is taken literally, since
        guessing the family name of a committee is worse than not splitting it.
        """
        text = " ".join(text.split())
        if not text:
            raise InvalidInput("A creator's name is empty.")
        if text.startswith("{") and text.endswith("}"):
            return cls(literal=text[1:-1].strip(), role=role)
        if "," in text:
            family, given = text.split(",", 1)
            return cls(family=family.strip(), given=given.strip(), role=role)
        if " " in text:
            return cls(literal=text, role=role)
        return cls(family=text, role=role)


@dataclass
class Source:
    kind: str
    title: str = ""
    key: str = ""
    date: str = ""
    language: str = ""
    citekey: str | None = None
    archive: str = ""
    archive_abbr: str = ""
    archive_place: str = ""
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folio: str = ""
    call_number: str = ""
    fond_title: str = ""
    genre: str = ""
    publisher: str = ""
    place: str = ""
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    url: str = ""
    doi: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    creators: list[Creator] = field(default_factory=list)
    created: str = ""
    modified: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Page:
    number: int
    text: str = ""
    label: str = ""
    text_origin: str = "none"
    ocr_confidence: float | None = None
    key: str = ""
    file_position: int = 0
    frame: int = 0
    width: float | None = None
    height: float | None = None


@dataclass
class Document:
    filename: str
    media_type: str
    key: str = ""
    source_key: str | None = None
    sha256: str | None = None
    size: int = 0
    page_count: int = 0
    status: str = "ok"
    import_report: dict[str, Any] = field(default_factory=dict)
    imported_at: str = ""
    pages: list[Page] = field(default_factory=list)


@dataclass
class Excerpt:
    document_key: str
    page_start: int
    page_end: int
    key: str = ""
    char_start: int | None = None
    char_end: int | None = None
    region: tuple[float, float, float, float] | None = None
    quote: str = ""
    comment: str = ""
    translation: str = ""
    language: str = ""
    kind: str = "quotation"
    locator: str = ""
    anchor: str = "ok"
    tags: list[str] = field(default_factory=list)
    created: str = ""
    modified: str = ""
    deleted: str = ""          # when it was moved to the trash; "" while live


@dataclass
class Tag:
    name: str
    count: int = 0
    colour: str = ""


@dataclass
class Note:
    title: str
    body: str = ""
    key: str = ""
    private: bool = False
    tags: list[str] = field(default_factory=list)
    created: str = ""
    modified: str = ""


@dataclass
class Link:
    note_key: str
    to_kind: str
    to_key: str
    anchor: str = ""
    label: str = ""
    line: int = 0
    context: str = ""


# -- what a write changed ------------------------------------------------------------------

CHANGE_KINDS = ("source", "document", "page", "excerpt", "note", "tag")
T = TypeVar("T")


@dataclass(frozen=True)
class Changes(Generic[T]):
    """What one write created, updated and deleted, by kind, as record keys (tags by name).

    Every write of a `Notebook` area returns one: the CLI prints it with `--json`, the app
    refreshes exactly these records. `value` is what the operation made or found (the new
    source, the saved note…), so a caller needs no second look-up. A record restored from the
    trash counts as created; one moved to the trash as deleted.
    """

    created: dict[str, frozenset[str]] = field(default_factory=dict)
    updated: dict[str, frozenset[str]] = field(default_factory=dict)
    deleted: dict[str, frozenset[str]] = field(default_factory=dict)
    value: T = None  # type: ignore[assignment]

    @classmethod
    def from_log(cls, rows: list[tuple[str, str, str]]) -> Changes[None]:
        """From (kind, key, what) rows, what being created, updated or deleted; a record
        both created and later updated or deleted in one write counts once, by its fate."""
        fate: dict[tuple[str, str], str] = {}
        for kind, key, what in rows:
            before = fate.get((kind, key))
            if before == "created" and what == "updated":
                continue
            if before == "created" and what == "deleted":
                del fate[(kind, key)]        # made and dropped again: nothing to show
                continue
            fate[(kind, key)] = what
        out: dict[str, dict[str, set[str]]] = {"created": {}, "updated": {}, "deleted": {}}
        for (kind, key), what in fate.items():
            out[what].setdefault(kind, set()).add(key)
        def frozen(what: str) -> dict[str, frozenset[str]]:
            return {k: frozenset(v) for k, v in out[what].items()}
        return Changes(frozen("created"), frozen("updated"), frozen("deleted"))

    def having(self, value: U) -> Changes[U]:
        """The same changes, carrying `value`."""
        return Changes(self.created, self.updated, self.deleted, value)

    def merged(self, other: Changes[Any]) -> Changes[T]:
        """These changes and `other`'s together (for an operation of several writes)."""
        def join(a: dict[str, frozenset[str]], b: dict[str, frozenset[str]]
                 ) -> dict[str, frozenset[str]]:
            return {k: a.get(k, frozenset()) | b.get(k, frozenset()) for k in {*a, *b}}
        return Changes(join(self.created, other.created), join(self.updated, other.updated),
                       join(self.deleted, other.deleted), self.value)

    def keys(self, kind: str) -> frozenset[str]:
        """Every key of `kind` this write touched."""
        return (self.created.get(kind, frozenset()) | self.updated.get(kind, frozenset())
                | self.deleted.get(kind, frozenset()))

    def touches(self, *kinds: str) -> bool:
        return any(self.keys(k) for k in kinds)

    def __bool__(self) -> bool:
        return any(self.created.values()) or any(self.updated.values()) or any(
            self.deleted.values())

    def to_json(self) -> dict[str, dict[str, list[str]]]:
        """As the CLI prints it: `{"created": {"note": ["K7Q2M9XA"]}, …}`, sorted."""
        return {what: {k: sorted(v) for k, v in sorted(d.items()) if v}
                for what, d in (("created", self.created), ("updated", self.updated),
                                ("deleted", self.deleted))}


U = TypeVar("U")
NO_CHANGES: Changes[None] = Changes()
