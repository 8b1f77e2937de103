"""Fill a notebook with the demo material of resources/demo/ (fictional 1920s cell papers).

Runs on the runner's writer thread with the writable Notebook; only Notebook methods are used,
so the demo goes through exactly the code paths a historian's own work does.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...domain import Creator, Source
from ...notebook import Notebook
from ...progress import Progress
from ...resources_path import package_data_dir

_SOURCE_FIELDS = {"kind", "title", "date", "language", "archive", "archive_abbr",
                  "archive_place", "fond", "fond_title", "opis", "delo", "folio", "genre",
                  "publisher", "place", "citekey"}


def demo_dir() -> Path:
    return package_data_dir("resources") / "demo"


def load_demo(nb: Notebook, progress: Progress | None = None) -> str:
    """Make the demo's sources, documents, excerpts and notes; returns the first document."""
    folder = demo_dir()
    spec: dict[str, Any] = json.loads((folder / "demo.json").read_text(encoding="utf-8"))
    progress = progress or Progress()
    progress.start(len(spec["sources"]) + len(spec["documents"]) + len(spec["excerpts"])
                   + len(spec["notes"]),
                   QCoreApplication.translate("MainWindow", "Making the demo notebook"))
    keys: dict[str, str] = {}

    for item in spec["sources"]:
        fields = {k: v for k, v in item.items() if k in _SOURCE_FIELDS}
        creators = [Creator(**c) for c in item.get("creators", [])]
        src = nb.sources.add(Source(creators=creators, **fields)).value
        keys[f"src:{item['id']}"] = src.key
        keys[f"cite:{item['id']}"] = src.citekey or src.key
        if item.get("tags"):
            nb.tags.add(src.key, item["tags"])
        progress.step(label=src.title)

    first = ""
    for item in spec["documents"]:
        result = nb.documents.import_files([folder / item["file"]],
                                 source_key=keys[f"src:{item['source']}"]).value
        if not result.imported:
            reasons = [f.error for f in result.failed] + [s.reason for s in result.skipped]
            raise RuntimeError(f"the demo file {item['file']} was not imported: {reasons}")
        doc = result.imported[0].document or ""
        keys[f"doc:{item['id']}"] = doc
        first = first or doc
        if item.get("transcription"):
            text = (folder / item["transcription"]).read_text(encoding="utf-8")
            nb.pages.set_text(doc, 1, text.strip() + "\n", origin="transcribed")
        progress.step(label=item["file"])

    for item in spec["excerpts"]:
        kw: dict[str, Any] = {k: item[k] for k in ("kind", "comment", "translation", "tags")
                              if k in item}
        doc = keys[f"doc:{item['document']}"]
        if "region" in item:
            ex = nb.excerpts.add(doc, item["page"], region=item["region"], quote=item["quote"],
                                **kw).value
        else:
            ex = nb.excerpts.add(doc, item["page"], quote=item["quote"], **kw).value
        keys[f"ex:{item['id']}"] = ex.key
        progress.step()

    # Notes that link to notes are made after them: a note's links resolve when it is saved.
    for item in spec["notes"]:
        note = nb.notes.add(item["title"], _fill(item["body"], keys),
                            tags=item.get("tags", [])).value
        keys[f"note:{item['id']}"] = note.key
        progress.step(label=item["title"])
    return first


def _fill(body: str, keys: dict[str, str]) -> str:
    """Put keys (and citekeys) for the demo's symbolic `{kind:id}` names."""
    def repl(m: re.Match[str]) -> str:
        kind = m.group(1).partition(":")[0]
        key = keys[m.group(1)]
        return key if kind == "cite" else f"{kind}:{key}"
    return re.sub(r"\{((?:ex|src|note|cite):[a-z_]+)\}", repl, body)
