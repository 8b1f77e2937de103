"""What a PDF says about itself, read with pypdf: XMP (Dublin Core), page labels, outline.

None of it is needed to read the pages, so a structure pypdf cannot parse costs a warning, not
the import. The Info dictionary comes from PDFium, which has the file open already.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..dates import date_bounds
from ..domain import InvalidInput

# Deep or looping outlines exist in the wild; past this depth the rest is left out.
MAX_OUTLINE_DEPTH = 12
MAX_OUTLINE_ENTRIES = 5000


@dataclass
class PdfStructure:
    title: str = ""
    creators: list[str] = field(default_factory=list)
    date: str = ""                  # EDTF day, month or year, from dc:date
    language: str = ""
    kind: str = ""                  # dc:type when it names a kind of source
    description: str = ""
    labels: list[str] | None = None  # one per page, when the PDF defines page labels
    outline: list[dict[str, Any]] = field(default_factory=list)


def pdf_date(raw: str) -> str:
    """`D:20220415093243+02'00'` -> `2022-04-15` (as much of the date as is there and valid)."""
    m = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", raw.strip())
    if not m:
        return ""
    parts = [p for p in m.groups() if p]
    for n in range(len(parts), 0, -1):
        text = "-".join(parts[:n])
        try:
            date_bounds(text)
        except InvalidInput:
            continue
        if text != "0000":
            return text
    return ""


def _xmp_date(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, str):
        text = value.strip()[:10]
        try:
            date_bounds(text)
            return text
        except InvalidInput:
            return pdf_date(value)
    return ""


def _first_text(value: object) -> str:
    """XMP language alternatives arrive as {lang: text}; bags as lists."""
    if isinstance(value, dict):
        value = value.get("x-default") or next(iter(value.values()), "")
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).strip() if value else ""


def read_structure(path: Path, password: str | None, page_count: int,
                   warnings: list[str]) -> PdfStructure:
    """Read what pypdf can; anything it cannot read is a warning in `warnings`."""
    from pypdf import PdfReader  # imported here: only PDF imports pay for it

    out = PdfStructure()
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(password or ""):
            warnings.append("the PDF's metadata could not be decrypted; title and page "
                            "labels were not read")
            return out
        root: Any = reader.trailer["/Root"].get_object()
        _read_xmp(reader, out, warnings)
        if "/PageLabels" in root:
            labels = list(reader.page_labels)
            if len(labels) == page_count:
                out.labels = labels
        if "/Outlines" in root:
            out.outline = _outline(reader, reader.outline, 0, [0])
    except Exception as exc:  # noqa: BLE001 - optional structure; pypdf raises many kinds
        if type(exc).__name__ == "DependencyError":
            warnings.append("the PDF is encrypted with AES, which needs the Python package "
                            "cryptography (pip install cryptography); its page labels, XMP "
                            "metadata and outline were not read")
            return out
        warnings.append(f"the PDF's metadata, page labels or outline could not be read "
                        f"({type(exc).__name__}: {exc})")
    return out


def _read_xmp(reader: Any, out: PdfStructure, warnings: list[str]) -> None:
    try:
        xmp = reader.xmp_metadata
    except Exception as exc:  # noqa: BLE001 - damaged XMP packets are common
        warnings.append(f"the PDF's XMP metadata could not be read ({exc})")
        return
    if xmp is None:
        return
    out.title = _first_text(xmp.dc_title)
    out.creators = [str(c).strip() for c in (xmp.dc_creator or []) if str(c).strip()]
    dates = [d for d in (_xmp_date(v) for v in (xmp.dc_date or [])) if d]
    out.date = dates[0] if dates else ""
    out.language = _first_text(xmp.dc_language)
    out.kind = _first_text(xmp.dc_type).lower()
    out.description = _first_text(xmp.dc_description)


def _outline(reader: Any, items: list[Any], depth: int, seen: list[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if depth > MAX_OUTLINE_DEPTH:
        return out
    for item in items:
        if seen[0] >= MAX_OUTLINE_ENTRIES:
            break
        if isinstance(item, list):
            if out:
                out[-1]["children"] = _outline(reader, item, depth + 1, seen)
            continue
        seen[0] += 1
        try:
            page = reader.get_destination_page_number(item)
        except Exception:  # noqa: BLE001 - a dangling destination keeps its title
            page = None
        out.append({"title": str(getattr(item, "title", "") or ""),
                    "page": None if page is None or page < 0 else page + 1,
                    "children": []})
    return out
