#!/usr/bin/env python3
"""Benchmark: saving a page's text while its excerpts are re-anchored, and marking excerpts.

On page 2 of the Tolstoy letters (about 3,300 characters of Russian prose, imported from
../shared/corpus; without it, of the invented teacher's letters of tests/fixtures/texts.py,
about 3,100 characters) reports the median of --runs runs of:
  set_page_text   Notebook.set_page_text with 0 (the in-run reference), 10 and 100 excerpts
                  on the page, each re-found by its quote; ratio to 0 excerpts
  add by offsets  Notebook.add_excerpt(start=, end=) (reference for the next line)
  add by quote    Notebook.add_excerpt(quote=), which folds the page and finds the words
  list by tag     Notebook.list_excerpts(tag=parent) over 1,000 and 10,000 tagged excerpts;
                  time per excerpt as a ratio to 1,000 (near 1.0 means linear), and
                  list_excerpt_keys (what a scrolling view needs first) as a ratio to it

Usage: .venv/bin/python scripts/bench/excerpts.py [--runs R]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from timing import median_time  # scripts/bench/timing.py

from researchnb.notebook import Notebook

TOLSTOY = ROOT.parent / "shared" / "corpus" / "text" / "tolstoy-letters-to-gandhi.ru.txt"


def letters(folder: Path) -> tuple[Path, str]:
    """A copy of the letters to import (Tolstoy's, or the fixtures' own in a lone clone)."""
    if TOLSTOY.is_file():
        src = folder / TOLSTOY.name
        shutil.copyfile(TOLSTOY, src)
        return src, "the Tolstoy letters"
    sys.path.insert(0, str(ROOT / "tests"))
    from fixtures import texts  # tests/fixtures/texts.py: invented, three pages on import
    src = folder / "letters.ru.txt"
    src.write_text(texts.LETTERS, encoding="utf-8")
    return src, "the teacher's letters (tests/fixtures)"


def unique_passages(text: str, count: int, rng: random.Random) -> list[tuple[int, int]]:
    """Spans of five words that occur once on the page."""
    words = [(m_start, m_start + len(w)) for m_start, w in _words(text)]
    spans: list[tuple[int, int]] = []
    tries = 0
    while len(spans) < count and tries < 10_000:
        tries += 1
        i = rng.randrange(0, len(words) - 5)
        s, e = words[i][0], words[i + 4][1]
        if text.count(text[s:e]) == 1:
            spans.append((s, e))
    return spans


def _words(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for w in text.split():
        pos = text.index(w, pos)
        out.append((pos, w))
        pos += len(w)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures as JSON (scripts/bench/benchjson.py)")
    args = parser.parse_args()
    rows = []
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        src, name = letters(Path(tmp))
        print(f"set_page_text on a page of {name}, median of {args.runs} runs")
        base = None
        for n in (0, 10, 100):
            with Notebook.create(Path(tmp) / f"p{n}.rnb") as nb:
                doc = nb.documents.import_files([src]).value.imported[0].document
                text = nb.pages.text(doc, 2)
                for s, e in unique_passages(text, n, rng):
                    nb.excerpts.add(doc, 2, start=s, end=e)
                def save(nb: Notebook = nb, doc: str = doc, text: str = text,
                         flip: list[int] = [0]) -> None:  # noqa: B006 (a counter per page)
                    flip[0] += 1
                    nb.pages.set_text(doc, 2, text + " " * (flip[0] % 2))
                t = median_time(save, args.runs)
                base = base or t
                print(f"  {n:>4} excerpts  {t * 1000:8.2f} ms   ratio {t / base:5.2f}")
                if n:
                    rows.append({"name": f"set_page_text, {n} excerpts re-anchored",
                                 "value": t * 1000, "unit": "ms", "reference": base * 1000,
                                 "reference_name": "0 excerpts"})

        with Notebook.create(Path(tmp) / "add.rnb") as nb:
            doc = nb.documents.import_files([src]).value.imported[0].document
            text = nb.pages.text(doc, 2)
            spans = unique_passages(text, 40, rng)
            it = iter(spans * args.runs)
            t_off = median_time(lambda: nb.excerpts.add(doc, 2, start=(sp := next(it))[0],
                                                       end=sp[1]).value, args.runs)
            it = iter(spans * args.runs)
            t_quote = median_time(lambda: nb.excerpts.add(doc, 2, quote=" \n ".join(
                text[slice(*next(it))].split())).value, args.runs)
            print(f"add_excerpt by offsets {t_off * 1000:7.2f} ms; by quote "
                  f"{t_quote * 1000:7.2f} ms (ratio {t_quote / t_off:4.2f})")

        per = None
        for n in (1_000, 10_000):
            with Notebook.create(Path(tmp) / f"l{n}.rnb") as nb:
                doc = nb.documents.import_files([src]).value.imported[0].document
                starts = {p: len(nb.pages.text(doc, p)) - len(nb.pages.text(doc, p).lstrip())
                          for p in (1, 2, 3)}
                with nb.write():
                    for i in range(n):
                        page = 1 + i % 3
                        nb.excerpts.add(doc, page, start=starts[page], end=starts[page] + 5,
                                       tags=[f"theme/t{i % 7}"])
                t = median_time(lambda: nb.excerpts.all(tag="theme"), max(3, args.runs // 3))
                k = median_time(lambda: nb.excerpts.keys(tag="theme"),
                                max(3, args.runs // 3))
                per = per or t / n
                print(f"list_excerpts(tag) {n:>6} excerpts {t * 1000:8.1f} ms   per-excerpt "
                      f"ratio {t / n / per:4.2f}; list_excerpt_keys {k * 1000:6.1f} ms "
                      f"(ratio to records {k / t:4.2f})")
                rows.append({"name": f"list_excerpts(tag), {n:,} excerpts", "value": t * 1000,
                             "unit": "ms", "reference": per * n * 1000,
                             "reference_name": "1,000 excerpts' time per excerpt x n"})
        if args.json:
            import benchjson  # scripts/bench/benchjson.py
            benchjson.write(args.json, "excerpts", [benchjson.row(11, **r) for r in rows])


if __name__ == "__main__":
    main()
