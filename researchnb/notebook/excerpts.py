"""Excerpts: the historian's evidence, anchored to the page, tagged, translated, citable.

A text excerpt points at characters of one page or of consecutive pages (offsets into the
stored page text) and keeps the passage as its quote; an image excerpt is a rectangle on one
page, in fractions of the page. When a page's text changes (OCR correction, transcription)
every text excerpt on it is found again by its quote (`nb.pages.set_text`); one whose words
are gone is marked detached and kept, so no evidence is ever lost silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from ..domain import Changes, Excerpt, InvalidInput, NotFound
from ..store import documents as store_documents
from ..store import excerpts as store_excerpts
from ..store import tags as store_tags
from ..store.connection import Connection, Row
from .core import Core
from .placing import check_kind, derived_locator, page_label, page_number, place

_TEXT_FIELDS = ("comment", "translation", "language")
_EDITABLE = {"comment", "translation", "language", "kind", "locator", "tags", "quote",
             "start", "end", "page", "page_end", "region", "region_units"}

# Formats a source's citation with a locator in a style (nb.citations.cite).
CiteFn = Callable[[str, "str | None", str], str]


def excerpt_json(ex: Excerpt) -> dict[str, Any]:
    """An excerpt as the CLI prints it (`--json`)."""
    data = asdict(ex)
    data["document"] = data.pop("document_key")
    data["region"] = list(ex.region) if ex.region else None
    data["deleted"] = bool(ex.deleted)
    return data


class Excerpts:
    """`nb.excerpts`: mark, list, edit, trash and restore excerpts."""

    def __init__(self, core: Core, cite: CiteFn) -> None:
        self._core = core
        self._cite = cite

    # -- creating --------------------------------------------------------------------------

    def add(self, doc_key: str, page: int, *, page_end: int | None = None,
                    start: int | None = None, end: int | None = None,
                    quote: str | None = None, region: Sequence[float] | None = None,
                    region_units: str = "fraction", kind: str = "quotation",
                    comment: str = "", translation: str = "", language: str = "",
                    locator: str | None = None, tags: Sequence[str] = ()) -> Changes[Excerpt]:
        """Mark a passage or an image region as an excerpt; the value is it, with its key.

        Say where in one of three ways: `start`/`end` offsets (into the text of `page` and of
        `page_end`, which defaults to `page`), a `quote` looked for on `page` (and, if it runs
        on, the next page, or up to `page_end`), or a `region` (x, y, w, h) as fractions of the
        page or, with `region_units="page"`, in the page's own units (pixels, PDF points).
        A region may carry a `quote` as its transcription. The locator is derived from the
        page labels unless given. Nothing is stored when any of it is wrong.
        """
        check_kind(kind)
        names = [store_tags.normalise(t) for t in tags]
        with self._core.write() as tx:
            conn = tx.conn
            doc = store_documents.document_row(conn, doc_key.strip().upper())
            values = place(conn, doc, page, page_end, start, end, quote, region,
                                 region_units)
            values.update(kind=kind, comment=comment.strip(),
                          translation=translation.strip(), language=language.strip())
            values["locator"] = (locator or "").strip() or derived_locator(
                conn, doc["id"], values["page_start"], values["page_end"])
            key, eid = store_excerpts.insert(conn, int(doc["id"]), values)
            store_tags.add(conn, "excerpt", eid, names)
        return tx.result(self.get(key))

    def suggest_locator(self, doc_key: str, page: int, page_end: int | None = None) -> str:
        """The locator an excerpt on these pages gets unless one is typed (`l. 12 ob.`), for
        a form to pre-fill."""
        doc = store_documents.document_row(self._core.conn, doc_key.strip().upper())
        first = store_documents.page_row(self._core.conn, doc["key"], page_number(page))["number"]
        last = first if page_end is None else store_documents.page_row(
            self._core.conn, doc["key"], page_number(page_end))["number"]
        return derived_locator(self._core.conn, int(doc["id"]), first, max(first, last))

    # -- reading ---------------------------------------------------------------------------

    def get(self, key: str, *, include_deleted: bool = False) -> Excerpt:
        return store_excerpts.get(self._core.conn, key.strip().upper(),
                                  include_deleted=include_deleted)

    def all(self, tag: str | None = None, document: str | None = None, *,
                      page: int | None = None, detached: bool | None = None,
                      trash: bool = False) -> list[Excerpt]:
        """Excerpts in document and page order.

        `tag` includes the tags below it (`theme` lists `theme/press` too); `document` and
        `page` narrow to one document or one of its pages; `detached=True` lists the ones
        whose words are no longer on their page; `trash=True` lists the deleted ones.
        """
        return store_excerpts.list_where(self._core.conn, **self._excerpt_filters(
            tag, document, page, detached, trash))

    def keys(self, tag: str | None = None, document: str | None = None, *,
                          page: int | None = None, detached: bool | None = None,
                          trash: bool = False) -> list[str]:
        """The keys `all` would give, in its order: cheap for a long list that a
        view fills in as it scrolls (fetch each record with `get`)."""
        return store_excerpts.keys_where(self._core.conn, **self._excerpt_filters(
            tag, document, page, detached, trash))

    def _excerpt_filters(self, tag: str | None, document: str | None, page: int | None,
                         detached: bool | None, trash: bool) -> dict[str, Any]:
        tag_ids = None
        if tag is not None:
            tag_ids = store_tags.ids_under(self._core.conn, tag)
            if not tag_ids:
                raise NotFound(f"There is no tag called '{tag}'.")
        doc_id = None
        if document is not None:
            doc_id = int(store_documents.document_row(self._core.conn,
                                                      document.strip().upper())["id"])
        anchor = None if detached is None else ("detached" if detached else "ok")
        return {"tag_ids": tag_ids, "document_id": doc_id, "page": page, "anchor": anchor,
                "trash": trash}

    def details(self, key: str, style: str | None = None) -> dict[str, Any]:
        """An excerpt as `excerpts show` prints it: every field, its pages and its citation."""
        ex = self.get(key, include_deleted=True)
        data = excerpt_json(ex)
        row = store_documents.document_row(self._core.conn, ex.document_key)
        rows = store_excerpts.pages_of(self._core.conn, row["id"], ex.page_start, ex.page_end)
        data["pages"] = [{"number": r["number"], "label": page_label(r)} for r in rows]
        data["filename"] = row["filename"]
        src = store_excerpts.source_kind_of_document(self._core.conn, int(row["id"]))
        data["source"] = src[0] if src else None
        data["citation"] = self._excerpt_citation(src[0], ex.locator, style) if src else None
        return data

    def _excerpt_citation(self, source_key: str, locator: str, style: str | None) -> str:
        """The source's formatted citation with the excerpt's locator."""
        return self._cite(source_key, locator or None, style or "chicago-note")

    # -- changing --------------------------------------------------------------------------

    def edit(self, key: str, changes: dict[str, Any]) -> Changes[Excerpt]:
        """Change an excerpt: comment, translation, language, kind, locator, tags (replaced),
        or where it lies (`quote` to find anew, `start`/`end`, `page`, `page_end`, `region`).

        A locator that was derived from the pages follows a move; one typed by hand stays.
        An empty locator is derived again.
        """
        unknown = set(changes) - _EDITABLE
        if unknown:
            raise InvalidInput(f"Excerpts have no field {', '.join(sorted(unknown))}.")
        if "kind" in changes:
            check_kind(changes["kind"])
        names = None
        if "tags" in changes:
            names = [store_tags.normalise(t) for t in changes["tags"]]
        with self._core.write() as tx:
            conn = tx.conn
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
            old_derived = derived_locator(conn, doc["id"], cur["page_start"],
                                                cur["page_end"])
            first = values.get("page_start", cur["page_start"])
            last = values.get("page_end", cur["page_end"])
            if "locator" in changes:
                values["locator"] = (str(changes["locator"] or "").strip()
                                     or derived_locator(conn, doc["id"], first, last))
            elif moved and cur["locator"] == old_derived:
                values["locator"] = derived_locator(conn, doc["id"], first, last)
            store_excerpts.update(conn, int(cur["id"]), values)
            if names is not None:
                had = store_tags.of(conn, "excerpt", int(cur["id"]))
                lower = {n.lower() for n in names}
                store_tags.remove(conn, "excerpt", int(cur["id"]),
                                  [t for t in had if t.lower() not in lower])
                store_tags.add(conn, "excerpt", int(cur["id"]), names)
        return tx.result(self.get(cur["key"]))

    def _replace(self, conn: Connection, doc: Row, cur: Row, changes: dict[str, Any],
                 is_region: bool) -> dict[str, Any]:
        page = changes.get("page", cur["page_start"])
        same_page = "page" not in changes
        units = changes.get("region_units", "fraction")
        if "region" in changes:
            return place(conn, doc, page, None, None, None,
                         changes.get("quote", cur["quote"]), changes["region"], units)
        if "start" in changes or "end" in changes:
            page_end = changes.get("page_end", cur["page_end"] if same_page else page)
            return place(conn, doc, page, page_end, changes.get("start", cur["char_start"]),
                         changes.get("end", cur["char_end"]), None, None, units)
        if is_region:
            region = (cur["region_x"], cur["region_y"], cur["region_w"], cur["region_h"])
            return place(conn, doc, page, None, None, None,
                         changes.get("quote", cur["quote"]), region, "fraction")
        page_end = changes.get("page_end", cur["page_end"] if same_page else None)
        return place(conn, doc, page, page_end, None, None,
                     changes.get("quote", cur["quote"]), None, units)

    def delete(self, key: str) -> Changes[Excerpt]:
        """Move an excerpt to the trash; `restore` brings it back with its tags."""
        with self._core.write() as tx:
            row = store_excerpts.excerpt_row(tx.conn, key.strip().upper())
            store_excerpts.set_deleted(tx.conn, int(row["id"]), True)
        return tx.result(self.get(key, include_deleted=True))

    def restore(self, key: str) -> Changes[Excerpt]:
        """Take an excerpt out of the trash (its document must still be there)."""
        with self._core.write() as tx:
            row = store_excerpts.excerpt_row(tx.conn, key.strip().upper(),
                                             include_deleted=True)
            store_documents.document_row(tx.conn, row["document_key"])
            store_excerpts.set_deleted(tx.conn, int(row["id"]), False)
        return tx.result(self.get(key))
