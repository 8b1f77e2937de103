"""What importers hand back to the Notebook: plain records, no SQL, nothing stored yet."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import Source


@dataclass
class BlockFailure:
    """One entry of a reference file that could not be read, with where it starts."""
    line: int
    message: str


@dataclass
class ReferenceImport:
    """The sources read from a BibTeX or CSL-JSON file, and the entries that failed."""
    sources: list[Source] = field(default_factory=list)
    failures: list[BlockFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
