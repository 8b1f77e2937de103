"""`format_citation`: one citation of one source, in any style, in one of three forms.

Which engine writes it:
- a hand-written style id (`russian`, `gost`, `chicago-note`, `chicago-bib`): styles.py;
- a GOST CSL style (`gost-r-7-0-5-2008…`) for an archival item: the hand-written GOST
  archival form, because the CSL style drops the archive and the shelfmark;
- anything else: citeproc-py with the CSL style; with a GOST style, an item in a
  Latin-script language gets its labels in English (`p. 45`, `Vol. 65, no. 4. P. 745–770`),
  as GOST R 7.0.5 writes a foreign item, because the CSL style has `с.`, `Т.`, `№` and `С.`
  written into it as fixed text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any

from ...domain import NotFound, Source
from .. import styles as house
from ..gost import is_cyrillic_item
from .catalog import HOUSE_STYLES
from .engine import FORMS, CslFormatter, Formatted


def _plain(text: str) -> Formatted:
    return Formatted(text, html.escape(text, quote=False))


def _lookup(nb_or_sources: Any, key: str, locator: str | None) -> tuple[Source, str | None]:
    """The source (and default locator) for a key, from a Notebook, a mapping of keys and
    citekeys to sources, a list of sources, or one source."""
    if isinstance(nb_or_sources, Source):
        return nb_or_sources, locator
    if hasattr(nb_or_sources, "citations"):
        found: tuple[Source, str | None] = nb_or_sources.citations.resolve(key, locator)
        return found
    pool: Iterable[Source] = (nb_or_sources.values() if isinstance(nb_or_sources, Mapping)
                              else nb_or_sources)
    for src in pool:
        if key in (src.key, src.citekey):
            return src, locator
    raise NotFound(f"There is no source with the key {key}.")


# The Russian words the GOST CSL styles write as fixed text, and a foreign item's English.
_GOST_LATIN = ((re.compile(r"\bТ\. ([^.<]+)\. № "), r"Vol. \1, no. "),
               (re.compile(r"\bТ\. "), "Vol. "), (re.compile(r"№ "), "no. "),
               (re.compile(r"\bС\. "), "P. "), (re.compile(r", с\. "), ", p. "),
               (re.compile(r" с\.(?=$|<)"), " p."), (re.compile(r"\bи др\."), "et al."),
               (re.compile(r"\bпод ред\."), "ed. by"))


def _gost_latin(made: Formatted) -> Formatted:
    def one(text: str) -> str:
        for pattern, replacement in _GOST_LATIN:
            text = pattern.sub(replacement, text)
        return text
    return Formatted(one(made.text), one(made.html))


def _uses_house_gost(style: str, src: Source) -> bool:
    return style.startswith("gost-r-7-0-5") and house.is_archival(src)


def format_sources(requests: list[tuple[Source, str | None]], style: str,
                   form: str = "note") -> list[Formatted]:
    """Many citations in one style (the style is loaded once)."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}")
    if style in HOUSE_STYLES:
        name = "chicago-bib" if style == "chicago-note" and form == "bibliography" else style
        return [_plain(house.format_citation(src, name, None if form == "bibliography"
                                             else loc)) for src, loc in requests]
    formatter = CslFormatter(style)
    out: list[Formatted | None] = [None] * len(requests)
    csl_wanted = [(i, r) for i, r in enumerate(requests) if not _uses_house_gost(style, r[0])]
    for i, (src, loc) in enumerate(requests):
        if _uses_house_gost(style, src):
            out[i] = _plain(house.format_citation(
                src, "gost", None if form == "bibliography" else loc))
    made = formatter.cite_many([r for _, r in csl_wanted], form) if csl_wanted else []
    gost = style.startswith("gost-r-7-0-5")
    for (i, (src, _)), result in zip(csl_wanted, made, strict=True):
        out[i] = _gost_latin(result) if gost and not is_cyrillic_item(src) else result
    return [r for r in out if r is not None]


def format_citation(nb_or_sources: Any, key: str, locator: str | None = None,
                    style: str = "chicago-notes-bibliography",
                    form: str = "note") -> Formatted:
    """One citation: `form` is "note" (a first reference, or the in-text citation of an
    author-date style), "short" (a later reference) or "bibliography" (an entry)."""
    src, locator = _lookup(nb_or_sources, key, locator)
    return format_sources([(src, locator)], style, form)[0]


def format_bibliography(sources: list[Source], style: str) -> list[Formatted]:
    """The bibliography entries of these sources, in the style's order."""
    if style in HOUSE_STYLES or not sources:
        return format_sources([(s, None) for s in sources], style, "bibliography")
    house_gost = [s for s in sources if _uses_house_gost(style, s)]
    rest = [s for s in sources if not _uses_house_gost(style, s)]
    gost = style.startswith("gost-r-7-0-5")
    entries = [_gost_latin(e) if gost and not is_cyrillic_item(src) else e
               for src, e in (CslFormatter(style).bibliography(rest) if rest else [])]
    return entries + [_plain(house.format_citation(s, "gost")) for s in house_gost]
