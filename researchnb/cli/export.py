"""export FORMAT [-o FILE] [--sources KEY...] [--tag T] [--cited-in NOTE_KEY]; export
bibliography --note KEY --style STYLE-ID -o FILE.html|.md|.docx.

FORMATS is the table of what `export` can write: a format is one line here, naming its help
text and a handler `(args, ctx) -> Output`. Reference formats share `run_references`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from ..citations import WRITERS
from ..citations.csl import DEFAULT_STYLE
from ..domain import InvalidInput
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
        warnings = written["warnings"]
        text = ""
    else:
        picked = nb.citations.select(**chosen)
        data["sources"] = len(picked)
        text = WRITERS[args.format](picked)
        warnings = nb.citations.export_warnings(args.format, picked)
    for warning in warnings:            # what the format cannot hold (BibTeX: `1921~`)
        print(f"researchnb: {warning}", file=sys.stderr)
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


def run_bibliography(args: argparse.Namespace, ctx: Context) -> Output:
    """The sources a note cites, as a formatted bibliography in a style (.html/.md/.docx)."""
    if not args.note or not args.output:
        raise InvalidInput("Say which note and which file: export bibliography --note KEY "
                           "--style STYLE-ID -o FILE.html (or .md, .docx).")
    nb = ctx.notebook()
    written = nb.citations.export_bibliography(args.style, args.output, cited_in=args.note)
    if written["private_left_out"]:
        print("researchnb: the note is private: its citations are not shared, so the "
              "bibliography is empty (make the note shared to export it).", file=sys.stderr)
    return Output(written, f"Wrote {written['sources']} entries in {args.style} to "
                           f"{written['file']}.")


FORMATS: dict[str, ExportFormat] = {
    "bibtex": ExportFormat("BibTeX (.bib) for classic BibTeX styles", run_references),
    "biblatex": ExportFormat("BibLaTeX (.bib) for biber, archival fields kept", run_references),
    "csl-json": ExportFormat("CSL-JSON for Zotero, Pandoc and citeproc", run_references),
    "ris": ExportFormat("RIS for EndNote, Citavi and Zotero", run_references),
    "markdown": ExportFormat("the shared (non-private) notes as a folder of Markdown files "
                             "with references.bib/.json, for pandoc (-o DIR)",
                             run_export_markdown),
    "bibliography": ExportFormat("the sources a note cites, formatted in a citation style "
                                 "(--note KEY --style STYLE-ID -o FILE.html|.md|.docx)",
                                 run_bibliography),
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
    p.add_argument("--note", metavar="NOTE_KEY",
                   help="bibliography: the note whose cited sources are listed")
    p.add_argument("--style", default=DEFAULT_STYLE, metavar="STYLE-ID",
                   help=f"bibliography: a CSL style id or hand-written style "
                        f"(default {DEFAULT_STYLE})")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> Output:
    return FORMATS[args.format].run(args, ctx)
