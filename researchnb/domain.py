"""Domain records and the errors a user can cause.

Plain dataclasses: no SQL, no Qt. The store turns rows into these, the CLI turns them into
JSON, the UI shows them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

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
