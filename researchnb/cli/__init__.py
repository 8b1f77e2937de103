"""The `researchnb` command line: argparse over the Notebook facade, no Qt.

Each command group is a module here with a `register(subparsers, common)` function; `COMMANDS`
lists them in the order `--help` shows them. A handler takes (args, ctx) and returns an
`Output`: the JSON document for `--json` and the text for people.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain import UserError
from . import (
    archive,
    basics,
    documents,
    excerpts,
    export,
    importing,
    notes,
    pages,
    search,
    sources,
    tags,
)
from .common import Context, add_common, emit

COMMANDS = (basics, sources, tags, notes, archive, importing, documents, excerpts, pages, export,
            search)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="researchnb",
        description="A research notebook for historians: sources, documents, excerpts, notes "
                    "and citations, offline. Without a command it opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"researchnb {__version__}")
    add_common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=os.environ.get("RESEARCHNB_LOG", "WARNING").upper(),
                        format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args([*argv, "gui"])
    ctx = Context(args)
    try:
        out = args.func(args, ctx)
    except UserError as exc:
        print(f"researchnb: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("researchnb: stopped; what was finished is saved.", file=sys.stderr)
        return 130
    finally:
        ctx.close()
    return emit(out, args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
