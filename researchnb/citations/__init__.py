"""Citekeys, reference-file writers (BibTeX, BibLaTeX, CSL-JSON, RIS) and formatted citations.

`WRITERS` maps an export format name to a function turning sources (sorted by citekey) into
the file's text. Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Callable

from ..domain import Source
from .bibtex import write_biblatex, write_bibtex
from .csljson import write_csljson
from .ris import write_ris

WRITERS: dict[str, Callable[[list[Source]], str]] = {
    "bibtex": write_bibtex,
    "biblatex": write_biblatex,
    "csl-json": write_csljson,
    "ris": write_ris,
}
