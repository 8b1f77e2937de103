"""How the notes preview shows `[@key, l. 12]`: as the citation the notebook would print.

One place for the style and the call, so when citation styles (CSL) can be chosen per
notebook only `PREVIEW_STYLE` and `cite` change. Results are remembered until a source
changes (the preview of a long note cites the same few sources many times).
"""

from __future__ import annotations

from ...domain import UserError
from ...notebook import Notebook

PREVIEW_STYLE = "chicago-note"


class PreviewCitations:
    """`cite(citekey, locator)` for notes/render.py: the formatted citation, or "" for a
    citekey no source has (the preview then shows what was typed)."""

    def __init__(self, nb: Notebook) -> None:
        self.nb = nb
        self._known: dict[tuple[str, str], str] = {}

    def invalidate(self) -> None:
        self._known.clear()

    def __call__(self, citekey: str, locator: str) -> str:
        found = self._known.get((citekey, locator))
        if found is None:
            found = self.cite(citekey, locator)
            self._known[(citekey, locator)] = found
        return found

    def cite(self, citekey: str, locator: str) -> str:
        try:
            return self.nb.citations.cite(citekey, locator=locator or None, style=PREVIEW_STYLE)
        except UserError:
            return ""
