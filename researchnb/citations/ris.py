"""RIS writer (EndNote, Zotero, Citavi): tagged lines, one record per source.

Written the way Zotero's RIS translator reads it back (facts from its tag table):
`TY` per item type (`MANSCPT` manuscript, `PCOMM` letter, `THES` thesis); `AU` authors, `ED`
editors (Zotero reads `ED` as editor for every type, while `A2` on a `BOOK` is a series
editor); `A2` only where Zotero maps it to our role (a letter's recipient, the editors of
the book a chapter is in); `A3` a thesis's contributors; `A4` translators. A role Zotero has
no tag for on that type goes to `N1` in words (`Recipient: …`) rather than into a wrong
role. Interviews: Zotero itself writes them as `PCOMM` and reads that back as a letter, so
the interviewer is kept in `N1` (as a letter's `A2` it would become a recipient) and `M3`
says "Interview". `DA` holds the full date (`1922/06/14/`), `PY` the year. Archival
location: `DB` archive, `AN` shelfmark with folio, `CN` call number, `CY` archive city.
"""

from __future__ import annotations

import re

from ..domain import Source
from .fields import archive_display, archive_location, date_parts

RIS_TYPES = {
    "archival": "MANSCPT", "book": "BOOK", "article": "JOUR", "chapter": "CHAP",
    "newspaper": "NEWS", "letter": "PCOMM", "interview": "PCOMM", "web": "ELEC",
    "other": "GEN", "thesis": "THES", "report": "RPRT",
}
_THESIS = re.compile(r"thesis|dissertation|диссертац", re.IGNORECASE)
_NOTE_LABELS = {"recipient": "Recipient", "interviewer": "Interviewer",
                "contributor": "Contributor", "editor": "Editor"}


def ris_type(src: Source) -> str:
    """The `TY` of a source: its kind's, or `THES` for a thesis however it was imported."""
    info = src.extra.get("bibtex") if isinstance(src.extra, dict) else None
    entrytype = str(info.get("entrytype", "")).lower() if isinstance(info, dict) else ""
    if entrytype in ("thesis", "phdthesis", "mastersthesis") or (
            src.kind in ("other", "archival") and _THESIS.search(src.genre or "")):
        return "THES"
    return RIS_TYPES.get(src.kind, "GEN")


def creator_tag(ty: str, role: str) -> str:
    """The tag Zotero reads as this role for this `TY`, or "" (then the name goes to N1)."""
    if role == "author":
        return "AU"
    if role == "translator":
        return "A4"
    if role == "editor":
        return "A2" if ty == "CHAP" else "ED"
    if role == "recipient" and ty == "PCOMM":
        return "A2"
    if role == "contributor" and ty == "THES":
        return "A3"
    return ""


def ris_date(edtf: str) -> str:
    """`1922-06-14` -> `1922/06/14/`, `1922-06` -> `1922/06//`, `1922` -> `1922///`."""
    parts = date_parts(edtf)
    if parts is None:
        return ""
    ymd = [f"{parts.start[0]:04d}"] + [f"{p:02d}" for p in parts.start[1:3]]
    ymd += [""] * (3 - len(ymd))
    return "/".join(ymd) + "/"


def record(src: Source) -> list[tuple[str, str]]:
    ty = ris_type(src)
    lines: list[tuple[str, str]] = [("TY", ty), ("ID", src.citekey or "")]
    notes: list[str] = []
    for c in src.creators:
        tag = creator_tag(ty, c.role)
        if tag:
            lines.append((tag, c.display))
        else:
            notes.append(f"{_NOTE_LABELS.get(c.role, c.role.title())}: {c.display}")
    lines.append(("TI", src.title))
    parts = date_parts(src.date)
    if parts is not None:
        lines.append(("PY", f"{parts.start[0]:04d}"))
        lines.append(("DA", ris_date(src.date)))
    archive = src.kind in ("archival", "letter", "interview", "other")
    place = src.archive_place if archive and src.archive_place else src.place
    genre = src.genre or ("Interview" if src.kind == "interview" else "")
    for tag, value in (
            ("T2", src.container_title), ("VL", src.volume), ("IS", src.issue),
            ("PB", src.publisher), ("CY", place), ("DB", archive_display(src)),
            ("AN", archive_location(src)), ("N1", src.fond_title), ("M3", genre),
            ("CN", src.call_number), ("LA", src.language), ("UR", src.url), ("DO", src.doi)):
        if value:
            lines.append((tag, value))
    lines += [("N1", note) for note in notes]
    if src.pages:
        first, _, last = src.pages.replace("–", "-").replace("--", "-").partition("-")
        lines.append(("SP", first.strip()))
        if last.strip():
            lines.append(("EP", last.strip()))
    lines.append(("ER", ""))
    return lines


def write_ris(sources: list[Source]) -> str:
    out = []
    for src in sources:
        for tag, value in record(src):
            value = " ".join(value.split())
            out.append(f"{tag}  - {value}")
        out.append("")
    return "\n".join(out)
