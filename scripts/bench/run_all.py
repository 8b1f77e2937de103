#!/usr/bin/env python3
"""Run every benchmark under scripts/bench/ and write one table to docs/benchmarks.md.

Each benchmark runs as its own process with `--json FILE` (see benchjson.py); its figures
are put beside the targets of issues 3, 4, 5, 7, 8, 10 and 17, with the in-run reference each
benchmark measures, the ratio, and pass/fail, under a description of the machine (CPU,
cores, RAM, load, Python, SQLite and Qt versions). A benchmark that fails or is not run
leaves its target rows marked so: the table always lists every target.

Modes:
  (default)  the sizes the targets are stated for (100,000 excerpts, 10,000 sources, ...);
             takes a long while (the large notebooks are built, then cached in the temp folder)
  --quick    smaller sizes and fewer runs: minutes; a target stated for 100,000 excerpts
             is then reported as measured at the smaller size, without a verdict
  --smoke    tiny sizes, one run: checks the machinery only (the unit test uses it)

Usage: .venv/bin/python scripts/bench/run_all.py [--quick|--smoke] [--only NAME,...]
       [--output docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

# Each benchmark with its options per mode: standard, quick, smoke.
BENCHES: dict[str, tuple[list[str], list[str], list[str]]] = {
    "import": ([], ["--pages", "300", "--runs", "3"], ["--pages", "300", "--runs", "1"]),
    "search": ([], ["--sizes", "10000"], ["--sizes", "1000"]),
    "export": ([], ["--runs", "3"], ["--sources", "300", "--runs", "1"]),
    "ui_stall": ([], ["--runs", "2"], ["--pages", "20", "--runs", "1"]),
    "ui_search": ([], ["--excerpts", "10000", "--runs", "2"],
                  ["--excerpts", "1000", "--runs", "1"]),
    "scale": ([], ["--size", "small", "--runs", "3"], ["--size", "tiny", "--runs", "1"]),
    "ui_excerpts": ([], ["--excerpts", "10000"], ["--excerpts", "300"]),
    "excerpts": ([], ["--runs", "5"], ["--runs", "3"]),
    "notes_render": ([], ["--runs", "3", "--notes", "500"], ["--runs", "1", "--notes", "20"]),
    "archive": ([], ["--runs", "3"], ["--notes", "40", "--sources", "20", "--runs", "1"]),
    "citations": (["--runs", "3"], ["--citations", "300", "--runs", "3"],
                  ["--citations", "20", "--sources", "300", "--runs", "1"]),
}
# Scripts in this folder that are not benchmarks.
NOT_BENCHES = {"run_all", "benchjson", "make_notebook"}


@dataclass(frozen=True)
class Target:
    issue: int
    bench: str
    match: str          # the start of the benchmark's row name
    what: str           # the target as the issue states it


TARGETS = [
    Target(3, "import", "researchnb import (end-to-end)",
           "PDF import end-to-end within 2x bare pypdfium2 extraction"),
    Target(4, "search", "index build at 100,000",
           "index build at 100,000 excerpts <= 3x plain FTS5"),
    Target(4, "search", "query p95 at 100,000", "query p95 <= 10 ms at 100,000 excerpts"),
    Target(4, "search", "type-ahead p95 at 100,000",
           "type-ahead p95 <= 15 ms at 100,000 excerpts"),
    Target(4, "search", "fuzzy p95 at 100,000", "fuzzy query p95 <= 50 ms at 100,000 excerpts"),
    Target(4, "search", "edit committed p95 at 100,000",
           "one edit committed and searchable p95 <= 5 ms at 100,000 excerpts"),
    Target(5, "export", "export bibtex, 10,000", "export 10,000 sources to BibTeX < 2 s"),
    Target(5, "export", "export biblatex, 10,000", "export 10,000 sources to BibLaTeX < 2 s"),
    Target(5, "export", "export csl-json, 10,000", "export 10,000 sources to CSL-JSON < 2 s"),
    Target(5, "export", "export ris, 10,000", "export 10,000 sources to RIS < 2 s"),
    Target(17, "citations", "export biblatex (writer), 10,000",
           "write 10,000 sources as BibLaTeX < 2 s (against a bare write of the records)"),
    Target(17, "citations", "format 1,000 citations",
           "format 1,000 citations in a CSL style (against citeproc-py alone)"),
    Target(7, "ui_stall", "longest GUI gap importing",
           "longest GUI event-loop gap while a 150-page PDF imports <= 50 ms"),
    Target(16, "ui_stall", "one frame: longest GUI gap importing",
           "longest GUI event-loop gap while a 150-page PDF imports <= 16 ms (one frame)"),
    Target(16, "notes_render", "editor save of a 10,000-line note",
           "saving a 10,000-line note (one line changed) <= 50 ms"),
    Target(16, "notes_render", "longest GUI gap typing, 2,000-line note",
           "longest GUI gap typing into a 2,000-line note, preview on, <= 16 ms"),
    Target(8, "ui_search", "longest GUI gap typing",
           "longest GUI gap typing a 10-letter word, 100,000 excerpts <= 50 ms"),
    Target(10, "scale", "cold start", "cold start to a usable window, 100,000 excerpts "
           "<= 1.5 s and <= 1.5x an empty notebook"),
    Target(10, "scale", "peak RSS", "peak RSS, large notebook open, biggest list scrolled "
           "<= 350 MB"),
]
# What the smaller modes measure instead of the stated size (matched loosely).
LOOSE = {"index build at 100,000": "index build at", "query p95 at 100,000": "query p95 at",
         "type-ahead p95 at 100,000": "type-ahead p95 at", "fuzzy p95 at 100,000": "fuzzy p95 at",
         "edit committed p95 at 100,000": "edit committed p95 at",
         "export bibtex, 10,000": "export bibtex,", "export biblatex, 10,000": "export biblatex,",
         "export csl-json, 10,000": "export csl-json,", "export ris, 10,000": "export ris,",
         "export biblatex (writer), 10,000": "export biblatex (writer),",
         "format 1,000 citations": "format "}


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, load, OS, Python, SQLite and Qt versions."""
    import sqlite3
    cpu = platform.processor() or platform.machine()
    ram = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    try:
        import PySide6
        from PySide6 import QtCore
        qt = f"Qt {QtCore.qVersion()} (PySide6 {PySide6.__version__})"
    except ImportError:
        qt = "Qt not installed"
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"CPU": cpu, "cores": str(os.cpu_count()), "RAM": ram or "unknown",
            "OS": platform.platform(), "Python": platform.python_version(),
            "SQLite": sqlite3.sqlite_version, "Qt": qt,
            "load (1/5/15 min) at start": " / ".join(f"{x:.1f}" for x in load)}


