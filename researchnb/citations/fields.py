"""What every export format shares: archival shelfmarks, folios, dates and languages.

One place decides how `RGASPI, f. 17, op. 84, d. 343, l. 12` is written and read back, so the
writers and the readers of issue 3 agree on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain import Source

# ISO 639-1 code <-> babel/polyglossia name (biblatex `langid`). Codes are what we store.
LANGIDS = {
    "ru": "russian", "en": "english", "de": "german", "fr": "french", "uk": "ukrainian",
    "be": "belarusian", "pl": "polish", "cs": "czech", "it": "italian", "es": "spanish",
    "la": "latin", "lt": "lithuanian", "lv": "latvian", "et": "estonian", "fi": "finnish",
    "ka": "georgian", "hy": "armenian", "tr": "turkish", "sv": "swedish", "nl": "dutch",
}
_ALIASES = {"rus": "ru", "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr",
            "ukr": "uk", "pol": "pl", "русский": "ru", "английский": "en"}


def lang_code(value: str) -> str:
    """`russian`, `rus`, `ru-RU` -> `ru`; anything unknown is kept as it is."""
    v = value.strip()
    low = v.lower()
    for code, name in LANGIDS.items():
        if low == name:
            return code
    if low in _ALIASES:
        return _ALIASES[low]
    base = re.split(r"[-_]", low)[0]
    return base if base in LANGIDS else v


def langid(code: str) -> str:
    """biblatex langid for a stored language, or '' when babel has no name for it."""
    return LANGIDS.get(lang_code(code), "") if code else ""


def has_shelfmark(src: Source) -> bool:
    return any((src.archive, src.archive_abbr, src.fond, src.opis, src.delo, src.folio,
                src.archive_place, src.call_number))


def folio_label(folio: str, *, russian: bool = False) -> str:
    """`12` -> `l. 12`, `5-7` -> `ll. 5–7` (Cyrillic: `л.`/`лл.`)."""
    folio = folio.strip()
    plural = any(mark in folio for mark in "-–,")
    if russian:
        return f"{'лл.' if plural else 'л.'} {folio}"
    return f"{'ll.' if plural else 'l.'} {folio}"


def shelfmark_parts(src: Source) -> list[str]:
    """`f. 17`, `op. 84`, `d. 343`, `l. 12`: the parts present, in order."""
    parts = []
    for label, value in (("f.", src.fond), ("op.", src.opis), ("d.", src.delo)):
        if value:
            parts.append(f"{label} {value}")
    if src.folio:
        parts.append(folio_label(src.folio))
    return parts


def archive_location(src: Source) -> str:
    """`RGASPI, f. 17, op. 84, d. 343, l. 5–7`: the CSL `archive_location` / RIS `AN`."""
    parts = shelfmark_parts(src)
    if not parts:
        return src.archive_abbr if src.archive else ""
    return ", ".join(p for p in [src.archive_abbr, *parts] if p)


_PART_RE = re.compile(r"^(f|op|d|ll|l|ф|оп|д|лл|л)\.\s*(.+)$", re.IGNORECASE)
_FIELD_OF = {"f": "fond", "ф": "fond", "op": "opis", "оп": "opis", "d": "delo", "д": "delo",
             "l": "folio", "ll": "folio", "л": "folio", "лл": "folio"}


@dataclass
class Shelfmark:
    head: list[str]
    fond: str = ""
    opis: str = ""
    delo: str = ""
    folio: str = ""
    rest: list[str] = field(default_factory=list)   # unlabelled parts: a call number


def parse_shelfmark(text: str) -> Shelfmark:
    """Read `RGASPI, Moscow, f. 17, op. 84, d. 343, l. 12` back into its parts.

    What precedes the first `f.`/`op.`/`d.`/`l.` part stays in `head` (archive and city).
    """
    text = text.replace("\xa0", " ").replace("~", " ")
    pieces = [p.strip() for p in text.split(",")]
    mark = Shelfmark(head=[])
    seen = False
    for piece in pieces:
        found = _PART_RE.match(piece)
        if found:
            seen = True
            setattr(mark, _FIELD_OF[found.group(1).lower()], found.group(2).strip())
        elif not seen and piece:
            mark.head.append(piece)
        elif piece and mark.folio:
            mark.folio += ", " + piece
        elif piece:
            mark.rest.append(piece)
    return mark


def is_shelfmark(text: str) -> bool:
    return any(_PART_RE.match(p.strip().replace("~", " ").replace("\xa0", " "))
               for p in text.split(","))


def split_archive_name(text: str) -> tuple[str, str]:
    """`Russian State Archive (RGASPI)` -> (full name, abbreviation); one word -> abbr."""
    text = text.strip()
    found = re.match(r"^(.*\S)\s*\(([^()]+)\)$", text)
    if found:
        return found.group(1), found.group(2)
    if text and " " not in text:
        return "", text
    return text, ""


def archive_display(src: Source) -> str:
    """`Russian State Archive (RGASPI)`, or whichever of the two is known."""
    if src.archive and src.archive_abbr:
        return f"{src.archive} ({src.archive_abbr})"
    return src.archive or src.archive_abbr


# -- dates ------------------------------------------------------------------------------------

_SIDE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass
class DateParts:
    start: list[int]
    end: list[int] | None
    circa: bool


def date_parts(edtf: str) -> DateParts | None:
    """EDTF -> year/month/day lists for formats without EDTF (CSL `date-parts`, RIS, BibTeX).

    `1931~` and `1931?` set circa; `1930/1935` gives a range; `192X` becomes 1920–1929.
    """
    edtf = edtf.strip()
    if not edtf:
        return None
    circa = any(q in edtf for q in "~?%")
    plain = re.sub(r"[~?%]", "", edtf)
    if "X" in plain.upper():
        # Unspecified digits (192X, 1931-XX): the decade or year they span, without the EDTF
        # grammar, which is far too slow to run per entry on a large export.
        found = re.match(r"^(\d[\dX]{3})(?:-(\d\d))?(?:-(\d\d))?", plain.upper())
        if not found:
            return None
        year = found.group(1)
        low, high = int(year.replace("X", "0")), int(year.replace("X", "9"))
        if low != high:
            return DateParts([low], [high], circa)
        return DateParts([low] + [int(g) for g in found.groups()[1:] if g], None, circa)
    sides = plain.split("/")
    parsed: list[list[int] | None] = []
    for side in sides[:2]:
        found = _SIDE_RE.match(side)
        if found:
            parsed.append([int(g) for g in found.groups() if g])
        else:
            parsed.append(None)
    if not parsed or parsed[0] is None:
        if len(parsed) == 2 and parsed[1] is not None:
            return DateParts(parsed[1], None, circa)
        return None
    end = parsed[1] if len(parsed) == 2 else None
    return DateParts(parsed[0], end, circa)


def edtf_from_parts(start: list[int], end: list[int] | None = None, circa: bool = False) -> str:
    def one(parts: list[int]) -> str:
        text = f"{parts[0]:04d}"
        for p in parts[1:3]:
            text += f"-{p:02d}"
        return text
    text = one(start)
    if circa:
        text += "~"
    if end:
        text += "/" + one(end)
    return text
