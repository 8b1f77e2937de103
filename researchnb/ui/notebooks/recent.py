"""The notebooks opened lately, newest first, kept in the app's settings with the document
each was showing (so coming back to a notebook opens the page left there)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from ...notebook.core import DB_NAME

RECENT = "recent/notebooks"
KEEP = 10


@dataclass(frozen=True)
class Recent:
    path: Path
    document: str = ""
    page: int = 1

    @property
    def exists(self) -> bool:
        return (self.path / DB_NAME).is_file()      # a folder alone is not a notebook


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def load(settings: QSettings) -> list[Recent]:
    """The remembered notebooks, newest first (a damaged setting is an empty list)."""
    try:
        raw = json.loads(str(settings.value(RECENT, "[]") or "[]"))
        out = []
        for entry in raw:
            if isinstance(entry, dict) and entry.get("path"):
                out.append(Recent(Path(str(entry["path"])), str(entry.get("document") or ""),
                                  int(entry.get("page") or 1)))
        return out[:KEEP]
    except (ValueError, TypeError):
        return []


def _save(settings: QSettings, entries: list[Recent]) -> None:
    settings.setValue(RECENT, json.dumps(
        [{"path": str(e.path), "document": e.document, "page": e.page}
         for e in entries[:KEEP]], ensure_ascii=False))


def find(settings: QSettings, path: Path) -> Recent | None:
    return next((e for e in load(settings) if _same(e.path, path)), None)


def add(settings: QSettings, path: Path, document: str | None = None, page: int = 1) -> None:
    """Put `path` first; `document` (and page) when given is what it was showing."""
    old = find(settings, path)
    entry = Recent(Path(path).expanduser().resolve(),
                   document if document is not None else (old.document if old else ""),
                   page if document is not None else (old.page if old else 1))
    _save(settings, [entry, *(e for e in load(settings) if not _same(e.path, path))])


def note_place(settings: QSettings, path: Path, document: str, page: int) -> None:
    """Keep the document (and page) `path` shows, leaving the list's order as it is."""
    entries = load(settings)
    if not any(_same(e.path, path) for e in entries):
        add(settings, path, document, page)
        return
    _save(settings, [Recent(e.path, document, page) if _same(e.path, path) else e
                     for e in entries])


def remove(settings: QSettings, path: Path) -> None:
    _save(settings, [e for e in load(settings) if not _same(e.path, path)])


def clear(settings: QSettings, keep: Path | None = None) -> None:
    """Forget them all (but the notebook `keep`, the one open)."""
    _save(settings, [e for e in load(settings) if keep is not None and _same(e.path, keep)])
