"""Several command lines writing one notebook at once (issue 15, acceptance 2)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

PER_PROCESS = 200


def _cli(nbp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "researchnb.cli", "--notebook", str(nbp),
                           *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


@pytest.mark.slow
def test_two_command_lines_add_200_notes_each_at_once(cli, tmp_path):
    nbp = tmp_path / "n.rnb"
    assert cli("init", str(nbp)).code == 0
    refused: list[str] = []

    def stream(n: int) -> None:
        for i in range(PER_PROCESS):
            r = _cli(nbp, "notes", "add", "--title", f"stream {n} note {i}")
            if r.returncode != 0:
                refused.append(r.stderr)

    start = time.monotonic()
    threads = [threading.Thread(target=stream, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.monotonic() - start
    print(f"2 x {PER_PROCESS} parallel `notes add`: {took:.1f} s")
    assert refused == []
    listed = cli("notes", "list", "--json", notebook=nbp)
    assert len(listed.json) == 2 * PER_PROCESS
    assert cli("check", notebook=nbp).code == 0


def test_programs_opening_at_once_take_one_daily_backup(cli, tmp_path):
    nbp = tmp_path / "n.rnb"
    assert cli("init", str(nbp)).code == 0
    assert cli("notes", "add", "--title", "Worth keeping", notebook=nbp).code == 0
    for b in (nbp / "backups").glob("*.sqlite"):
        b.unlink()
    procs = [subprocess.Popen([sys.executable, "-m", "researchnb.cli", "--notebook", str(nbp),
                               "info"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(6)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, results
    assert len([b for b in (nbp / "backups").glob("*daily.sqlite")]) == 1
