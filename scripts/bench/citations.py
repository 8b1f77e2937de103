#!/usr/bin/env python3
"""Benchmark (issue 17): formatting citations in a CSL style, and a 10,000-source export.

Reports the median of --runs runs of:
  format N citations     format_sources(): N notes of the test notebook's 33 kinds of
                         source, each with a locator, in --style (default Chicago notes),
                         against citeproc-py run directly on the same CSL-JSON items with
                         the stock style file (the in-run reference; no repairs, no locators)
  export biblatex        write_biblatex() of --sources sources (target < 2 s), against a
                         bare write of the same records (every field as `name = {value}`,
                         no escaping, no rules: the in-run reference)

Usage: .venv/bin/python scripts/bench/citations.py [--citations N] [--sources N] [--runs R]
       [--style STYLE-ID]
"""

from __future__ import annotations

import argparse
import copy
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "unit"))

import benchjson  # scripts/bench/benchjson.py
from citations_support import sample_sources
from timing import median_time  # scripts/bench/timing.py

from researchnb.citations.bibtex import write_biblatex
from researchnb.citations.csl import format_sources
from researchnb.citations.csl.catalog import style_path
from researchnb.citations.csljson import item as csl_item
from researchnb.domain import Source


def numbered(count: int) -> list[Source]:
    samples = sample_sources()
    out = []
    for i in range(count):
        src = copy.deepcopy(samples[i % len(samples)])
        src.title = f"{src.title} {i}"
        src.citekey = f"key{i}"
        out.append(src)
    return out


def bare_citeproc(items: list[dict], style: str) -> list[str]:
    """citeproc-py alone: the stock style, the same items, one citation each."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded = CitationStylesStyle(str(style_path(style)), validate=False)
        bib = CitationStylesBibliography(loaded, CiteProcJSON(items), formatter.plain)
        cites = [Citation([CitationItem(it["id"])]) for it in items]
        for c in cites:
            bib.register(c)
        return [str(bib.cite(c, lambda _x: None)) for c in cites]


def bare_write(sources: list[Source]) -> str:
    """Every record's fields as `name = {value}`: what any writer must at least do."""
    out = []
    for src in sources:
        fields = ",\n".join(f"  {k} = {{{v}}}" for k, v in vars(src).items()
                            if isinstance(v, str) and v)
        out.append(f"@misc{{{src.citekey},\n{fields}\n}}\n")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=1_000)
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--style", default="chicago-notes-bibliography")
    benchjson.add_argument(parser)
    args = parser.parse_args()
    rows = []

    cited = numbered(args.citations)
    requests = [(s, "l. 12 ob." if s.kind == "archival" else "p. 45") for s in cited]
    items = []
    for n, src in enumerate(cited):
        data = csl_item(src)
        data["id"] = f"i{n}"
        items.append(data)
    ref = median_time(lambda: bare_citeproc(items, args.style), args.runs)
    t = median_time(lambda: format_sources(requests, args.style), args.runs)
    print(f"{'citeproc-py alone':<28} {ref:7.3f} s  (reference)")
    print(f"{'format ' + str(args.citations) + ' citations':<28} {t:7.3f} s  "
          f"ratio {t / ref:5.2f}x  ({t / args.citations * 1000:.2f} ms each)")
    rows.append(benchjson.row(17, f"format {args.citations:,} citations ({args.style})", t,
                              "s", reference=ref, reference_name="citeproc-py alone, "
                              "same items"))

    many = numbered(args.sources)
    ref = median_time(lambda: bare_write(many), args.runs)
    t = median_time(lambda: write_biblatex(many), args.runs)
    size = len(write_biblatex(many).encode("utf-8"))
    verdict = "ok" if t < 2.0 else "OVER the 2 s target"
    print(f"{'bare write':<28} {ref:7.3f} s  (reference)")
    print(f"{'export biblatex':<28} {t:7.3f} s  ratio {t / ref:5.2f}x  {size / 1e6:5.1f} MB  "
          f"{verdict}")
    rows.append(benchjson.row(17, f"export biblatex (writer), {args.sources:,} sources", t,
                              "s", reference=ref, reference_name="bare write of the records",
                              **({"target": "< 2 s", "passed": t < 2.0}
                                 if args.sources >= 10_000 else {})))
    benchjson.write(args.json, "citations", rows)


if __name__ == "__main__":
    main()
