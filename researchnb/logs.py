"""The log file: where bugs, warnings and Qt's messages go, with their tracebacks. No Qt here.

One rotating file (`researchnb.log`, 1 MB, five old copies kept) in the platform's user log
folder, or in `$RESEARCHNB_LOG_DIR` when that is set (tests, portable installs). The launcher, the
CLI and the app each call `setup_logging()` once at start; calling it again changes nothing
(unless the folder asked for changed, then the file moves there). `install_excepthooks()` sends
every uncaught exception, on any thread, to that file; the app passes a callback to show it too.

Nothing here is a singleton of ours: the state is the `logging` module's own (the handler sits
on the root logger, marked so that it can be found again) and the interpreter's hooks.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_dir

ENV_LOG_DIR = "RESEARCHNB_LOG_DIR"
LOG_NAME = "researchnb.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"

OnError = Callable[[type[BaseException], BaseException, TracebackType | None], None]

log = logging.getLogger("researchnb")


def default_log_dir() -> Path:
    """`$RESEARCHNB_LOG_DIR`, else the platform's user log folder for researchnb."""
    given = os.environ.get(ENV_LOG_DIR)
    if given:
        return Path(given).expanduser()
    return Path(user_log_dir("researchnb", appauthor=False))


class _LogFile(logging.handlers.RotatingFileHandler):
    """The researchnb log file (its own class so `setup_logging` can find it again)."""


class _NotForTheTerminal(logging.Filter):
    """Keeps captured warnings and logged tracebacks off stderr: they are in the file, and
    the person at the terminal gets a sentence instead (see cli.run)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.name != "py.warnings" and record.exc_info is None


class _Terminal(logging.StreamHandler):
    """Short messages on stderr for someone running the CLI (level from $RESEARCHNB_LOG)."""


def _ours(kind: type[logging.Handler]) -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if type(h) is kind]


def log_file() -> Path:
    """The file in use, or the one `setup_logging()` would open."""
    for handler in _ours(_LogFile):
        assert isinstance(handler, _LogFile)
        return Path(handler.baseFilename)
    return default_log_dir() / LOG_NAME


def setup_logging(directory: Path | None = None, *, level: int = logging.INFO,
                  terminal_level: int | str | None = None) -> Path | None:
    """Send logging, Python warnings and uncaught exceptions to the rotating log file.

    directory: where the file goes (default: `default_log_dir()`).
    level: the least severe record the file keeps.
    terminal_level: also print records of at least this level on stderr, without
        tracebacks and warnings (the CLI); None prints nothing there (the app).
    Returns the log file, or None when its folder cannot be made (read-only home): the
    program then runs without a file rather than not at all.
    """
    root = logging.getLogger()
    path = (directory or default_log_dir()) / LOG_NAME
    found = None
    for handler in _ours(_LogFile):
        assert isinstance(handler, _LogFile)
        if Path(handler.baseFilename) == path.absolute():
            found = handler
        else:
            root.removeHandler(handler)
            handler.close()
    if found is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # delay: no empty file for a run that logs nothing.
            found = _LogFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                             encoding="utf-8", delay=True)
        except OSError as exc:
            print(f"researchnb: cannot write the log file in {path.parent}: {exc}",
                  file=sys.stderr)
        else:
            found.setFormatter(logging.Formatter(FORMAT))
            root.addHandler(found)
    if found is not None:
        found.setLevel(level)
    for handler in _ours(_Terminal):
        root.removeHandler(handler)
    if terminal_level is not None:
        terminal = _Terminal(sys.stderr)
        terminal.setLevel(terminal_level)
        terminal.addFilter(_NotForTheTerminal())
        terminal.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        root.addHandler(terminal)
    levels = [h.level for h in root.handlers if h.level] or [logging.WARNING]
    root.setLevel(min(levels))
    # Library warnings (pypdf, PIL…) go to the file as records of the `py.warnings` logger.
    logging.captureWarnings(True)
    return None if found is None else Path(found.baseFilename)


def shutdown_logging() -> None:
    """Undo `setup_logging` and `install_excepthooks` (for tests and embedding)."""
    root = logging.getLogger()
    for kind in (_LogFile, _Terminal):
        for handler in _ours(kind):
            root.removeHandler(handler)
            handler.close()
    logging.captureWarnings(False)
    shutdown_excepthooks()


def log_exception(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None, where: str = "") -> None:
    """Write an unexpected exception with its traceback to the log."""
    log.critical("Unexpected error%s", f" in {where}" if where else "",
                 exc_info=(exc_type, exc, tb))


class _SysHook:
    """sys.excepthook: log, then hand over to `on_error` or Python's own printer."""

    def __init__(self, on_error: OnError | None) -> None:
        self.on_error = on_error
        self.previous = sys.excepthook

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_exception(exc_type, exc, tb)
        if self.on_error is None:
            sys.__excepthook__(exc_type, exc, tb)
        else:
            self.on_error(exc_type, exc, tb)


class _ThreadHook:
    """threading.excepthook: the same for exceptions that end a thread."""

    def __init__(self, on_error: OnError | None) -> None:
        self.on_error = on_error
        self.previous = threading.excepthook

    def __call__(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        log_exception(args.exc_type, args.exc_value, args.exc_traceback, where=name)
        if self.on_error is None:
            threading.__excepthook__(args)
        else:
            self.on_error(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthooks(on_error: OnError | None = None) -> None:
    """Uncaught exceptions (main thread and other threads) go to the log, then to `on_error`
    (the app's error box) or, without one, to stderr as Python would print them.
    `on_error` may be called on any thread."""
    shutdown_excepthooks()  # installing twice replaces, never stacks
    sys.excepthook = _SysHook(on_error)
    threading.excepthook = _ThreadHook(on_error)


def shutdown_excepthooks() -> None:
    """Put back the hooks that were there before `install_excepthooks`."""
    if isinstance(sys.excepthook, _SysHook):
        sys.excepthook = sys.excepthook.previous
    if isinstance(threading.excepthook, _ThreadHook):
        threading.excepthook = threading.excepthook.previous
