"""export FORMAT [-o FILE] [--sources KEY...] [--tag T] [--cited-in NOTE_KEY].

FORMATS is the table of what `export` can write: a format is one line here, naming its help
text and a handler `(args, ctx) -> Output`. Reference formats share `run_references`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from ..citations import WRITERS
from ..domain import UserError
from .archive import run_export_archive
from .common import Context, Output, command
from .notes import run_export_markdown


class ExportFormat(NamedTuple):
    help: str
    run: Callable[[argparse.Namespace, Context], Output]


def run_references(args: argparse.Namespace, ctx: Context) -> Output:
    """BibTeX, BibLaTeX, CSL-JSON or RIS of the chosen sources, sorted by citekey."""
    nb = ctx.notebook()
    chosen = nb.citations.select(sources=args.sources, tag=args.tag, cited_in=args.cited_in)
    text = WRITERS[args.format](chosen)
    data: dict[str, Any] = {"format": args.format, "sources": len(chosen)}
    if args.cited_in and nb.citations.cited_in_is_private(args.cited_in):
        data["private_left_out"] = 1
        print("researchnb: 1 private note left out of the export: a private note's citations "
              "are not shared (make it shared to export them).", file=sys.stderr)
    if args.output:
        data["file"] = str(write_file(Path(args.output), text))
        return Output(data, f"Wrote {len(chosen)} sources to {data['file']}.")
    if getattr(args, "json", False):
        data["text"] = text
        return Output(data)
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return Output(data)


FORMATS: dict[str, ExportFormat] = {
    "bibtex": ExportFormat("BibTeX (.bib) for classic BibTeX styles", run_references),
    "biblatex": ExportFormat("BibLaTeX (.bib) for biber, archival fields kept", run_references),
    "csl-json": ExportFormat("CSL-JSON for Zotero, Pandoc and citeproc", run_references),
    "ris": ExportFormat("RIS for EndNote, Citavi and Zotero", run_references),
    "markdown": ExportFormat("the shared (non-private) notes as a folder of Markdown files "
                             "with references.bib/.json, for pandoc (-o DIR)",
                             run_export_markdown),
    "archive": ExportFormat("the whole notebook, lossless, as a zip (-o FILE.zip)",
                            run_export_archive),
}


def write_file(target: Path, text: str) -> Path:
    """Write UTF-8 next to the target, then rename: a failed export leaves no half file."""
    target = target.expanduser()
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8"))
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}.") from exc
    return target


def register(sub: Any) -> None:
    p = command(sub, "export", "write references (or the whole notebook) to a file",
                formatter_class=argparse.RawDescriptionHelpFormatter,
                epilog="formats:\n" + "\n".join(f"  {name:<10} {fmt.help}"
                                                for name, fmt in FORMATS.items()))
    p.add_argument("format", choices=list(FORMATS), metavar="FORMAT",
                   help=", ".join(FORMATS))
    p.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")
    p.add_argument("--sources", nargs="+", metavar="KEY",
                   help="only these sources (keys or citekeys)")
    p.add_argument("--tag", metavar="T", help="only sources with this tag (or one below it)")
    p.add_argument("--cited-in", dest="cited_in", metavar="NOTE_KEY",
                   help="only the sources this note cites or links to")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> Output:
    return FORMATS[args.format].run(args, ctx)
