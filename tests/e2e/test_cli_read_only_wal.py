"""A notebook in a read-only folder after a crash left its WAL (issue 15, finding 5).

The folder is made read-only by a read-only bind mount in a private mount namespace
(`unshare -rm`: a user namespace, so no privilege is needed). chmod would not do: the tests
run as root, for whom permission bits do not stop writes, while a read-only mount stops
everyone, exactly like a CD or a write-protected share. Where `unshare` cannot make such a
mount (no user namespaces, not Linux) the test is skipped with that reason.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from researchnb.notebook import Notebook

COMMITTED_BEFORE = 5
IN_THE_WAL = 20


def _ro_mount_works(folder: Path) -> str | None:
    """None when `unshare -rm` can mount `folder` read-only here, else why not."""
    if sys.platform != "linux" or shutil.which("unshare") is None:
        return "needs Linux's unshare to mount a folder read-only"
    probe = _in_read_only(folder, ["sh", "-c", f"touch {shlex.quote(str(folder / 'x'))}"])
    if probe.returncode == 0:
        (folder / "x").unlink(missing_ok=True)
        return "unshare could not make a read-only mount here"
    if "Read-only file system" not in probe.stderr:
        return f"unshare could not make a read-only mount here: {probe.stderr.strip()}"
    return None


def _in_read_only(folder: Path, cmd: list[str], tmp: Path | None = None
                  ) -> subprocess.CompletedProcess[str]:
    """Run `cmd` with `folder` mounted read-only (only for that command), its temporary
    files in `tmp`."""
    f = shlex.quote(str(folder))
    script = (f"mount --bind {f} {f} && mount -o remount,ro,bind {f} {f} && exec "
              + " ".join(shlex.quote(c) for c in cmd))
    return subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True,
                          text=True, timeout=300,
                          env=dict(os.environ, **({"TMPDIR": str(tmp)} if tmp else {})))


def _crashed_copy(tmp_path: Path) -> Path:
    """A notebook whose last 20 notes are committed only in its WAL, with no -shm: the
    files as a crash leaves them, copied elsewhere (a CD, a colleague's share)."""
    live = tmp_path / "live.rnb"
    with Notebook.create(live) as nb:
        for i in range(COMMITTED_BEFORE):
            nb.notes.add(f"Checkpointed {i}", "in the database file")
    copy = tmp_path / "copy" / "n.rnb"
    with Notebook.open(live) as nb:
        nb.conn.execute("PRAGMA wal_autocheckpoint = 0")
        for i in range(IN_THE_WAL):
            nb.notes.add(f"Only in the WAL {i}", "committed, never checkpointed")
        # Copied while it is open: nothing has been checkpointed yet.
        shutil.copytree(live, copy, ignore=shutil.ignore_patterns("*-shm", "notebook.lock"))
    assert (copy / "notebook.sqlite-wal").stat().st_size > 0
    assert not (copy / "notebook.sqlite-shm").exists()
    return copy


def test_read_only_folder_after_a_crash_shows_every_committed_note(tmp_path):
    copy = _crashed_copy(tmp_path)
    reason = _ro_mount_works(copy.parent)
    if reason:
        pytest.skip(reason)
    cli = [sys.executable, "-m", "researchnb.cli", "--notebook", str(copy)]
    tmp = tmp_path / "tmp"
    tmp.mkdir()

    listed = _in_read_only(copy.parent, [*cli, "notes", "list", "--json"], tmp)
    assert listed.returncode == 0, listed.stderr
    titles = [n["title"] for n in json.loads(listed.stdout)]
    assert len(titles) == COMMITTED_BEFORE + IN_THE_WAL
    assert "Only in the WAL 19" in titles

    checked = _in_read_only(copy.parent, [*cli, "check", "--json"], tmp)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["ok"]
    info = _in_read_only(copy.parent, [*cli, "info", "--json"], tmp)
    assert json.loads(info.stdout)["notes"] == COMMITTED_BEFORE + IN_THE_WAL

    out = tmp_path / "out.zip"
    exported = _in_read_only(copy.parent, [*cli, "export", "archive", "-o", str(out),
                                           "--json"], tmp)
    assert exported.returncode == 0, exported.stderr
    with zipfile.ZipFile(out) as zf:
        notes = [n for n in zf.namelist() if n.startswith("notes/")]
        manifest = json.loads(zf.read("manifest.json"))
    assert len(notes) == COMMITTED_BEFORE + IN_THE_WAL
    assert manifest["tables"]["notes"] == COMMITTED_BEFORE + IN_THE_WAL
    # Nothing was written into the read-only folder, and the temporary copy is gone.
    assert not (copy / "notebook.sqlite-shm").exists()
    assert list(tmp.iterdir()) == []
