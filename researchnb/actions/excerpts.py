"""Excerpts: the historian's evidence, anchored to the page, tagged, translated, citable.

A text excerpt points at characters of one page or of consecutive pages (offsets into the
stored page text) and keeps the passage as its quote; an image excerpt is a rectangle on one
page, in fractions of the page. When a page's text changes (OCR correction, transcription)
every text excerpt on it is found again by its quote; one whose words are gone is marked
detached and kept, so no evidence is ever lost silently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from .. import anchoring
from ..domain import EXCERPT_KINDS, TEXT_ORIGINS, Excerpt, InvalidInput, NotFound
from ..store import documents as store_documents
from ..store import excerpts as store_excerpts
from ..store import pages as store_pages
from ..store import tags as store_tags
from ..store.connection import Connection, Row
from .base import NotebookBase

_TEXT_FIELDS = ("comment", "translation", "language")
_EDITABLE = {"comment", "translation", "language", "kind", "locator", "tags", "quote",
             "start", "end", "page", "page_end", "region", "region_units"}
_EPS = 1e-6
# A label that is a folio: `12 ob.`, `12об.`, `12v`, `12r`.
_FOLIO_LABEL = re.compile(r"\d\s*(ob|об|v|r)\.?\s*$", re.IGNORECASE)


class AmbiguousQuote(InvalidInput):
    """The quote occurs more than once where it was looked for; `candidates` lists them."""

    def __init__(self, message: str, candidates: list[anchoring.Match]) -> None:
        super().__init__(message)
        self.candidates = candidates


def derive_locator(first_label: str, last_label: str, source_kind: str | None,
                   foliated: bool = False) -> str:
    """The locator of a passage from the labels of its first and last page.

    Archival items, and documents whose labels count leaves (`12 ob.` somewhere, which is
    `foliated`), cite leaves: `l. 12`, `l. 12 ob.–13`. Published items cite bare page
    numbers (`45`, `45–46`), which every citation style accepts.
    """
    first, last = first_label.strip(), last_label.strip()
    span = first if first == last else f"{first}–{last}"
    folio = source_kind == "archival" or foliated or any(
        _FOLIO_LABEL.search(x) for x in (first, last))
    if folio and first[:1].isdigit():
        return f"l. {span}"
    return span


def excerpt_json(ex: Excerpt) -> dict[str, Any]:
    """An excerpt as the CLI prints it (`--json`)."""
    data = asdict(ex)
    data["document"] = data.pop("document_key")
    data["region"] = list(ex.region) if ex.region else None
    data["deleted"] = bool(ex.deleted)
    return data


def _page_label(row: Row) -> str:
    return row["label"] or str(row["number"])


def _texts(rows: Sequence[Row]) -> list[tuple[int, str]]:
    return [(int(r["number"]), r["text"]) for r in rows]


class ExcerptActions(NotebookBase):
    # -- creating --------------------------------------------------------------------------

    def add_excerpt(self, doc_key: str, page: int, *, page_end: int | None = None,
                    start: int | None = None, end: int | None = None,
                    quote: str | None = None, region: Sequence[float] | None = None,
                    region_units: str = "fraction", kind: str = "quotation",
                    comment: str = "", translation: str = "", language: str = "",
                    locator: str | None = None, tags: Sequence[str] = ()) -> Excerpt:
        """Mark a passage or an image region as an excerpt; returns it with its key.

        Say where in one of three ways: `start`/`end` offsets (into the text of `page` and of
        `page_end`, which defaults to `page`), a `quote` looked for on `page` (and, if it runs
        on, the next page, or up to `page_end`), or a `region` (x, y, w, h) as fractions of the
        page or, with `region_units="page"`, in the page's own units (pixels, PDF points).
        A region may carry a `quote` as its transcription. The locator is derived from the
        page labels unless given. Nothing is stored when any of it is wrong.
        """
        _check_kind(kind)
        names = [store_tags.normalise(t) for t in tags]
        with self.write() as conn:
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            values = self._place(conn, doc, page, page_end, start, end, quote, region,
                                 region_units)
            values.update(kind=kind, comment=comment.strip(),
                          translation=translation.strip(), language=language.strip())
            values["locator"] = (locator or "").strip() or self._derived_locator(
                conn, doc["id"], values["page_start"], values["page_end"])
            key, eid = store_excerpts.insert(conn, int(doc["id"]), values)
            store_tags.add(conn, "excerpt", eid, names)
        return self.get_excerpt(key)

    def _place(self, conn: Connection, doc: Row, page: int, page_end: int | None,
               start: int | None, end: int | None, quote: str | None,
               region: Sequence[float] | None, region_units: str) -> dict[str, Any]:
        """Where an excerpt lies, as excerpt columns; refuses anything that does not fit."""
        doc_key = doc["key"]
        first = store_documents.page_row(conn, doc_key, _page_number(page))
        last = first
        if page_end is not None:
            last = store_documents.page_row(conn, doc_key, _page_number(page_end))
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
            match = self._find_quote(conn, doc, first, last if page_end is not None else None,
                                     quote)
        else:
            raise InvalidInput("Say which passage: character offsets (start and end), a quote "
                               "to look for on the page, or a region of the page image.")
        rows = store_excerpts.pages_of(conn, doc["id"], match.page_start, match.page_end)
        text = anchoring.passage(_texts(rows), match)
        if not text:
            raise InvalidInput("The passage holds only blank space; nothing to excerpt.")
        return {"page_start": match.page_start, "page_end": match.page_end,
                "char_start": match.char_start, "char_end": match.char_end, "region_x": None,
                "region_y": None, "region_w": None, "region_h": None, "quote": text,
                "anchor": "ok"}

    def _find_quote(self, conn: Connection, doc: Row, first: Row, last: Row | None,
                    quote: str) -> anchoring.Match:
        if not anchoring.fold_quote(quote):
            raise InvalidInput("The quote is empty; give the words to look for on the page.")
        n = int(first["number"])
        upto = int(last["number"]) if last is not None else n
        rows = store_excerpts.pages_of(conn, doc["id"], n, upto)
        if not any(r["text"].strip() for r in rows):
            raise InvalidInput(_no_text(doc["key"], first))
        # The passage starts on the page asked for and, when a last page is given, ends there.
        found = [m for m in anchoring.find_all(quote, _texts(rows))
                 if m.page_start == n and (last is None or m.page_end == upto)]
        if not found and last is None:
            # The passage may run on to the next page.
            more = store_excerpts.pages_of(conn, doc["id"], n, n + 1)
            if len(more) == 2:
                rows = more
                found = [m for m in anchoring.find_all(quote, _texts(rows))
                         if m.page_start == n and m.page_end == n + 1]
        where = f"page {_page_label(first)}" + (
            f"–{_page_label(last)}" if last is not None and last["number"] != n else "")
        if not found:
            raise InvalidInput(
                f"The quote was not found on {where} of document {doc['key']}. Check the "
                "words; line breaks, hyphens at line ends, ligatures, ё/е and capitals do not "
                "matter.")
        if len(found) > 1:
            labels = {int(r["number"]): _page_label(r) for r in rows}
            places = "; ".join(
                f"({i}) page {labels[m.page_start]}, characters {m.char_start}–{m.char_end}: "
                f"{anchoring.context(_texts(rows), m)}" for i, m in enumerate(found[:5], 1))
            if len(found) > 5:
                places += f"; and {len(found) - 5} more"
            raise AmbiguousQuote(
                f"The quote occurs {len(found)} times on {where}: {places}. Quote a few more "
                "words so it is found once, or give the character offsets.", found)
        return found[0]

    def suggest_locator(self, doc_key: str, page: int, page_end: int | None = None) -> str:
        """The locator an excerpt on these pages gets unless one is typed (`l. 12 ob.`), for
        a form to pre-fill."""
        doc = store_documents.document_row(self.conn, doc_key.strip().upper())
        first = store_documents.page_row(self.conn, doc["key"], _page_number(page))["number"]
        last = first if page_end is None else store_documents.page_row(
            self.conn, doc["key"], _page_number(page_end))["number"]
        return self._derived_locator(self.conn, int(doc["id"]), first, max(first, last))

    def _derived_locator(self, conn: Connection, doc_id: int, first: int, last: int) -> str:
        labels = store_pages.labels_of(conn, doc_id)
        src = store_excerpts.source_kind_of_document(conn, doc_id)
        return derive_locator(labels[first], labels[last], src[1] if src else None,
                              _foliated(labels))

    # -- reading ---------------------------------------------------------------------------

    def get_excerpt(self, key: str, *, include_deleted: bool = False) -> Excerpt:
        return store_excerpts.get(self.conn, key.strip().upper(),
                                  include_deleted=include_deleted)

    def list_excerpts(self, tag: str | None = None, document: str | None = None, *,
                      page: int | None = None, detached: bool | None = None,
                      trash: bool = False) -> list[Excerpt]:
        """Excerpts in document and page order.

        `tag` includes the tags below it (`theme` lists `theme/press` too); `document` and
        `page` narrow to one document or one of its pages; `detached=True` lists the ones
        whose words are no longer on their page; `trash=True` lists the deleted ones.
        """
        return store_excerpts.list_where(self.conn, **self._excerpt_filters(
            tag, document, page, detached, trash))

    def list_excerpt_keys(self, tag: str | None = None, document: str | None = None, *,
                          page: int | None = None, detached: bool | None = None,
                          trash: bool = False) -> list[str]:
        """The keys `list_excerpts` would give, in its order: cheap for a long list that a
        view fills in as it scrolls (fetch each record with `get_excerpt`)."""
        return store_excerpts.keys_where(self.conn, **self._excerpt_filters(
            tag, document, page, detached, trash))

    def _excerpt_filters(self, tag: str | None, document: str | None, page: int | None,
                         detached: bool | None, trash: bool) -> dict[str, Any]:
        tag_ids = None
        if tag is not None:
            tag_ids = store_tags.ids_under(self.conn, tag)
            if not tag_ids:
                raise NotFound(f"There is no tag called '{tag}'.")
        doc_id = None
        if document is not None:
            doc_id = int(store_documents.document_row(self.conn,
                                                      document.strip().upper())["id"])
        anchor = None if detached is None else ("detached" if detached else "ok")
        return {"tag_ids": tag_ids, "document_id": doc_id, "page": page, "anchor": anchor,
                "trash": trash}

    def excerpt_details(self, key: str, style: str | None = None) -> dict[str, Any]:
        """An excerpt as `excerpts show` prints it: every field, its pages and its citation."""
        ex = self.get_excerpt(key, include_deleted=True)
        data = excerpt_json(ex)
        row = store_documents.document_row(self.conn, ex.document_key)
        rows = store_excerpts.pages_of(self.conn, row["id"], ex.page_start, ex.page_end)
        data["pages"] = [{"number": r["number"], "label": _page_label(r)} for r in rows]
        data["filename"] = row["filename"]
        src = store_excerpts.source_kind_of_document(self.conn, int(row["id"]))
        data["source"] = src[0] if src else None
        data["citation"] = self._excerpt_citation(src[0], ex.locator, style) if src else None
        return data

    def _excerpt_citation(self, source_key: str, locator: str, style: str | None) -> str | None:
        """The source's formatted citation with the excerpt's locator (citations area)."""
        cite = getattr(self, "cite", None)
        if not callable(cite):
            return None
        kwargs: dict[str, Any] = {"locator": locator or None}
        if style:
            kwargs["style"] = style
        result = cite(source_key, **kwargs)
        if isinstance(result, dict):
            return str(result.get("text", "")) or None
        return None if result is None else str(getattr(result, "text", result))

    # -- changing --------------------------------------------------------------------------

    def edit_excerpt(self, key: str, changes: dict[str, Any]) -> Excerpt:
        """Change an excerpt: comment, translation, language, kind, locator, tags (replaced),
        or where it lies (`quote` to find anew, `start`/`end`, `page`, `page_end`, `region`).

        A locator that was derived from the pages follows a move; one typed by hand stays.
        An empty locator is derived again.
        """
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise InvalidInput(f"Excerpts have no field {', '.join(sorted(unknown))}.")
        if "kind" in changes:
            _check_kind(changes["kind"])
        names = None
        if "tags" in changes:
            names = [store_tags.normalise(t) for t in changes["tags"]]
        with self.write() as conn:
            cur = store_excerpts.excerpt_row(conn, key.strip().upper())
            doc = store_documents.document_row(conn, cur["document_key"])
            values: dict[str, Any] = {f: str(changes[f] or "").strip() for f in _TEXT_FIELDS
                                      if f in changes}
            if "kind" in changes:
                values["kind"] = changes["kind"]
            is_region = cur["region_x"] is not None
            moved = bool({"start", "end", "page", "page_end", "region"} & set(changes)) or (
                "quote" in changes and not is_region)
            if moved:
                values.update(self._replace(conn, doc, cur, changes, is_region))
            elif "quote" in changes:
                values["quote"] = str(changes["quote"] or "").strip()
            old_derived = self._derived_locator(conn, doc["id"], cur["page_start"],
                                                cur["page_end"])
            first = values.get("page_start", cur["page_start"])
            last = values.get("page_end", cur["page_end"])
            if "locator" in changes:
                values["locator"] = (str(changes["locator"] or "").strip()
                                     or self._derived_locator(conn, doc["id"], first, last))
            elif moved and cur["locator"] == old_derived:
                values["locator"] = self._derived_locator(conn, doc["id"], first, last)
            store_excerpts.update(conn, int(cur["id"]), values)
            if names is not None:
                had = store_tags.of(conn, "excerpt", int(cur["id"]))
                lower = {n.lower() for n in names}
                store_tags.remove(conn, "excerpt", int(cur["id"]),
                                  [t for t in had if t.lower() not in lower])
                store_tags.add(conn, "excerpt", int(cur["id"]), names)
        return self.get_excerpt(cur["key"])

    def _replace(self, conn: Connection, doc: Row, cur: Row, changes: dict[str, Any],
                 is_region: bool) -> dict[str, Any]:
        page = changes.get("page", cur["page_start"])
        same_page = "page" not in changes
        units = changes.get("region_units", "fraction")
        if "region" in changes:
            return self._place(conn, doc, page, None, None, None,
                               changes.get("quote", cur["quote"]), changes["region"], units)
        if "start" in changes or "end" in changes:
            page_end = changes.get("page_end", cur["page_end"] if same_page else page)
            return self._place(conn, doc, page, page_end, changes.get("start", cur["char_start"]),
                               changes.get("end", cur["char_end"]), None, None, units)
        if is_region:
            region = (cur["region_x"], cur["region_y"], cur["region_w"], cur["region_h"])
            return self._place(conn, doc, page, None, None, None,
                               changes.get("quote", cur["quote"]), region, "fraction")
        page_end = changes.get("page_end", cur["page_end"] if same_page else None)
        return self._place(conn, doc, page, page_end, None, None,
                           changes.get("quote", cur["quote"]), None, units)

    def delete_excerpt(self, key: str) -> Excerpt:
        """Move an excerpt to the trash; `restore_excerpt` brings it back with its tags."""
        with self.write() as conn:
            row = store_excerpts.excerpt_row(conn, key.strip().upper())
            store_excerpts.set_deleted(conn, int(row["id"]), True)
        return self.get_excerpt(key, include_deleted=True)

    def restore_excerpt(self, key: str) -> Excerpt:
        with self.write() as conn:
            row = store_excerpts.excerpt_row(conn, key.strip().upper(), include_deleted=True)
            store_documents.document_row(conn, row["document_key"])
            store_excerpts.set_deleted(conn, int(row["id"]), False)
        return self.get_excerpt(key)

    # -- page text -------------------------------------------------------------------------

    def set_page_text(self, doc_key: str, number: int, text: str,
                      origin: str = "transcribed", confidence: float | None = None) -> list[str]:
        """Save a page's text (a transcription, an OCR correction) and re-anchor its excerpts.

        Every text excerpt on the page is found again by its quote, nearest to where it was;
        one whose words are gone is marked detached (never deleted), and one whose words
        came back is anchored again. One transaction. Returns the keys of the excerpts whose
        position or anchoring changed, so a view refreshes only those.
        """
        if origin not in TEXT_ORIGINS:
            raise InvalidInput(f"'{origin}' is not a text origin; use one of "
                               f"{', '.join(TEXT_ORIGINS)}.")
        if not isinstance(text, str):
            raise InvalidInput("The page text must be text.")
        changed: list[str] = []
        with self.write() as conn:
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            page = store_documents.page_row(conn, doc["key"], _page_number(number))
            store_documents.set_page_text(conn, int(page["id"]), text, origin, confidence)
            hays: dict[tuple[int, int], anchoring.Haystack] = {}
            for ex in store_excerpts.text_excerpts_on_page(conn, doc["id"], page["number"]):
                if self._reanchor(conn, doc, ex, hays):
                    changed.append(ex["key"])
        return changed

    def _reanchor(self, conn: Connection, doc: Row, ex: Row,
                  hays: dict[tuple[int, int], anchoring.Haystack]) -> bool:
        span = (int(ex["page_start"]), int(ex["page_end"]))
        if span not in hays:
            hays[span] = anchoring.Haystack(_texts(store_excerpts.pages_of(conn, doc["id"],
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
                                          new), anchor="ok")
        moved_pages = (m.page_start, m.page_end) != (ex["page_start"], ex["page_end"])
        if moved_pages and ex["locator"] == self._derived_locator(
                conn, doc["id"], ex["page_start"], ex["page_end"]):
            values["locator"] = self._derived_locator(conn, doc["id"], m.page_start, m.page_end)
        store_excerpts.update(conn, int(ex["id"]), values)
        return True

    def set_page_labels(self, doc_key: str, labels: dict[int, str]) -> list[str]:
        """Give pages their folio labels (`{3: "12 ob."}`); locators follow.

        An excerpt whose locator was derived from the old labels gets the one derived from
        the new labels; a locator typed by hand stays. One transaction. Returns the keys of
        the excerpts whose locator changed.
        """
        clean: dict[int, str] = {}
        for number, label in labels.items():
            text = " ".join(str(label).split())
            if not text or len(text) > 40:
                raise InvalidInput(f"'{label}' is not a page label: give the folio or page as "
                                   "it is written, such as 12, 12 ob. or xiv.")
            clean[_page_number(number)] = text
        changed: list[str] = []
        with self.write() as conn:
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            for number in clean:
                store_documents.page_row(conn, doc["key"], number)
            old = store_pages.labels_of(conn, doc["id"])
            new = {**old, **clean}
            src = store_excerpts.source_kind_of_document(conn, doc["id"])
            kind = src[1] if src else None
            for number, label in clean.items():
                store_pages.set_label(conn, doc["id"], number, label)
            was, now = _foliated(old), _foliated(new)
            for ex in store_pages.excerpt_spans(conn, doc["id"]):
                a, b = int(ex["page_start"]), int(ex["page_end"])
                before = derive_locator(old[a], old[b], kind, was)
                after = derive_locator(new[a], new[b], kind, now)
                if ex["locator"] == before and after != before:
                    store_excerpts.update(conn, int(ex["id"]), {"locator": after})
                    changed.append(ex["key"])
        return changed

    def _extra_checks(self) -> list[str]:
        problems = super()._extra_checks()
        problems.extend(store_excerpts.offset_problems(self.conn))
        return problems


def _foliated(labels: dict[int, str]) -> bool:
    """Whether a document's labels count leaves (some page is a verso: `12 ob.`)."""
    return any(_FOLIO_LABEL.search(label) for label in labels.values())


