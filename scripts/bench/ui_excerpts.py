#!/usr/bin/env python3
"""Does a tag with very many excerpts open and scroll smoothly in the excerpt list?

Builds a notebook with N excerpts under one tag (through `Notebook.add_excerpt`, so it is
slow to build: about 1.3 ms an excerpt), opens the tag in the window, and reports: how long
the list took to arrive from the reader thread, the longest GUI event-loop gap meanwhile
(10 ms heartbeat; the idle heartbeat is the in-run reference), and the time to scroll one
screenful and repaint (median and worst of 200 steps, with fetchMore as rows run out).

  .venv/bin/python scripts/bench/ui_excerpts.py [--excerpts 100000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

import researchnb.ui  # noqa: F401 - see researchnb/ui/refguard.py

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ui_stall import FOUR_PAGE_PDF, Heartbeat, idle_reference, wait

from researchnb.notebook import Notebook
from researchnb.ui.main_window import MainWindow


def build(folder: Path, n: int) -> Path:
    path = folder / "many.rnb"
    with Notebook.create(path) as nb:
        pdf = folder / "doc.pdf"
        shutil.copyfile(FOUR_PAGE_PDF, pdf)
        nb.documents.import_files([pdf])
        doc = nb.documents.all()[0].key
        # Spread over the pages, within each page's text (the demo PDF's pages are shorter).
        spans = [min(900, len(page.text) - 25) for page in nb.documents.get(doc).pages]
        started = time.perf_counter()
        for i in range(n):
            page = i % len(spans)
            nb.excerpts.add(doc, 1 + page, start=i % spans[page], end=i % spans[page] + 25,
                           tags=["bench/all"])
            if i and i % 10000 == 0:
                print(f"  {i} excerpts ({time.perf_counter() - started:.0f} s)", flush=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures as JSON (scripts/bench/benchjson.py)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"building a notebook with {args.excerpts} excerpts…", flush=True)
        path = build(folder, args.excerpts)
        nb = Notebook.open(path)
        window = MainWindow(nb, settings=QSettings(str(folder / "s.ini"),
                                                   QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        idle = idle_reference(2.0)

        beat = Heartbeat()
        beat.start()
        started = time.perf_counter()
        window.excerpts.show_scope(("tag", "bench/all"), "bench/all")
        wait(lambda: not window.excerpts.model.loading, 600)
        arrived = time.perf_counter() - started
        beat.stop()
        model, table = window.excerpts.model, window.excerpts.table
        assert model.total == args.excerpts

        steps = []
        bar = table.verticalScrollBar()
        for _ in range(200):
            t = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            if bar.value() >= bar.maximum() and model.canFetchMore():
                model.fetchMore()
            table.viewport().repaint()
            steps.append((time.perf_counter() - t) * 1000)
        window.close()
    print(f"list of {args.excerpts} excerpts arrived in {arrived:.2f} s (reader thread); "
          f"longest GUI gap meanwhile {beat.longest:.1f} ms vs {idle.longest:.1f} ms idle "
          f"({beat.longest / max(idle.longest, 0.1):.1f}x)")
    print(f"RESULT scrolling one screenful: median {statistics.median(steps):.2f} ms, "
          f"worst {max(steps):.2f} ms over {len(steps)} steps; rows loaded "
          f"{model.rowCount()} of {model.total}")
    if args.json:
        import benchjson  # scripts/bench/benchjson.py
        benchjson.write(args.json, "ui_excerpts", [
            benchjson.row(7, f"tag list of {args.excerpts:,} excerpts arrives", arrived, "s"),
            benchjson.row(7, "longest GUI gap while it loads", beat.longest, "ms",
                          reference=idle.longest, reference_name="idle event loop"),
            benchjson.row(7, "scroll one screenful, worst of 200", max(steps), "ms",
                          reference=statistics.median(steps), reference_name="median step")])
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
