"""BibTeX and BibLaTeX writers, with the archival mapping of docs/CITATIONS.md.

Field values are escaped for LaTeX (`% & # _ $ { } ~ ^ \\`), because biber and BibTeX accept
the raw characters and only the LaTeX run fails, far from the cause. `url` and `doi` are
verbatim. Fields a type does not allow in the biblatex data model are left out, so
`biber --validate-datamodel` stays quiet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..domain import Creator, InvalidInput, Source
from .datamodel import MONTHS, ImportedEntry, canonical, digest, imported
from .fields import (
    archive_display,
    date_parts,
    folio_label,
    has_shelfmark,
    langid,
    shelfmark_parts,
)

BIBLATEX_HEADER = "@comment{jabref-meta: databaseType:biblatex;}\n"

_ESCAPES = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
    "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_ESCAPE_RE = re.compile(r"[\\{}%&#_$~^]")


def tex(text: str) -> str:
    """Escape the LaTeX specials of a literal field; line breaks become spaces."""
    text = " ".join(text.split())
    return _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def tex_title(text: str) -> str:
    """Escaped title with capitalised words braced, so styles cannot lower-case proper nouns."""
    escaped = tex(text)
    return re.sub(r"(?<![\\\w{])([A-ZА-ЯЁ][\w'’-]*)", r"{\1}", escaped)


def verbatim(text: str, field: str) -> str:
    text = text.strip()
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            break
    if depth != 0:
        raise InvalidInput(f"The {field} '{text}' has unbalanced braces and cannot be "
                           "exported to BibTeX; correct it in the source.")
    return text


def name(c: Creator) -> str:
    if c.literal:
        return "{" + tex(c.literal) + "}"
    family = tex(c.family)
    if " " in family or "," in family:
        family = "{" + family + "}"
    return f"{family}, {tex(c.given)}" if c.given else family


def names(creators: Iterable[Creator], role: str) -> str:
    return " and ".join(name(c) for c in creators if c.role == role)


_TYPES = {  # kind -> (BibTeX type, BibLaTeX type)
    "archival": ("misc", "misc"), "book": ("book", "book"), "article": ("article", "article"),
    "chapter": ("incollection", "incollection"), "newspaper": ("article", "article"),
    "letter": ("misc", "misc"), "interview": ("misc", "misc"), "web": ("misc", "online"),
    "other": ("misc", "misc"),
}
# Kinds that share a type with another kind carry it in `entrysubtype`, as biblatex-chicago does.
_SUBTYPE = {"archival": "archival", "newspaper": "newspaper", "letter": "letter",
            "interview": "interview"}


# namea/nameb/namec are valid in every entry type of the biblatex data model.
_NAME_SLOTS = {"namea": "recipient", "nameb": "interviewer", "namec": "contributor"}


def _sortkey(src: Source) -> str:
    nums = [re.sub(r"\d+", lambda m: m.group(0).zfill(5), v)
            for v in (src.fond, src.opis, src.delo) if v]
    return " ".join([src.archive_abbr or src.archive, *nums]).strip()


def _howpublished(src: Source, *, with_city: bool, with_call_number: bool = True) -> str:
    head = tex(archive_display(src)) if with_city else tex(src.archive_abbr or src.archive)
    parts = [head]
    if with_city and src.archive_place:
        parts.append(tex(src.archive_place))
    for label, value in (("f.", src.fond), ("op.", src.opis), ("d.", src.delo)):
        if value:
            parts.append(f"{label}~{tex(value)}")
    if with_call_number and src.call_number:
        parts.append(tex(src.call_number))
    if src.folio:
        label, value = folio_label(src.folio).split(" ", 1)
        parts.append(f"{label}~{tex(value)}")
    return ", ".join(p for p in parts if p)


def _field_text(name: str, value: str) -> str:
    if name == "month" and value.strip().lower() in MONTHS:
        return value.strip().lower()          # the macro, never braced: `month = jun`
    return "{" + value + "}"


def _format(btype: str, citekey: str, f: list[tuple[str, str]]) -> str:
    if not f:
        return f"@{btype}{{{citekey},\n}}\n"
    width = max(len(k) for k, _ in f)
    body = ",\n".join(f"  {k:<{width}} = {_field_text(k, v)}" for k, v in f)
    return f"@{btype}{{{citekey},\n{body},\n}}\n"


def entry(src: Source, *, biblatex: bool) -> str:
    """One entry, fields in a fixed order so the same source always gives the same bytes.

    A source read from a .bib file and not changed since is written back as it was read (its
    type, every field, as LaTeX), under its current citekey; otherwise the entry is made from
    the source's fields, and the fields researchnb has no place for follow, as read.
    """
    info = imported(src)
    if biblatex and info is not None and info.digest == digest(src):
        btype = info.entrytype or _TYPES[src.kind][1]
        return _format(btype, src.citekey or "", [(k, v) for k, v in info.fields.items()
                                                  if v != ""])
    btype = _TYPES[src.kind][1 if biblatex else 0]
    if src.kind == "chapter" and not any(c.role == "editor" for c in src.creators):
        btype = "inbook"
    f = _made_fields(src, btype, biblatex, info)
    if biblatex and info is not None and info.kind == src.kind and info.entrytype:
        btype = info.entrytype          # edited, but still what it was: @thesis stays @thesis
    if info is not None:
        f.extend(_kept_fields(info, f))
    return _format(btype, src.citekey or "", f)


def _kept_fields(info: ImportedEntry, made: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The fields of the imported entry that no column of the source holds (isbn, series,
    editortype, a user's own fields…), as they were read."""
    written = {canonical(k) for k, _ in made}
    if any(k in ("date", "year", "origdate") for k, _ in made):
        written |= {"date", "year", "month", "day"}
    out = []
    for name, value in info.fields.items():
        if name in info.used or canonical(name) in written or not value:
            continue
        out.append((name, value))
    return out


