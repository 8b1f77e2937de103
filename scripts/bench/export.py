#!/usr/bin/env python3
"""Benchmark: exporting 10,000 sources to BibTeX, BibLaTeX, CSL-JSON and RIS (target < 2 s).

Builds a notebook of --sources sources (the 33 kinds of the test notebook, titles numbered so
citekeys differ), then reports the median of --runs runs of:
  list_sources        reading every source with its creators (the in-run reference)
  export FORMAT       Notebook.export_references(FORMAT): selection, sorting, writing
and each export's ratio to list_sources.

Usage: .venv/bin/python scripts/bench/export.py [--sources N] [--runs R]
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))

import benchjson  # scripts/bench/benchjson.py
from citations_support import sample_sources
from timing import median_time  # scripts/bench/timing.py

from researchnb.notebook import Notebook
from researchnb.notebook.sources import insert_source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    benchjson.add_argument(parser)
    args = parser.parse_args()
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="rnb-bench-export-"))
    try:
        nb = Notebook.create(folder / "bench.rnb")
        samples = sample_sources()
        start = time.perf_counter()
        # One transaction for the set-up (nb.sources.add commits each source on its own,
        # which is what a user wants and a benchmark does not); citekeys made as it does.
        with nb.write() as conn:
            for i in range(args.sources):
                src = copy.deepcopy(samples[i % len(samples)])
                src.title = f"{src.title} {i}"
                insert_source(conn, src)
        print(f"built {args.sources} sources in {time.perf_counter() - start:.1f} s")
        ref = median_time(nb.sources.all, args.runs)
        print(f"{'list_sources':<20} {ref:7.3f} s  (reference)")
        for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
            size = len(nb.citations.export(fmt).encode("utf-8"))
            t = median_time(lambda fmt=fmt: nb.citations.export(fmt), args.runs)
            verdict = "ok" if t < 2.0 else "OVER the 2 s target"
            print(f"{'export ' + fmt:<20} {t:7.3f} s  ratio {t / ref:5.1f}x  "
                  f"{size / 1e6:5.1f} MB  {verdict}")
            rows.append(benchjson.row(5, f"export {fmt}, {args.sources:,} sources", t, "s",
                                      reference=ref, reference_name="list_sources",
                                      **({"target": "< 2 s", "passed": t < 2.0}
                                         if args.sources >= 10_000 else {})))
        benchjson.write(args.json, "export", rows)
        nb.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
