"""The demo notebook: the material of resources/demo/ (fictional 1920s cell papers) in a
notebook of its own, in the user data folder beside the default notebook.

The demo never goes into a historian's own notebook. It is built in a folder beside its
place and moved there only when whole, so a failure or Cancel leaves nothing half-made,
and once it exists opening it again just opens it (demo_window.py shows it). Only Notebook
methods fill it, so the demo goes through exactly the code paths a historian's own work does.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...cli.common import default_notebook_path
from ...domain import Creator, Source, UserError
from ...notebook import Notebook
from ...notebook.core import DB_NAME
from ...progress import Progress
from ...resources_path import package_data_dir

_SOURCE_FIELDS = {"kind", "title", "date", "language", "archive", "archive_abbr",
                  "archive_place", "fond", "fond_title", "opis", "delo", "folio", "genre",
                  "publisher", "place", "citekey"}


DEMO_FOLDER = "Demo Notebook.rnb"


def demo_dir() -> Path:
    return package_data_dir("resources") / "demo"


def demo_notebook_path() -> Path:
    """Where the demo notebook lives: the user data folder, beside the default notebook."""
    return default_notebook_path().parent / DEMO_FOLDER


def demo_exists(path: Path) -> bool:
    return (path / DB_NAME).is_file()


def make_demo_notebook(path: Path, progress: Progress | None = None) -> bool:
    """Make the demo notebook at `path` unless it is there already; whether it was made.

    It is built in `<path>.part` and renamed into place once whole: a failure or Cancel
    removes the half-made folder, and the next attempt starts afresh.
    """
    if demo_exists(path):
        return False
    if path.exists() and any(path.iterdir()):
        raise UserError(QCoreApplication.translate(
            "demo", "There is a folder at %1 that is not the demo notebook; move it away "
            "to open the demo.").replace("%1", str(path)))
    part = path.with_name(path.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    nb = Notebook.create(part)
    try:
        load_demo(nb, progress)
    except BaseException:
        nb.close()
        shutil.rmtree(part, ignore_errors=True)
        raise
    nb.close()
    if path.exists():
        path.rmdir()            # an empty folder (checked above)
    part.rename(path)
    return True


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
