"""Where an excerpt lies on its pages: checking offsets, regions and quotes, finding a
quote again after its page text changed, and the locator its pages give.

Functions of the caller's connection, used inside its transaction by `nb.excerpts` and
`nb.pages`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .. import anchoring
from ..domain import EXCERPT_KINDS, InvalidInput
from ..locators import locator_for
from ..store import documents as store_documents
from ..store import excerpts as store_excerpts
from ..store import pages as store_pages
from ..store.connection import Connection, Row

_EPS = 1e-6


class AmbiguousQuote(InvalidInput):
    """The quote occurs more than once where it was looked for; `candidates` lists them."""

    def __init__(self, message: str, candidates: list[anchoring.Match]) -> None:
        super().__init__(message)
        self.candidates = candidates


def page_label(row: Row) -> str:
    return row["label"] or str(row["number"])


def texts(rows: Sequence[Row]) -> list[tuple[int, str]]:
    return [(int(r["number"]), r["text"]) for r in rows]


def derived_locator(conn: Connection, doc_id: int, first: int, last: int) -> str:
    """The locator the pages `first`–`last` of a document give (locators.py's rule)."""
    src = store_excerpts.source_kind_of_document(conn, doc_id)
    return locator_for(store_pages.labels_of(conn, doc_id), first, last,
                       src[1] if src else None)


def place(conn: Connection, doc: Row, page: int, page_end: int | None,
           start: int | None, end: int | None, quote: str | None,
           region: Sequence[float] | None, region_units: str) -> dict[str, Any]:
    """Where an excerpt lies, as excerpt columns; refuses anything that does not fit."""
    doc_key = doc["key"]
    first = store_documents.page_row(conn, doc_key, page_number(page))
    last = first
    if page_end is not None:
        last = store_documents.page_row(conn, doc_key, page_number(page_end))
        if last["number"] < first["number"]:
            raise InvalidInput(f"The excerpt cannot end on page {last['number']} before it "
                               f"starts on page {first['number']}.")
    offsets = start is not None or end is not None
    if region is not None:
        if offsets:
            raise InvalidInput("Give either a region of the image or character offsets, "
                               "not both.")
        if last["number"] != first["number"]:
            raise InvalidInput("A region of the page image lies on one page; mark one "
                               "excerpt per page.")
        x, y, w, h = _check_region(region, region_units, first)
        return {"page_start": first["number"], "page_end": first["number"],
                "char_start": None, "char_end": None, "region_x": x, "region_y": y,
                "region_w": w, "region_h": h, "quote": (quote or "").strip(),
                "anchor": "ok"}
    if offsets and quote is not None:
        raise InvalidInput("Give either character offsets or a quote to look for, not "
                           "both.")
    if offsets:
        match = _check_offsets(conn, doc, first, last, start, end)
    elif quote is not None:
        match = find_quote(conn, doc, first, last if page_end is not None else None,
                                 quote)
    else:
        raise InvalidInput("Say which passage: character offsets (start and end), a quote "
                           "to look for on the page, or a region of the page image.")
    rows = store_excerpts.pages_of(conn, doc["id"], match.page_start, match.page_end)
    text = anchoring.passage(texts(rows), match)
    if not text:
        raise InvalidInput("The passage holds only blank space; nothing to excerpt.")
    return {"page_start": match.page_start, "page_end": match.page_end,
            "char_start": match.char_start, "char_end": match.char_end, "region_x": None,
            "region_y": None, "region_w": None, "region_h": None, "quote": text,
            "anchor": "ok"}

def find_quote(conn: Connection, doc: Row, first: Row, last: Row | None,
                quote: str) -> anchoring.Match:
    if not anchoring.fold_quote(quote):
        raise InvalidInput("The quote is empty; give the words to look for on the page.")
    n = int(first["number"])
    upto = int(last["number"]) if last is not None else n
    rows = store_excerpts.pages_of(conn, doc["id"], n, upto)
    if not any(r["text"].strip() for r in rows):
        raise InvalidInput(_no_text(doc["key"], first))
    # The passage starts on the page asked for and, when a last page is given, ends there.
    found = [m for m in anchoring.find_all(quote, texts(rows))
             if m.page_start == n and (last is None or m.page_end == upto)]
    if not found and last is None:
        # The passage may run on to the next page.
        more = store_excerpts.pages_of(conn, doc["id"], n, n + 1)
        if len(more) == 2:
            rows = more
            found = [m for m in anchoring.find_all(quote, texts(rows))
                     if m.page_start == n and m.page_end == n + 1]
    where = f"page {page_label(first)}" + (
        f"–{page_label(last)}" if last is not None and last["number"] != n else "")
    if not found:
        raise InvalidInput(
            f"The quote was not found on {where} of document {doc['key']}. Check the "
            "words; line breaks, hyphens at line ends, ligatures, ё/е and capitals do not "
            "matter.")
    if len(found) > 1:
        labels = {int(r["number"]): page_label(r) for r in rows}
        places = "; ".join(
            f"({i}) page {labels[m.page_start]}, characters {m.char_start}–{m.char_end}: "
            f"{anchoring.context(texts(rows), m)}" for i, m in enumerate(found[:5], 1))
        if len(found) > 5:
            places += f"; and {len(found) - 5} more"
        raise AmbiguousQuote(
            f"The quote occurs {len(found)} times on {where}: {places}. Quote a few more "
            "words so it is found once, or give the character offsets.", found)
    return found[0]

def reanchor(conn: Connection, doc: Row, ex: Row,
              hays: dict[tuple[int, int], anchoring.Haystack]) -> bool:
    span = (int(ex["page_start"]), int(ex["page_end"]))
    if span not in hays:
        hays[span] = anchoring.Haystack(texts(store_excerpts.pages_of(conn, doc["id"],
                                                                       *span)))
    pages = hays[span].pages
    found = hays[span].find(ex["quote"])
    if not found:
        if ex["anchor"] == "detached":
            return False
        store_excerpts.update(conn, int(ex["id"]), {"anchor": "detached"})
        return True
    m = anchoring.nearest(found, pages, ex["page_start"], ex["char_start"] or 0)
    old = (ex["page_start"], ex["char_start"], ex["page_end"], ex["char_end"])
    new = (m.page_start, m.char_start, m.page_end, m.char_end)
    if old == new and ex["anchor"] == "ok":
        return False
    values: dict[str, Any] = dict(zip(("page_start", "char_start", "page_end", "char_end"),
                                      new, strict=True), anchor="ok")
    moved_pages = (m.page_start, m.page_end) != (ex["page_start"], ex["page_end"])
    if moved_pages and ex["locator"] == derived_locator(
            conn, doc["id"], ex["page_start"], ex["page_end"]):
        values["locator"] = derived_locator(conn, doc["id"], m.page_start, m.page_end)
    store_excerpts.update(conn, int(ex["id"]), values)
    return True


def check_kind(kind: str) -> None:
    if kind not in EXCERPT_KINDS:
        raise InvalidInput(f"'{kind}' is not a kind of excerpt; use one of "
                           f"{', '.join(EXCERPT_KINDS)}.")


def page_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or \
            not str(value).strip().isdigit() or int(value) < 1:
        raise InvalidInput(f"'{value}' is not a page number (pages count from 1).")
    return int(value)


def _no_text(doc_key: str, page: Row) -> str:
    return (f"Page {page_label(page)} of document {doc_key} has no text yet: transcribe it or "
            "run OCR first, or mark a region of the page image instead.")


def _offset(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise InvalidInput(f"The {what} offset {value!r} is not a whole number.")
    try:
        return int(value)
    except ValueError:
        raise InvalidInput(f"The {what} offset {value!r} is not a whole number.") from None


def _check_offsets(conn: Connection, doc: Row, first: Row, last: Row, start: Any,
                   end: Any) -> anchoring.Match:
    if start is None or end is None:
        raise InvalidInput("A passage by offsets needs both a start and an end.")
    s, e = _offset(start, "start"), _offset(end, "end")
    if not first["text"] and first["number"] == last["number"]:
        raise InvalidInput(_no_text(doc["key"], first))
    n_first, n_last = len(first["text"]), len(last["text"])
    if not 0 <= s < n_first:
        raise InvalidInput(f"The start offset {s} is outside the text of page "
                           f"{page_label(first)}, which has {n_first} characters "
                           f"(offsets 0–{max(n_first - 1, 0)}).")
    if not 0 < e <= n_last:
        raise InvalidInput(f"The end offset {e} is outside the text of page "
                           f"{page_label(last)}, which has {n_last} characters "
                           f"(end offsets 1–{n_last}).")
    if first["number"] == last["number"] and e <= s:
        raise InvalidInput(f"The end offset {e} must come after the start offset {s}.")
    # Trim blank space at either end so the highlight starts and ends on a letter.
    text_a, text_b = first["text"], last["text"]
    while s < n_first and text_a[s].isspace() and (first["number"] != last["number"] or s < e):
        s += 1
    while e > 0 and text_b[e - 1].isspace() and (first["number"] != last["number"] or e > s):
        e -= 1
    if first["number"] == last["number"] and e <= s:
        raise InvalidInput("The passage holds only blank space; nothing to excerpt.")
    return anchoring.Match(int(first["number"]), s, int(last["number"]), e)


def _check_region(region: Sequence[float], units: str, page: Row) -> tuple[float, ...]:
    try:
        values = [float(v) for v in region]
    except (TypeError, ValueError):
        raise InvalidInput("A region is four numbers: x, y, width, height.") from None
    if len(values) != 4 or not all(math.isfinite(v) for v in values):
        raise InvalidInput("A region is four numbers: x, y, width, height.")
    size = ""
    if units == "page":
        if not page["width"] or not page["height"]:
            raise InvalidInput(f"The size of page {page_label(page)} is not known; give the "
                               "region as fractions of the page (0 to 1).")
        W, H = float(page["width"]), float(page["height"])
        size = f" ({W:g}×{H:g})"
        values = [values[0] / W, values[1] / H, values[2] / W, values[3] / H]
    elif units != "fraction":
        raise InvalidInput(f"'{units}' is not a unit for a region; use fraction or page.")
    x, y, w, h = values
    if w <= 0 or h <= 0 or x < -_EPS or y < -_EPS or x + w > 1 + _EPS or y + h > 1 + _EPS:
        raise InvalidInput(
            f"The rectangle x={region[0]}, y={region[1]}, width={region[2]}, "
            f"height={region[3]} does not lie within page {page_label(page)}{size}; "
            + ("give it in the page's own units, inside the page." if units == "page" else
               "give fractions of the page between 0 and 1, with width and height above 0."))
    x, y = max(x, 0.0), max(y, 0.0)
    return x, y, min(w, 1.0 - x), min(h, 1.0 - y)