def run_bench(name: str, options: list[str], folder: Path, log: Path) -> dict[str, Any]:
    """Run one benchmark; its JSON, or a record of why there is none."""
    out = folder / f"{name}.json"
    out.unlink(missing_ok=True)          # never report an earlier run's figures as this one's
    cmd = [sys.executable, str(HERE / f"{name}.py"), *options, "--json", str(out)]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"-- {name} {' '.join(options)}", flush=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"\n===== {name} {' '.join(options)}\n")
        fh.flush()
        proc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                              check=False)
    took = time.perf_counter() - started
    if out.exists():
        data = json.loads(out.read_text(encoding="utf-8"))
    else:
        data = {"bench": name, "rows": [], "error": f"exit {proc.returncode}, no figures "
                                                     f"(see the log)"}
    data.update(seconds=took, load=load, options=" ".join(options))
    print(f"   {len(data['rows'])} figures in {took:.0f} s"
          + (f" ({data['error']})" if "error" in data else ""), flush=True)
    return data


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    else:
        text = f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
    return f"{text} {unit}".strip()


def verdict(row: dict[str, Any] | None, ran: bool) -> str:
    if row is None:
        return "not run" if not ran else "no figure"
    if row.get("passed") is True:
        return "**pass**"
    if row.get("passed") is False:
        return "**FAIL**"
    return "n/a (smaller size)"


