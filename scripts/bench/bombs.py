#!/usr/bin/env python3
"""Benchmark: peak memory of `researchnb restore` on each archive bomb (issue 15, finding 3).

Each bomb comes from `scripts/attack_inputs.py` (the generators the tests use). Each restore
runs as its own subprocess (`python -m researchnb.cli restore BOMB NEW.rnb`); its peak RSS is
the child's own `ru_maxrss`, read with os.wait4 (POSIX only). Prints one line per bomb: the
zip's size, its uncompressed size, the peak RSS, the seconds and how restore ended. Target:
every peak under 500 MB. `--source DIR` runs another checkout's researchnb (to measure the
code before a fix); `--scale` multiplies every bomb's uncompressed size (1.0: the sizes of the
issue, 3 GB manifest and 6 GB of unused originals; each costs that much disk when a restore
accepts it).

Import bombs (finding 4) are measured the same way: `python -m researchnb.cli import BOMB
NEXT.txt` into a fresh notebook, where BOMB is a PDF whose second page's content stream
inflates to 2 GB (`attack_inputs.inflating_pdf`, scaled by --scale); the line also says
whether the file after it in the batch was imported.

Usage: .venv/bin/python scripts/bench/bombs.py [--scale 1.0] [--source DIR] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import attack_inputs  # noqa: E402

MB = 1 << 20
TARGET_MB = 500


def bombs(scale: float) -> dict[str, Callable[[Path, Path], Path]]:
    """name -> make(base, out): the bombs of finding 3 and the row shapes that cost most."""
    def size(mb: float) -> int:
        return max(MB, int(mb * MB * scale))
    return {
        "manifest 3 GB": lambda b, o: attack_inputs.manifest_bomb(b, o, size(3000)),
        "table row 1 GB": lambda b, o: attack_inputs.table_bomb(b, o, size(1000)),
        "row of [] 15 MB": lambda b, o: attack_inputs.nested_row_bomb(b, o, 15 * MB),
        "row of [0] 15 MB": lambda b, o: attack_inputs.nested_row_bomb(b, o, 15 * MB,
                                                                       b"[0],"),
        "unused originals 6 x 1 GB": lambda b, o: attack_inputs.unused_files_bomb(
            b, o, 6, size(1000)),
    }


def import_bombs(scale: float) -> dict[str, Callable[[Path], Path]]:
    """name -> make(out): the files `researchnb import` is given (finding 4)."""
    size = max(MB, int(2000 * MB * scale))
    return {f"import: PDF page inflating to {size // MB} MB":
            lambda o: attack_inputs.inflating_pdf(o, size, pages=3, bomb_page=2)}


def import_peak(bomb: Path, work: Path, source: Path) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, how it ended) of importing `bomb` and a text after it."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    notebook = work / "import.rnb"
    shutil.rmtree(notebook, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "researchnb.cli", "init", str(notebook)], env=env,
                   capture_output=True, check=True, cwd=tempfile.gettempdir())
    after = work / "after.txt"
    after.write_text("The file after the bomb.\n", encoding="utf-8")
    start = time.perf_counter()
    with (work / "import.err").open("w+b") as errf:
        proc = subprocess.Popen([sys.executable, "-m", "researchnb.cli", "import", str(bomb),
                                 str(after), "--json", "--notebook", str(notebook)], env=env,
                                stdout=subprocess.PIPE, stderr=errf, cwd=tempfile.gettempdir())
        assert proc.stdout is not None
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        errf.seek(0)
        err = errf.read().decode("utf-8", "replace")
    seconds = time.perf_counter() - start
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / MB
    try:
        data = json.loads(out)
        how = (f"exit {proc.returncode}: failed {[f['error'][:90] for f in data['failed']]}, "
               f"imported {[Path(i['file']).name for i in data['imported']]}")
    except ValueError:
        how = f"exit {proc.returncode}: {err.strip()[-150:]}"
    shutil.rmtree(notebook, ignore_errors=True)
    return peak_mb, seconds, how


def uncompressed(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(i.file_size for i in zf.infolist())


def restore_peak(archive: Path, target: Path, source: Path) -> tuple[float, float, str]:
    """(peak RSS in MB, seconds, last line of output) of one restore in a subprocess."""
    if not hasattr(os, "wait4"):
        raise SystemExit("Peak RSS needs os.wait4 (POSIX).")
    env = {**os.environ, "PYTHONPATH": str(source)}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "researchnb.cli", "restore", str(archive),
                             str(target)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, cwd=tempfile.gettempdir())
    assert proc.stdout is not None
    out = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    peak_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / MB
    lines = [line for line in out.strip().splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return peak_mb, seconds, f"exit {proc.returncode}: {last[:150]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--source", type=Path, default=ROOT,
                        help="the folder holding the researchnb package to run")
    parser.add_argument("--only", help="run only the bombs whose name contains this")
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="rnb-bombs-") as tmp:
        work = Path(tmp)
        base = attack_inputs.base_archive(work / "base.zip")
        for name, make in bombs(args.scale).items():
            if args.only and args.only not in name:
                continue
            bomb = make(base, work / "bomb.zip")
            target = work / "restored.rnb"
            peak, seconds, how = restore_peak(bomb, target, args.source)
            worst = max(worst, peak)
            print(f"{name:<28} zip {bomb.stat().st_size / MB:7.1f} MB  uncompressed "
                  f"{uncompressed(bomb) / MB:8.0f} MB  peak RSS {peak:7.0f} MB  "
                  f"{seconds:6.1f} s  {how}", flush=True)
            shutil.rmtree(target, ignore_errors=True)
            for p in work.glob(".restored.rnb.restoring-*"):
                shutil.rmtree(p, ignore_errors=True)
            bomb.unlink()
        for name, make_file in import_bombs(args.scale).items():
            if args.only and args.only not in name:
                continue
            bomb = make_file(work / "bomb.pdf")
            peak, seconds, how = import_peak(bomb, work, args.source)
            worst = max(worst, peak)
            print(f"{name:<28} pdf {bomb.stat().st_size / MB:7.1f} MB  peak RSS {peak:7.0f} MB"
                  f"  {seconds:6.1f} s  {how}", flush=True)
            bomb.unlink()
    print(f"worst peak RSS {worst:.0f} MB (target under {TARGET_MB} MB): "
          f"{'met' if worst < TARGET_MB else 'MISSED'}")
    return 0 if worst < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
