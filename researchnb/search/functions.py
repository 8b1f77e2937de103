"""Python functions registered on every notebook connection, for triggers and queries.

Each entry is (SQL name, number of arguments, function). Functions must be deterministic:
the same input always gives the same output (the search analyzer, for instance).

Ctrl+C inside one of them: Python raises KeyboardInterrupt wherever the main thread is, and
during an import that is mostly inside `rnb_analyze`, called by SQLite from a trigger. The
sqlite3 module cannot let an exception out of a function SQLite called: it clears it, whatever
it was, and fails the statement with OperationalError("user-defined function raised
exception"), which is what the command line used to print. The statement (and so the
transaction) fails as it should; what was lost is that the user asked to stop. So each
function is wrapped: a KeyboardInterrupt inside it is recorded (`interrupted()`) before
sqlite3 swallows it, and whoever sees that OperationalError can tell it was Ctrl+C.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable

from ..store.connection import FunctionSpec, SqlValue
from .analyzer import ANALYZER_VERSION, analyze, fold

_interrupted = threading.Event()


def interrupted() -> bool:
    """Whether a KeyboardInterrupt was raised inside one of these functions (and so turned
    into sqlite3's "user-defined function raised exception") since `clear_interrupted`."""
    return _interrupted.is_set()


def clear_interrupted() -> None:
    _interrupted.clear()


def _noting_interrupts(fn: Callable[..., SqlValue]) -> Callable[..., SqlValue]:
    @functools.wraps(fn)
    def call(*args: object) -> SqlValue:
        try:
            return fn(*args)
        except KeyboardInterrupt:
            _interrupted.set()
            raise
    return call


def _fold(text: object) -> str:
    return fold(text) if isinstance(text, str) else ""


def _version() -> str:
    return ANALYZER_VERSION


def sql_functions() -> tuple[FunctionSpec, ...]:
    """`rnb_analyze(text)`: the stemmed stream the search triggers store (triggers.py);
    `rnb_fold(text)`: case and spelling folded, unstemmed, for field filters;
    `rnb_analyzer_version()`: the analyzer version recorded beside the index."""
    return (
        ("rnb_analyze", 1, _noting_interrupts(analyze)),
        ("rnb_fold", 1, _noting_interrupts(_fold)),
        ("rnb_analyzer_version", 0, _version),
    )
