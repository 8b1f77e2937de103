"""How the notes preview shows `[@key, l. 12]`: as the short citation of the style chosen
for Copy Citation (Edit › Copy Citation › Citation Style…), Chicago notes until one is chosen.

One place for the style and the call. Results are remembered until a source or the style
changes (the preview of a long note cites the same few sources many times).
"""

from __future__ import annotations

from ...citations.csl.catalog import HOUSE_STYLES
from ...domain import UserError
from ...notebook import Notebook

PREVIEW_STYLE = "chicago-note"     # until the window tells the preview the chosen style


class PreviewCitations:
    """`cite(citekey, locator)` for notes/render.py: the formatted citation, or "" for a
    citekey no source has (the preview then shows what was typed)."""

    def __init__(self, nb: Notebook) -> None:
        self.nb = nb
        self.style = PREVIEW_STYLE
        self._known: dict[tuple[str, str], str] = {}

    def use_style(self, style: str) -> bool:
        """Cite in `style` from now on; True when that changes what the preview shows."""
        if style == self.style:
            return False
        self.style = style
        self.invalidate()
        return True

    def invalidate(self) -> None:
        self._known.clear()

    def __call__(self, citekey: str, locator: str) -> str:
        found = self._known.get((citekey, locator))
        if found is None:
            found = self.cite(citekey, locator)
            self._known[(citekey, locator)] = found
        return found

    def cite(self, citekey: str, locator: str) -> str:
        # A CSL style's short form ("Fitzpatrick, Everyday Stalinism, 45."; "(Fitzpatrick
        # 1999, 45)"); the hand-written forms have one form only.
        form = "note" if self.style in HOUSE_STYLES else "short"
        try:
            return self.nb.citations.cite_formatted(citekey, locator or None, self.style,
                                                    form).text
        except UserError:
            return ""
