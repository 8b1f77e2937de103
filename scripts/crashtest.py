#!/usr/bin/env python3
"""Crash harness: kill researchnb with SIGKILL mid-work, N times, and see what survives.

Each trial starts a child process on a fresh notebook doing one of two workloads:
  import  imports a batch of multi-page PDFs, one `import_files` call per file
  notes   adds notes and edits them in a quick burst
The child appends a line to a journal (flushed and fsynced) after each operation returns, so
the parent knows what was committed. The parent kills it at a random moment, then reopens the
notebook as a user would and verifies: `check` passes; no document is half-imported or there
twice; every journalled document and note is there, whole, with its last journalled text (or
a later one whose journal line the kill cut off); every journalled record is found by search;
and, for imports, importing the whole batch again completes it without duplicates.

The kills are aimed at the operations themselves. Two uninterrupted calibration runs per
workload journal when each operation began and returned; each trial picks one operation
(the k-th) and a moment inside its calibrated duration, watches the journal until the k-th
operation begins, and kills the child that far into it. (Killing at a random moment of the
whole run, as before, landed about half the kills between operations.)

    scripts/crashtest.py --trials 50 [--seed 1] [--workload mixed|import|notes] [--json]
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
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BATCH_FILES = 24
NOTES = 30
EDITS_PER_NOTE = 5
FILLER = ("The meeting of the factory cell heard the report of comrade Likhachev on wages "
          "and the supply of bread to the workers of the second shift").split()


# -- test material -------------------------------------------------------------------------

def token(*numbers: int) -> str:
    """A made-up word unique to one record, letters only so every analyzer keeps it whole."""
    out = "zq"
    for n in numbers:
        digits = ""
        while True:
            digits = "bcdfghjklmnprstvwxz"[n % 19] + digits
            n //= 19
            if n == 0:
                break
        out += digits + "a"
    return out + "q"


def make_pdf(pages: list[list[str]]) -> bytes:
    """A small valid PDF with real text on each page (Helvetica, one line per string)."""
    objs: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objs.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objs.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, lines in enumerate(pages):
        esc = [ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for ln in lines]
        stream = "BT /F1 11 Tf 14 TL 72 760 Td " + " ".join(f"({ln}) '" for ln in esc) + " ET"
        data = stream.encode("latin-1")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                    f"<< /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def make_batch(folder: Path, rng: random.Random) -> list[dict[str, Any]]:
    folder.mkdir(parents=True, exist_ok=True)
    batch = []
    for i in range(BATCH_FILES):
        n_pages = rng.randint(8, 30)
        pages = []
        for p in range(n_pages):
            words = [rng.choice(FILLER) for _ in range(160)]
            words.insert(rng.randrange(len(words)), token(i, p))
            pages.append([" ".join(words[k:k + 12]) for k in range(0, len(words), 12)])
        path = folder / f"delo-{i:02d}.pdf"
        path.write_bytes(make_pdf(pages))
        batch.append({"file": path.name, "pages": n_pages,
                      "tokens": [token(i, p) for p in range(n_pages)]})
    return batch


# -- the child: does the work, journals what returned ---------------------------------------

def journal(fh: Any, **record: Any) -> None:
    record["t"] = time.time()
    fh.write(json.dumps(record) + "\n")
    fh.flush()
    os.fsync(fh.fileno())


def child(workload: str, nb_path: Path, batch_dir: Path, journal_path: Path) -> None:
    from researchnb.notebook import Notebook
    with Notebook.open(nb_path) as nb, open(journal_path, "a", encoding="utf-8") as fh:
        journal(fh, event="opened")
        if workload == "import":
            for pdf in sorted(batch_dir.glob("*.pdf")):
                journal(fh, event="begin", file=pdf.name)
                result = nb.documents.import_files([pdf]).value
                for item in result.imported:
                    journal(fh, event="document", file=pdf.name, key=item.document,
                            pages=item.pages)
        else:
            keys = []
            for i in range(NOTES):
                journal(fh, event="begin")
                note = nb.notes.add(f"Note {token(i)}",
                                    f"Body {token(i, 0)}\n" + " ".join(FILLER)).value
                keys.append(note.key)
                journal(fh, event="note", key=note.key, body_token=token(i, 0), n=i)
            for e in range(1, EDITS_PER_NOTE + 1):
                for i, key in enumerate(keys):
                    journal(fh, event="begin")
                    nb.notes.edit(key, body=f"Body {token(i, e)}\n" + " ".join(FILLER))
                    journal(fh, event="edit", key=key, body_token=token(i, e), n=i, edit=e)
        journal(fh, event="done")


# -- the parent: runs trials and verifies ---------------------------------------------------

def read_journal(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            break                      # a line the kill cut short: not committed knowledge
    return out


def search_finds(nb: Any, word: str, key: str, page: int | None = None) -> bool | None:
    """Whether searching `word` finds the record (or that page of the document)."""
    for h in nb.search.query(word, limit=50).get("hits", []):
        doc = h.get("document")
        doc_key = doc.get("key") if isinstance(doc, dict) else doc
        number = (h.get("page") or {}).get("number") if isinstance(h.get("page"), dict) \
            else h.get("page")
        if page is None and h.get("key") == key:
            return True
        if page is not None and doc_key == key and number == page:
            return True
    return False


def age_leftovers(nb_path: Path) -> None:
    """Make what the kill left (a half-copied original) look as old as it would at the next
    day's opening: opening removes leftovers only once no live process can own them
    (notebook/leftovers.py, MIN_AGE), and the verifier opens the notebook at once."""
    from researchnb.notebook import leftovers
    old = time.time() - leftovers.MIN_AGE - 1
    for found in leftovers.find(nb_path):
        if found.path.is_file():
            os.utime(found.path, (old, old))


def verify(workload: str, nb_path: Path, batch: list[dict[str, Any]],
           batch_dir: Path, events: list[dict[str, Any]]) -> dict[str, Any]:
    from researchnb.notebook import Notebook
    from researchnb.store.documents import all_file_hashes
    problems: list[str] = []
    lost: list[str] = []
    duplicated: list[str] = []
    search_misses: list[str] = []
    stray = 0
    age_leftovers(nb_path)
    with Notebook.open(nb_path) as nb:
        checked = nb.check()
        problems += [f"check: {p}" for p in checked["problems"]]
        strays = nb.files.stray(all_file_hashes(nb.conn))
        partial = [p for p in strays if p.name.startswith(".incoming-")]
        if partial:
            problems.append(f"{len(partial)} half-copied originals left in files/")
        stray = len(strays)
        if workload == "import":
            docs = nb.documents.all()
            by_name: dict[str, list[Any]] = {}
            for d in docs:
                by_name.setdefault(d.filename, []).append(d)
            duplicated += [name for name, ds in by_name.items() if len(ds) > 1]
            expected = {b["file"]: b for b in batch}
            for d in docs:
                want = expected.get(d.filename)
                if want is None or d.page_count != want["pages"]:
                    problems.append(f"document {d.key} ({d.filename}) is half-imported or "
                                    f"unknown: {d.page_count} pages")
                    continue
                pages = nb.documents.get(d.key).pages
                if len(pages) != want["pages"] or not all(p.text.strip() for p in pages):
                    problems.append(f"document {d.key} ({d.filename}) is half-imported: "
                                    f"{len(pages)} of {want['pages']} pages hold their text")
            present = {d.key for d in docs}
            for ev in events:
                if ev.get("event") == "document":
                    if ev["key"] not in present:
                        lost.append(f"document {ev['key']} ({ev['file']})")
                        continue
                    for p, word in enumerate(expected[ev["file"]]["tokens"], 1):
                        if search_finds(nb, word, ev["key"], page=p) is False:
                            search_misses.append(f"document {ev['key']} page {p}")
            unjournalled = present - {ev["key"] for ev in events if ev.get("event") == "document"}
            if len(unjournalled) > 1:
                problems.append(f"{len(unjournalled)} documents committed without a journal "
                                "line (at most the one being imported at the kill can be)")
            # Resume: importing the whole batch again completes it, with nothing twice.
            nb.documents.import_files(sorted(batch_dir.glob("*.pdf")))
            again = nb.documents.all()
            if len(again) != len(batch) or len({d.filename for d in again}) != len(batch):
                problems.append(f"re-importing the batch gave {len(again)} documents, "
                                f"expected {len(batch)}")
            if not nb.check()["ok"]:
                problems.append("check fails after re-importing the batch")
        else:
            notes = {n.key: n for n in nb.notes.all()}
            last: dict[str, dict[str, Any]] = {}
            for ev in events:
                if ev.get("event") in ("note", "edit"):
                    last[ev["key"]] = ev
            for key, ev in last.items():
                note = notes.get(key)
                if note is None:
                    lost.append(f"note {key}")
                    continue
                body = nb.notes.get(key).body
                nxt = token(ev["n"], ev.get("edit", 0) + 1)
                if token(ev["n"], ev.get("edit", 0)) not in body and nxt not in body:
                    lost.append(f"the last saved text of note {key}")
                elif token(ev["n"], ev.get("edit", 0)) in body and \
                        search_finds(nb, token(ev["n"], ev.get("edit", 0)), key) is False:
                    search_misses.append(f"note {key}")
            titles = [n.title for n in notes.values()]
            duplicated += sorted({t for t in titles if titles.count(t) > 1})
            if len(set(notes) - set(last)) > 1:
                problems.append("more than one note committed without a journal line")
    return {"problems": problems, "lost": lost, "duplicated": duplicated,
            "search_misses": search_misses, "stray_files": stray}


def operation_windows(events: list[dict[str, Any]]) -> list[tuple[int, float]]:
    """(k, seconds) of each operation a calibration journal shows: the k-th "begin" line
    (from 1) and how long until its result line."""
    out = []
    k = 0
    for ev, nxt in zip(events, events[1:], strict=False):
        if ev.get("event") == "begin":
            k += 1
            if nxt.get("event") != "begin":
                out.append((k, nxt["t"] - ev["t"]))
    return out


def wait_for_begin(proc: subprocess.Popen, jpath: Path, k: int, timeout: float) -> bool:
    """Watch the journal until its k-th "begin" line is there (False: the child ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if jpath.read_bytes().count(b'"event": "begin"') >= k:
                return True
        except OSError:
            pass
        if proc.poll() is not None:
            return False
        time.sleep(0.0002)
    return False


def run_child(workload: str, nb_path: Path, batch_dir: Path, jpath: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, __file__, "--child", workload, str(nb_path),
                             str(batch_dir), str(jpath)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workload", choices=("mixed", "import", "notes"), default="mixed")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]), Path(args.child[3]))
        return 0

    from researchnb.notebook import Notebook
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="researchnb-crashtest-"))
    batch_dir = work / "batch"
    batch = make_batch(batch_dir, rng)
    template = work / "template.rnb"
    Notebook.create(template).close()

    workloads = ["import", "notes"] if args.workload == "mixed" else [args.workload]
    durations: dict[str, float] = {}
    windows: dict[str, list[tuple[int, float]]] = {}
    for w in workloads:            # two uninterrupted runs each: how long the work takes
        for attempt in range(2):
            nbp = work / f"calibrate-{w}-{attempt}.rnb"
            jpath = work / f"calibrate-{w}-{attempt}.jsonl"
            shutil.copytree(template, nbp)
            proc = run_child(w, nbp, batch_dir, jpath)
            _, err = proc.communicate(timeout=600)
            if proc.returncode != 0:
                print(f"the {w} workload fails even without a kill:\n{err.decode()}",
                      file=sys.stderr)
                return 2
            events = read_journal(jpath)
            took = events[-1]["t"] - events[0]["t"]
            durations[w] = min(durations.get(w, took), took)
            if attempt == 0:
                windows[w] = operation_windows(events)
            base = verify(w, nbp, batch, batch_dir, events)
            if any(base[k] for k in ("problems", "lost", "duplicated", "search_misses")):
                print(f"the {w} workload is wrong even without a kill: {base}", file=sys.stderr)
                return 2

    trials = []
    for t in range(args.trials):
        w = workloads[t % len(workloads)]
        nbp = work / f"trial-{t:03d}.rnb"
        shutil.copytree(template, nbp)
        jpath = work / f"trial-{t:03d}.jsonl"
        # The kill is aimed inside one operation: the k-th, a random part of the way into
        # its calibrated duration (the reaction to the journal takes part of it already).
        k, took = rng.choice(windows[w])
        # An operation of a few milliseconds (a note) is killed as soon as it is seen to
        # begin: the parent's reaction is already most of it.
        into = 0.0 if took < 0.02 else rng.uniform(0.0, 0.4) * took
        proc = run_child(w, nbp, batch_dir, jpath)
        began = wait_for_begin(proc, jpath, 1, 60)
        start = time.monotonic()
        if began and wait_for_begin(proc, jpath, k, 600):
            time.sleep(into)
        delay = time.monotonic() - start
        finished = proc.poll() is not None
        if not finished:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        events = read_journal(jpath)
        ops = sum(1 for e in events if e.get("event") in ("document", "note", "edit"))
        result = verify(w, nbp, batch, batch_dir, events)
        in_flight = bool(events) and events[-1].get("event") == "begin" and not finished
        result.update(trial=t, workload=w, kill_after_s=round(delay, 3), finished=finished,
                      committed_before_kill=ops, killed_inside_an_operation=in_flight)
        result["ok"] = not (result["problems"] or result["lost"] or result["duplicated"]
                            or result["search_misses"])
        trials.append(result)
        if not args.json:
            mark = "ok  " if result["ok"] else "FAIL"
            print(f"{mark} trial {t:3d} {w:6s} killed {delay:5.2f}s into the work "
                  f"({ops} operations committed{', had finished' if finished else ''}"
                  f"{', one in progress' if in_flight else ''})"
                  + ("" if result["ok"] else f": {result}"), flush=True)

    summary = {
        "trials": len(trials),
        "passed_check": sum(1 for r in trials if not any(p.startswith("check:")
                                                         for p in r["problems"])),
        "ok": sum(1 for r in trials if r["ok"]),
        "failures": [r for r in trials if not r["ok"]],
        "killed_mid_work": sum(1 for r in trials if not r["finished"]
                               and r["committed_before_kill"] > 0),
        "killed_inside_an_operation": sum(1 for r in trials
                                          if r["killed_inside_an_operation"]),
        "killed_inside_an_import": sum(1 for r in trials if r["killed_inside_an_operation"]
                                       and r["workload"] == "import"),
        "killed_before_first_commit": sum(1 for r in trials if not r["finished"]
                                          and r["committed_before_kill"] == 0),
        "finished_before_kill": sum(1 for r in trials if r["finished"]),
        "lost": sum(len(r["lost"]) for r in trials),
        "duplicated": sum(len(r["duplicated"]) for r in trials),
        "half_imported": sum(1 for r in trials for p in r["problems"] if "half-imported" in p),
        "search_misses": sum(len(r["search_misses"]) for r in trials),
        "search_checked": True,
        "stray_files_after_kill": sum(r["stray_files"] for r in trials),
        "calibration_s": {w: round(d, 2) for w, d in durations.items()},
        "median_operation_s": {w: round(sorted(t for _, t in ws)[len(ws) // 2], 4)
                               for w, ws in windows.items() if ws},
    }
    if args.json:
        json.dump({**summary, "results": trials}, sys.stdout, indent=2)
        print()
    else:
        print(f"\n{summary['ok']} of {summary['trials']} trials passed; "
              f"{summary['passed_check']} of {summary['trials']} notebooks passed check.")
        print(f"killed mid-work: {summary['killed_mid_work']}, before the first commit: "
              f"{summary['killed_before_first_commit']}, finished first: "
              f"{summary['finished_before_kill']}; inside an operation (after it began, "
              f"before it returned): {summary['killed_inside_an_operation']}, of which inside "
              f"a PDF import: {summary['killed_inside_an_import']}")
        print(f"lost: {summary['lost']}, duplicated: {summary['duplicated']}, half-imported: "
              f"{summary['half_imported']}, search misses: {summary['search_misses']}, "
              f"complete originals left unreferenced by kills (kept; a re-import reuses "
              f"them): {summary['stray_files_after_kill']}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"work folder kept: {work}", file=sys.stderr)
    return 0 if summary["ok"] == summary["trials"] else 1


if __name__ == "__main__":
    sys.exit(main())
