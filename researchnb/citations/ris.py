"""RIS writer (EndNote, Zotero, Citavi): tagged lines, one record per source.

Archival items are MANSCPT with the archive in `DB` and the shelfmark, folio included, in `AN`,
the mapping Zotero reads back into "Archive" and "Loc. in Archive".
"""

from __future__ import annotations

from ..domain import Source
from .fields import archive_display, archive_location, date_parts

RIS_TYPES = {
    "archival": "MANSCPT", "book": "BOOK", "article": "JOUR", "chapter": "CHAP",
    "newspaper": "NEWS", "letter": "PCOMM", "interview": "GEN", "web": "ELEC", "other": "GEN",
}
ROLE_TAGS = {"author": "AU", "editor": "A2", "translator": "A4", "recipient": "A3",
             "interviewer": "A3", "contributor": "A3"}


def record(src: Source) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = [("TY", RIS_TYPES[src.kind]), ("ID", src.citekey or "")]
    for c in src.creators:
        lines.append((ROLE_TAGS[c.role], c.display))
    lines.append(("TI", src.title))
    parts = date_parts(src.date)
    if parts is not None:
        lines.append(("PY", f"{parts.start[0]:04d}"))
        ymd = parts.start + [0] * (3 - len(parts.start))
        lines.append(("DA", "/".join(f"{p:02d}" if p else "" for p in ymd)
                      .replace("/00", "/") + "/"))
    archive = src.kind in ("archival", "letter", "interview", "other")
    place = src.archive_place if archive and src.archive_place else src.place
    for tag, value in (
            ("T2", src.container_title), ("VL", src.volume), ("IS", src.issue),
            ("PB", src.publisher), ("CY", place), ("DB", archive_display(src)),
            ("AN", archive_location(src)), ("N1", src.fond_title), ("M3", src.genre),
            ("CN", src.call_number), ("LA", src.language), ("UR", src.url), ("DO", src.doi)):
        if value:
            lines.append((tag, value))
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
