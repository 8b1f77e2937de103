"""CSL-JSON writer: what Zotero, Pandoc and citeproc read, archival fields included.

The EDTF date goes into `issued` as date-parts (with `circa`), and, exactly as typed, into
`custom.edtf` so our own reader gets `1931~` back rather than `1931`.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain import Creator, Source
from .datamodel import imported, readable_texts, typed_fields
from .fields import DateParts, archive_location, date_parts

CSL_TYPES = {
    "archival": "manuscript", "book": "book", "article": "article-journal",
    "chapter": "chapter", "newspaper": "article-newspaper", "letter": "personal_communication",
    "interview": "interview", "web": "webpage", "other": "document",
}
ROLE_VARIABLES = {"author": "author", "editor": "editor", "translator": "translator",
                  "recipient": "recipient", "interviewer": "interviewer",
                  "contributor": "contributor"}


def item(src: Source) -> dict[str, Any]:
    data: dict[str, Any] = {"id": src.citekey, "citation-key": src.citekey,
                            "type": CSL_TYPES[src.kind]}
    for role, var in ROLE_VARIABLES.items():
        people = [_person(c) for c in src.creators if c.role == role]
        if people:
            data[var] = people
    data["title"] = src.title
    parts = date_parts(src.date)
    if parts is not None:
        data["issued"] = _csl_date(parts)
    loc = archive_location(src)
    for var, value in (
            ("genre", src.genre), ("container-title", src.container_title),
            ("volume", src.volume), ("issue", src.issue), ("page", src.pages),
            ("publisher", src.publisher), ("publisher-place", src.place),
            ("archive", src.archive or src.archive_abbr), ("archive_location", loc),
            ("archive_collection", src.fond_title), ("archive-place", src.archive_place),
            ("call-number", src.call_number), ("language", src.language),
            ("URL", src.url), ("DOI", src.doi)):
        if value:
            data[var] = value
    if src.date:
        data["custom"] = {"edtf": src.date}
    _from_bibtex(src, data)
    _from_csl(src, data)
    return data


# BibLaTeX fields with a CSL variable of their own (the rest go to `note`, `Key: value`).
_BIB_TO_CSL = {
    "isbn": "ISBN", "issn": "ISSN", "series": "collection-title", "edition": "edition",
    "shorttitle": "title-short", "abstract": "abstract", "pagetotal": "number-of-pages",
    "volumes": "number-of-volumes", "origpublisher": "original-publisher",
    "origlocation": "original-publisher-place", "origtitle": "original-title",
    "eventtitle": "event-title", "venue": "event-place", "version": "version",
    "chapter": "chapter-number", "shortjournal": "container-title-short",
    "maintitle": "volume-title", "annotation": "annote", "annote": "annote",
}
_BIB_DATES = {"urldate": "accessed", "origdate": "original-date", "eventdate": "event-date"}
_BIB_NAMES = {"bookauthor": "container-author", "editora": "editor", "commentator": "editor",
              "introduction": "contributor", "foreword": "contributor",
              "afterword": "contributor", "annotator": "contributor", "holder": "author"}
# Fields that only steer biblatex (sorting, options, our own archival aids): not content.
_TECHNICAL = frozenset({"entrysubtype", "pagination", "bookpagination", "sortkey", "presort",
                        "sorttitle", "sortname", "sortyear", "indextitle", "indexsorttitle",
                        "options", "execute", "langidopts", "crossref", "xref", "ids",
                        "entryset", "related", "relatedtype", "relatedoptions", "key"})


def _from_bibtex(src: Source, data: dict[str, Any]) -> None:
    """What a BibLaTeX entry had beyond our columns: CSL variables where CSL has them, the
    other fields as `Key: value` lines in `note` (Zotero reads these into its items)."""
    info = imported(src)
    if info is None:
        return
    lines: list[str] = []
    for name, value in typed_fields(info, readable_texts(src), info.used).items():
        if not value:
            continue
        if isinstance(value, list) and value and isinstance(value[0], Creator):
            if name in _BIB_NAMES:
                data.setdefault(_BIB_NAMES[name], []).extend(
                    _person(c) for c in value if isinstance(c, Creator))
                continue
            value = "; ".join(c.display for c in value if isinstance(c, Creator))
        text = (", ".join(str(v) for v in value) if isinstance(value, list)
                else "–".join(v for v in value if v) if isinstance(value, tuple) else value)
        if name in _BIB_TO_CSL and _BIB_TO_CSL[name] not in data:
            data[_BIB_TO_CSL[name]] = text
        elif name in _BIB_DATES and (parts := date_parts(text)) is not None:
            data[_BIB_DATES[name]] = _csl_date(parts)
        elif name == "number" and "number" not in data:
            data["collection-number" if src.kind == "book" else "number"] = text
        elif name == "keywords":
            data["keyword"] = text
        elif name == "note":
            lines.insert(0, text)
        elif name not in _TECHNICAL:
            lines.append(f"{name}: {text}")
    if lines:
        data["note"] = "\n".join(x for x in [data.get("note", ""), *lines] if x)


def _from_csl(src: Source, data: dict[str, Any]) -> None:
    """The variables of an imported CSL item that no column holds, as they were read."""
    kept = src.extra.get("csl") if isinstance(src.extra, dict) else None
    if not isinstance(kept, dict):
        return
    for var, value in kept.items():
        if var != "id" and var not in data:
            data[var] = value


def _person(c: Creator) -> dict[str, str]:
    if c.literal:
        return {"literal": c.literal}
    return {k: v for k, v in (("family", c.family), ("given", c.given)) if v}


def _csl_date(parts: DateParts) -> dict[str, Any]:
    out: dict[str, Any] = {"date-parts": [parts.start] + ([parts.end] if parts.end else [])}
    if parts.circa:
        out["circa"] = True
    return out


def write_csljson(sources: list[Source]) -> str:
    """A JSON array, one item per line: diffable, and written by json's fast C encoder
    (which `indent=` would switch off)."""
    if not sources:
        return "[]\n"
    lines = ",\n".join(json.dumps(item(s), ensure_ascii=False) for s in sources)
    return "[\n" + lines + "\n]\n"
