#!/usr/bin/env python3
"""Benchmark: rendering and link-parsing of note bodies as they grow, and saving a note.

For bodies of 1,000 (the in-run reference), 10,000 and 50,000 lines of realistic note text
(emphasis, stored links, citations, raw HTML, a table every 50 lines) reports the median of
--runs runs of:
  render      notes.render.render_html (markdown-it-py plus our rules)
  parse       notes.links.parse (what every save runs to rebuild the links table)
  save        Notebook.edit_note on a notebook of --notes notes, with [[Title]] links
and each size's time per line as a ratio to the 1,000-line body: near 1.0 means linear
growth; a quadratic pattern would show 10x and 50x.

Usage: .venv/bin/python scripts/bench/notes_render.py [--runs R] [--notes N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from timing import median_time  # scripts/bench/timing.py

from researchnb.notebook import Notebook
from researchnb.notes.links import parse
from researchnb.notes.render import render_html

KEY = "ABCDEFGH"
SIZES = (1_000, 10_000, 50_000)


def body(lines: int) -> str:
    out = []
    for i in range(lines):
        if i % 50 == 0:
            out.append("\n| fond | opis | delo |\n|---|---|---|\n| 415 | 16 | 312 |\n")
        out.append(f"Line {i}: Petrzhek's *letter* and **the survey** [s](src:{KEY}), "
                   f"[@tsgamo_415_16_312, l. {i}] <b>raw</b> and @smith2001.")
    return "\n".join(out)



def saver(nb: Notebook, key: str, text: str) -> Callable[[], None]:
    """Each call saves a different body (a save that changes nothing writes nothing)."""
    count = [0]

    def save() -> None:
        count[0] += 1
        nb.notes.edit(key, body=text + f"\n[[Note {count[0]}]]")
    return save


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--json", type=Path, metavar="FILE",
                    help="also write the figures as JSON (scripts/bench/benchjson.py)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        nb = Notebook.create(Path(tmp) / "bench.rnb")
        for i in range(args.notes):
            nb.notes.add(f"Note {i}", f"Body {i} [[Note {max(i - 1, 0)}]]")
        target = nb.notes.add("Target", "").value
        results: dict[str, dict[int, float]] = {"render": {}, "parse": {}, "save": {}}
        for size in SIZES:
            text = body(size)
            results["render"][size] = median_time(lambda t=text: render_html(t), args.runs)
            results["parse"][size] = median_time(lambda t=text: parse(t), args.runs)
            results["save"][size] = median_time(saver(nb, target.key, text), args.runs)
        nb.close()

    ref = SIZES[0]
    print(f"{'what':<8}" + "".join(f"{s:>12,} lines" for s in SIZES) + "   per-line ratio")
    for what, by_size in results.items():
        cells = "".join(f"{by_size[s] * 1000:>15.1f} ms" for s in SIZES)
        ratios = " / ".join(f"{(by_size[s] / s) / (by_size[ref] / ref):.2f}" for s in SIZES)
        print(f"{what:<8}{cells}   {ratios}")
    print(f"(median of {args.runs} runs; save on a notebook of {args.notes + 1} notes)")
    if args.json:
        import benchjson  # scripts/bench/benchjson.py
        benchjson.write(args.json, "notes_render", [
            benchjson.row(6, f"{what}, {s:,}-line note", by_size[s] * 1000, "ms",
                          reference=by_size[ref] * s / ref * 1000,
                          reference_name=f"{ref:,} lines' time per line x {s:,}")
            for what, by_size in results.items() for s in SIZES if s != ref])


if __name__ == "__main__":
    main()
