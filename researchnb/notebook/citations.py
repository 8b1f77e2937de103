"""Reference exports (BibTeX, BibLaTeX, CSL-JSON, RIS) and formatted citations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..citations import WRITERS
from ..citations.styles import format_citation
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
                "private_left_out": self.private_left_out(cited_in)}

    def private_left_out(self, cited_in: str | None) -> int:
        """How many private notes an export with this `cited_in` leaves out (0 or 1)."""
        return 1 if cited_in and self.cited_in_is_private(cited_in) else 0

    def cite(self, key: str, locator: str | None = None, style: str = "chicago-note") -> str:
        """A formatted citation of a source (by key or citekey) or of an excerpt.

        For an excerpt, its source is cited and its locator (or page label) is the default.
        """
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
        return format_citation(self._sources.get(source_key), style, locator)

    @staticmethod
    def _write(fmt: str, chosen: list[Source]) -> str:
        if fmt not in WRITERS:
            raise InvalidInput(f"'{fmt}' is not a reference format; use one of "
                               f"{', '.join(WRITERS)}.")
        return WRITERS[fmt](chosen)
