"""Bounds on what one PDF page may cost before PDFium is allowed to read it.

PDFium inflates a page's content stream whole before parsing it, so a 1 MB file whose page
stream is a gigabyte of spaces costs gigabytes of memory (deflate compresses a run 1000 to 1).
Before a page is handed to PDFium, its content streams, and the form XObjects and tiling
patterns it draws (recursively), are measured with pypdf: each Flate stream is inflated in
pieces of a megabyte, counting and discarding, and measuring stops as soon as the page is over
MAX_PAGE_CONTENT_BYTES. Images are not inflated here (text extraction never decodes them);
their declared size is checked against MAX_IMAGE_PIXELS, since the viewer and OCR render them.
An over-large page refuses the file with a message naming the page.

When pypdf cannot read the file's page tree at all, a page cannot be measured; the file is
then measured stream by stream from its bytes (any stream over MAX_STREAM_BYTES refuses it).
"""

from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path
from typing import Any

from ..domain import ImportFailed

MB = 1 << 20
# The decoded content streams of one page (forms and patterns included). Real pages stay
# far below it: a dense vector map is a few megabytes.
MAX_PAGE_CONTENT_BYTES = 64 * MB
# The pixels of one image on a page (a 600-dpi scan of an A1 sheet has about 180 million).
MAX_IMAGE_PIXELS = 250_000_000
# Any one stream, when the pages cannot be told apart (the fallback scan of the bytes).
MAX_STREAM_BYTES = 256 * MB
# How deep forms inside forms are followed (cycles are cut by the seen set as well).
MAX_DEPTH = 12
_PIECE = MB


class PageTooLarge(ImportFailed):
    """A page of the PDF would cost more memory than researchnb lets one page cost."""


def inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes `raw` inflates to, or the first count over `limit` (then it stops).
    Never holds more than a megabyte of output. A damaged stream counts what inflated."""
    d = zlib.decompressobj(zlib.MAX_WBITS | 32)    # zlib or gzip header, as PDFium accepts
    total = 0
    view = memoryview(raw)
    pos = 0
    try:
        while pos < len(view) or d.unconsumed_tail:
            if d.unconsumed_tail:
                data = d.unconsumed_tail
            else:
                data = bytes(view[pos:pos + _PIECE])
                pos += _PIECE
            total += len(d.decompress(data, _PIECE))
            if total > limit or d.eof:
                break
    except zlib.error:
        pass
    return total


def _filters(stream: Any) -> list[str]:
    value = stream.get("/Filter")
    if value is None:
        return []
    value = value.get_object()
    items = value if isinstance(value, list) else [value]
    return [str(item.get_object() if hasattr(item, "get_object") else item) for item in items]


def stream_size(stream: Any, limit: int) -> int:
    """The decoded size of one pypdf stream object, counted up to a little past `limit`."""
    filters = _filters(stream)
    raw = stream._data if isinstance(getattr(stream, "_data", None), bytes) else b""
    if not filters:
        return len(raw)
    if filters in (["/FlateDecode"], ["/Fl"]):
        return inflated_size(raw, limit)
    try:
        # Other filters: pypdf's own decoders, which stop at their output limits.
        return len(stream.get_data())
    except Exception as exc:  # noqa: BLE001 - pypdf's LimitReachedError and damage alike
        return limit + 1 if "limit" in type(exc).__name__.lower() else 0


class PageMeter:
    """Measures pages of one PDF with pypdf, one page at a time (see the module docstring)."""

    def __init__(self, path: Path, password: str | None) -> None:
        self.path = path
        self.reader: Any = None
        self.pages: list[Any] = []
        try:
            from pypdf import PdfReader
            reader = PdfReader(path, strict=False)
            if reader.is_encrypted and not reader.decrypt(password or ""):
                return          # PDFium says what is wrong with the password
            self.pages = list(reader.pages)
            self.reader = reader
        except Exception:  # noqa: BLE001 - pypdf cannot read it: measure the bytes instead
            check_streams(path)

    def check(self, index: int) -> None:
        """Refuse the file (PageTooLarge) when page `index` (from 0) is over a bound."""
        if self.reader is None or index >= len(self.pages):
            return
        try:
            page = self.pages[index]
            total = [0]
            contents = page.get("/Contents")
            for stream in _stream_list(contents):
                self._add(stream, total, index)
            self._resources(page.get("/Resources"), total, index, 0, set())
        except PageTooLarge:
            raise
        except Exception:  # noqa: BLE001 - a damaged page: PDFium reads what it can
            return

    def _add(self, stream: Any, total: list[int], index: int) -> None:
        total[0] += stream_size(stream, MAX_PAGE_CONTENT_BYTES - total[0])
        if total[0] > MAX_PAGE_CONTENT_BYTES:
            raise PageTooLarge(
                f"Page {index + 1} of {self.path.name} is drawn by more than "
                f"{MAX_PAGE_CONTENT_BYTES // MB} MB of instructions once decompressed (a tiny "
                "file can unpack to gigabytes), more than researchnb reads for one page; "
                "nothing was imported. If the file is genuine, print it to a new PDF and "
                "import that.")

    def _resources(self, resources: Any, total: list[int], index: int, depth: int,
                   seen: set[int]) -> None:
        if resources is None or depth > MAX_DEPTH:
            return
        resources = resources.get_object()
        for group in ("/XObject", "/Pattern"):
            entries = resources.get(group)
            if entries is None:
                continue
            for ref in entries.get_object().values():
                ident = getattr(ref, "idnum", None)
                if ident is not None:
                    if ident in seen:
                        continue
                    seen.add(ident)
                obj = ref.get_object()
                self._object(obj, group, total, index, depth, seen)

    def _object(self, obj: Any, group: str, total: list[int], index: int, depth: int,
                seen: set[int]) -> None:
        subtype = str(obj.get("/Subtype", ""))
        if group == "/XObject" and subtype == "/Image":
            width, height = int(obj.get("/Width", 0) or 0), int(obj.get("/Height", 0) or 0)
            if width * height > MAX_IMAGE_PIXELS:
                raise PageTooLarge(
                    f"Page {index + 1} of {self.path.name} holds an image of {width:,} × "
                    f"{height:,} pixels, more than researchnb opens "
                    f"({MAX_IMAGE_PIXELS // 1_000_000} million); nothing was imported.")
            return
        is_form = group == "/XObject" and subtype == "/Form"
        is_tiling = group == "/Pattern" and int(obj.get("/PatternType", 0) or 0) == 1
        if (is_form or is_tiling) and hasattr(obj, "get_data"):
            self._add(obj, total, index)
            self._resources(obj.get("/Resources"), total, index, depth + 1, seen)


def _stream_list(contents: Any) -> list[Any]:
    if contents is None:
        return []
    contents = contents.get_object()
    if isinstance(contents, list):
        return [c.get_object() for c in contents]
    return [contents]


_STREAM = re.compile(rb"stream\r?\n")


def check_streams(path: Path) -> None:
    """The fallback: inflate every stream found in the file's bytes, up to MAX_STREAM_BYTES."""
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            for found in _STREAM.finditer(data):    # type: ignore[call-overload]
                start = found.end()
                end = data.find(b"endstream", start)
                raw = data[start:end if end >= 0 else len(data)]
                if inflated_size(raw, MAX_STREAM_BYTES) > MAX_STREAM_BYTES:
                    raise PageTooLarge(
                        f"{path.name} holds a stream of more than {MAX_STREAM_BYTES // MB} "
                        "MB once decompressed (a tiny file can unpack to gigabytes), more "
                        "than researchnb reads; nothing was imported.")
    except (OSError, ValueError):
        return
