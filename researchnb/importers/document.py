"""What a document importer hands back: the document with its pages, and what the file says
about its source. Plain records; nothing is stored until the Notebook does it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain import Document, Source


@dataclass
class Original:
    """One file of a document as it arrived (a photographed delo has several)."""
    path: Path
    media_type: str


@dataclass
class DocumentImport:
    document: Document
    originals: list[Original]
    # A source filled from the file's own metadata (title, authors, date), used when the
    # user gave no --source. Its title is at least the file name.
    source: Source
    warnings: list[str] = field(default_factory=list)


def document_status(texts: list[str]) -> str:
    """ok when every page has text, needs_ocr when none has, partial_text in between."""
    with_text = sum(1 for t in texts if t.strip())
    if with_text == len(texts):
        return "ok"
    return "needs_ocr" if with_text == 0 else "partial_text"
