"""Python functions registered on every notebook connection, for triggers and queries.

Each entry is (SQL name, number of arguments, function). Functions must be deterministic:
the same input always gives the same output (the search analyzer, for instance).
"""

from __future__ import annotations

from ..store.connection import FunctionSpec
from .analyzer import ANALYZER_VERSION, analyze, fold


def _fold(text: object) -> str:
    return fold(text) if isinstance(text, str) else ""


def sql_functions() -> tuple[FunctionSpec, ...]:
    """`rnb_analyze(text)`: the stemmed stream the search triggers store (triggers.py);
    `rnb_fold(text)`: case and spelling folded, unstemmed, for field filters;
    `rnb_analyzer_version()`: the analyzer version recorded beside the index."""
    return (
        ("rnb_analyze", 1, analyze),
        ("rnb_fold", 1, _fold),
        ("rnb_analyzer_version", 0, lambda: ANALYZER_VERSION),
    )
