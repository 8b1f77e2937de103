"""import FILE|FOLDER... : bring documents and reference files into the notebook."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ..domain import InvalidInput
from ..importers.result import ImportResult
from .common import Context, Output, command, wrote

# The password of encrypted PDFs, for scripts: unlike --password, not in the process list.
ENV_PASSWORD = "RESEARCHNB_PDF_PASSWORD"


def register(sub: Any) -> None:
    p = command(sub, "import", "import PDFs, photos and scans (PNG, JPEG, TIFF), text and "
                               "Markdown transcriptions, BibTeX and CSL-JSON; a folder imports "
                               "everything it holds")
    p.add_argument("paths", nargs="+", metavar="FILE", help="files or folders to import")
    p.add_argument("--source", metavar="KEY",
                   help="put the documents under this source (default: a new source per file)")
    pw = p.add_mutually_exclusive_group()
    pw.add_argument("--password-file", metavar="FILE",
                    help="read the password of encrypted PDFs from the first line of FILE "
                         f"(or set {ENV_PASSWORD}; on a terminal you are asked for it)")
    pw.add_argument("--password", metavar="PW",
                    help="password of encrypted PDFs, typed on the command line: other users "
                         "of the computer can read it in the process list; prefer "
                         "--password-file")
    p.add_argument("--ocr", action="store_true",
                   help="read pages without text (photos, scans) with tesseract")
    p.add_argument("--lang", default="rus+eng", metavar="LANGS",
                   help="OCR languages, tesseract codes joined by + (default: rus+eng)")
    p.add_argument("--one-document", action="store_true",
                   help="make the given images (or a folder's) the pages of one document, "
                        "in natural file-name order (IMG_2 before IMG_10)")
    p.set_defaults(func=run_import)


def run_import(args: argparse.Namespace, ctx: Context) -> Output:
    password = pdf_password(args)
    nb = ctx.notebook()
    changes = nb.documents.import_files(
        args.paths, source_key=args.source, password=password, ocr=args.ocr,
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


def pdf_password(args: argparse.Namespace) -> str | None:
    """The password for encrypted PDFs: --password, else --password-file, else the
    RESEARCHNB_PDF_PASSWORD variable, else (on a terminal, without --json, and only when a
    PDF to import asks for one) typed at a prompt that does not echo it."""
    if args.password is not None:
        return str(args.password)
    if args.password_file is not None:
        return read_password_file(args.password_file)
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env:
        return from_env
    if getattr(args, "json", False) or not sys.stdin.isatty():
        return None
    locked = locked_pdfs([Path(p) for p in args.paths])
    if not locked:
        return None
    import getpass
    more = f" (and {len(locked) - 1} more PDF(s))" if len(locked) > 1 else ""
    try:
        typed = getpass.getpass(f"Password for {locked[0].name}{more}: ")
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return None
    return typed or None


def read_password_file(name: str) -> str:
    """The first line of the file, without its line end (the rest of the file is ignored)."""
    path = Path(name).expanduser()
    try:
        with path.open("rb") as fh:
            first = fh.readline(65536)
    except OSError as exc:
        raise InvalidInput(f"The password file {name} cannot be read ({exc.strerror or exc}); "
                           "nothing was imported.") from exc
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"The password file {name} is not UTF-8 text; nothing was "
                           "imported.") from exc
    line = line.removesuffix("\n").removesuffix("\r")
    if not line:
        raise InvalidInput(f"The password file {name} has no password on its first line; "
                           "nothing was imported.")
    return line


def locked_pdfs(paths: list[Path]) -> list[Path]:
    """The PDFs among `paths` (folders walked) that cannot be opened without a password."""
    from ..importers.kinds import PDF
    from ..importers.pdf import needs_password
    from ..importers.plan import make_plan

    plan = make_plan(paths)
    return [job.originals[0].path for job in plan.jobs
            if job.kind == PDF and needs_password(job.originals[0].path)]


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
