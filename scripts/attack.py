#!/usr/bin/env python3
"""The whole attack of issue 15, rerunnable: every hostile input, against a scratch notebook.

For each attack it builds the hostile input (the archive bombs and forged rows come from
`scripts/attack_inputs.py`, which the tests share, as does the inflating PDF; the rest
are made here), runs the relevant
`researchnb` command in a subprocess (`python -m researchnb.cli`), and prints one line: how
it ended (exit code, seconds, the message shown), its peak RSS where measurable (POSIX
`wait4`), and what `researchnb check` then says of the notebook it touched. An attack passes
when the command ended within its time limit with a message and no traceback, its peak RSS
stayed under 500 MB, and the notebook is healthy (or, for the attack that damages the
database on purpose, the damage is reported in words).

    .venv/bin/python scripts/attack.py [--quick] [--only NAME] [--json] [--keep]

`--quick` uses small sizes (seconds in all; tests/unit/test_attack_script.py runs it); the
default uses the sizes of the issue (several GB of disk for the bombs that are accepted).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import attack_inputs  # noqa: E402

MB = 1 << 20
RSS_LIMIT_MB = 500
TRACEBACK = "Traceback (most recent call last)"
BUG = "something went wrong inside researchnb"     # the CLI's words for an unexpected error


@dataclass
class Attack:
    name: str
    make: Callable[[Path, Path, bool], list[str]]   # (work, notebook, quick) -> CLI args
    timeout: float = 60.0
    damages: bool = False          # damages the notebook on purpose: check must say so
    check: Path | None = None      # the notebook to check (default: the scratch one)


@dataclass
class Outcome:
    name: str
    exit_code: int | None
    seconds: float
    peak_rss_mb: float | None
    message: str
    check: str
    ok: bool
    problems: list[str] = field(default_factory=list)


# -- hostile inputs made here (archive and PDF bombs, forged rows: attack_inputs) ----------

def long_bibtex_field(out: Path, size: int) -> Path:
    out.write_text("@article{long,\n  title = {A long field},\n  note = {"
                   + "word " * (size // 5) + "}\n}\n", encoding="utf-8")
    return out


def damage_database(notebook: Path, pages: int, seed: int = 15) -> None:
    """Overwrite `pages` random 4 KiB pages of notebook.sqlite (after the first) with junk."""
    db = notebook / "notebook.sqlite"
    rng = random.Random(seed)
    count = db.stat().st_size // 4096
    with db.open("r+b") as f:
        for _ in range(pages):
            f.seek(rng.randrange(1, max(2, count)) * 4096)
            f.write(rng.randbytes(4096))


def seed_notebook(notebook: Path) -> str:
    """A few records to attack: a document (its key is returned), a note, a source."""
    from researchnb.notebook import Notebook
    text = notebook.parent / "seed.txt"
    text.write_text("The factory committee met on 3 June 1922.\n" * 40, encoding="utf-8")
    with Notebook.create(notebook) as nb:
        nb.notes.add("A note", "Some words about the committee.")
        done = nb.documents.import_files([text]).value
        return done.imported[0].document or ""


# -- the attacks -------------------------------------------------------------------------

def attacks(work: Path, notebook: Path, doc_key: str, quick: bool) -> list[Attack]:
    base = attack_inputs.base_archive(work / "base.zip")
    big = 16 * MB if quick else 3000 * MB
    restored = work / "restored.rnb"

    def restore(make: Callable[[Path], Path]) -> Callable[[Path, Path, bool], list[str]]:
        def args(w: Path, _nb: Path, _q: bool) -> list[str]:
            shutil.rmtree(restored, ignore_errors=True)
            return ["restore", str(make(w)), str(restored)]
        return args

    def plain(*argv: str) -> Callable[[Path, Path, bool], list[str]]:
        return lambda _w, nb, _q: [*argv, "--notebook", str(nb)]

    def fifo(w: Path, nb: Path, _q: bool) -> list[str]:
        path = w / "pipe.txt"
        if not path.exists():
            os.mkfifo(path)
        return ["import", str(path), "--notebook", str(nb)]

    def utf16(w: Path, nb: Path, _q: bool) -> list[str]:
        path = w / "inventory-le.txt"
        path.write_bytes(("Опись дел фонда 1922 года, лист 12.\n" * 50).encode("utf-16-le"))
        return ["import", str(path), "--notebook", str(nb)]

    def bibtex(w: Path, nb: Path, q: bool) -> list[str]:
        path = long_bibtex_field(w / "long.bib", (256 * 1024) if q else 2 * MB)
        return ["import", str(path), "--notebook", str(nb)]

    def pdf(w: Path, nb: Path, q: bool) -> list[str]:
        path = attack_inputs.inflating_pdf(w / "inflating.pdf",
                                           (64 * MB) if q else 2000 * MB)
        return ["import", str(path), "--notebook", str(nb)]

    def planted(w: Path, nb: Path, _q: bool) -> list[str]:
        out = w / "export-md"
        out.mkdir(exist_ok=True)
        (out / "victim.txt").write_text("not researchnb's", encoding="utf-8")
        attack_inputs.plant_export_manifest(out, ["victim.txt"])
        return ["export", "markdown", "-o", str(out), "--notebook", str(nb)]

    def damaged(_w: Path, nb: Path, _q: bool) -> list[str]:
        damage_database(nb, 6)
        return ["check", "--notebook", str(nb)]

    found = [
        Attack("restore: manifest bomb", restore(
            lambda w: attack_inputs.manifest_bomb(base, w / "manifest.zip", big)), 300),
        Attack("restore: one huge table row", restore(
            lambda w: attack_inputs.table_bomb(base, w / "row.zip", big // 3)), 300),
        Attack("restore: row of empty lists", restore(
            lambda w: attack_inputs.nested_row_bomb(base, w / "nested.zip",
                                                    (MB if quick else 15 * MB))), 300),
        Attack("restore: unused originals", restore(
            lambda w: attack_inputs.unused_files_bomb(base, w / "unused.zip", 3,
                                                      big // 4)), 300),
    ]
    for label, row in (("bad base64", '[9, "x", {"$base64": "not base64!"}]'),
                       ("2^70 integer", f'[{2 ** 70}, "big", ""]'),
                       ("lone surrogate", '[9, "\\ud800", ""]'),
                       ("wrong shape", '{"id": 9}')):
        def forged(w: Path, row: str = row, label: str = label) -> Path:
            return attack_inputs.forged_row(base, w / f"forged-{label.replace(' ', '-')}.zip",
                                            "tags", row)
        found.append(Attack(f"restore: forged row ({label})", restore(forged)))
    found += [
        Attack("import: PDF page stream that inflates", pdf, 300),
        Attack("import: a FIFO", fifo, 30),
        Attack("import: UTF-16 without a BOM", utf16),
        Attack("import: one long BibTeX field", bibtex, 120),
        Attack("search: 400 fuzzy terms", plain("search", " ".join(["the~"] * 400)), 30),
        Attack("search: --limit 10^21", plain("search", "committee", "--limit",
                                              "999999999999999999999")),
        Attack("documents show: --page 10^20", plain("documents", "show", doc_key, "--page",
                                                     "99999999999999999999")),
        Attack("export markdown: a planted export manifest", planted),
        Attack("check: a damaged database", damaged, damages=True),
    ]
    for a in found:
        if a.name.startswith("restore"):
            a.check = restored
    return found


# -- running -------------------------------------------------------------------------------

def run_cli(args: list[str], timeout: float) -> tuple[int | None, float, float | None, str]:
    """(exit code or None on timeout, seconds, peak RSS in MB, output) of one command."""
    start = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "researchnb.cli", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)
    out = b""
    code: int | None
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        code = None
    seconds = time.monotonic() - start
    peak = None
    try:
        import resource
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    except ImportError:
        pass
    return code, seconds, peak, out.decode("utf-8", "replace")


def last_line(text: str) -> str:
    """The message shown: the first line of an error (`researchnb: …`), else the last line."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errors = [ln for ln in lines if ln.startswith("researchnb:")]
    return errors[0] if errors else lines[-1] if lines else ""


