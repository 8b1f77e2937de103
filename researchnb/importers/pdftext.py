"""Text a PDF says about itself (Info strings, XMP, outline titles): decoding its bytes,
cleaning it, and telling a person's title or name from one a program made up.

Used by pdfmeta.describe, the one place that decides a new source's title and authors.
"""

from __future__ import annotations

import re
from pathlib import PurePath, PurePosixPath, PureWindowsPath

# PDFDocEncoding (PDF 32000-1, Annex D) differs from Latin-1 at these bytes; 0x7F, 0x9F and
# 0xAD are undefined (PDFium reads them as NUL).
_PDFDOC_DIFF = {
    0x18: "\u02d8", 0x19: "\u02c7", 0x1a: "\u02c6", 0x1b: "\u02d9", 0x1c: "\u02dd",
    0x1d: "\u02db", 0x1e: "\u02da", 0x1f: "\u02dc",
    0x80: "\u2022", 0x81: "\u2020", 0x82: "\u2021", 0x83: "\u2026", 0x84: "\u2014",
    0x85: "\u2013", 0x86: "\u0192", 0x87: "\u2044", 0x88: "\u2039", 0x89: "\u203a",
    0x8a: "\u2212", 0x8b: "\u2030", 0x8c: "\u201e", 0x8d: "\u201c", 0x8e: "\u201d",
    0x8f: "\u2018", 0x90: "\u2019", 0x91: "\u201a", 0x92: "\u2122", 0x93: "\ufb01",
    0x94: "\ufb02", 0x95: "\u0141", 0x96: "\u0152", 0x97: "\u0160", 0x98: "\u0178",
    0x99: "\u017d", 0x9a: "\u0131", 0x9b: "\u0142", 0x9c: "\u0153", 0x9d: "\u0161",
    0x9e: "\u017e", 0xa0: "\u20ac",
}
_UNDEFINED = (0x7f, 0x9f, 0xad)
_PDFDOC = [_PDFDOC_DIFF.get(b, "\x00" if b in _UNDEFINED else chr(b)) for b in range(256)]
_FROM_PDFDOC = {ch: b for b, ch in enumerate(_PDFDOC) if ch != "\x00"}

# Control characters (NUL included), noncharacters and stray byte-order marks: never text.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]")


def clean_text(text: str) -> str:
    """One line of text: control characters gone, any run of white space one space."""
    return " ".join(_CONTROL.sub("", text).split())


def decode_text(raw: bytes) -> str:
    """A PDF text string's bytes as text: UTF-16 with its byte-order mark, UTF-8 with its
    mark (PDF 2.0) or without one (many programs write it so), else PDFDocEncoding."""
    if raw[:2] == b"\xfe\xff":
        text = raw[2:].decode("utf-16-be", errors="replace")
    elif raw[:2] == b"\xff\xfe":      # not in the standard, but written by some programs
        text = raw[2:].decode("utf-16-le", errors="replace")
    elif raw[:3] == b"\xef\xbb\xbf":
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = "".join(_PDFDOC[b] for b in raw)
    return clean_text(text)


def repair_pdfium(text: str) -> str:
    """Undo PDFium's reading of UTF-8 bytes as PDFDocEncoding where that can be done.

    PDFium maps the undefined bytes 0x7F, 0x9F and 0xAD to NUL; in UTF-8 Cyrillic 0x9F is
    the commonest of them (П, Я, я…), so a NUL is taken as 0x9F."""
    if not text or all(ord(ch) < 0x80 for ch in text):
        return clean_text(text)
    try:
        raw = bytes(0x9f if ch == "\x00" else _FROM_PDFDOC[ch] for ch in text)
    except KeyError:               # a character PDFDocEncoding has not: it was UTF-16
        return clean_text(text)
    try:
        return clean_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return clean_text(text)


# -- titles and names a program made up -----------------------------------------------------

# "Microsoft Word - minutes.docx": the rest, without its extension, is the document's name.
_OFFICE_PREFIX = re.compile(
    r"^\s*(?:Microsoft\s+(?:Office\s+)?(?:Word|Excel|PowerPoint|Publisher)|"
    r"Word|PowerPoint|Excel|LibreOffice\s+\w+|OpenOffice\s+\w+)\s*[-–—:]\s*", re.IGNORECASE)
# Extensions of files a title may have been copied from.
_FILE_EXTENSIONS = frozenset(
    "pdf doc docx dot dotx odt ott rtf txt tex dvi ps eps xls xlsx ods ppt pptx odp pub "
    "indd qxd qxp htm html xml tif tiff jpg jpeg png bmp gif djvu".split())
_FILE_NAME = re.compile(r"\.([A-Za-z0-9]{2,5})$")
# Names programs give a new file or a scan: untitled, Untitled-1, Binder1, Document1, Scan0001…
_GENERIC = re.compile(
    r"^(?:untitled(?:\s+document)?|unbenannt|sans\s+titre|безымянный|без\s+(?:названия|имени)|"
    r"no\s+title|title|binder|document|doc|new\s+document|новый\s+документ|документ|"
    r"scan|scanned\s+document|scanned\s+image|img|image|dsc|page|slide|presentation|"
    r"book|sheet|print|output|file|temp|tmp)"
    r"(?:[\s_-]*\(?\d*\)?)$", re.IGNORECASE)
# Account and device names that stand where an author should.
_ACCOUNTS = frozenset(
    "administrator admin user owner unknown author windows user pc guest default "
    "scanner root test".split())
_ACCOUNTS_FULL = frozenset(("windows user", "microsoft office user", "valued customer",
                            "authorised user", "authorized user"))


def _extension(title: str) -> str | None:
    m = _FILE_NAME.search(title)
    if not m:
        return None
    ext = m.group(1).lower()
    return ext if ext in _FILE_EXTENSIONS else None


def _stem(title: str) -> str:
    """A file name copied as a title, without folders and extension."""
    name = PureWindowsPath(title).name if "\\" in title else PurePosixPath(title).name
    return clean_text(PurePath(name).stem if _extension(name) else name)


def producer_made(title: str, filename: str) -> str | None:
    """None when `title` looks like a person's title; otherwise what is left of it worth
    keeping ("" when nothing is: the file name is taken then).

    Made-up titles: an office program's "Microsoft Word - NAME.docx" (NAME is kept), a file
    name ("Binder1.pdf", "C:\\\\scans\\\\f1.tif", the PDF's own name), a generic name
    ("untitled", "Untitled-1", "Document1", "Scan0001") and text with no letter or digit.
    """
    m = _OFFICE_PREFIX.match(title)
    if m:
        rest = _stem(title[m.end():])
        return "" if not rest or producer_made(rest, filename) is not None else rest
    if not any(ch.isalnum() for ch in title):
        return ""
    if _extension(title) is not None:
        return ""
    own = PurePath(filename)
    if title.casefold() in (own.name.casefold(), own.stem.casefold()):
        return ""
    if _GENERIC.match(title):
        return ""
    return None


def suspect_author(name: str, *, title_made_up: bool) -> bool:
    """Whether an author entry is a program's doing rather than a person or a body.

    Account and device names always are ("Administrator", "Windows User"); a lone short
    capitalised token ("DSI", "HP") is only when the title was made up too, since real
    corporate authors are abbreviations as often (a title such as "Minutes of the ЦК" by
    "ЦК" stands)."""
    folded = name.casefold().strip()
    if folded in _ACCOUNTS or folded in _ACCOUNTS_FULL:
        return True
    if not any(ch.isalpha() for ch in name):
        return True
    lone_token = len(name.split()) == 1 and len(name) <= 5 and name.isupper()
    return lone_token and title_made_up
