"""Citekeys for new sources, reference exports and formatted citations."""

from __future__ import annotations

from ..citations import WRITERS
from ..citations.citekeys import base_citekey, check_citekey, unique_citekey
from ..citations.styles import format_citation
from ..domain import InvalidInput, NotFound, Source
from ..store import citations as store_citations
from .base import NotebookBase

EXPORT_FORMATS = tuple(WRITERS)


class CitationActions(NotebookBase):
    def _new_citekey(self, src: Source) -> str | None:
        """Make the citekey of a new source: the rules' key, made unique with a, b, c…

        Runs inside add_source's transaction, so two sources added at once cannot both
        take the same key.
        """
        base = base_citekey(src)
        return unique_citekey(base, store_citations.citekeys_like(self.conn, base))

    def add_source(self, src: Source) -> Source:
        if src.citekey:
            src.citekey = check_citekey(src.citekey)
        return super().add_source(src)  # type: ignore[misc]

    def edit_source(self, key: str, changes: dict | None = None,
                    creators: list | None = None) -> Source:
        """As SourceActions.edit_source; a citekey the user types is checked first.

        Other edits never touch the citekey: it changes only when the user sets it.
        """
        changes = dict(changes or {})
        if changes.get("citekey"):
            changes["citekey"] = check_citekey(changes["citekey"])
        elif "citekey" in changes:
            raise InvalidInput("A source's citekey cannot be emptied; set another one instead.")
        return super().edit_source(key, changes, creators)  # type: ignore[misc]

    def _assign_missing_citekeys(self) -> None:
        """Sources made before citekeys existed get one now, stored, once."""
        missing = store_citations.without_citekey(self.conn)
        if not missing or self.read_only:
            return
        from ..store import sources as store_sources
        with self.write() as conn:
            for key in missing:
                src = store_sources.get(conn, key, include_deleted=True)
                store_citations.set_citekey(conn, key, self._new_citekey(src) or key)

    def export_sources(self, *, sources: list[str] | None = None, tag: str | None = None,
                       cited_in: str | None = None) -> list[Source]:
        """The sources an export carries, sorted by citekey (ignoring case, then exactly).

        With no selection, every live source; the selections combine as an intersection.
        """
        self._assign_missing_citekeys()
        all_sources = {s.key: s for s in self.list_sources()}  # type: ignore[attr-defined]
        chosen = set(all_sources)
        if sources is not None:   # an empty selection is empty, not everything
            wanted = set()
            for name in sources:
                key = store_citations.source_key_for(self.conn, name)
                if key is None:
                    raise NotFound(f"There is no source with the key or citekey {name}.")
                wanted.add(key)
            chosen &= wanted
        if tag:
            if not store_citations.tag_exists(self.conn, tag.strip()):
                raise NotFound(f"There is no tag called '{tag}'.")
            chosen &= set(store_citations.tagged_source_keys(self.conn, tag.strip()))
        if cited_in:
            if self.cited_in_is_private(cited_in):
                chosen = set()   # a private note is left out of every sharing export
            else:
                chosen &= set(store_citations.cited_source_keys(self.conn, cited_in))
        picked = [all_sources[k] for k in chosen]
        for s in picked:
            if not s.citekey:   # read-only notebook with old sources: a key for this export
                s.citekey = s.key
        return sorted(picked, key=lambda s: ((s.citekey or "").lower(), s.citekey or ""))

    def cited_in_is_private(self, note_key: str) -> bool:
        """Whether `--cited-in` names a private note, whose citations are never exported."""
        return bool(self.get_note(note_key).private)  # type: ignore[attr-defined]

    def export_references(self, fmt: str, *, sources: list[str] | None = None,
                          tag: str | None = None, cited_in: str | None = None) -> str:
        """The text of a BibTeX/BibLaTeX/CSL-JSON/RIS file; same notebook, same bytes."""
        if fmt not in WRITERS:
            raise InvalidInput(f"'{fmt}' is not a reference format; use one of "
                               f"{', '.join(WRITERS)}.")
        return WRITERS[fmt](self.export_sources(sources=sources, tag=tag, cited_in=cited_in))

    def cite(self, key: str, locator: str | None = None, style: str = "chicago-note") -> str:
        """A formatted citation of a source (by key or citekey) or of an excerpt.

        For an excerpt, its source is cited and its locator (or page label) is the default.
        """
        source_key = store_citations.source_key_for(self.conn, key)
        if source_key is None:
            kind = None
            try:
                kind, _ = self._kind_of(key)
            except NotFound:
                pass
            if kind != "excerpt":
                raise NotFound(f"There is no source or excerpt with the key {key}.")
            source_key, default = store_citations.excerpt_citation(self.conn, key)
            if source_key is None:
                raise NotFound(f"The excerpt {key} belongs to a document without a source; "
                               "give the document a source first.")
            if locator is None:
                locator = default
        src = self.get_source(source_key)  # type: ignore[attr-defined]
        return format_citation(src, style, locator)