def run_attack(attack: Attack, work: Path, notebook: Path, quick: bool) -> Outcome:
    args = attack.make(work, notebook, quick)
    code, seconds, peak, out = _isolated(args, attack.timeout)
    problems = []
    if code is None:
        problems.append(f"no answer within {attack.timeout:.0f} s")
    if TRACEBACK in out or BUG in out:
        problems.append("an internal error instead of a message")
    if code not in (None, 0) and not last_line(out):
        problems.append("failed without a message")
    if peak is not None and peak > RSS_LIMIT_MB:
        problems.append(f"peak RSS {peak:.0f} MB")
    if attack.name.startswith("export markdown") and \
            not (work / "export-md" / "victim.txt").exists():
        problems.append("a file the export did not write was deleted")
    target = attack.check or notebook
    check = "no notebook (nothing was made)"
    if target.exists():
        c_code, _, _, c_out = run_cli(["check", "--notebook", str(target)], 120)
        check = last_line(c_out) or f"exit {c_code}"
        if TRACEBACK in c_out or BUG in c_out:
            problems.append("check ended in an internal error")
        elif attack.damages:
            if c_code == 0:
                problems.append("check calls a damaged notebook healthy")
        elif c_code != 0:
            problems.append(f"the notebook is not healthy: {check}")
    return Outcome(attack.name, code, round(seconds, 2), None if peak is None else round(peak),
                   last_line(out)[:160], check[:160], not problems, problems)


