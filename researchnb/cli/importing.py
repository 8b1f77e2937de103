"""import FILE|FOLDER... : bring documents and reference files into the notebook."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..importers.result import ImportResult
from .common import Context, Output, command, wrote


def register(sub: Any) -> None:
    p = command(sub, "import", "import PDFs, photos and scans (PNG, JPEG, TIFF), text and "
                               "Markdown transcriptions, BibTeX and CSL-JSON; a folder imports "
                               "everything it holds")
    p.add_argument("paths", nargs="+", metavar="FILE", help="files or folders to import")
    p.add_argument("--source", metavar="KEY",
                   help="put the documents under this source (default: a new source per file)")
    p.add_argument("--password", metavar="PW", help="password of an encrypted PDF")
    p.add_argument("--ocr", action="store_true",
                   help="read pages without text (photos, scans) with tesseract")
    p.add_argument("--lang", default="rus+eng", metavar="LANGS",
                   help="OCR languages, tesseract codes joined by + (default: rus+eng)")
    p.add_argument("--one-document", action="store_true",
                   help="make the given images (or a folder's) the pages of one document, "
                        "in natural file-name order (IMG_2 before IMG_10)")
    p.set_defaults(func=run_import)


def run_import(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    changes = nb.documents.import_files(
        args.paths, source_key=args.source, password=args.password, ocr=args.ocr,
        lang=args.lang, one_document=args.one_document, progress=ctx.progress("Importing"))
    result = changes.value
    code = exit_code(result)
    as_json = getattr(args, "json", False)
    if not as_json:
        for f in result.failed:
            where = f" (line {f.line})" if f.line else ""
            print(f"researchnb: failed: {f.file}{where}: {f.error}", file=sys.stderr)
    elif code == 1:
        print(f"researchnb: nothing was imported; {len(result.failed)} file(s) failed "
              "(see the JSON output).", file=sys.stderr)
    return wrote(changes, result.to_json(), summary(result), exit_code=code)


def exit_code(result: ImportResult) -> int:
    """0 all done, 1 nothing imported because everything failed, 3 some failed."""
    if not result.failed:
        return 0
    return 3 if result.imported else 1


def summary(result: ImportResult) -> str:
    lines = []
    for i in result.imported:
        if i.document:
            status = "" if i.status == "ok" else {
                "needs_ocr": ", no text yet: run OCR or transcribe",
                "partial_text": ", some pages without text"}.get(i.status, f", {i.status}")
            lines.append(f"imported {i.file} -> document {i.document} ({i.pages} pages, "
                         f"source {i.source}{status})")
        else:
            lines.append(f"imported {i.file} -> {len(i.sources)} source(s)")
        lines.extend(f"  warning: {w}" for w in i.warnings)
    for s in result.skipped:
        lines.append(f"skipped {s.file}: {s.reason}")
    if result.cancelled:
        lines.append("Stopped: the file being imported was left out; the ones before it are "
                     "saved.")
    lines.append(f"{len(result.imported)} imported, {len(result.skipped)} skipped, "
                 f"{len(result.failed)} failed.")
    return "\n".join(lines)
