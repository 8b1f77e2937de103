"""Formatted citations for "copy citation": Chicago notes and bibliography entries, the
transliterated Russian archival form and the GOST R 7.0.5-2008 Cyrillic form.

Plain text, ready to paste into a manuscript. The locator is read as a folio (`l. 12 ob.`,
`л. 5–7`) or a page (`p. 45`, `с. 45`) and written in each style's own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain import Creator, InvalidInput, Source
from .fields import archive_display, date_parts, has_shelfmark
from .translit import transliterate

STYLES = ("chicago-note", "chicago-bib", "russian", "gost")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


@dataclass
class Locator:
    """Where in a source: folios (with versos, `12 ob.`) or pages, one or a range or a list.

    `parts` are the numbers in order, each with whether it is a verso; `seps` the
    separators between them (`–` for a range, `, ` for a list).
    """
    folio: bool
    parts: list[tuple[str, bool]]
    seps: list[str]

    @property
    def plural(self) -> bool:
        return len(self.parts) > 1

    def render(self, verso_mark: str) -> str:
        out = ""
        for i, (number, verso) in enumerate(self.parts):
            if i:
                out += self.seps[i - 1]
            out += number + (verso_mark if verso else "")
        return out


_VERSO = re.compile(r"^(.*?\d)\s*(?:ob|об|v)\.?$", re.IGNORECASE)
_SEPARATOR = re.compile(r"\s*(--|[-–—]|,)\s*")


def parse_locator(text: str, *, archival: bool) -> Locator | None:
    """`l. 12 ob.`, `ll. 12 ob.–13`, `ll. 5-7`, `л. 12 об.`, `p. 45`, `с. 45`, `12`."""
    text = " ".join(text.split())
    if not text:
        return None
    found = re.match(r"^(ll|l|лл|л|fols?|ff?|pp|p|сс|с|s)\.?\s*(.+)$", text, re.IGNORECASE)
    folio = archival
    if found:
        folio = found.group(1).lower() not in ("pp", "p", "сс", "с", "s")
        text = found.group(2)
    pieces = _SEPARATOR.split(text)
    parts: list[tuple[str, bool]] = []
    seps: list[str] = []
    for i, piece in enumerate(pieces):
        if i % 2:
            seps.append(", " if piece == "," else "–")
            continue
        verso = _VERSO.match(piece)
        parts.append((verso.group(1), True) if verso else (piece, False))
    return Locator(folio=folio, parts=parts, seps=seps)


def _loc_latin(loc: Locator | None) -> str:
    """Transliterated Russian convention: `l. 12`, `l. 12ob.`, `ll. 12ob.–13`."""
    if loc is None:
        return ""
    if not loc.folio:
        return loc.render("")
    return f"{'ll.' if loc.plural else 'l.'} {loc.render('ob.')}"


def _loc_gost(loc: Locator | None) -> str:
    """GOST R 7.0.5-2008: `Л. 12 об.`, `Л. 12 об.–13`, `С. 45`."""
    if loc is None:
        return ""
    if not loc.folio:
        return f"С. {loc.render('')}"
    return f"Л. {loc.render(' об.')}"


# -- names and dates ---------------------------------------------------------------------------

def _given_first(c: Creator) -> str:
    return c.literal or " ".join(x for x in (c.given, c.family) if x)


def _names(creators: list[Creator], *, invert_first: bool) -> str:
    people = [c for c in creators if c.role == "author"]
    if not people:
        return ""
    shown = [c.display if (i == 0 and invert_first) else _given_first(c)
             for i, c in enumerate(people)]
    if len(shown) == 1:
        return shown[0]
    last = ", and " if len(shown) > 2 or invert_first else " and "
    return ", ".join(shown[:-1]) + last + shown[-1]


def _editors(creators: list[Creator]) -> str:
    eds = [_given_first(c) for c in creators if c.role == "editor"]
    return " and ".join(eds)


def _initials(given: str) -> str:
    return " ".join(p[0] + "." for p in re.split(r"[\s.]+", given) if p)


def _gost_name(c: Creator) -> str:
    return c.literal or " ".join(x for x in (c.family, _initials(c.given)) if x)


def chicago_date(edtf: str) -> str:
    """`1931-03-14` -> `March 14, 1931`; `1931~` -> `ca. 1931`; `1930/1935` -> `1930–1935`."""
    if not edtf:
        return "n.d."
    if re.fullmatch(r"\d{3}X", edtf):
        return edtf[:3] + "0s"
    parts = date_parts(edtf)
    if parts is None:
        return edtf

    def one(p: list[int]) -> str:
        if len(p) == 3:
            return f"{MONTHS[p[1] - 1]} {p[2]}, {p[0]}"
        if len(p) == 2:
            return f"{MONTHS[p[1] - 1]} {p[0]}"
        return str(p[0])
    text = one(parts.start) + (f"–{one(parts.end)}" if parts.end else "")
    if "~" in edtf or "%" in edtf:
        text = "ca. " + text
    if "?" in edtf:
        text += "?"
    return text


def _year(edtf: str) -> str:
    parts = date_parts(edtf)
    if parts is None:
        return edtf
    return str(parts.start[0]) + (f"–{parts.end[0]}" if parts.end and
                                  parts.end[0] != parts.start[0] else "")


def _join(parts: list[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _sentence(text: str) -> str:
    """End with a full stop unless it already ends with one (or ? !)."""
    text = text.strip()
    return text if not text or text[-1] in ".?!" else text + "."


# -- styles ---------------------------------------------------------------------------------------

def _shelf(src: Source, loc: str) -> str:
    return _join([src.fond and f"f. {src.fond}", src.opis and f"op. {src.opis}",
                  src.delo and f"d. {src.delo}", loc])


def _to_recipients(src: Source, who: str) -> str:
    """`George Creel to Edward House`: Chicago names a letter's writer and addressee."""
    to = " and ".join(_given_first(c) for c in src.creators if c.role == "recipient")
    return f"{who} to {to}" if who and to else who


