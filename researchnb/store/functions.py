"""Python functions registered on every notebook connection, for triggers and queries.

Each entry is (SQL name, number of arguments, function). Functions must be deterministic:
the same input always gives the same output (the search analyzer, for instance).
"""

from __future__ import annotations

from collections.abc import Callable


def sql_functions() -> tuple[tuple[str, int, Callable[..., object]], ...]:
    return ()