def _made_fields(src: Source, btype: str, biblatex: bool,
                 info: ImportedEntry | None) -> list[tuple[str, str]]:
    misc = btype in ("misc", "online")
    archival = misc and has_shelfmark(src)
    f: list[tuple[str, str]] = []

    def add(key: str, value: str) -> None:
        if value:
            f.append((key, value))

    add("author", names(src.creators, "author"))
    add("editor", names(src.creators, "editor"))
    if not misc:
        add("translator", names(src.creators, "translator"))
    for slot, role in _NAME_SLOTS.items():   # roles biblatex has no field of its own for
        who = names(src.creators, role)
        if who:
            add(slot, who)
            add(slot + "type", role)
    add("title", tex_title(src.title))
    if src.kind in _SUBTYPE:
        add("entrysubtype", _SUBTYPE[src.kind])
    if misc and btype != "online":
        add("type", tex(src.genre))
    _dates(src, f, biblatex, info)
    if src.kind in ("article", "newspaper"):
        add("journaltitle" if biblatex else "journal", tex(src.container_title))
    elif src.kind == "chapter":
        add("booktitle", tex(src.container_title))
    if not misc:
        add("volume", tex(src.volume))
        add("number", tex(src.issue))
        add("pages", tex(src.pages.replace("–", "--")))
        add("publisher", tex(src.publisher))
        if src.kind not in ("article", "newspaper"):
            add("location" if biblatex else "address", tex(src.place))
    elif archival:
        if biblatex:
            add("organization", tex(src.archive))
            library = (_howpublished(src, with_city=False, with_call_number=False)
                       if shelfmark_parts(src) else tex(src.archive_abbr))
            add("howpublished", _howpublished(src, with_city=False))
            add("library", library)
            add("location", tex(src.archive_place))
        else:
            add("howpublished", _howpublished(src, with_city=True))
    else:
        add("organization", tex(src.container_title if src.kind == "web" else src.publisher))
        add("location", tex(src.place) if biblatex else "")
        if not biblatex:
            add("address", tex(src.place))
        if info is not None:             # what the imported entry had, in its own fields
            if src.kind != "web":
                container = "journaltitle" if {"journaltitle", "journal"} & set(info.fields) \
                    else "booktitle"
                add(container if biblatex or container == "booktitle" else "journal",
                    tex(src.container_title))
            add("volume", tex(src.volume))
            add("number", tex(src.issue))
            add("pages", tex(src.pages.replace("–", "--")))
    if info is not None and (not misc or btype == "online"):
        add("type", tex(src.genre))
    if archival:
        note = src.fond_title if biblatex else "; ".join(
            x for x in (src.genre, src.fond_title) if x)
        add("note", tex(note))
        if biblatex:
            add("pagination", "none")
            if not any(c.role in ("author", "editor") for c in src.creators):
                add("sortkey", tex(_sortkey(src)))
    elif src.kind in ("archival", "letter", "interview"):
        add("note", tex(src.fond_title))      # a letter's collection, without a shelfmark
    if not biblatex and not any(c.role == "author" for c in src.creators):
        add("key", tex(src.archive_abbr or src.archive or src.title.split()[0]))
    lid = langid(src.language)
    if biblatex:
        add("langid", lid or "")
        if not lid:
            add("language", tex(src.language))
    else:
        add("language", lid or tex(src.language))
    add("url", verbatim(src.url, "URL"))
    add("doi", verbatim(src.doi, "DOI"))
    return f