def find_row(target: Target, results: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    rows = results.get(target.bench, {}).get("rows", [])
    for prefix in (target.match, LOOSE.get(target.match)):
        if prefix:
            hits = [r for r in rows if r["name"].startswith(prefix)]
            if hits:    # the row judged against a target, else the largest size measured
                return next((r for r in hits if r.get("target")), hits[-1])
    return None


def table(results: dict[str, dict[str, Any]], mode: str, info: dict[str, str]) -> str:
    lines = ["# Benchmarks", "",
             (f"Made by `scripts/bench/run_all.py{'' if mode == 'standard' else ' --' + mode}` "
             f"on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Each figure is a median "
             "(or the percentile named) of the runs of one benchmark; the reference is "
             "measured in the same run on the same machine, and the ratio is figure / "
             "reference. Run it again on your machine: "
             "`.venv/bin/python scripts/bench/run_all.py` (add `--quick` for a few minutes' "
             "version at smaller sizes)."), ""]
    if mode != "standard":
        lines += [(f"**This table was made in {mode} mode, at smaller sizes than the targets "
                  "are stated for**; rows marked n/a were measured at the smaller size."), ""]
    lines += ["## Machine", ""]
    lines += [f"- {k}: {v}" for k, v in info.items()]
    lines += ["", "## Targets", "",
              "| Issue | Target | Measured | In-run reference | Ratio | Result |",
              "|---|---|---|---|---|---|"]
    for t in TARGETS:
        row = find_row(t, results)
        ran = t.bench in results and not results[t.bench].get("error")
        if row is None:
            lines.append(f"| {t.issue} | {t.what} | — | — | — | {verdict(None, ran)} |")
            continue
        ref = (f"{fmt(row['reference'], row['unit'])} ({row['reference_name']})"
               if row.get("reference") is not None else "—")
        ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else "—"
        lines.append(f"| {t.issue} | {t.what} | {fmt(row['value'], row['unit'])} "
                     f"<br><small>{row['name']}</small> | {ref} | {ratio} | "
                     f"{verdict(row, ran)} |")
    target_rows = {id(find_row(t, results)) for t in TARGETS}
    lines += ["", "## Other figures", "",
              "| Benchmark | Figure | Measured | In-run reference | Ratio |",
              "|---|---|---|---|---|"]
    for name, data in results.items():
        for row in data.get("rows", []):
            if id(row) in target_rows:
                continue
            ref = (f"{fmt(row['reference'], row['unit'])} ({row['reference_name']})"
                   if row.get("reference") is not None else "—")
            ratio = f"{row['ratio']:.2f}x" if row.get("ratio") is not None else "—"
            lines.append(f"| {name} | {row['name']} | {fmt(row['value'], row['unit'])} | "
                         f"{ref} | {ratio} |")
    lines += ["", "## Runs", "", "| Benchmark | Options | Load at start | Took | Note |",
              "|---|---|---|---|---|"]
    for name, data in results.items():
        lines.append(f"| {name} | `{data.get('options') or '(defaults)'}` | "
                     f"{data.get('load', 0):.1f} | {data.get('seconds', 0):.0f} s | "
                     f"{data.get('error', '')} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true")
    mode.add_argument("--smoke", action="store_true")
    ap.add_argument("--only", help="comma-separated benchmarks to run (default: all)")
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    ap.add_argument("--results", type=Path, help="keep each benchmark's JSON in DIR; the "
                    "table then also uses figures already there from earlier runs (so "
                    "`--only NAME` can redo one benchmark)")
    ap.add_argument("--log", type=Path, help="where the benchmarks' own output goes "
                    "(default: rnb-run-all.log in the temp folder)")
    args = ap.parse_args()
    which = "smoke" if args.smoke else "quick" if args.quick else "standard"
    column = {"standard": 0, "quick": 1, "smoke": 2}[which]

    found = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in NOT_BENCHES)
    unknown = [b for b in found if b not in BENCHES]
    names = [b for b in BENCHES if b in found] + unknown   # a new script runs with defaults
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        missing = [w for w in wanted if w not in names]
        if missing:
            ap.error(f"no benchmark called {', '.join(missing)} (there are {', '.join(names)})")
        names = [n for n in names if n in wanted]

    info = machine()
    log = args.log or Path(tempfile.gettempdir()) / "rnb-run-all.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as fh:
        fh.write(f"run_all.py {which} mode, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC\n")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="rnb-run-all-") as tmp:
        folder = args.results or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            options = BENCHES.get(name, ([], [], []))[column]
            results[name] = run_bench(name, options, folder, log)
            (folder / f"{name}.json").write_text(json.dumps(results[name], ensure_ascii=False),
                                                 encoding="utf-8")
        if args.results:     # figures of benchmarks not run this time, from earlier runs
            for path in sorted(folder.glob("*.json")):
                if path.stem not in results:
                    results[path.stem] = json.loads(path.read_text(encoding="utf-8"))
        order = list(BENCHES) + sorted(results)
        results = {k: results[k] for k in sorted(results, key=order.index)}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table(results, which, info), encoding="utf-8")
    print(f"wrote {args.output} (benchmarks' output in {log})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
