"""Finding 10 of issue 15: Ctrl+C during an import printed "user-defined function raised
exception" (a bug message, exit 1). The interrupt lands mostly inside the search analyzer,
which SQLite calls from a trigger, and the sqlite3 module swallows any exception raised
there (researchnb/search/functions.py). Now: exit 130, one sentence, the files before the
one being imported saved, and `check` passes."""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from researchnb.cli import guard, main
from researchnb.notebook import Notebook
from researchnb.search import functions

WORDS = ("протокол заседания бюро ячейки слушали доклад рабочих завода minutes of the cell "
         "bureau bread workers committee question").split()


def test_ctrl_c_inside_an_sql_function_is_remembered(monkeypatch):
    def interrupted(text: object) -> str:
        raise KeyboardInterrupt
    monkeypatch.setattr(functions, "analyze", interrupted)
    conn = sqlite3.connect(":memory:")
    for name, nargs, fn in functions.sql_functions():
        conn.create_function(name, nargs, fn)
    functions.clear_interrupted()
    with pytest.raises(sqlite3.OperationalError, match="user-defined function raised"):
        conn.execute("SELECT rnb_analyze('Протокол')")    # what sqlite3 makes of it
    assert functions.interrupted()
    functions.clear_interrupted()
    assert conn.execute("SELECT rnb_fold('Ё')").fetchone()[0] == "е"
    assert not functions.interrupted()


def test_ctrl_c_inside_a_trigger_ends_the_command_with_a_sentence(tmp_path, monkeypatch,
                                                                   capsys):
    nbp = tmp_path / "n.rnb"
    Notebook.create(nbp).close()
    analyze = functions.analyze

    def interrupted_on_marker(text: object) -> str:
        if isinstance(text, str) and "MARKER" in text:
            raise KeyboardInterrupt
        return analyze(text)
    monkeypatch.setattr(functions, "analyze", interrupted_on_marker)
    monkeypatch.setenv("RESEARCHNB_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(["notes", "add", "--title", "Plan", "--body", "MARKER", "--notebook", str(nbp)])
    err = capsys.readouterr().err
    assert code == 130
    assert err.strip() == f"researchnb: {guard.STOPPED}"
    with Notebook.open(nbp) as nb:
        assert nb.info()["notes"] == 0
        assert nb.check()["ok"]


def _big_text(path: Path, megabytes: int) -> None:
    rng = random.Random(15)
    line_words = 12
    with path.open("w", encoding="utf-8") as f:
        written = 0
        while written < megabytes * 1_000_000:
            line = " ".join(rng.choice(WORDS) for _ in range(line_words)) + "\n"
            f.write(line)
            written += len(line.encode("utf-8"))


def _sigint_default() -> None:
    """In the child before it runs Python: a SIGINT ignored by whatever started the tests
    (a background job) would stay ignored, and Python would install no handler for it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _originals(nbp: Path) -> list[Path]:
    return [p for p in (nbp / "files").rglob("*") if p.is_file()]


@pytest.mark.skipif(os.name != "posix", reason="sends SIGINT to a child process: POSIX only "
                                                "(Windows has no SIGINT to send to a process)")
def test_sigint_during_an_import_keeps_what_was_finished(cli, tmp_path):
    nbp = tmp_path / "i.rnb"
    assert cli("init", str(nbp)).code == 0
    first = tmp_path / "a-first.txt"
    first.write_text("Протокол заседания. Метка qzfirstx.\n", encoding="utf-8")
    big = tmp_path / "b-big.txt"
    _big_text(big, 30)
    env = dict(os.environ, RESEARCHNB_LOG_DIR=str(tmp_path / "logs"))
    proc = subprocess.Popen([sys.executable, "-m", "researchnb.cli", "import", str(first),
                             str(big), "--notebook", str(nbp)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            preexec_fn=_sigint_default)
    try:
        # The big file's original is copied in just before its one transaction starts:
        # from then on, the time goes into the analyzer the search triggers call.
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if len(_originals(nbp)) >= 2:
                break
            time.sleep(0.005)
        time.sleep(0.3)
        assert proc.poll() is None, "the import ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, err
    assert err.strip() == f"researchnb: {guard.STOPPED_IMPORT}"
    assert "user-defined function" not in err and "Traceback" not in err
    checked = cli("check", notebook=nbp)
    assert checked.code == 0, checked.err
    with Notebook.open(nbp, read_only=True) as nb:
        assert nb.info()["documents"] == 1                       # the first file, saved
        assert nb.search.query("qzfirstx")["total"] == 1
        assert nb.search.query("bureau")["total"] == 0           # nothing of the big one
    assert len(_originals(nbp)) == 1
