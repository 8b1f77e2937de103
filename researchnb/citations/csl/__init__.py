"""Citations in any CSL style (citeproc-py with the CSL style repository), and the few
hand-written forms no CSL style can produce (citations/styles.py, gost.py).

`format_citation` is the one entry point: the CLI's `sources cite`, Copy citation in the
app and the notes preview all call it.
"""

from __future__ import annotations

from .catalog import DEFAULT_STYLE, HOUSE_STYLES, StyleInfo, list_styles, style_info
from .engine import FORMS, CslFormatter, Formatted
from .format import format_bibliography, format_citation, format_sources

__all__ = ["DEFAULT_STYLE", "FORMS", "HOUSE_STYLES", "CslFormatter", "Formatted", "StyleInfo",
           "format_bibliography", "format_citation", "format_sources", "list_styles",
           "style_info"]
