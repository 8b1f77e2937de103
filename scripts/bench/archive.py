#!/usr/bin/env python3
"""Benchmark: the lossless archive and backups on a notebook of a useful size.

Builds a notebook of --notes notes (with links and revisions), --sources sources (dated by
month over 1917-1930, so about 170 distinct dates) and the crash harness's batch of
multi-page PDFs, then reports the median of --runs runs of:
  backup            Notebook.backup(): a VACUUM INTO snapshot (the in-run reference)
  check             Notebook.check()
  export archive    Notebook.export_archive()
  restore           Notebook.restore_archive() into a new folder (reindex and check included)
  restore backup    Notebook.restore_backup() of the first snapshot
and each one's ratio to `backup`.

Usage: .venv/bin/python scripts/bench/archive.py [--notes N] [--sources N] [--runs R]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import benchjson  # scripts/bench/benchjson.py
import crashtest  # noqa: E402

from researchnb.domain import Creator, Source  # noqa: E402
from researchnb.notebook import Notebook  # noqa: E402


def median_time(fn: Callable[[int], object], runs: int) -> float:
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build(path: Path, n_notes: int, n_sources: int, work: Path) -> Notebook:
    rng = random.Random(5)
    nb = Notebook.create(path)
    batch = work / "batch"
    crashtest.make_batch(batch, rng)
    nb.documents.import_files(sorted(batch.glob("*.pdf")))
    keys = []
    for i in range(n_sources):
        keys.append(nb.sources.add(Source(
            kind="archival", title=f"Protokol {i} " + " ".join(rng.sample(crashtest.FILLER, 6)),
            archive_abbr="TsGAMO", fond="415", opis="16", delo=str(i),
            date=f"{rng.randint(1917, 1930)}-{rng.randint(1, 12):02d}",
            creators=[Creator(family="Likhachev", given="Ivan")])).value.key)
    for i in range(n_notes):
        body = " ".join(rng.choices(crashtest.FILLER, k=120))
        body += f"\n\nSee [the protocol](src:{rng.choice(keys)})."
        note = nb.notes.add(f"Note {i}", body, private=i % 10 == 0).value
        if i % 4 == 0:
            nb.notes.edit(note.key, body=body + "\n\nA second thought.")
    return nb


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--sources", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    benchjson.add_argument(ap)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="researchnb-bench-archive-"))
    try:
        nb = build(work / "n.rnb", args.notes, args.sources, work)
        info = nb.info()
        first = nb.backups.take(reason="manual").name
        results = {
            "backup": median_time(lambda i: nb.backups.take(work / f"snap-{i}"), args.runs),
            "check": median_time(lambda i: nb.check(), args.runs),
            "export archive": median_time(
                lambda i: nb.archive.export(work / f"a-{i}.zip"), args.runs),
            "restore": median_time(
                lambda i: Notebook.restore_archive(work / "a-0.zip", work / f"r-{i}.rnb"),
                args.runs),
            "restore backup": median_time(lambda i: nb.backups.restore(first), args.runs),
        }
        size = (work / "a-0.zip").stat().st_size
        nb.close()
        print(f"notebook: {info['sources']} sources, {info['documents']} documents, "
              f"{info['pages']} pages, {info['notes']} notes; archive {size / 1e6:.1f} MB; "
              f"median of {args.runs} runs")
        ref = results["backup"]
        print(f"{'operation':<16} {'median s':>9} {'x backup':>9}")
        for name, t in results.items():
            print(f"{name:<16} {t:9.3f} {t / ref:9.1f}")
        benchjson.write(args.json, "archive", [
            benchjson.row(9, f"{name} ({info['notes']} notes, {info['sources']} sources)", t,
                          "s", reference=ref, reference_name="backup")
            for name, t in results.items() if name != "backup"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
