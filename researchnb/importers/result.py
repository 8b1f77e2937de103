"""What one import run did, file by file: the shape `researchnb import --json` prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Imported:
    file: str
    document: str | None          # None for a BibTeX / CSL-JSON file (it makes sources only)
    source: str | None
    pages: int
    status: str                   # ok, needs_ocr, partial_text
    warnings: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)   # every source a reference file made


@dataclass
class Failed:
    file: str
    error: str
    line: int | None = None       # where a failed BibTeX / CSL-JSON entry starts


@dataclass
class Skipped:
    file: str
    reason: str
    document: str | None = None   # the document already holding this file, for duplicates


@dataclass
class ImportResult:
    imported: list[Imported] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"imported": [asdict(i) for i in self.imported],
                "failed": [asdict(f) for f in self.failed],
                "skipped": [asdict(s) for s in self.skipped],
                "cancelled": self.cancelled}

    @property
    def changed(self) -> bool:
        return bool(self.imported)