def _isolated(args: list[str], timeout: float) -> tuple[int | None, float, float | None, str]:
    """run_cli in a fresh helper process, so RUSAGE_CHILDREN is this one command's peak."""
    if not hasattr(os, "fork"):
        code, seconds, _, out = run_cli(args, timeout)
        return code, seconds, None, out
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:                      # the helper: run the command, report, leave at once
        os.close(r)
        try:
            result = json.dumps(run_cli(args, timeout)).encode()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            result = json.dumps([None, 0.0, None, f"the harness failed: {exc!r}"]).encode()
        with os.fdopen(w, "wb") as fh:
            fh.write(result)
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    code, seconds, peak, out = json.loads(data)
    return code, seconds, peak, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small sizes: seconds in all")
    ap.add_argument("--only", metavar="TEXT", help="only attacks whose name contains TEXT")
    ap.add_argument("--json", action="store_true", help="one JSON document on stdout")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="researchnb-attack-"))
    outcomes = []
    try:
        template = work / "template.rnb"
        doc_key = seed_notebook(template)
        for attack in attacks(work, template, doc_key, args.quick):
            if args.only and args.only.casefold() not in attack.name.casefold():
                continue
            notebook = work / "scratch.rnb"        # a fresh copy for every attack
            shutil.rmtree(notebook, ignore_errors=True)
            shutil.copytree(template, notebook)
            found = run_attack(attack, work, notebook, args.quick)
            outcomes.append(found)
            if not args.json:
                rss = "?" if found.peak_rss_mb is None else f"{found.peak_rss_mb:.0f} MB"
                print(f"{'ok  ' if found.ok else 'FAIL'} {found.name}: exit {found.exit_code}, "
                      f"{found.seconds:.1f} s, peak {rss}; {found.message!r}; check: "
                      f"{found.check}" + ("" if found.ok else f"  <- {'; '.join(found.problems)}"),
                      flush=True)
    finally:
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        json.dump({"attacks": [asdict(o) for o in outcomes],
                   "ok": sum(o.ok for o in outcomes)}, sys.stdout, indent=1)
        print()
    else:
        print(f"\n{sum(o.ok for o in outcomes)} of {len(outcomes)} attacks ended with a clear "
              "message and a healthy notebook.")
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
