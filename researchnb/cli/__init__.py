"""The `researchnb` command line: argparse over the Notebook facade, no Qt.

Each command group is a module here with a `register(subparsers, common)` function; `COMMANDS`
lists them in the order `--help` shows them. A handler takes (args, ctx) and returns an
`Output`: the JSON document for `--json` and the text for people.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..domain import UserError
from ..logs import log_exception, log_file, setup_logging
from ..notebook.backups import damaged_message
from ..store.connection import DatabaseError, is_damage
from . import (
    archive,
    basics,
    documents,
    excerpts,
    export,
    guard,
    importing,
    notes,
    pages,
    search,
    sources,
    tags,
)
from .common import Context, Parser, add_common, emit

COMMANDS = (basics, sources, tags, notes, archive, importing, documents, excerpts, pages, export,
            search)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="researchnb",
        description="A research notebook for historians: sources, documents, excerpts, notes "
                    "and citations, offline. Without a command (or with `gui`) `researchnb` "
                    "opens the desktop app.")
    parser.add_argument("--version", action="version", version=f"researchnb {__version__}")
    add_common(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def setup_cli_logging() -> None:
    """The log file for tracebacks and warnings; short messages of at least $RESEARCHNB_LOG
    (default WARNING) on stderr."""
    setup_logging(terminal_level=os.environ.get("RESEARCHNB_LOG", "WARNING").upper())


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m researchnb.cli ARGS`: the command line alone (the app is the launcher's)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        setup_cli_logging()
        parser = build_parser()
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        return guard.stopped(None)
    if not getattr(args, "command", None):
        parser.print_usage(sys.stderr)
        print("researchnb: no command given; `researchnb` (or `python -m researchnb`) without "
              "a command opens the desktop app.", file=sys.stderr)
        return 2
    return run(args)


def run(args: argparse.Namespace) -> int:
    """Run the command parsed into `args` and print its result; returns the exit code.

    Ctrl+C anywhere ends with a sentence and exit code 130 (see guard.py), and so does a
    closed output pipe (exit code 1), never with a traceback."""
    with guard.sigint_noted():
        try:
            guard.escaping_output()
            code = _run(args)
            if guard.swallowed():   # Ctrl+C was pressed inside SQL, and the command went on
                return guard.stopped(args)
            return code
        except KeyboardInterrupt:
            return guard.stopped(args)
        except BrokenPipeError:
            return guard.pipe_closed()


def _run(args: argparse.Namespace) -> int:
    ctx = Context(args)
    try:
        guard.check_values(args, build_parser)
        out = args.func(args, ctx)
    except UserError as exc:
        if guard.was_interrupted():
            raise KeyboardInterrupt from exc
        print(f"researchnb: {exc}", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        if guard.was_interrupted():     # what Ctrl+C inside an SQL function turns into
            raise KeyboardInterrupt from exc
        if is_damage(exc):          # a damaged database is the user's to repair, not a bug
            print(f"researchnb: {damaged_message(ctx.notebook_path()[0], exc)}",
                  file=sys.stderr)
            return 1
        return _bug(args, exc)
    except UnicodeEncodeError as exc:   # a file name that is not UTF-8, given to SQLite
        if guard.was_interrupted():
            raise KeyboardInterrupt from exc
        print(f"researchnb: {guard.not_text()}", file=sys.stderr)
        return 1
    except OSError as exc:      # a file or folder the system refused: the user's to see to
        if guard.was_interrupted():
            raise KeyboardInterrupt from exc
        print(f"researchnb: {guard.os_error(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: the traceback goes to the log, a sentence to the user
        if guard.was_interrupted():
            raise KeyboardInterrupt from exc
        return _bug(args, exc)
    finally:
        ctx.close()
    return emit(out, args)


def _bug(args: argparse.Namespace, exc: Exception) -> int:
    log_exception(type(exc), exc, exc.__traceback__, where=f"`{args.command}`")
    print(f"researchnb: something went wrong inside researchnb (a bug, not your doing): "
          f"{type(exc).__name__}: {exc}\nThe details are in {log_file()}; please attach "
          f"that file when you report it.", file=sys.stderr)
    return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
