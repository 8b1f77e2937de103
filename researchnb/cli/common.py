"""What every command shares: --notebook/--json, opening the notebook, printing results."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from platformdirs import user_data_dir

from ..domain import Changes, UserError
from ..notebook import Notebook
from ..progress import Progress

ENV_NOTEBOOK = "RESEARCHNB_NOTEBOOK"


def default_notebook_path() -> Path:
    """The notebook used when none is named: in the user data folder, made on first use."""
    return Path(user_data_dir("researchnb", appauthor=False)) / "Notebook.rnb"


class Parser(argparse.ArgumentParser):
    """argparse with a usage error in one line (exit 2), naming where the help is."""

    def error(self, message: str) -> NoReturn:
        # (a value that is not UTF-8 is shown as an escape, as stderr would)
        message = message.encode("utf-8", "backslashreplace").decode("utf-8")
        self.exit(2, f"{self.prog}: {message}; see `{self.prog} --help`.\n")


# The largest numbers the options take: beyond them nothing can exist (a document of a
# million pages), and SQLite's integers (2^63) are never reached.
MAX_HITS = 10_000
MAX_PAGE = 1_000_000
MAX_OFFSET = 1_000_000_000
MAX_REVISION = 1_000_000_000


def count(low: int, high: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type for every integer option: a whole number from `low` to `high`.
    Anything else (a word, 10^21, -1) is a usage error (exit 2) that says what to give, in
    the words of `what` ("a page number")."""
    def parse(text: str) -> int:
        shown = text if len(text) <= 24 else text[:20] + "…"
        try:
            value = int(text.strip(), 10)
        except ValueError:      # also a number too long to convert (over 4,300 digits)
            value = None
        if value is None or not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"give {what} from {low:,} to {high:,}, not '{shown}'")
        return value
    parse.__name__ = what       # argparse names the type in some of its messages
    return parse


page_number = count(1, MAX_PAGE, "a page number")


def add_common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--notebook and --json, accepted before or after the command."""
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--notebook", metavar="PATH", default=default,
                        help=f"the notebook folder (default: ${ENV_NOTEBOOK}, or "
                             f"{default_notebook_path()})")
    parser.add_argument("--json", action="store_true", default=False if top else
                        argparse.SUPPRESS, help="print one JSON document on stdout")


def command(sub: Any, name: str, help_text: str, *, key: bool = False,
            func: Any = None, **kw: Any) -> argparse.ArgumentParser:
    """A subcommand with --notebook/--json; `key` adds the KEY argument most commands take,
    `func` is its handler `(args, ctx) -> Output`."""
    p = sub.add_parser(name, help=help_text, description=help_text, **kw)
    add_common(p)
    if key:
        p.add_argument("key")
    if func is not None:
        p.set_defaults(func=func)
    return p


@dataclass
class Output:
    data: Any
    text: str = ""
    exit_code: int = 0


def wrote(changes: Changes[Any], data: dict[str, Any], text: str = "",
          exit_code: int = 0) -> Output:
    """The Output of a command that wrote: its JSON document, plus `changes` (what the write
    created, updated and deleted, as `Changes.to_json()` gives it)."""
    return Output({**data, "changes": changes.to_json()}, text, exit_code)


def trashed(changes: Changes[Any], key: str, text: str) -> Output:
    """The Output of `… delete KEY`: the record went to the trash."""
    return wrote(changes, {"key": key, "deleted": True}, text)


@dataclass
class Context:
    args: argparse.Namespace
    _nb: Notebook | None = field(default=None, init=False)

    def notebook_path(self) -> tuple[Path, bool]:
        """The notebook to use, and whether it is the default one (created when missing)."""
        given = getattr(self.args, "notebook", None) or os.environ.get(ENV_NOTEBOOK)
        if given:
            return Path(given).expanduser(), False
        return default_notebook_path(), True

    def notebook(self, *, read_only: bool = False) -> Notebook:
        if self._nb is None:
            path, is_default = self.notebook_path()
            self._nb = Notebook.open_for_user(
                path, read_only=read_only, create=is_default,
                progress=self.progress("Updating the search index"))
            if self._nb.read_only_reason:
                print(f"researchnb: {self._nb.read_only_reason}", file=sys.stderr)
        return self._nb

    def progress(self, label: str) -> Progress:
        """A progress bar on stderr when it is a terminal and --json was not asked for."""
        if getattr(self.args, "json", False) or not sys.stderr.isatty():
            return Progress(label=label)
        return Progress(label=label, on_change=_draw_bar)

    def close(self) -> None:
        if self._nb is not None:
            self._nb.close()
            self._nb = None


def _draw_bar(p: Progress) -> None:
    width = 30
    filled = int(width * p.fraction)
    end = "\n" if p.total and p.done >= p.total else ""
    sys.stderr.write(f"\r{p.label[:40]:<40} [{'#' * filled}{'.' * (width - filled)}] "
                     f"{p.done}/{p.total}{end}")
    sys.stderr.flush()


def emit(out: Output | None, args: argparse.Namespace) -> int:
    if out is None:
        return 0
    if getattr(args, "json", False):
        json.dump(out.data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif out.text:
        print(out.text)
    return out.exit_code


def read_utf8(path: str) -> str:
    """A UTF-8 text file the user named (a body, a page text); a clear UserError if not."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror}.") from exc
    except UnicodeDecodeError as exc:
        raise UserError(f"{path} is not UTF-8 text; save it as UTF-8 first.") from exc
