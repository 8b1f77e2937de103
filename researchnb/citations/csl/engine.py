"""Formatting with citeproc-py: one `CslFormatter` per style, reused for many citations.

`cite()` gives a note (first reference), its short form (a later reference) or a
bibliography entry, each as plain text and as HTML (italics kept). The few repairs of
citeproc-py's output are here, each named: an authorless item's title printed twice where
the title stands in for the author; American punctuation inside quotation marks
(`“Ascribing Class,”`) for en-US styles.
"""

from __future__ import annotations

import html
import re
import warnings
from dataclasses import dataclass
from typing import Any

from ...domain import Source
from ..styles import is_archival
from .catalog import style_info, style_path
from .compat import load_style
from .items import citeproc_item, folio_text, locator_of

FORMS = ("note", "short", "bibliography")
CHUNK = 50      # citations per processor run
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Formatted:
    text: str
    html: str


def _american_quotes(text: str) -> str:
    return re.sub(r"”([,.])", r"\1”", text)


def _drop_repeated_title(text: str, title: str) -> str:
    """`“T.” “T.” 1934.` -> `“T.” 1934.`: citeproc-py misses CSL's rule that a variable
    standing in for the author is not printed again."""
    if not title.strip():
        return text
    pattern = re.compile(r"(?:<i>)?[“\"]?" + re.escape(title.strip()) +
                         r"[.,]?[”\"]?(?:</i>)?[.,]?\s*", re.IGNORECASE)
    found = list(pattern.finditer(text))
    if len(found) < 2:
        return text
    return text[:found[1].start()] + text[found[1].end():]


class CslFormatter:
    """A CSL style loaded once, to format any number of citations."""

    def __init__(self, style_id: str) -> None:
        self.style_id = style_id
        self.info = style_info(style_id)
        self._style = load_style(style_path(style_id))
        self.is_note_style = self.info.kind == "note"
        locale = self._style.root.get("default-locale") or "en-US"
        self._american = locale.startswith("en-US")

    def bibliography(self, sources: list[Source]) -> list[tuple[Source, Formatted]]:
        """The bibliography of these sources, in the style's order: (source, entry)."""
        form = "bibliography" if self._style.has_bibliography() else "note"
        return self._run([(s, None) for s in sources], form, sort=True)

    def cite(self, src: Source, locator: str | None = None, form: str = "note") -> Formatted:
        return self.cite_many([(src, locator)], form)[0]

    def cite_many(self, requests: list[tuple[Source, str | None]],
                  form: str = "note") -> list[Formatted]:
        """Each (source, locator) as its own citation, in order."""
        return [made for _src, made in self._run(requests, form)]

    def _run(self, requests: list[tuple[Source, str | None]], form: str,
             sort: bool = False) -> list[tuple[Source, Formatted]]:
        from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
        from citeproc.source import Locator
        from citeproc.source.json import CiteProcJSON
        if form == "bibliography" and not self._style.has_bibliography():
            form = "note"
        items: list[dict[str, Any]] = []
        cites: list[tuple[str, Locator | None]] = []
        for n, (src, locator) in enumerate(requests):
            ident = f"i{n}"
            in_location, pair = "", locator_of(src, locator)
            if is_archival(src):
                pair = None
                if form == "bibliography":
                    in_location = folio_text(src, None)
                elif self.is_note_style:
                    in_location = folio_text(src, locator)
                    if form == "short" and in_location:   # a short note omits the shelfmark
                        pair = ("folio", in_location.split(" ", 1)[-1])
                elif folio_text(src, locator):
                    pair = ("folio", folio_text(src, locator).split(" ", 1)[-1])
            items.append(citeproc_item(src, ident, folio_in_location=in_location))
            cites.append((ident, Locator(*pair) if pair else None))
        # One HTML run; the plain text is the HTML without its tags (half the work of a
        # second run). Unrelated citations go through the processor in chunks, as its
        # cost grows with the citations already registered.
        rendered: list[tuple[str, str]] = []
        sort = sort and form == "bibliography"
        chunk = max(len(cites), 1) if sort else CHUNK
        for start in range(0, len(cites), chunk):
            part = cites[start:start + chunk]
            wanted = {ident for ident, _ in part}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                bib = CitationStylesBibliography(
                    self._style, CiteProcJSON([it for it in items if it["id"] in wanted]),
                    formatter.html)
                rendered += self._render(bib, part, form, sort, Citation, CitationItem)
        by_ident = {f"i{n}": src for n, (src, _) in enumerate(requests)}
        return [(by_ident[ident], self._finish(by_ident[ident], rich))
                for ident, rich in rendered]

    def _render(self, bib: Any, cites: list[tuple[str, Any]], form: str, sort: bool,
                citation: Any, citation_item: Any) -> list[tuple[str, str]]:
        """(item id, text) of each citation, in order (a sorted bibliography: its order)."""
        made = []
        for ident, loc in cites:
            kwargs = {"locator": loc} if loc is not None and form != "bibliography" else {}
            first = citation([citation_item(ident, **kwargs)])
            bib.register(first)
            again = None
            if form == "short":
                again = citation([citation_item(ident, **kwargs)])
                bib.register(again)
            made.append((ident, first, again))
        if form == "bibliography":
            if sort:
                bib.sort()
            return list(zip(bib.keys, (str(e) for e in bib.bibliography()), strict=True))
        out = []
        for ident, first, again in made:
            text = str(bib.cite(first, _ignore))
            if again is not None:   # the later reference: its position makes it short
                text = str(bib.cite(again, _ignore))
            out.append((ident, text))
        return out

    def _finish(self, src: Source, rich: str) -> Formatted:
        if not any(c.role == "author" for c in src.creators):
            rich = _drop_repeated_title(rich, html.escape(src.title, quote=False))
        if self._american:
            rich = _american_quotes(rich)
        return Formatted(html.unescape(_TAG.sub("", rich)).strip(), rich.strip())


def _ignore(_item: Any) -> None:
    """citeproc-py's callback for a citation of an unknown item (none here)."""
