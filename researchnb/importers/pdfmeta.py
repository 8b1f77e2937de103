"""What a PDF says about itself, read with pypdf: the Info dictionary, XMP (Dublin Core),
page labels, outline; and the one rule for which of its title and authors to believe
(`describe`, with the text rules in pdftext.py).

None of it is needed to read the pages, so a structure pypdf cannot parse costs a warning, not
the import. The Info dictionary is read from its raw bytes (pypdf), because PDFium decodes
UTF-8 bytes as PDFDocEncoding and turns three of them into NUL; PDFium's decoding is used,
repaired as far as it can be, only when pypdf cannot read the dictionary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..dates import date_bounds
from ..domain import InvalidInput
from .pdftext import clean_text, decode_text, producer_made, repair_pdfium, suspect_author

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
    info: dict[str, str] | None = None   # the Info dictionary, decoded; None when unread


@dataclass(frozen=True)
class Described:
    """The title and authors a new source takes from a PDF, and which were set aside."""
    title: str
    authors: list[str]
    ignored: list[str] = field(default_factory=list)   # for the import report


def info_of(structure: PdfStructure, pdfium_info: dict[str, str]) -> dict[str, str]:
    """The Info dictionary as pypdf read it from its bytes, else PDFium's reading repaired."""
    if structure.info is not None:
        return structure.info
    repaired = {k: repair_pdfium(v) for k, v in pdfium_info.items()}
    return {k: v for k, v in repaired.items() if v}


def describe(structure: PdfStructure, info: dict[str, str], filename: str) -> Described:
    """The one rule for what a PDF's own metadata may say about its source.

    Title: XMP dc:title, else the Info title, skipping any a program made up rather than a
    person ("Binder1.pdf", "untitled", "Microsoft Word - minutes.docx" becomes "minutes");
    failing all, the file's name without its extension. Authors: XMP dc:creator, else the
    Info author, leaving out account and device names ("Administrator", "Windows User") and,
    when the title too was made up, a lone short capitalised token ("DSI").
    """
    ignored: list[str] = []
    title, made_up = "", False
    for candidate in (structure.title, info.get("Title", "")):
        candidate = clean_text(candidate)
        if not candidate:
            continue
        kept = producer_made(candidate, filename)
        if kept is None:
            title = candidate
            break
        made_up = True
        ignored.append(f"title {candidate!r}")
        if kept:
            title = kept
            break
    if not title:
        title = clean_text(Path(filename).stem) or filename
    names = [clean_text(c) for c in structure.creators] or \
        ([clean_text(info["Author"])] if info.get("Author") else [])
    authors = []
    for name in (n for n in names if n):
        if suspect_author(name, title_made_up=made_up):
            ignored.append(f"author {name!r}")
        else:
            authors.append(name)
    return Described(title, authors, ignored)


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
        out.info = _read_info(reader)
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


def _read_info(reader: Any) -> dict[str, str] | None:
    """The Info dictionary's text entries, decoded from their bytes (None when unreadable)."""
    try:
        info = reader.trailer.get("/Info")
        info = info.get_object() if info is not None else None
        if info is None:
            return {}
        out: dict[str, str] = {}
        for key, value in info.items():
            value = value.get_object()
            # pypdf hands text strings as str (keeping the bytes they were read from) and
            # strings it could not decode as bytes.
            if isinstance(value, bytes):
                text = decode_text(bytes(value))
            elif isinstance(value, str):
                raw = getattr(value, "original_bytes", None)
                text = decode_text(raw) if isinstance(raw, bytes) else clean_text(value)
            else:
                continue
            if text:
                out[str(key).lstrip("/")] = text
        return out
    except Exception:  # noqa: BLE001 - PDFium's reading of the dictionary is the fallback
        return None


def _read_xmp(reader: Any, out: PdfStructure, warnings: list[str]) -> None:
    try:
        xmp = reader.xmp_metadata
    except Exception as exc:  # noqa: BLE001 - damaged XMP packets are common
        warnings.append(f"the PDF's XMP metadata could not be read ({exc})")
        return
    if xmp is None:
        return
    out.title = clean_text(_first_text(xmp.dc_title))
    out.creators = [clean_text(str(c)) for c in (xmp.dc_creator or []) if clean_text(str(c))]
    dates = [d for d in (_xmp_date(v) for v in (xmp.dc_date or [])) if d]
    out.date = dates[0] if dates else ""
    out.language = _first_text(xmp.dc_language)
    out.kind = _first_text(xmp.dc_type).lower()
    out.description = clean_text(_first_text(xmp.dc_description))


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
        out.append({"title": clean_text(str(getattr(item, "title", "") or "")),
                    "page": None if page is None or page < 0 else page + 1,
                    "children": []})
    return out
