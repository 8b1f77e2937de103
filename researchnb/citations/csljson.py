"""CSL-JSON writer: what Zotero, Pandoc and citeproc read, archival fields included.

The EDTF date goes into `issued` as date-parts (with `circa`), and, exactly as typed, into
`custom.edtf` so our own reader gets `1931~` back rather than `1931`.
"""

from __future__ import annotations

import json
from typing import Any

from ..domain import Source
from .fields import archive_location, date_parts

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
        people = []
        for c in src.creators:
            if c.role != role:
                continue
            if c.literal:
                people.append({"literal": c.literal})
            else:
                people.append({k: v for k, v in (("family", c.family), ("given", c.given)) if v})
        if people:
            data[var] = people
    data["title"] = src.title
    parts = date_parts(src.date)
    if parts is not None:
        issued: dict[str, Any] = {"date-parts": [parts.start] + ([parts.end] if parts.end
                                                                   else [])}
        if parts.circa:
            issued["circa"] = True
        data["issued"] = issued
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
    return data


def write_csljson(sources: list[Source]) -> str:
    """A JSON array, one item per line: diffable, and written by json's fast C encoder
    (which `indent=` would switch off)."""
    if not sources:
        return "[]\n"
    lines = ",\n".join(json.dumps(item(s), ensure_ascii=False) for s in sources)
    return "[\n" + lines + "\n]\n"
