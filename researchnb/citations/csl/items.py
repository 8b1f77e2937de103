"""A source as the CSL processor gets it: the CSL-JSON item of the export (csljson.py),
with the archival shelfmark arranged for a formatted citation.

- `archive` is the archive's full name with its abbreviation (`Russian State Archive …
  (RGASPI)`); `archive_location` the shelfmark without the abbreviation, then the call
  number (`f. 17, op. 84, d. 343, Box 143, Folder 7`).
- In a note style the folio goes at the end of `archive_location` (`…, d. 343, l. 12 ob.`),
  which puts it once, right after the delo, in every note style; an author-date style gets
  it as a CSL locator with the `folio` label, which it prints in the in-text citation.
- Without a locator, a citation shows the source's own folio.
- A Cyrillic title of a source without a language is not title-cased as if English.
- A title with a subtitle gets its short title (the part before the colon), which short
  notes use, as CSL 1.0.2 asks of a processor.
"""

from __future__ import annotations

import html
from typing import Any

from ...domain import Source
from ..csljson import item as csl_item
from ..fields import archive_display, shelfmark_parts
from ..styles import is_archival, latin_locator, parse_locator
from ..translit import has_cyrillic


def folio_text(src: Source, locator: str | None) -> str:
    """`l. 12 ob.`: the locator of an archival citation as the Russian convention writes it
    (a folio typed `f. 3` stays `f. 3`), or the source's own folio."""
    text = locator if locator else (src.folio and (src.folio if src.folio[:1].isalpha()
                                                   else f"l. {src.folio}"))
    return latin_locator(parse_locator(text or "", archival=True), " ob.")


def _escaped(value: Any) -> Any:
    """Every text of the item HTML-escaped: citeproc-py's HTML output does not escape what
    it is given (`&`, or a `<b>` typed in a title, would reach the clipboard as markup)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    return value


def citeproc_item(src: Source, ident: str, *, folio_in_location: str = "") -> dict[str, Any]:
    """The item for the processor, its texts HTML-escaped."""
    return dict(_escaped(_item(src, ident, folio_in_location)))


def _item(src: Source, ident: str, folio_in_location: str) -> dict[str, Any]:
    data = csl_item(src)
    data["id"] = ident
    for key in ("citation-key", "note", "custom"):
        data.pop(key, None)
    title = str(data.get("title") or "")
    if not data.get("language") and has_cyrillic(title):   # CSL title-cases an item of no
        data["language"] = "ru"                               # language as if English
    if ": " in title and "title-short" not in data:   # CSL 1.0.2: the main title before
        data["title-short"] = title.split(": ", 1)[0]  # the colon (citeproc-py does not)
    if is_archival(src):
        shelf = [p for p in shelfmark_parts(src) if not p.startswith(("l.", "ll."))]
        if src.call_number and src.call_number not in shelf:
            shelf.append(src.call_number)
        if folio_in_location:
            shelf.append(folio_in_location)
        data.pop("call-number", None)
        if shelf:
            data["archive_location"] = ", ".join(shelf)
        else:
            data.pop("archive_location", None)
        if archive_display(src):
            data["archive"] = archive_display(src)
    return data


def locator_of(src: Source, locator: str | None) -> tuple[str, str] | None:
    """(CSL label, value) of a published item's locator: `p. 45` -> ("page", "45")."""
    loc = parse_locator(locator or "", archival=False)
    if loc is None:
        return None
    if loc.folio:
        return "folio", loc.render(" ob.")
    return "page", loc.render("")