def folio_labels(first: int, count: int, *, verso: bool = True) -> list[str]:
    """Labels for photographed leaves: 12, 12 ob., 13, 13 ob. … (or 12, 13, 14 … without
    versos), `count` of them."""
    if first < 1 or count < 0:
        raise InvalidInput("Folios are numbered from 1.")
    if not verso:
        return [str(first + i) for i in range(count)]
    return [f"{first + i // 2}" + (" ob." if i % 2 else "") for i in range(count)]


def _check_kind(kind: str) -> None:
    if kind not in EXCERPT_KINDS:
        raise InvalidInput(f"'{kind}' is not a kind of excerpt; use one of "
                           f"{', '.join(EXCERPT_KINDS)}.")


def _page_number(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)) or \
            not str(value).strip().isdigit() or int(value) < 1:
        raise InvalidInput(f"'{value}' is not a page number (pages count from 1).")
    return int(value)


def _no_text(doc_key: str, page: Row) -> str:
    return (f"Page {_page_label(page)} of document {doc_key} has no text yet: transcribe it or "
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
                           f"{_page_label(first)}, which has {n_first} characters "
                           f"(offsets 0–{max(n_first - 1, 0)}).")
    if not 0 < e <= n_last:
        raise InvalidInput(f"The end offset {e} is outside the text of page "
                           f"{_page_label(last)}, which has {n_last} characters "
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
            raise InvalidInput(f"The size of page {_page_label(page)} is not known; give the "
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
            f"height={region[3]} does not lie within page {_page_label(page)}{size}; "
            + ("give it in the page's own units, inside the page." if units == "page" else
               "give fractions of the page between 0 and 1, with width and height above 0."))
    x, y = max(x, 0.0), max(y, 0.0)
    return x, y, min(w, 1.0 - x), min(h, 1.0 - y)

