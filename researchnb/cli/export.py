"""export FORMAT [-o FILE] [--sources KEY...] [--tag T] [--cited-in NOTE_KEY].

FORMATS is the table of what `export` can write: a format is one line here, naming its help
text and a handler `(args, ctx) -> Output`. Reference formats share `run_references`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from ..citations import WRITERS
from .archive import run_export_archive
from .common import Context, Output, command
from .notes import run_export_markdown


class ExportFormat(NamedTuple):
    help: str
    run: Callable[[argparse.Namespace, Context], Output]


def run_references(args: argparse.Namespace, ctx: Context) -> Output:
    """BibTeX, BibLaTeX, CSL-JSON or RIS of the chosen sources, sorted by citekey."""
    nb = ctx.notebook()
    chosen: dict[str, Any] = {"sources": args.sources, "tag": args.tag, "cited_in": args.cited_in}
    data: dict[str, Any] = {"format": args.format}
    if args.output:
        # The one safe export-to-file the app uses too: whole or not at all.
        written = nb.citations.export_to_file(args.format, args.output, **chosen)
        data.update(sources=written["sources"], file=written["file"])
        text = ""
    else:
        picked = nb.citations.select(**chosen)
        data["sources"] = len(picked)
        text = WRITERS[args.format](picked)
    left_out = nb.citations.private_left_out(args.cited_in)
    if left_out:
        data["private_left_out"] = left_out
        print("researchnb: 1 private note left out of the export: a private note's citations "
              "are not shared (make it shared to export them).", file=sys.stderr)
    if args.output:
        return Output(data, f"Wrote {data['sources']} sources to {data['file']}.")
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
