#!/usr/bin/env python3
"""Benchmark: importing a long text PDF, against the bare extractors it is built on.

Generates a PDF of --pages pages (default 600) of Russian and English prose set in DejaVu
Serif with PDFium itself, then reports the median of --runs runs of:
  pypdfium2   bare page-text extraction in this process (the reference)
  pdftotext   poppler's command, as a process (when installed)
  pypdf       bare page-text extraction in this process (fewer runs: it is slow)
  import      `researchnb import FILE --json` as a process, into a fresh notebook, until the
              document is committed (and searchable, once the search tables exist)
  import_files  the same in this process (notebook creation included), for the overhead
and each one's ratio to bare pypdfium2. Target: import within 2x bare pypdfium2.

Usage: .venv/bin/python scripts/bench/import.py [--pages N] [--runs R] [--keep DIR]
"""

from __future__ import annotations

import argparse
import ctypes
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")

RUSSIAN = [
    "протокол", "заседания", "бюро", "ячейки", "завода", "АМО", "постановили", "заслушали",
    "товарищ", "рабочих", "партийной", "организации", "губернского", "комитета", "вопрос", "о",
    "снабжении", "хлебом", "продовольствия", "членские", "взносы", "собрание", "выборы",
    "делегатов", "съезда", "резолюция", "принята", "единогласно", "секретарь", "председатель",
    "фабрично", "заводского", "комитета", "уезда", "волости", "крестьян", "кооперации", "жалованье",
    "зарплата", "в", "счёт", "октября", "года", "выдать", "пайки", "обсуждение", "доклада", "о",
    "работе", "среди", "молодёжи"
]
ENGLISH = [
    "minutes", "of", "the", "meeting", "of", "the", "factory", "cell", "bureau", "resolved",
    "heard", "comrade", "workers", "party", "organisation", "provincial", "committee", "question",
    "of", "supplies", "bread", "membership", "dues", "general", "assembly", "election", "of",
    "delegates", "to", "the", "congress", "resolution", "adopted", "unanimously", "secretary",
    "chairman", "trade", "union", "district", "peasants", "cooperative", "wages", "rations",
    "report", "on", "work", "among", "the", "youth"
]