def chicago_note(src: Source, loc: Locator | None) -> str:
    who = _to_recipients(src, _names(src.creators, invert_first=False))
    where = _loc_latin(loc)
    if has_shelfmark(src) and src.kind in ("archival", "letter", "interview", "other"):
        return _join([who, f"“{src.title},”" if who or src.title else "",
                      chicago_date(src.date) if src.date else "", src.fond_title,
                      _shelf(src, where), archive_display(src), src.archive_place]) + "."
    pub = _join([src.place, src.publisher], ": ")
    year = _year(src.date)
    if src.kind == "book":
        facts = _join([pub, year])
        text = _join([who, src.title + (f" ({facts})" if facts else ""), where])
    elif src.kind in ("article",):
        vol = _join([src.volume, src.issue and f"no. {src.issue}"])
        text = _join([who, f"“{src.title},”"])
        text += f" {src.container_title} {vol}".rstrip() + (f" ({year})" if year else "")
        return text + (f": {where or src.pages}" if (where or src.pages) else "") + "."
    elif src.kind == "chapter":
        eds = _editors(src.creators)
        facts = _join([pub, year])
        text = _join([who, f"“{src.title},” in {src.container_title}"
                      + (f", ed. {eds}" if eds else "") + (f" ({facts})" if facts else ""),
                      where])
    else:
        text = _join([who, f"“{src.title},”" if src.kind != "other" else src.title,
                      src.container_title, chicago_date(src.date) if src.date else "",
                      where, src.url])
        text = text.replace(",”,", ",”")
    return text.replace(",”,", ",”") + "."


def chicago_bib(src: Source) -> str:
    who = _to_recipients(src, _names(src.creators, invert_first=True))
    if has_shelfmark(src) and src.kind in ("archival", "letter", "interview", "other"):
        return _join([_sentence(who), f"“{src.title}.”", _sentence(chicago_date(src.date))
                      if src.date else "", _sentence(_join([src.fond_title, _shelf(src, "")])),
                      _sentence(_join([archive_display(src), src.archive_place]))], " ")
    pub = _join([src.place, src.publisher], ": ")
    year = _year(src.date)
    if src.kind == "book":
        return _join([who and who + ".", src.title + ".", _join([pub, year]) + "."], " ")
    if src.kind == "article":
        vol = _join([src.volume, src.issue and f"no. {src.issue}"])
        tail = f"{src.container_title} {vol}".rstrip() + (f" ({year})" if year else "")
        return _join([who and who + ".", f"“{src.title}.”",
                      tail + (f": {src.pages}" if src.pages else "") + "."], " ")
    if src.kind == "chapter":
        eds = _editors(src.creators)
        return _join([who and who + ".", f"“{src.title}.” In {src.container_title}"
                      + (f", edited by {eds}" if eds else "")
                      + (f", {src.pages}" if src.pages else "") + ".",
                      _join([pub, year]) + "."], " ")
    return _join([who and who + ".", f"“{src.title}.”", src.container_title and
                  src.container_title + ".", src.date and chicago_date(src.date) + ".",
                  src.url and src.url + "."], " ")


def russian(src: Source, loc: Locator | None) -> str:
    """`TsGAMO, f. 415, op. 16, d. 312, l. 12ob.`: the form of Russian-history footnotes."""
    where = _loc_latin(loc)
    if has_shelfmark(src) and (src.fond or src.delo):
        head = transliterate(src.archive_abbr or src.archive)
        return _join([head, _shelf(src, where)])
    return transliterate(chicago_note(src, loc))


def gost(src: Source, loc: Locator | None) -> str:
    """`ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12.` and GOST notes for published items."""
    where = _loc_gost(loc)
    if has_shelfmark(src) and (src.fond or src.delo):
        parts = [src.archive_abbr or src.archive, src.fond and f"Ф. {src.fond}",
                 src.opis and f"Оп. {src.opis}", src.delo and f"Д. {src.delo}", where]
        return ". ".join(p.rstrip(".") for p in parts if p) + "."
    first = next((c for c in src.creators if c.role == "author"), None)
    head = _gost_name(first) if first and not first.literal else ""
    if first and first.literal:   # a corporate author follows the title after a slash
        src = Source(**{**src.__dict__, "title": f"{src.title} / {first.literal}"})
    pub = _join([src.place, src.publisher], ": ")
    year = _year(src.date)
    if src.kind in ("article", "newspaper"):
        body = _join([f"{src.title} // {src.container_title}", year,
                      src.issue and f"№ {src.issue}", where or (src.pages and
                                                             f"С. {src.pages}")], ". ")
    elif src.kind == "chapter":
        body = _join([f"{src.title} // {src.container_title}", _join([pub, year]),
                      where or (src.pages and f"С. {src.pages}")], ". ")
    else:
        body = _join([src.title, _join([pub, year]), where], ". ")
    return _join([head, body], " ").rstrip(".") + "."


def format_citation(src: Source, style: str, locator: str | None = None) -> str:
    if style not in STYLES:
        raise InvalidInput(f"'{style}' is not a citation style; use one of {', '.join(STYLES)}.")
    loc = parse_locator(locator or "", archival=has_shelfmark(src))
    if style == "chicago-note":
        return chicago_note(src, loc).replace(",”,", ",”")
    if style == "chicago-bib":
        return chicago_bib(src)
    if style == "russian":
        return russian(src, loc)
    return gost(src, loc)
