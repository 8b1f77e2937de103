"""Plain-text and Markdown transcriptions, in whatever encoding the machine that typed them used.

The text is kept exactly as written except for three things a reader cannot see: line endings
become \\n, Unicode is normalised to NFC (so `й` typed two ways matches itself), and bytes that
are not text in the detected encoding become U+FFFD with a warning. A long text is cut into
pages on paragraph boundaries, so search hits point to a readable stretch; the pages joined
together give the whole text back.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from ..domain import Document, ImportFailed, Page, Source
from ..progress import Progress
from .document import DocumentImport, Original, document_status

# Aim for pages of about this many characters (a typed page holds ~1,800-3,000).
PAGE_CHARS = 3000
# Never cut a page longer than this many characters if a paragraph break can be found.
MAX_PAGE_CHARS = 6000

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# How much of a file the UTF-16-without-BOM test looks at.
_SNIFF_BYTES = 1 << 16


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Bytes -> (text, encoding name, warnings). Refuses data that is not text at all."""
    warnings: list[str] = []
    encoding = _detect(data)
    if encoding is None:
        raise ImportFailed(f"{name} does not look like text in any encoding researchnb knows "
                           "(is it a binary file with a text extension?).")
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - data.decode(encoding, errors="ignore").count("\ufffd")
    if bad:
        warnings.append(f"{bad} invalid byte sequence(s) in {name} were replaced by \ufffd "
                        f"(read as {encoding})")
    nuls = text.count("\x00")
    if nuls > max(2, len(text) // 100):
        raise ImportFailed(f"{name} is full of NUL characters, so it is not a text file; "
                           "nothing was imported.")
    if nuls:
        # A stray NUL (a damaged transfer) must not cost the whole transcription.
        text = text.replace("\x00", "\ufffd")
        warnings.append(f"{nuls} NUL character(s) in {name} were replaced by \ufffd")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), encoding, warnings


def _detect(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        return "utf-8"
    best = from_bytes(data).best()
    return None if best is None else best.encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be for UTF-16 text saved without a byte-order mark, else None.

    Such text is full of NUL bytes (the high byte of every space, digit and Latin letter),
    which would otherwise have it refused as binary. It is recognised by what decodes: text in
    one of the two byte orders has almost no control characters, while a binary file with NULs
    (numbers, pointers, padding) decodes to control characters or unassigned code points in
    both. charset-normalizer is asked when neither byte order looks right by that test alone.
    """
    sample = data[:_SNIFF_BYTES]
    if b"\x00" not in sample or len(sample) < 4:
        return None
    sample = sample[:len(sample) - len(sample) % 2]
    for encoding, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        highs = sample[high::2]
        # Spaces, digits, punctuation and line ends have a NUL high byte in any script.
        if highs.count(0) * 10 >= len(highs) and _looks_like_text(sample.decode(
                encoding, errors="replace")):
            return encoding
    best = from_bytes(sample).best()
    guess = best.encoding.replace("_", "-") if best is not None else ""
    if guess in ("utf-16-le", "utf-16-be") and _looks_like_text(
            sample.decode(guess, errors="replace")):
        return guess
    return None


def _looks_like_text(text: str) -> bool:
    """Almost no NULs, other control characters, unassigned or private-use code points."""
    if not text:
        return False
    bad = sum(1 for ch in text if ch not in "\t\n\r\f"
              and unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    bad += text.count("\ufffd")
    return bad * 100 <= len(text) and any(ch.isalpha() for ch in text)


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 with a few damaged sequences, rather than a single-byte Cyrillic encoding.

    In windows-1251 or KOI8-R text almost no byte pair forms a valid UTF-8 sequence, while a
    damaged UTF-8 file still has many: at least one valid multi-byte character for every ten
    errors means UTF-8 (Markus Kuhn's decoder stress test has one for every five).
    """
    decoded = data.decode("utf-8", errors="replace")
    errors = decoded.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in decoded if ord(ch) > 0x7F and ch != "\ufffd")
    return multibyte > 0 and multibyte * 10 >= errors


def split_pages(text: str, target: int = PAGE_CHARS) -> list[str]:
    """Cut text into pages of about `target` characters at paragraph (else line) breaks.

    Every character stays on exactly one page, so "".join(pages) == text. Blank lines at the
    end stay on the last page: no page is only whitespace.
    """
    end = len(text.rstrip())          # no cut at or after this: it would leave a blank page
    if end <= target * 1.5:
        return [text]
    pages: list[str] = []
    start = 0
    while end - start > target * 1.5:
        cut = _cut_point(text, start, target, end)
        pages.append(text[start:cut])
        start = cut
    pages.append(text[start:])
    return pages


def _cut_point(text: str, start: int, target: int, end: int) -> int:
    window_end = min(end, start + MAX_PAGE_CHARS)
    for pattern in (r"\n[ \t]*\n+", r"\n"):
        best = None
        for m in re.finditer(pattern, text[start + target // 3:window_end]):
            cut = start + target // 3 + m.end()
            if best is None or abs(cut - start - target) < abs(best - start - target):
                best = cut
        if best is not None:
            return best
    space = text.rfind(" ", start + target // 2, start + target)
    return space + 1 if space > start else start + target


def _title(text: str, markdown: bool, fallback: str) -> str:
    if markdown:
        m = re.search(r"^#{1,6}[ \t]+(.+?)[ \t#]*$", text, re.MULTILINE)
        if m:
            return m.group(1).strip()
    return fallback


def read(path: Path, media_type: str, progress: Progress) -> DocumentImport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"{path.name} cannot be read: {exc.strerror}.") from exc
    if not data:
        raise ImportFailed(f"{path.name} is empty (0 bytes); nothing was imported.")
    if not data.strip():
        raise ImportFailed(f"{path.name} holds only blank lines and spaces; nothing was "
                           "imported.")
    text, encoding, warnings = decode(data, path.name)
    pages = []
    for i, chunk in enumerate(split_pages(text), start=1):
        progress.step(label=f"{path.name}: page {i}")
        pages.append(Page(number=i, text=chunk, text_origin="extracted"))
    markdown = media_type == "text/markdown"
    doc = Document(filename=path.name, media_type=media_type, size=len(data), pages=pages,
                   status=document_status([p.text for p in pages]),
                   import_report={"encoding": encoding, "warnings": warnings})
    source = Source(kind="other", title=_title(text, markdown, path.stem))
    return DocumentImport(doc, [Original(path, media_type)], source, warnings)