def make_pdf(path: Path, pages: int, seed: int = 1922) -> None:
    """A text PDF: 44 lines a page, alternating Russian and English paragraphs."""
    rng = random.Random(seed)
    pdf = pdfium.PdfDocument.new()
    data = FONT.read_bytes()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = pdfium_c.FPDFText_LoadFont(pdf, buf, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
    for n in range(pages):
        page = pdf.new_page(595, 842)
        words = RUSSIAN if n % 2 == 0 else ENGLISH
        for line in range(44):
            if line % 11 == 10:
                words = ENGLISH if words is RUSSIAN else RUSSIAN
                continue
            text = " ".join(rng.choice(words) for _ in range(11))
            if line == 0:
                text = f"Лист {n + 1} / page {n + 1}. " + text
            obj = pdfium_c.FPDFPageObj_CreateTextObj(pdf, font, 10.5)
            encoded = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(encoded,
                                                       ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 50, 800 - line * 17.5)
            pdfium_c.FPDFPage_InsertObject(page, obj)
        pdfium_c.FPDFPage_GenerateContent(page)
        page.close()
    pdf.save(path)
    pdf.close()


def bare_pypdfium2(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    chars = 0
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        chars += len(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return chars


def bare_pypdf(path: Path) -> int:
    from pypdf import PdfReader
    return sum(len(p.extract_text() or "") for p in PdfReader(path).pages)


def pdftotext(path: Path) -> int:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True).stdout
    return len(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="keep the generated PDF and notebooks here")
    ap.add_argument("--json", type=Path, metavar="FILE",
                    help="also write the figures as JSON (scripts/bench/benchjson.py)")
    args = ap.parse_args()
    if args.pages < 300:
        ap.error("use at least 300 pages")
    work = args.keep or Path(tempfile.mkdtemp(prefix="researchnb-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    pdf_path = work / "bench-ru-en.pdf"
    make_pdf(pdf_path, args.pages)
    print(f"generated {pdf_path} ({args.pages} pages, {pdf_path.stat().st_size // 1024} KiB)")

    from researchnb.notebook import Notebook
    counter = iter(range(10_000))
    last_notebook: list[Path] = []

    def import_once() -> None:
        nb_path = work / f"bench-{next(counter)}.rnb"
        Notebook.create(nb_path).close()         # not timed: creating the notebook
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "researchnb.cli", "--notebook",
                               str(nb_path), "import", str(pdf_path), "--json"],
                              capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if proc.returncode != 0:
            raise SystemExit(f"import failed: {proc.stderr}")
        imported = json.loads(proc.stdout)["imported"]
        assert imported and imported[0]["pages"] == args.pages, imported
        results["researchnb import (end-to-end)"].append(elapsed)
        last_notebook[:] = [nb_path]

    def import_in_process() -> None:
        """The same import without starting a process: what the desktop app waits for."""
        nb = Notebook.create(work / f"bench-{next(counter)}.rnb")
        try:
            assert nb.documents.import_files([pdf_path]).value.imported[0].pages == args.pages
        finally:
            nb.close()

    def once(fn: Callable[[], object]) -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    # Rounds interleave the contenders, so a machine busy with something else for a while
    # slows them all alike instead of whichever happened to run then.
    results: dict[str, list[float]] = {"pypdfium2 (bare)": [], "pdftotext": [],
                                       "pypdf (bare)": [], "researchnb import (end-to-end)": [],
                                       "import_files (in-process)": []}
    has_pdftotext = shutil.which("pdftotext") is not None
    if not has_pdftotext:
        print("pdftotext not installed (Debian poppler-utils): skipped")
        del results["pdftotext"]
    for round_no in range(args.runs):
        results["pypdfium2 (bare)"].append(once(lambda: bare_pypdfium2(pdf_path)))
        if has_pdftotext:
            results["pdftotext"].append(once(lambda: pdftotext(pdf_path)))
        if round_no < 3:                         # pypdf is slow; three runs say enough
            results["pypdf (bare)"].append(once(lambda: bare_pypdf(pdf_path)))
        import_once()
        results["import_files (in-process)"].append(once(import_in_process))
    searchable = check_searchable(last_notebook[0])

    reference = statistics.median(results["pypdfium2 (bare)"])
    print(f"\n{'':32} {'median s':>9} {'pages/s':>9} {'x pypdfium2':>12}   runs")
    for name, times in results.items():
        med = statistics.median(times)
        print(f"{name:32} {med:9.3f} {args.pages / med:9.0f} {med / reference:12.2f}   "
              f"{len(times)}")
    ratio = statistics.median(results["researchnb import (end-to-end)"]) / reference
    print(f"\nend-to-end import / bare pypdfium2 = {ratio:.2f} (target <= 2.00: "
          f"{'met' if ratio <= 2 else 'NOT met'}); searchable: {searchable}")
    if args.json:
        import benchjson  # scripts/bench/benchjson.py
        benchjson.write(args.json, "import", [
            benchjson.row(3, f"{name}, {args.pages}-page text PDF", statistics.median(times),
                          "s", reference=reference, reference_name="bare pypdfium2",
                          **({"target": "<= 2x bare pypdfium2", "passed": ratio <= 2}
                             if name.startswith("researchnb import") else {}))
            for name, times in results.items() if name != "pypdfium2 (bare)"],
            searchable=searchable)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def check_searchable(nb_path: Path) -> str:
    """Ask the CLI's search for a word of the last page, when search exists."""
    proc = subprocess.run([sys.executable, "-m", "researchnb.cli", "--notebook", str(nb_path),
                           "search", "протокол", "--json"], capture_output=True, text=True,
                          check=False)
    if proc.returncode == 2:
        return "no search command in this version"
    if proc.returncode != 0:
        return f"search failed: {proc.stderr.strip()[:200]}"
    return f"yes ({json.loads(proc.stdout).get('total', '?')} hits for 'протокол')"


if __name__ == "__main__":
    sys.exit(main())
