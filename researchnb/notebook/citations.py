"""Reference exports (BibTeX, BibLaTeX, CSL-JSON, RIS) and formatted citations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..citations import WRITERS
from ..citations.bibtex import export_warnings
from ..citations.csl import Formatted, format_bibliography, format_sources
from ..citations.csl.bibfile import BIBLIOGRAPHY_SUFFIXES, bibliography_bytes
from ..domain import InvalidInput, NotFound, Source
from ..files import write_atomically
from ..store import citations as store_citations
from .core import Core
from .sources import Sources

EXPORT_FORMATS = tuple(WRITERS)


class Citations:
    """`nb.citations`: which sources an export carries, the reference file, a citation."""

    def __init__(self, core: Core, sources: Sources,
                 is_private_note: Callable[[str], bool]) -> None:
        self._core = core
        self._sources = sources
        self._is_private_note = is_private_note

    def select(self, *, sources: list[str] | None = None, tag: str | None = None,
               cited_in: str | None = None) -> list[Source]:
        """The sources an export carries, sorted by citekey (ignoring case, then exactly).

        With no selection, every live source; the selections combine as an intersection.
        A private note's citations are never exported (`cited_in` a private note: none).
        """
        self._sources.assign_missing_citekeys()
        conn = self._core.conn
        all_sources = {s.key: s for s in self._sources.all()}
        chosen = set(all_sources)
        if sources is not None:   # an empty selection is empty, not everything
            chosen &= {self._sources.lookup(name) for name in sources}
        if tag:
            if not store_citations.tag_exists(conn, tag.strip()):
                raise NotFound(f"There is no tag called '{tag}'.")
            chosen &= set(store_citations.tagged_source_keys(conn, tag.strip()))
        if cited_in:
            if self.cited_in_is_private(cited_in):
                chosen = set()   # a private note is left out of every sharing export
            else:
                chosen &= set(store_citations.cited_source_keys(conn, cited_in))
        picked = [all_sources[k] for k in chosen]
        for s in picked:
            if not s.citekey:   # read-only notebook with old sources: a key for this export
                s.citekey = s.key
        return sorted(picked, key=lambda s: ((s.citekey or "").lower(), s.citekey or ""))

    def cited_in_is_private(self, note_key: str) -> bool:
        """Whether `cited_in` names a private note, whose citations are never exported."""
        return self._is_private_note(note_key)

    def export(self, fmt: str, *, sources: list[str] | None = None, tag: str | None = None,
               cited_in: str | None = None) -> str:
        """The text of a BibTeX/BibLaTeX/CSL-JSON/RIS file; same notebook, same bytes."""
        return self._write(fmt, self.select(sources=sources, tag=tag, cited_in=cited_in))

    def export_to_file(self, fmt: str, target: str | Path, *,
                       sources: list[str] | None = None, tag: str | None = None,
                       cited_in: str | None = None) -> dict[str, Any]:
        """Write a reference file safely (whole or not at all). Returns what the CLI and
        the app report: format, file, how many sources, and `private_left_out` (the
        private notes whose citations were kept out: 1 when `cited_in` is private)."""
        chosen = self.select(sources=sources, tag=tag, cited_in=cited_in)
        path = write_atomically(Path(target), self._write(fmt, chosen).encode("utf-8"))
        return {"format": fmt, "file": str(path), "sources": len(chosen),
                "private_left_out": self.private_left_out(cited_in),
                "warnings": self.export_warnings(fmt, chosen)}

    @staticmethod
    def export_warnings(fmt: str, chosen: list[Source]) -> list[str]:
        """What the format cannot hold of these sources (a BibTeX year cannot say `1921~`),
        one line per source, to show beside the export."""
        return export_warnings(chosen, biblatex=False) if fmt == "bibtex" else []

    def private_left_out(self, cited_in: str | None) -> int:
        """How many private notes an export with this `cited_in` leaves out (0 or 1)."""
        return 1 if cited_in and self.cited_in_is_private(cited_in) else 0

    def resolve(self, key: str, locator: str | None = None) -> tuple[Source, str | None]:
        """The source a key names (source key, citekey, or an excerpt: its source) and the
        locator to cite: the one given, else the excerpt's own."""
        conn = self._core.conn
        source_key = self._sources.find(key)
        if source_key is None:
            kind = None
            try:
                kind, _ = self._core.kind_of(key)
            except NotFound:
                pass
            if kind != "excerpt":
                raise NotFound(f"There is no source or excerpt with the key {key}.")
            source_key, default = store_citations.excerpt_citation(conn, key)
            if source_key is None:
                raise NotFound(f"The excerpt {key} belongs to a document without a source; "
                               "give the document a source first.")
            if locator is None:
                locator = default
        return self._sources.get(source_key), locator

    def cite(self, key: str, locator: str | None = None, style: str = "chicago-note") -> str:
        """A formatted citation of a source (by key or citekey) or of an excerpt, as plain
        text, in any CSL style id or hand-written style (citations/csl/)."""
        return self.cite_formatted(key, locator, style).text

    def cite_formatted(self, key: str, locator: str | None = None,
                       style: str = "chicago-note", form: str = "note") -> Formatted:
        """The citation as plain text and as HTML (italics kept), for the clipboard."""
        src, locator = self.resolve(key, locator)
        return format_sources([(src, locator)], style, form)[0]

    def bibliography(self, style: str, *, cited_in: str | None = None,
                     sources: list[str] | None = None) -> list[Formatted]:
        """The bibliography entries of the sources a note cites (or of chosen sources), in
        the style's order. A private note gives none, as in every sharing export."""
        return format_bibliography(self.select(sources=sources, cited_in=cited_in), style)

    def export_bibliography(self, style: str, target: str | Path, *,
                            cited_in: str | None = None, sources: list[str] | None = None,
                            tag: str | None = None,
                            title: str = "Bibliography") -> dict[str, Any]:
        """The bibliography of the sources a note cites (or of a selection, as `select`
        takes it), in a style, written safely to a .html, .md or .docx file. Returns style,
        file, how many entries and how many private notes were left out."""
        path = Path(target)
        if path.suffix.lower() not in BIBLIOGRAPHY_SUFFIXES:
            raise InvalidInput("A bibliography is written to a .html, .md or .docx file.")
        entries = format_bibliography(self.select(sources=sources, tag=tag, cited_in=cited_in),
                                      style)
        data = bibliography_bytes(entries, title, path.suffix)
        written = write_atomically(path, data)
        return {"style": style, "file": str(written), "sources": len(entries),
                "private_left_out": self.private_left_out(cited_in)}

    @staticmethod
    def _write(fmt: str, chosen: list[Source]) -> str:
        if fmt not in WRITERS:
            raise InvalidInput(f"'{fmt}' is not a reference format; use one of "
                               f"{', '.join(WRITERS)}.")
        return WRITERS[fmt](chosen)
