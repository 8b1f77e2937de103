"""What the historian has marked on the current page, for a new excerpt."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Selection:
    """Words of the page text (offsets and quote), or a region of the page image (with the
    words found inside it, when any were, as `quote`)."""
    document_key: str
    page: int
    label: str
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""
    region: tuple[float, float, float, float] | None = None
