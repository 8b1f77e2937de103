"""What kind of file is this, and which files does a folder hold, in the order a reader expects.

The extension says what the user believes the file is; the first bytes say what it really is.
Both are looked at, so a JPEG saved as `.pdf` is still recognised and a text file called
`scan.png` is refused with a clear message instead of a library error.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from pathlib import Path

PDF, IMAGE, TEXT, MARKDOWN = "pdf", "image", "text", "markdown"
BIBTEX, CSLJSON = "bibtex", "csljson"

_BY_SUFFIX = {
    ".pdf": (PDF, "application/pdf"),
    ".png": (IMAGE, "image/png"),
    ".jpg": (IMAGE, "image/jpeg"),
    ".jpeg": (IMAGE, "image/jpeg"),
    ".tif": (IMAGE, "image/tiff"),
    ".tiff": (IMAGE, "image/tiff"),
    ".txt": (TEXT, "text/plain"),
    ".text": (TEXT, "text/plain"),
    ".md": (MARKDOWN, "text/markdown"),
    ".markdown": (MARKDOWN, "text/markdown"),
    ".bib": (BIBTEX, "application/x-bibtex"),
    ".json": (CSLJSON, "application/vnd.citationstyles.csl+json"),
}

_MAGIC = (
    (b"%PDF-", PDF, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", IMAGE, "image/png"),
    (b"\xff\xd8\xff", IMAGE, "image/jpeg"),
    (b"II*\x00", IMAGE, "image/tiff"),
    (b"MM\x00*", IMAGE, "image/tiff"),
)

# Files a folder may hold that nobody means to import; passed over without a word.
_IGNORED_NAMES = {"thumbs.db", "desktop.ini"}


@dataclass(frozen=True)
class FileKind:
    kind: str            # one of the constants above
    media_type: str


def suffixes(*kinds: str) -> list[str]:
    """The file name endings (`.pdf`, `.bib`…) researchnb imports as these kinds."""
    return [suffix for suffix, (kind, _media) in _BY_SUFFIX.items() if kind in kinds]


def _sniff(head: bytes) -> FileKind | None:
    for magic, kind, media in _MAGIC:
        if head.startswith(magic):
            return FileKind(kind, media)
    # PDF readers accept a header a little way into the file (after a mail header, say).
    if b"%PDF-" in head[:1024]:
        return FileKind(PDF, "application/pdf")
    return None


def detect(path: Path) -> FileKind | None:
    """The kind of file at `path`, or None when researchnb does not import such files.

    A recognisable binary signature wins over the extension; an empty file keeps the kind its
    extension gives, so the importer can say it is empty.
    """
    by_suffix = _BY_SUFFIX.get(path.suffix.lower())
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError:
        head = b""
    sniffed = _sniff(head)
    if sniffed is not None:
        return sniffed
    if by_suffix is None:
        return None
    # A `.pdf` or `.png` without its signature keeps that kind, so its reader can say what
    # is wrong with it (empty, damaged) in the user's terms.
    return FileKind(*by_suffix)


def not_a_file(path: Path) -> str | None:
    """What `path` is when it exists but is not a regular file (a named pipe, a socket, a
    device), else None. Such a path is never opened: reading a FIFO waits for a writer
    forever, and a device such as /dev/zero never ends."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def natural_key(name: str) -> list[object]:
    """Sort key putting IMG_2 before IMG_10 (digits compared as numbers, case ignored)."""
    return [int(part) if part.isdigit() else part.casefold()
            for part in re.split(r"(\d+)", name)]


def is_ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name.lower() in _IGNORED_NAMES


def expand(paths: list[Path]) -> list[tuple[Path, bool]]:
    """Every file to import, with whether the user named it (True) or a folder held it.

    Folders are walked recursively in natural order; hidden files and folders are left out.
    A named path that does not exist is kept, so the import can report it as failed.
    """
    out: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            out.extend((p, False) for p in _walk(path, set()))
        else:
            out.append((path, True))
    return out


def _walk(folder: Path, seen: set[Path]) -> list[Path]:
    try:
        real = folder.resolve()
        if real in seen:            # a symbolic link back up the tree
            return []
        seen.add(real)
        entries = sorted(folder.iterdir(), key=lambda p: natural_key(p.name))
    except (OSError, RuntimeError):
        return []
    files: list[Path] = []
    for entry in entries:
        if is_ignored(entry):
            continue
        if entry.is_dir():
            files.extend(_walk(entry, seen))
        elif entry.is_file() or not_a_file(entry):
            files.append(entry)     # a pipe or device is kept, so the import can skip it aloud
    return files
