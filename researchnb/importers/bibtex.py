"""Read a BibTeX or BibLaTeX file into sources (the syntax: bibread.py, on bibtexparser v2).

@string macros are resolved, crossref and xdata fields inherited as biber does, LaTeX
accents and escapes turned into Unicode (Cyrillic stays as it is), and the archival fields
of every convention we know come back as our own: BibLaTeX `library`/`howpublished`/
`organization`/`location` (our export, biblatex-chicago's @misc with an entrysubtype),
Zotero's `archive`/`archive_location`, and the `howpublished={RGASPI, Moscow, f.~17, …}` of
our classic BibTeX export. A block that cannot be parsed is reported with its line; the rest
is read. Every field of the entry is kept as written in the source's `extra["bibtex"]` (with
the type, the key as written and a fingerprint of the columns), so the writers give back what
they were given.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from ..citations.citekeys import IMPORT_KEY_RE as _IMPORT_KEY_RE
from ..citations.datamodel import (
    VERBATIM,
    ImportedEntry,
    digest,
    inherited,
    keep,
    month_number,
    xdata_keys,
)
from ..citations.fields import (
    edtf_from_parts,
    is_shelfmark,
    lang_code,
    parse_shelfmark,
    split_archive_name,
)
from ..citations.latex import (  # noqa: F401 - re-exported for the readers' callers
    DECODE_PIECE,
    decode,
    latex_pieces,
    parse_name,
    split_names,
)
from ..dates import date_bounds
from ..domain import CREATOR_ROLES, InvalidInput, Source
from . import bibread
from .base import BlockFailure, ReferenceImport
from .bibread import RawEntry

log = logging.getLogger(__name__)

NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator"}

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


def _date(f: dict[str, str], warnings: list[str], key: str) -> tuple[str, str]:
    """The entry's own date as EDTF and the field it came from.

    `date` first, then `year`/`month`; `origdate` (the original edition's date) only when the
    entry has neither, as a letter in biblatex-chicago has: it never replaces the entry's date.
    """
    for name in ("date", "year"):
        raw = f.get(name, "").strip()
        if not raw:
            continue
        text = decode(raw) if name == "year" else raw
        candidate = text.replace("--", "/")
        if name == "year" and re.fullmatch(r"\d{4}", candidate):
            month = month_number(decode(f.get("month", "")))
            return edtf_from_parts([int(candidate)] + ([month] if month else [])), name
        try:
            date_bounds(candidate)
            return candidate, name
        except InvalidInput:
            warnings.append(f"{key}: the {name} '{raw}' is not a date researchnb can read; it "
                            "is kept as written and exported again unchanged.")
            return "", ""
    raw = f.get("origdate", "").strip()
    if raw:
        try:
            date_bounds(raw.replace("--", "/"))
            return raw.replace("--", "/"), "origdate"
        except InvalidInput:
            pass
    return "", ""


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


def _creators(src: Source, f: dict[str, str], used: set[str]) -> None:
    for name, role in NAME_FIELDS.items():
        if f.get(name):
            used.add(name)
            src.creators.extend(parse_name(n, role) for n in split_names(f[name]))
    for slot in ("namea", "nameb", "namec"):
        role = f.get(slot + "type", "").strip().lower()
        if f.get(slot) and role in CREATOR_ROLES:
            used.update({slot, slot + "type"})
            src.creators.extend(parse_name(n, role) for n in split_names(f[slot]))


def to_source(key: str, etype: str, raw: dict[str, str], warnings: list[str],
              own: dict[str, str] | None = None) -> Source:
    """One entry as a Source: columns from `raw` (the entry's fields with what it inherits
    from its crossref parent), and the entry's `own` fields kept as written in
    `extra["bibtex"]`, so a writer can give them back unchanged. Neither dict is changed."""
    etype = etype.lower()
    f = {k.lower(): v for k, v in raw.items()}
    own = {k.lower(): v for k, v in (raw if own is None else own).items()}
    used: set[str] = {"entrysubtype"}
    kind = _kind(etype, f)
    src = Source(kind=kind)

    def take(*names: str) -> str:
        for name in names:
            if f.get(name, "").strip():
                used.add(name)
                return f[name].strip() if name in VERBATIM else decode(f[name])
        return ""

    title, subtitle = take("title"), take("subtitle")
    src.title = f"{title}: {subtitle}" if title and subtitle else title
    if not src.title:
        src.title = take("shorttitle", "maintitle", "booktitle", "journaltitle") or \
            f"[untitled {etype} {key}]"
        warnings.append(f"{key}: the entry has no title; it was named '{src.title}'.")
    src.date, date_from = _date(f, warnings, key)
    used.update({"date": {"date"}, "year": {"year", "month"}, "origdate": {"origdate"}}.get(
        date_from, set()))
    _creators(src, f, used)
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
    written = _IMPORT_KEY_RE.match(key) is not None
    src.citekey = key if written else (re.sub(r"[\s,{}\"#%'()=\\~]", "_", key) or "ref")
    if not written:
        warnings.append(f"{key}: this citekey has characters biber cannot read in a key "
                        f"(spaces, commas, braces, quotes); it is stored as {src.citekey}.")
    readable = {k: (v.strip() if k in VERBATIM else decode(v)) for k, v in own.items()
                if k not in used}
    kept = ImportedEntry(etype, own, frozenset(used & set(own)), "", date_from, kind)
    kept.digest = digest(src)
    src.extra = {"bibtex": keep(kept, key, readable)}
    return src


def _archival_fields(src: Source, f: dict[str, str], take: Any) -> None:
    """Archive, shelfmark, city and collection from whichever convention the entry uses."""
    src.archive = take("archive")
    organisation = ", ".join(x for x in (take("organization"), take("institution")) if x)
    where = next((n for n in ("archive_location", "library", "howpublished")
                  if f.get(n, "").strip()), "")
    shelf = take(where) if where else ""
    printed = ""
    if where == "library" and f.get("howpublished"):
        printed = take("howpublished")
    mark = parse_shelfmark(shelf) if shelf else None
    if mark is not None and (mark.fond or mark.opis or mark.delo or mark.folio
                             or where == "howpublished"):
        src.fond, src.opis, src.delo, src.folio = mark.fond, mark.opis, mark.delo, mark.folio
        src.call_number = ", ".join(mark.rest)
        if mark.head and _is_mark(mark.head[0]):      # `Box 143, Folder 7`: no archive
            src.call_number = ", ".join([*mark.head, *mark.rest])
        elif mark.head:
            head = mark.head[0]
            full, abbr = split_archive_name(head)
            if head in (src.archive, organisation):
                full, abbr = head, ""
            elif organisation or src.archive:
                full, abbr = (full, abbr) if full and abbr else ("", head)
            src.archive_abbr = abbr
            if full and not src.archive and not organisation:
                src.archive = full
            src.archive_place = ", ".join(p for p in mark.head[1:] if not _is_mark(p))
            if not src.call_number:
                src.call_number = ", ".join(p for p in mark.head[1:] if _is_mark(p))
    elif shelf:
        full, abbr = split_archive_name(shelf)
        if abbr and not full:
            src.archive_abbr = abbr
        elif src.archive or organisation:
            src.call_number = shelf
        else:
            src.archive = shelf
    if printed and not src.call_number:
        src.call_number = _call_number(printed, shelf)
    if organisation and not src.archive:
        src.archive = organisation
    elif organisation and organisation != src.archive:
        src.fond_title = organisation
    place = take("location", "address")
    if place:
        src.archive_place = place
    if not src.call_number:
        src.call_number = take("number")
    note = take("note")
    if note:
        if src.genre and note.startswith(src.genre + "; "):
            note = note[len(src.genre) + 2:]
        elif src.genre and note == src.genre:
            note = ""
        src.fond_title = "; ".join(x for x in (note, src.fond_title) if x)


def _is_mark(piece: str) -> bool:
    """`Box 143`, `F/7/13489`: a piece of a shelfmark, not the name of an archive or a city
    (those have no digits)."""
    return re.search(r"\d", piece) is not None


def _call_number(printed: str, shelf: str) -> str:
    """What the printed location (`howpublished`) has beyond the exact shelfmark
    (`library`): the call number our BibLaTeX export adds there (`Box 143, Folder 7`)."""
    known = {p.strip() for p in shelf.replace("~", " ").split(",")}
    extra = [p.strip() for p in printed.replace("~", " ").split(",")
             if p.strip() and p.strip() not in known]
    return ", ".join(extra)


def _resolve(entries: list[RawEntry], warnings: list[str]) -> dict[str, dict[str, str]]:
    """Each entry's fields after xdata merging (biber: xdata fields become the entry's own,
    its own win); xdata may nest, a cycle is reported and broken."""
    by_key = {e.key: e for e in entries}
    by_lower = {e.key.lower(): e for e in entries}
    merged: dict[str, dict[str, str]] = {}

    def fields_of(entry: RawEntry, seen: tuple[str, ...]) -> dict[str, str]:
        if entry.key in merged:
            return merged[entry.key]
        out = dict(entry.fields)
        for ref in xdata_keys(out.pop("xdata", "")):
            donor = by_key.get(ref) or by_lower.get(ref.lower())
            if donor is None:
                warnings.append(f"line {entry.line}: {entry.key} takes fields from the @xdata "
                                f"entry {ref}, which is not in the file.")
                continue
            if donor.key in seen:
                warnings.append(f"line {entry.line}: the @xdata entries of {entry.key} refer "
                                "to each other in a circle; the circle was cut.")
                continue
            for name, value in fields_of(donor, (*seen, donor.key)).items():
                out.setdefault(name, value)
        merged[entry.key] = out
        return out

    for entry in entries:
        fields_of(entry, (entry.key,))
    return merged


def read_text(text: str) -> ReferenceImport:
    result = ReferenceImport()
    parsed = bibread.parse(text)
    result.warnings.extend(parsed.warnings)
    for line, message in parsed.failures:
        result.failures.append(BlockFailure(line=line, message=message))
    own_fields = _resolve(parsed.entries, result.warnings)
    by_key = {e.key: e for e in parsed.entries}
    by_lower = {e.key.lower(): e for e in parsed.entries}
    resolved: dict[str, dict[str, str]] = {}

    def effective(entry: RawEntry, seen: tuple[str, ...] = ()) -> dict[str, str]:
        """The entry's fields with what it inherits through crossref (a parent's own
        parent included, as biber resolves a chain)."""
        if entry.key in resolved:
            return resolved[entry.key]
        own = own_fields[entry.key]
        fields = dict(own)
        parent_key = own.get("crossref", "").strip()
        if parent_key:
            parent = by_key.get(parent_key) or by_lower.get(parent_key.lower())
            if parent is None:
                result.warnings.append(f"line {entry.line}: {entry.key} refers (crossref) to "
                                       f"{parent_key}, which is not in the file; it is "
                                       "imported without what it would inherit.")
            elif parent.key in seen or parent.key == entry.key:
                result.warnings.append(f"line {entry.line}: the crossref of {entry.key} leads "
                                       "back to itself; the circle was cut.")
            else:
                above = effective(parent, (*seen, entry.key))
                fields.update(inherited(parent.entry_type, entry.entry_type, above, own))
        resolved[entry.key] = fields
        return fields

    for entry in parsed.entries:
        etype = entry.entry_type
        if etype == "xdata":
            continue                     # merged into the entries that name it
        if etype == "set":
            result.failures.append(BlockFailure(
                line=entry.line, message=f"@set{{{entry.key}}} groups other entries and is not "
                "a source itself; its members are imported on their own."))
            continue
        own = own_fields[entry.key]
        parent_key = own.get("crossref", "").strip()
        parent = by_key.get(parent_key) or by_lower.get(parent_key.lower())
        if parent is not None and parent.key != parent_key:
            own = {**own, "crossref": parent.key}          # the parent was renamed
        fields = effective(entry)
        try:
            src = to_source(entry.key, etype, fields, result.warnings, own)
            src.extra["bibtex"]["@line"] = entry.line
            result.sources.append(src)
        except Exception as exc:  # noqa: BLE001 - one odd entry must not stop the file
            log.info("entry %s at line %d", entry.key, entry.line, exc_info=True)
            result.failures.append(BlockFailure(
                line=entry.line, message=f"the entry {entry.key} could not be imported ({exc})"))
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