def _dates(src: Source, f: list[tuple[str, str]], biblatex: bool,
           info: ImportedEntry | None) -> None:
    if not src.date:
        return
    as_year = re.fullmatch(r"\d{4}(-\d\d)?", src.date)
    if biblatex and not (info is not None and info.date_from == "year" and as_year):
        # biblatex reads EDTF level 1; unspecified months/days (-XX) it cannot sort, drop them.
        name = "origdate" if info is not None and info.date_from == "origdate" \
            else "date"
        f.append((name, re.sub(r"(-XX)+(?=$|[~?%/])", "", src.date)))
        return
    parts = date_parts(src.date)
    if parts is None:
        return
    f.append(("year", str(parts.start[0])))
    if len(parts.start) > 1 and 1 <= parts.start[1] <= 12 and (
            parts.end is None or parts.end[:2] == parts.start[:2]):
        f.append(("month", MONTHS[parts.start[1] - 1]))


def date_losses(src: Source) -> str:
    """What classic BibTeX cannot hold of the source's date ('' when nothing is lost)."""
    parts = date_parts(src.date) if src.date else None
    if parts is None:
        return f"the date {src.date!r} cannot be written as a BibTeX year" if src.date else ""
    lost = []
    if parts.circa:
        lost.append("that it is approximate or uncertain")
    if "X" in src.date.upper():
        lost.append("the unspecified digits")
    if len(parts.start) > 2:
        lost.append("the day")
    if parts.end is not None and parts.end[:2] != parts.start[:2]:
        lost.append("the end of the range")
    if not lost:
        return ""
    return f"the date {src.date} loses {' and '.join(lost)} in BibTeX (BibLaTeX keeps it)"


def export_warnings(sources: list[Source], *, biblatex: bool) -> list[str]:
    """What a BibTeX export cannot say of the sources, one line per source, for the user."""
    if biblatex:
        return []
    out = []
    for src in sources:
        lost = date_losses(src)
        if lost:
            out.append(f"{src.citekey}: {lost}.")
    return out


def write(sources: list[Source], *, biblatex: bool) -> str:
    """The whole file: entries separated by a blank line; sources must be sorted already."""
    out = [BIBLATEX_HEADER] if biblatex else []
    for src in sources:
        out.append(entry(src, biblatex=biblatex))
    return "\n".join(out)


def write_bibtex(sources: list[Source]) -> str:
    return write(sources, biblatex=False)


def write_biblatex(sources: list[Source]) -> str:
    return write(sources, biblatex=True)
