"""Machine-readable benchmark results, for scripts/bench/run_all.py and docs/benchmarks.md.

Each benchmark keeps printing its own table for people; given `--json FILE` it also writes
the figures here, one row per measured figure:

    {"bench": "search", "rows": [{"issue": 4, "name": "query p95 at 100,000 excerpts",
      "value": 4.2, "unit": "ms", "reference": 1.1, "reference_name": "plain FTS5",
      "target": "<= 10 ms", "passed": true}, ...]}

`target` is what the issue asks (text), `passed` whether the figure meets it (None when the
row has no target: a figure reported for context).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def add_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures as JSON to FILE (for run_all.py)")


def row(issue: int, name: str, value: float, unit: str, *, reference: float | None = None,
        reference_name: str = "", target: str = "", passed: bool | None = None,
        ratio: float | None = None) -> dict[str, Any]:
    """One figure; `ratio` defaults to value / reference when there is a reference."""
    if ratio is None and reference:
        ratio = value / reference
    return {"issue": issue, "name": name, "value": value, "unit": unit, "reference": reference,
            "reference_name": reference_name, "ratio": ratio, "target": target, "passed": passed}


def write(path: Path | None, bench: str, rows: list[dict[str, Any]],
          **extra: Any) -> None:
    """Write the rows to `path` (nothing when no --json was given)."""
    if path is None:
        return
    Path(path).write_text(json.dumps(dict(bench=bench, rows=rows, **extra), indent=1,
                                     ensure_ascii=False), encoding="utf-8")
