"""Helpers for the search tests: notebooks filled with real corpus text, without importers."""

from __future__ import annotations

from pathlib import Path

from researchnb.domain import Document, Page, Source
from researchnb.store import documents as store_documents

TEXT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "text"


def corpus_text(name: str) -> str:
    """A corpus text decoded by hand (cp1251 and KOI8-R files included)."""
    raw = (TEXT / name).read_bytes()
    if name.endswith(".cp1251.txt"):
        return raw.decode("cp1251")
    if name.endswith(".koi8r.txt"):
        return raw.decode("koi8-r")
    return raw.decode("utf-8")


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def add_document(nb, pages: list[str], *, filename: str = "doc.txt",
                 source: Source | None = None, labels: list[str] | None = None) -> str:
    """A document whose pages hold these texts (with a new source if one is given)."""
    source_key = nb.sources.add(source).value.key if source is not None else None
    with nb.write() as conn:
        sid = None
        if source_key:
            sid = conn.execute("SELECT id FROM sources WHERE key = ?", (source_key,)).fetchone()[0]
        doc = Document(filename=filename, media_type="text/plain", pages=[
            Page(number=i + 1, text=t, label=(labels[i] if labels else ""),
                 text_origin="transcribed") for i, t in enumerate(pages)])
        return store_documents.insert(conn, doc, sid)


def page_numbers(result: dict, doc_key: str) -> set[int]:
    return {h["page"]["number"] for h in result["hits"]
            if h["kind"] == "page" and h["document"] == doc_key}


def keys(result: dict) -> set[str]:
    return {h["key"] for h in result["hits"]}
