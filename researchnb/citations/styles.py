"""Hand-written citation forms: the transliterated Russian archival form, GOST (gost.py),
and the original Chicago note and bibliography forms (`chicago-note`, `chicago-bib`).

Every other style is a CSL style (citations/csl/). These remain because no CSL style writes
`TsGAMO, f. 415, op. 16, d. 312, l. 12ob.` or `ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12 об.`.
Plain text, ready to paste. The locator is read as a folio (`l. 12 ob.`, `л. 5–7`,
`f. 3`) or a page (`p. 45`, `с. 45`) and written in each style's own way; a citation
without a locator shows the source's own folio.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain import Creator, InvalidInput, Source
from .fields import archive_display, date_parts, has_shelfmark
from .gost import gost as gost_form
from .gost import join_sentences
from .translit import transliterate

STYLES = ("chicago-note", "chicago-bib", "russian", "gost")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
ARCHIVAL_KINDS = ("archival", "letter", "interview", "other")


@dataclass
class Locator:
    """Where in a source: folios (with versos, `12 ob.`) or pages, one or a range or a list.

    `parts` are the numbers in order, each with whether it is a verso; `seps` the
    separators between them (`–` for a range, `, ` for a list); `label` the label as typed,
    lower case without its dot (`l`, `ll`, `f`, `fol`, `p`, `с`…), "" when none was typed.
    """
    folio: bool
    parts: list[tuple[str, bool]]
    seps: list[str]
    label: str = ""

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
_LABEL = re.compile(r"^(ll|l|лл|л|fols?|ff?|pp|p|сс|с|s)\.?\s*(.+)$", re.IGNORECASE)
_PAGE_LABELS = ("pp", "p", "сс", "с", "s")


def parse_locator(text: str, *, archival: bool) -> Locator | None:
    """`l. 12 ob.`, `ll. 12 ob.–13`, `ll. 5-7`, `л. 12 об.`, `f. 3`, `p. 45`, `с. 45`, `12`."""
    text = " ".join(text.split())
    if not text:
        return None
    found = _LABEL.match(text)
    folio = archival
    label = ""
    if found:
        label = found.group(1).lower()
        folio = label not in _PAGE_LABELS
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
    return Locator(folio=folio, parts=parts, seps=seps, label=label)


def latin_locator(loc: Locator | None, verso_mark: str = "ob.") -> str:
    """Transliterated Russian convention: `l. 12`, `l. 12ob.`, `ll. 12ob.–13`; a folio typed
    with `f.`/`fol.` keeps that label (`f. 3`); pages are bare numbers."""
    if loc is None:
        return ""
    if not loc.folio:
        return loc.render("")
    if loc.label in ("f", "ff", "fol", "fols"):
        short = {"f": "f.", "ff": "ff.", "fol": "fol.", "fols": "fols."}[loc.label]
        if loc.plural and short in ("f.", "fol."):
            short = "ff." if short == "f." else "fols."
        return f"{short} {loc.render('v')}"
    return f"{'ll.' if loc.plural else 'l.'} {loc.render(verso_mark)}"


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
    return " and ".join(_given_first(c) for c in creators if c.role == "editor")


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


def _quoted(title: str, punct: str) -> str:
    """`“Title,”`, but `“Что делать?”` (a title's own ? or ! or . ends it)."""
    title = title.strip()
    return f"“{title}”" if title[-1:] in ".?!" else f"“{title}{punct}”"


# -- styles ---------------------------------------------------------------------------------------

def _shelf(src: Source, loc: str) -> str:
    return _join([src.fond and f"f. {src.fond}", src.opis and f"op. {src.opis}",
                  src.delo and f"d. {src.delo}", src.call_number, loc])


def _to_recipients(src: Source, who: str) -> str:
    """`George Creel to Edward House`: Chicago names a letter's writer and addressee."""
    to = " and ".join(_given_first(c) for c in src.creators if c.role == "recipient")
    return f"{who} to {to}" if who and to else who


def is_archival(src: Source) -> bool:
    return (has_shelfmark(src) or bool(src.call_number)) and src.kind in ARCHIVAL_KINDS


def chicago_note(src: Source, loc: Locator | None) -> str:
    who = _to_recipients(src, _names(src.creators, invert_first=False))
    where = latin_locator(loc)
    if is_archival(src):
        return _join([who, _quoted(src.title, ",") if src.title else "",
                      chicago_date(src.date) if src.date else "", src.fond_title,
                      _shelf(src, where), archive_display(src), src.archive_place]
                     ).replace("”,", "”") + "."
    pub = _join([src.place, src.publisher], ": ")
    year = _year(src.date)
    if src.kind == "book":
        facts = _join([pub, year])
        text = _join([who, src.title + (f" ({facts})" if facts else ""), where])
    elif src.kind == "article":
        vol = _join([src.volume, src.issue and f"no. {src.issue}"])
        text = _join([who, _quoted(src.title, ",")]).replace("”,", "”")
        text += f" {src.container_title} {vol}".rstrip() + (f" ({year})" if year else "")
        return text + (f": {where or src.pages}" if (where or src.pages) else "") + "."
    elif src.kind == "chapter":
        eds = _editors(src.creators)
        facts = _join([pub, year])
        text = _join([who, f"{_quoted(src.title, ',')} in {src.container_title}"
                      + (f", ed. {eds}" if eds else "") + (f" ({facts})" if facts else ""),
                      where])
    else:
        text = _join([who, _quoted(src.title, ",") if src.kind != "other" else src.title,
                      src.container_title, chicago_date(src.date) if src.date else "",
                      where, src.url])
    return text.replace("”,", "”").rstrip(".") + "."


def chicago_bib(src: Source) -> str:
    who = _to_recipients(src, _names(src.creators, invert_first=True))
    if is_archival(src):
        return join_sentences([who, _quoted(src.title, "."),
                               chicago_date(src.date) if src.date else "",
                               _join([src.fond_title, _shelf(src, "")]),
                               _join([archive_display(src), src.archive_place])])
    pub = _join([src.place, src.publisher], ": ")
    year = _year(src.date)
    if src.kind == "book":
        return join_sentences([who, src.title, _join([pub, year])])
    if src.kind == "article":
        vol = _join([src.volume, src.issue and f"no. {src.issue}"])
        tail = f"{src.container_title} {vol}".rstrip() + (f" ({year})" if year else "")
        return join_sentences([who, _quoted(src.title, "."),
                               tail + (f": {src.pages}" if src.pages else "")])
    if src.kind == "chapter":
        eds = _editors(src.creators)
        return join_sentences([who, f"{_quoted(src.title, '.')} In {src.container_title}"
                               + (f", edited by {eds}" if eds else "")
                               + (f", {src.pages}" if src.pages else ""),
                               _join([pub, year])])
    return join_sentences([who, _quoted(src.title, "."), src.container_title,
                           src.date and chicago_date(src.date), src.url])


def russian(src: Source, loc: Locator | None) -> str:
    """`TsGAMO, f. 415, op. 16, d. 312, l. 12ob.`: the form of Russian-history footnotes,
    transliterated by ALA-LC (ʹ and ʺ for ь and ъ), shelfmarks like `R-415` included."""
    if is_archival(src) and (src.fond or src.delo or src.call_number):
        head = src.archive_abbr or src.archive
        return transliterate(_join([head, _shelf(src, latin_locator(loc))]), primes=True)
    return transliterate(chicago_note(src, loc), primes=True)


def format_citation(src: Source, style: str, locator: str | None = None) -> str:
    """A hand-written style's citation; with no locator, the source's own folio."""
    if style not in STYLES:
        raise InvalidInput(f"'{style}' is not a citation style; use one of {', '.join(STYLES)}.")
    archival = is_archival(src)
    if not locator and src.folio and archival and style != "chicago-bib":
        locator = src.folio if _LABEL.match(src.folio) else f"l. {src.folio}"
    loc = parse_locator(locator or "", archival=archival)
    if style == "chicago-note":
        return chicago_note(src, loc)
    if style == "chicago-bib":
        return chicago_bib(src)
    if style == "russian":
        return russian(src, loc)
    return gost_form(src, loc, archival_kind=archival)
