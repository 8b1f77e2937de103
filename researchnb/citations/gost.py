"""GOST R 7.0.5-2008 notes, written by hand where no CSL style can produce them.

The CSL `gost-r-7-0-5-2008` style drops an archival item's archive and shelfmark, and writes
`С.` for the pages of an English article; the forms here are the ones Russian journals print:
`ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12 об.`, and `Vol. 65, no. 4. P. 745–770` for an
item in a Latin-script language. A Russian archive is named by its Cyrillic abbreviation even
when it was typed in Latin (`TsGAMO` -> `ЦГАМО`); another country's archive keeps its name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..domain import Creator, Source
from .fields import date_parts
from .translit import cyrillic_abbreviation, has_cyrillic

if TYPE_CHECKING:
    from .styles import Locator

# An archive in Russia, named in English or in transliteration (`…arkhiv Moskovskoi oblasti`).
_RUSSIA = re.compile(r"\b(Russian?|Russia|Moscow|Petersburg|Leningrad|Soviet|USSR|RSFSR)\b|"
                     r"arkhiv|gosudarstvenn|oblast|Rossi[ia]|Moskv|Sovetsk", re.IGNORECASE)
_CYRILLIC_LANGS = ("ru", "uk", "be", "bg", "sr", "mk")


def is_russian_archive(src: Source) -> bool:
    text = " ".join((src.archive, src.archive_abbr, src.archive_place))
    return has_cyrillic(text) or bool(_RUSSIA.search(text)) or src.language == "ru"


def is_cyrillic_item(src: Source) -> bool:
    return src.language in _CYRILLIC_LANGS or has_cyrillic(src.title)


def _initials_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w.lower() not in ("и", "в", "при")]
    return "".join(w[0].upper() for w in words)


def archive_name(src: Source) -> str:
    """`ЦГАМО` for a Russian archive (its Cyrillic abbreviation, from the full Cyrillic name
    or from a Latin one); any other archive as it was typed."""
    if not is_russian_archive(src):
        return src.archive_abbr or src.archive
    if has_cyrillic(src.archive_abbr):
        return src.archive_abbr
    if has_cyrillic(src.archive):
        return _initials_of(src.archive) if src.archive_abbr or not src.archive else \
            src.archive
    return cyrillic_abbreviation(src.archive_abbr) or src.archive_abbr or src.archive


def join_sentences(parts: list[str]) -> str:
    """`A. B. C.`: one full stop between parts and at the end, never two (`гг.` stays)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out:
            out += " " if _ended(out) else ". "
        out += part
    return out if not out or _ended(out) else out + "."


def _ended(text: str) -> bool:
    """Whether text ends a sentence already: `гг.`, `?`, `.”`, `?»`."""
    return text.rstrip("”»\"')")[-1:] in (".", "?", "!") and text[-1] not in ")"


def _folios(loc: Locator | None, cyrillic: bool) -> str:
    if loc is None:
        return ""
    if not loc.folio:
        return f"{'С.' if cyrillic else 'P.'} {loc.render('')}"
    if loc.label in ("f", "ff", "fol", "fols"):
        return f"{'ff.' if loc.plural else 'f.'} {loc.render('v')}"
    return f"{'Л.' if cyrillic else 'L.'} {loc.render(' об.' if cyrillic else ' ob.')}"


def archival(src: Source, loc: Locator | None) -> str:
    russian = is_russian_archive(src)
    labels = ("Ф.", "Оп.", "Д.") if russian else ("F.", "Op.", "D.")
    return join_sentences([
        archive_name(src), src.fond and f"{labels[0]} {src.fond}",
        src.opis and f"{labels[1]} {src.opis}", src.delo and f"{labels[2]} {src.delo}",
        src.call_number, _folios(loc, russian)])


def _initials(given: str) -> str:
    return " ".join(p[0] + "." for p in re.split(r"[\s.]+", given) if p)


def _name(c: Creator) -> str:
    return c.literal or " ".join(x for x in (c.family, _initials(c.given)) if x)


def _year(edtf: str) -> str:
    parts = date_parts(edtf)
    return str(parts.start[0]) if parts else edtf


def published(src: Source, loc: Locator | None) -> str:
    cyrillic = is_cyrillic_item(src)
    first = next((c for c in src.creators if c.role == "author"), None)
    head = _name(first) if first and not first.literal else ""
    title = src.title
    if first and first.literal:   # a corporate author follows the title after a slash
        title = f"{title} / {first.literal}"
    pub = ", ".join(x for x in (": ".join(x for x in (src.place, src.publisher) if x),
                                _year(src.date)) if x)
    pages = _folios(loc, cyrillic) or (src.pages and
                                       f"{'С.' if cyrillic else 'P.'} {src.pages}")
    if src.kind in ("article", "newspaper"):
        if cyrillic:
            vol = join_sentences([src.volume and f"Т. {src.volume}",
                                  src.issue and f"№ {src.issue}"]).rstrip(".")
        else:
            vol = ", ".join(x for x in (src.volume and f"Vol. {src.volume}",
                                        src.issue and f"no. {src.issue}") if x)
        body = join_sentences([f"{title} // {src.container_title}", _year(src.date), vol,
                               pages])
    elif src.kind == "chapter":
        body = join_sentences([f"{title} // {src.container_title}", pub, pages])
    else:
        body = join_sentences([title, pub, pages])
    return f"{head} {body}" if head else body


def gost(src: Source, loc: Locator | None, *, archival_kind: bool) -> str:
    if archival_kind:
        return archival(src, loc)
    return published(src, loc)
