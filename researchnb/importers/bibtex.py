"""Read a BibTeX or BibLaTeX file into sources (bibtexparser v2).

@string macros are resolved, crossref'd fields inherited, LaTeX accents and escapes turned
into Unicode (Cyrillic stays as it is), and the archival fields of every convention we know
come back as our own: BibLaTeX `library`/`howpublished`/`organization`/`location` (our export,
biblatex-chicago's @misc with an entrysubtype), Zotero's `archive`/`archive_location`, and the
`howpublished={RGASPI, Moscow, f.~17, …}` of our classic BibTeX export. A block that cannot be
parsed is reported with its line; the rest is read. Fields we have no place for are kept in
the source's `extra`, so nothing in the file is silently dropped.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path
from typing import Any

import bibtexparser
from bibtexparser.model import Block
from pylatexenc.latex2text import LatexNodes2Text

from ..citations.citekeys import CITEKEY_RE
from ..citations.fields import (
    edtf_from_parts,
    is_shelfmark,
    lang_code,
    parse_shelfmark,
    split_archive_name,
)
from ..dates import date_bounds
from ..domain import CREATOR_ROLES, Creator, InvalidInput, Source
from .base import BlockFailure, ReferenceImport

VERBATIM = {"url", "doi", "date", "origdate", "urldate", "eventdate", "file", "eprint",
            "verba", "verbb", "verbc", "pdf", "isbn", "issn"}
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}

# Our own escapes go to private-use characters before pylatexenc sees them, so `\{`, `\%`,
# `\textasciitilde{}` and friends come back exactly (pylatexenc eats spaces after some).
_PROTECT = [(r"\textbackslash{}", "\\"), (r"\textasciitilde{}", "~"),
            (r"\textasciicircum{}", "^"), (r"\{", "{"), (r"\}", "}"), (r"\%", "%"),
            (r"\&", "&"), (r"\#", "#"), (r"\_", "_"), (r"\$", "$")]
_PUA = {esc: chr(0xE000 + i) for i, (esc, _) in enumerate(_PROTECT)}
_UNPUA = {chr(0xE000 + i): plain for i, (_, plain) in enumerate(_PROTECT)}
_FONT_RE = re.compile(r"\\(?:text(?:sf|tt|it|bf|sc|rm|up|sl|md|normal)|emph|mkbib(?:emph|italic|"
                      r"bold|quote)|enquote|cmd|cmslink)\s*\{")
_DECODER = LatexNodes2Text()
_AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)

_KINDS = {
    "article": "article", "periodical": "article", "suppperiodical": "article",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book",
    "proceedings": "book", "mvproceedings": "book", "reference": "book",
    "mvreference": "book", "booklet": "book", "manual": "book",
    "incollection": "chapter", "inbook": "chapter", "inproceedings": "chapter",
    "bookinbook": "chapter", "inreference": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter", "conference": "chapter",
    "online": "web", "www": "web", "electronic": "web",
    "letter": "letter", "unpublished": "other", "misc": "other",
}
_SUBKINDS = {"archival": "archival", "letter": "letter", "interview": "interview",
             "newspaper": "newspaper"}
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


# pylatexenc gathers a run of plain characters by `self.lastchars += chars`, an attribute, so
# each character copies the run so far: a field of n plain characters costs n² (a 1 MB note
# took minutes). A longer value is decoded in pieces of about this many characters.
DECODE_PIECE = 2000
# Text without any of these reads the same before and after pylatexenc.
_LATEX_SPECIAL = re.compile(r"[\\{}$%~&#^_]|--|``|''|[!?]`")


@functools.lru_cache(maxsize=16)       # small: a cached value may be megabytes
def decode(value: str) -> str:
    """LaTeX -> Unicode text, one line, no non-breaking spaces (a field read twice, as a
    field and among the entry's other fields, is decoded once)."""
    for esc, mark in _PUA.items():
        value = value.replace(esc, mark)
    value = _FONT_RE.sub("{", value)
    text = " ".join(_latex_to_text(piece) for piece in latex_pieces(value))
    for mark, plain in _UNPUA.items():
        text = text.replace(mark, plain)
    return " ".join(text.replace("\xa0", " ").split())


def _latex_to_text(value: str) -> str:
    if not _LATEX_SPECIAL.search(value):
        return value                # nothing pylatexenc would change: skip its slow walk
    try:
        return str(_DECODER.latex_to_text(value))
    except Exception:  # noqa: BLE001 - pylatexenc on malformed input: keep the raw text
        return value


def latex_pieces(value: str, size: int = DECODE_PIECE) -> list[str]:
    """`value` cut at whitespace into pieces of at least `size` characters that decode the
    same one by one as together: a cut is made only outside braces, math, a comment and an
    environment, and never after a command (whose argument may follow the space)."""
    if len(value) <= size:
        return [value]
    pieces: list[str] = []
    depth = envs = 0
    math = comment = after_command = False
    last = i = 0
    n = len(value)
    while i < n:
        ch = value[i]
        if comment:
            comment = ch != "\n"
        elif ch == "\\":
            j = i + 1
            while j < n and value[j].isalpha():
                j += 1
            name = value[i + 1:j]
            envs += (name == "begin") - (name == "end")
            i = max(j, i + 2)
            after_command = True
            continue
        elif ch.isspace():
            if (i - last >= size and not depth and not math and not envs
                    and not after_command):
                pieces.append(value[last:i])
                last = i
        else:
            after_command = False
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth = max(0, depth - 1)
            elif ch == "$":
                math = not math
            elif ch == "%":
                comment = True
        i += 1
    pieces.append(value[last:])
    return pieces


def split_names(raw: str) -> list[str]:
    """`A and {B and C} and D` -> three names: `and` at brace depth 0 only."""
    names, depth, start, i = [], 0, 0, 0
    while i < len(raw):
        ch = raw[i]
        depth += (ch == "{") - (ch == "}")
        found = _AND_RE.match(raw, i) if depth == 0 and ch.isspace() else None
        if found:
            names.append(raw[start:i])
            i = start = found.end()
            continue
        i += 1
    names.append(raw[start:])
    return [n.strip() for n in names if n.strip() and n.strip().lower() != "others"]


def parse_name(raw: str, role: str) -> Creator:
    raw = " ".join(raw.split())
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        return Creator(literal=decode(raw[1:-1]), role=role)
    if re.match(r"^(family|given|prefix|suffix)\s*=", raw):
        parts = dict(re.findall(r"(\w+)\s*=\s*((?:\{[^{}]*\}|[^,])+)", raw))
        family = " ".join(x for x in (parts.get("prefix", ""), parts.get("family", "")) if x)
        return Creator(family=decode(family), given=decode(parts.get("given", "")), role=role)
    pieces = _split_top(raw, ",")
    if len(pieces) >= 2:
        family = pieces[0] if len(pieces) == 2 else f"{pieces[0]}, {pieces[1]}"
        return Creator(family=decode(family), given=decode(pieces[-1]), role=role)
    words = _split_top(raw, " ")
    if len(words) == 1:
        return Creator(family=decode(words[0]), role=role)
    # "Given von Family": the family starts at the first lower-case word, else the last word.
    cut = next((i for i, w in enumerate(words[:-1]) if i and w[:1].islower()), len(words) - 1)
    return Creator(family=decode(" ".join(words[cut:])), given=decode(" ".join(words[:cut])),
                   role=role)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _split_top(text: str, sep: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if ch == sep and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return [p for p in out if p]


def _inherit(fields: dict[str, str], parent: dict[str, str]) -> None:
    """biblatex crossref inheritance, the part that matters: title -> booktitle, the rest."""
    mapping = {"title": "booktitle", "subtitle": "booksubtitle", "author": "bookauthor"}
    for name, value in parent.items():
        if name in ("ids", "crossref", "xref", "entryset", "shorttitle", "sorttitle",
                    "indextitle", "indexsorttitle", "label", "shorthand"):
            continue
        target = mapping.get(name, name)
        fields.setdefault(target, value)


def _date(fields: dict[str, str], warnings: list[str], key: str) -> str:
    for name in ("date", "origdate"):
        raw = fields.get(name, "").strip()
        if raw:
            candidate = raw.replace("--", "/")
            try:
                date_bounds(candidate)
                return candidate
            except InvalidInput:
                warnings.append(f"{key}: the date '{raw}' is not one researchnb can read; "
                                "it is kept among the entry's other fields.")
                return ""
    year = decode(fields.get("year", ""))
    if not year:
        return ""
    found = re.fullmatch(r"(\d{4})", year.strip())
    if not found:
        warnings.append(f"{key}: the year '{year}' is not a plain year; it is kept among the "
                        "entry's other fields.")
        return ""
    month = decode(fields.get("month", "")).strip().lower()
    num = int(month) if month.isdigit() else _MONTHS.get(month[:3], 0)
    return edtf_from_parts([int(found.group(1))] + ([num] if 1 <= num <= 12 else []))


def _kind(etype: str, fields: dict[str, str]) -> str:
    sub = fields.get("entrysubtype", "").strip().lower()
    if sub in _SUBKINDS and (sub != "newspaper" or etype == "article"):
        return _SUBKINDS[sub]
    kind = _KINDS.get(etype, "other")
    if etype == "misc" and not sub and fields.get("url") and not fields.get("howpublished"):
        return "web"
    archival_marks = ("archive", "archive_location", "library")
    if kind == "other" and (any(fields.get(f) for f in archival_marks) or sub
                            or is_shelfmark(fields.get("howpublished", ""))):
        return "archival"
    return kind


def to_source(key: str, etype: str, raw: dict[str, str],
              warnings: list[str]) -> Source:
    """One entry (fields already with crossref inherited) as a Source; `raw` is not changed."""
    etype = etype.lower()
    f = {k.lower(): v for k, v in raw.items()}
    used: set[str] = {"entrysubtype", "crossref"}
    kind = _kind(etype, f)
    src = Source(kind=kind)

    def take(*names: str) -> str:
        for name in names:
            if f.get(name, "").strip():
                used.add(name)
                return f[name].strip() if name in VERBATIM else decode(f[name])
        return ""

    title = take("title")
    subtitle = take("subtitle")
    src.title = f"{title}: {subtitle}" if title and subtitle else title
    if not src.title:
        src.title = take("shorttitle", "maintitle", "booktitle", "journaltitle") or \
            f"[untitled {etype} {key}]"
        warnings.append(f"{key}: the entry has no title; it was named '{src.title}'.")
    src.date = _date(f, warnings, key)
    used.update({"date", "origdate", "year", "month"} & set(f) if src.date else set())
    for name, role in NAME_FIELDS.items():
        if f.get(name):
            used.add(name)
            src.creators.extend(parse_name(n, role) for n in split_names(f[name]))
    for slot in ("namea", "nameb", "namec"):
        role = f.get(slot + "type", "").strip().lower()
        if f.get(slot) and role in CREATOR_ROLES:
            used.update({slot, slot + "type"})
            src.creators.extend(parse_name(n, role) for n in split_names(f[slot]))
    lang = take("langid") or take("language")
    src.language = lang_code(lang) if lang else ""
    src.url = take("url")
    src.doi = take("doi")
    src.genre = take("type")
    archival = kind in ("archival", "letter", "interview") or (
        etype in ("misc", "unpublished") and f.get("entrysubtype"))
    if archival:
        _archival_fields(src, f, take)
        used.update({"pagination", "sortkey", "key"} & set(f))  # our export's sorting aids
    else:
        src.container_title = take("journaltitle", "journal", "booktitle")
        if kind == "web" and not src.container_title:
            src.container_title = take("organization", "howpublished")
        src.publisher = take("publisher") or (take("organization", "institution")
                                              if kind == "other" else "")
        src.place = take("location", "address")
        src.volume = take("volume")
        src.issue = take("number", "issue")
        src.pages = take("pages").replace("--", "–")
        src.fond_title = ""
    note = take("note") if "note" not in used else ""
    if note and not src.fond_title and archival:
        src.fond_title = note
    elif note:
        used.discard("note")
    if CITEKEY_RE.match(key):
        src.citekey = key
    else:
        src.citekey = re.sub(r"[^A-Za-z0-9_:-]", "_", key)
        if not src.citekey[:1].isalpha():
            src.citekey = "ref" + src.citekey
        warnings.append(f"{key}: this citekey has characters BibTeX keys should not; it is "
                        f"stored as {src.citekey}.")
    rest = {k: (v if k in VERBATIM else decode(v)) for k, v in f.items() if k not in used}
    src.extra = {"bibtex": {"entrytype": etype, "citekey": key, **rest}}
    return src


def _archival_fields(src: Source, f: dict[str, str], take: Any) -> None:
    """Archive, shelfmark, city and collection from whichever convention the entry uses."""
    src.archive = take("archive")
    organisation = ", ".join(x for x in (take("organization"), take("institution")) if x)
    where = next((n for n in ("archive_location", "library", "howpublished")
                  if f.get(n, "").strip()), "")
    shelf = take(where) if where else ""
    if where == "library" and f.get("howpublished") and decode(f["howpublished"]) == shelf:
        take("howpublished")
    mark = parse_shelfmark(shelf) if shelf else None
    if mark is not None and (mark.fond or mark.opis or mark.delo or mark.folio
                             or where == "howpublished"):
        src.fond, src.opis, src.delo, src.folio = mark.fond, mark.opis, mark.delo, mark.folio
        if mark.head:
            head = mark.head[0]
            full, abbr = split_archive_name(head)
            if head in (src.archive, organisation):
                full, abbr = head, ""
            elif organisation or src.archive:
                full, abbr = (full, abbr) if full and abbr else ("", head)
            src.archive_abbr = abbr
            if full and not src.archive and not organisation:
                src.archive = full
            if len(mark.head) > 1:
                src.archive_place = ", ".join(mark.head[1:])
    elif shelf:
        full, abbr = split_archive_name(shelf)
        if abbr and not full:
            src.archive_abbr = abbr
        elif src.archive or organisation:
            src.call_number = shelf
        else:
            src.archive = shelf
    if organisation and not src.archive:
        src.archive = organisation
    elif organisation and organisation != src.archive:
        src.fond_title = organisation
    place = take("location", "address")
    if place:
        src.archive_place = place
    note = take("note")
    if note:
        if src.genre and note.startswith(src.genre + "; "):
            note = note[len(src.genre) + 2:]
        elif src.genre and note == src.genre:
            note = ""
        src.fond_title = "; ".join(x for x in (note, src.fond_title) if x)


def _line(block: Block) -> int:
    """The 1-based line a block starts on (the parser records it for every block)."""
    assert block.start_line is not None
    return block.start_line + 1


# bibtexparser reports a block it cannot read through its logger as well as in the library;
# researchnb says so in its own words, so the library's record goes to the log file (when one
# is set up) and never to the terminal.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())

_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)")


def _failure_message(block: Block, error: object) -> str:
    """What is wrong with a block bibtexparser could not read, in the reader's words."""
    reason = str(getattr(error, "abort_reason", "") or error or "").strip().rstrip(".")
    head = _ENTRY_HEAD.match(getattr(block, "raw", "") or "")
    if head is None:
        return "this block is not a BibTeX entry" + (f" ({reason.lower()})" if reason else "")
    name = f"@{head.group(1)}{{{head.group(2)}}}" if head.group(2) else f"@{head.group(1)}"
    if "end of file" in reason.lower():
        return (f"the entry {name} is cut off: the file ends before it does (a {{ or a \" "
                "is left open); nothing of it was imported")
    return (f"the entry {name} could not be read ({reason.lower() or 'a syntax error'}); "
            "nothing of it was imported")


def read_text(text: str) -> ReferenceImport:
    result = ReferenceImport()
    library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        error = getattr(block, "error", None)
        message = _failure_message(block, error)
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            message = f"the key {getattr(block, 'key', '')} is used by an earlier entry"
        result.failures.append(BlockFailure(line=_line(block), message=message))
    entries = {e.key.lower(): e for e in library.entries}
    for entry in library.entries:
        etype = entry.entry_type.lower()
        fields = {fl.key.lower(): str(fl.value) for fl in entry.fields}
        if etype in ("set", "xdata"):
            result.failures.append(BlockFailure(
                line=_line(entry),
                message=f"@{etype}{{{entry.key}}} groups other entries and is not a source "
                        "itself; its members are imported on their own."))
            continue
        parent_key = fields.get("crossref", "").strip().lower()
        if parent_key:
            parent = entries.get(parent_key)
            if parent is None:
                result.warnings.append(f"{entry.key}: crossref '{fields['crossref']}' is not "
                                       "in the file; the entry is imported without it.")
            else:
                _inherit(fields, {fl.key.lower(): str(fl.value) for fl in parent.fields})
        try:
            result.sources.append(to_source(entry.key, etype, fields, result.warnings))
        except Exception as exc:  # noqa: BLE001 - one odd entry must not stop the file
            result.failures.append(BlockFailure(line=_line(entry),
                                                message=f"{entry.key}: {exc}"))
    return result


def read(path: Path) -> ReferenceImport:
    """Every entry of the file as a source, or as a failure with its line."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
        warning = None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        warning = (f"{Path(path).name} is not valid UTF-8; unreadable bytes became U+FFFD. "
                   "Check names and titles with accents.")
    result = read_text(text)
    if warning:
        result.warnings.insert(0, warning)
    return result
