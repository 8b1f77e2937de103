"""What stands between a hostile command line and a traceback: Ctrl+C, values that are not
text, output that cannot be written.

- Ctrl+C: a KeyboardInterrupt may land anywhere, and during an import it mostly lands inside
  the search analyzer, which SQLite calls from a trigger; the sqlite3 module then swallows it
  and fails the statement with "user-defined function raised exception" (see
  researchnb.search.functions). `on_sigint` notes the signal before raising, so whichever
  error it turns into, `was_interrupted()` knows, and the command ends with `STOPPED`.
  Each write is one transaction, so what was interrupted is rolled back and the rest saved.
- Values: a lone surrogate (a command-line byte that is not UTF-8, which Python keeps as
  one) cannot be stored or printed; it is allowed in file names only, where it names a real
  file (and where SQLite cannot take it, the UnicodeEncodeError is reported as `not_text`).
  A NUL character is allowed nowhere (a program calling `main()` can pass one).
- Output: a lone surrogate in a file name printed back is written as an escape; a closed pipe
  (`researchnb search x | head -1`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from ..domain import UserError
from ..search.functions import clear_interrupted, interrupted

STOPPED = "Interrupted; what was finished is saved."
STOPPED_IMPORT = "Interrupted; what was finished is saved, the file being imported was not."

# The metavars of arguments that name files or folders: any name the system allows is
# allowed there (one that SQLite cannot take is refused when it is used: `not_text`).
PATH_METAVARS = frozenset({"PATH", "FILE", "DIR", "ARCHIVE"})

_signalled = threading.Event()


def on_sigint(signum: int, frame: FrameType | None) -> None:
    _signalled.set()
    raise KeyboardInterrupt


@contextlib.contextmanager
def sigint_noted() -> Iterator[None]:
    """Ctrl+C raises KeyboardInterrupt as usual, and is remembered (`was_interrupted`)."""
    _signalled.clear()
    clear_interrupted()
    previous: Any = None
    if (threading.current_thread() is threading.main_thread()
            and signal.getsignal(signal.SIGINT) is signal.default_int_handler):
        previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def was_interrupted() -> bool:
    """Whether Ctrl+C was pressed, even if what it interrupted reported another error."""
    return _signalled.is_set() or interrupted()


def swallowed() -> bool:
    """Whether Ctrl+C was pressed inside an SQL function, where sqlite3 swallowed it."""
    return interrupted()


def stopped(args: argparse.Namespace | None) -> int:
    command = getattr(args, "command", None)
    print(f"researchnb: {STOPPED_IMPORT if command == 'import' else STOPPED}", file=sys.stderr)
    return 130


def os_error(exc: OSError) -> str:
    """An OSError that reached the command line, in a sentence (a long name shortened)."""
    name = exc.filename if isinstance(exc.filename, str) else ""
    if len(name) > 80:
        name = name[:40] + "…" + name[-30:]
    what = exc.strerror or str(exc) or type(exc).__name__
    if name:
        return f"Cannot use {name}: {what}."
    return f"The system refused: {what}."


def escaping_output() -> None:
    """stdout writes what it cannot encode (a lone surrogate) as an escape, never failing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")


def pipe_closed() -> int:
    """The reader of our output went away: say nothing more (stdout to devnull, so the
    interpreter's last flush does not fail again)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 1


def parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
            ) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every command's own parser (`("notes", "add")` -> its parser): the command table."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {path: parser} if path else {}
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    for name, sub in subs[0].choices.items():
        found.update(parsers(sub, (*path, name)))
    return found


def command_parser(parser: argparse.ArgumentParser, args: argparse.Namespace
                   ) -> argparse.ArgumentParser:
    """The parser of the command `args` were parsed for (`notes add`'s own)."""
    while True:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        chosen = getattr(args, subs[0].dest, None) if subs else None
        if not subs or chosen not in subs[0].choices:
            return parser
        parser = subs[0].choices[chosen]


def check_values(args: argparse.Namespace, parser: Callable[[], argparse.ArgumentParser]
                 ) -> None:
    """A UserError for a value that is not text (see the module's docstring). `parser`
    makes the command line's parser, to name the argument: only when a value is bad."""
    bad = [(dest, text) for dest, value in vars(args).items()
           for text in (value if isinstance(value, list) else [value])
           if isinstance(text, str) and ("\0" in text or _has_surrogate(text))]
    if not bad:
        return
    actions = {a.dest: a for a in command_parser(parser(), args)._actions}
    for dest, text in bad:
        action = actions.get(dest)
        name = dest
        if action is not None:
            name = (max(action.option_strings, key=len) if action.option_strings
                    else str(action.metavar or dest).upper())
        if "\0" in text:
            raise UserError(f"The value given for {name} holds a NUL character; nothing "
                            "was done.")
        if action is None or str(action.metavar) not in PATH_METAVARS:
            raise UserError(f"The value given for {name} {NOT_UTF8}; nothing was done.")


NOT_UTF8 = ("is not text: it holds bytes that are not UTF-8 (check the terminal's "
            "encoding)")


def not_text() -> str:
    """A value that could not be encoded (a file name SQLite cannot take), in a sentence."""
    return f"A name or value given {NOT_UTF8}; nothing more was done."


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False

