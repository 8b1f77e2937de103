"""Archive, restore and backups through the CLI; a read-only folder; a disk that fills up."""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import signal
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SOURCE = ["sources", "add", "--kind", "archival", "--title", "Протокол заседания ячейки",
          "--archive-abbr", "TsGAMO", "--fond", "415", "--opis", "16", "--delo", "312",
          "--json"]


def _filled(cli, tmp_path: Path, fixture_file) -> tuple[Path, str, str]:
    nbp = tmp_path / "n.rnb"
    assert cli("init", str(nbp)).code == 0
    src = cli(*SOURCE, notebook=nbp).json["key"]
    r = cli("import", str(fixture_file("report-1923.pdf")), "--json", notebook=nbp)
    assert r.code == 0, r.err
    note = cli("notes", "add", "--title", "Private doubts", "--body",
               f"about [the protocol](src:{src})", "--private", "--json", notebook=nbp)
    assert note.code == 0, note.err
    return nbp, src, note.json["key"]


def test_export_archive_restore_and_export_again(cli, tmp_path, fixture_file):
    nbp, src, note = _filled(cli, tmp_path, fixture_file)
    first = tmp_path / "first.zip"
    r = cli("export", "archive", "-o", str(first), "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert r.json["archive"] == str(first) and r.json["files"] == 1
    restored = tmp_path / "moved" / "n.rnb"
    r = cli("restore", str(first), str(restored), "--json")
    assert r.code == 0, r.err
    assert r.json["notebook"] == str(restored) and r.json["check"]["ok"]
    assert r.json["sources"] == 2 and r.json["documents"] == 1 and r.json["notes"] == 1
    assert cli("check", notebook=restored).code == 0
    shown = cli("notes", "show", note, "--json", notebook=restored).json
    assert shown["private"] is True and src in shown["body"]
    second = tmp_path / "second.zip"
    assert cli("export", "archive", "-o", str(second), notebook=restored).code == 0
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        names = [n for n in a.namelist() if n.endswith(".json")]
        assert names and all(a.read(n) == b.read(n) for n in names)
        assert sorted(a.namelist()) == sorted(b.namelist())


def test_damaged_archive_is_refused_with_the_member_named(cli, tmp_path, fixture_file):
    nbp, _, _ = _filled(cli, tmp_path, fixture_file)
    good = tmp_path / "good.zip"
    cli("export", "archive", "-o", str(good), notebook=nbp)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.startswith("files/"):
                data = data[:-10] + b"0123456789"
            zout.writestr(info, data)
    r = cli("restore", str(bad), str(tmp_path / "r.rnb"))
    assert r.code == 1 and "Traceback" not in r.err
    assert "damaged" in r.err and "files/" in r.err and "nothing was restored" in r.err
    assert not (tmp_path / "r.rnb").exists()
    r = cli("export", "archive", notebook=nbp)
    assert r.code == 1 and "-o FILE.zip" in r.err


def test_backups_list_and_restore(cli, tmp_path):
    nbp = tmp_path / "n.rnb"
    cli("init", str(nbp))
    first = cli(*SOURCE, notebook=nbp).json["key"]
    name = Path(cli("backup", "--json", notebook=nbp).json["backup"]).name
    cli("sources", "add", "--kind", "book", "--title", "Later", notebook=nbp)
    listed = cli("backups", "list", "--json", notebook=nbp).json
    assert name in [b["name"] for b in listed]
    assert {"name", "created", "reason", "size"} <= set(listed[0])
    r = cli("backups", "restore", name, "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert [s["key"] for s in cli("sources", "list", "--json", notebook=nbp).json] == [first]
    kept = r.json["previous_state"]
    assert kept in [b["name"] for b in cli("backups", "list", "--json", notebook=nbp).json]
    r = cli("backups", "restore", "no-such-backup", notebook=nbp)
    assert r.code == 1 and "backups list" in r.err


# -- a notebook on a folder that cannot be written ------------------------------------------

def _without_write_permission() -> None:
    """Make permissions bind even for root: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH."""
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (1, 2):
            if libc.prctl(24, cap, 0, 0, 0) != 0:       # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run(*args: str, preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "researchnb.cli", *args], capture_output=True,
                          text=True, preexec_fn=preexec, timeout=300)


def _tree_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _set_read_only(folder: Path, read_only: bool) -> None:
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir():
            p.chmod(0o555 if read_only else 0o755)
        else:
            p.chmod(0o444 if read_only else 0o644)


@pytest.mark.skipif(sys.platform != "linux", reason="uses Linux capabilities when root")
def test_read_only_folder_opens_read_only_and_refuses_writes(cli, tmp_path, fixture_file):
    nbp, src, note = _filled(cli, tmp_path, fixture_file)
    _set_read_only(nbp, True)
    before = _tree_state(nbp)
    try:
        pre = _without_write_permission
        probe = _run("sources", "add", "--kind", "book", "--title", "probe",
                     "--notebook", str(nbp), preexec=pre)
        assert probe.returncode == 1 and "Traceback" not in probe.stderr
        assert "read-only" in probe.stderr and "nothing was changed" in probe.stderr

        info = _run("info", "--json", "--notebook", str(nbp), preexec=pre)
        assert info.returncode == 0, info.stderr
        assert '"sources": 2' in info.stdout
        assert "open read-only" in info.stderr and "does not allow writing" in info.stderr

        shown = _run("notes", "show", note, "--json", "--notebook", str(nbp), preexec=pre)
        assert shown.returncode == 0 and "Private doubts" in shown.stdout
        checked = _run("check", "--notebook", str(nbp), preexec=pre)
        assert checked.returncode == 0, checked.stderr

        out = tmp_path / "copy.zip"
        exported = _run("export", "archive", "-o", str(out), "--notebook", str(nbp),
                        preexec=pre)
        assert exported.returncode == 0, exported.stderr
        assert zipfile.ZipFile(out).testzip() is None

        for args in (["notes", "add", "--title", "t", "--body", "b"],
                     ["import", str(fixture_file("journal.md"))],
                     ["tags", "add", src, "theme/x"]):
            r = _run(*args, "--notebook", str(nbp), preexec=pre)
            assert r.returncode == 1, (args, r.stdout, r.stderr)
            assert "read-only" in r.stderr and "Traceback" not in r.stderr
        assert _tree_state(nbp) == before
    finally:
        _set_read_only(nbp, False)
    assert cli("check", notebook=nbp).code == 0


# -- a disk that fills up -------------------------------------------------------------------

def _small_disk(limit: int):
    """Simulate a disk with `limit` bytes left: files cannot grow past that size."""
    def pre() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_full_disk_is_reported_and_the_notebook_stays_consistent(cli, tmp_path, fixture_file):
    nbp, _, _ = _filled(cli, tmp_path, fixture_file)
    assert cli("import", str(fixture_file("scan.pdf")), notebook=nbp).code == 0
    info = cli("info", "--json", notebook=nbp).json
    big = tmp_path / "big.txt"
    big.write_text("\n".join(hashlib.sha256(str(i).encode()).hexdigest() for i in range(60000)))
    db_size = (nbp / "notebook.sqlite").stat().st_size
    pre = _small_disk(db_size + 64 * 1024)

    r = _run("notes", "add", "--title", "Huge", "--body-file", str(big), "--notebook",
             str(nbp), preexec=pre)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert "nothing was changed" in r.stderr and "space" in r.stderr

    r = _run("import", str(big), "--notebook", str(nbp), preexec=pre)
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert "nothing was imported" in r.stderr

    out = tmp_path / "a.zip"
    r = _run("export", "archive", "-o", str(out), "--notebook", str(nbp),
             preexec=_small_disk(64 * 1024))
    assert r.returncode == 1 and "not enough space" in r.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".a.zip")]

    r = _run("backup", "--notebook", str(nbp), preexec=_small_disk(64 * 1024))
    assert r.returncode == 1 and "unchanged" in r.stderr and "Traceback" not in r.stderr

    assert cli("check", notebook=nbp).code == 0
    assert cli("info", "--json", notebook=nbp).json == info
    stray = [p for p in (nbp / "files").rglob("*") if p.is_file() and
             p.name.startswith(".incoming-")]
    assert stray == []
    # and once there is space again, the same write works
    r = cli("notes", "add", "--title", "Huge", "--body-file", str(big), notebook=nbp)
    assert r.code == 0, r.err
    assert stat.S_ISREG((nbp / "notebook.sqlite").stat().st_mode)


def test_backups_of_a_notebook_too_damaged_to_open(cli, tmp_path):
    nbp = tmp_path / "n.rnb"
    cli("init", str(nbp))
    key = cli(*SOURCE, notebook=nbp).json["key"]
    name = Path(cli("backup", "--json", notebook=nbp).json["backup"]).name
    with open(nbp / "notebook.sqlite", "r+b") as f:
        f.write(b"\0" * 100)
    r = cli("info", notebook=nbp)
    assert r.code == 1 and "cannot be opened" in r.err and "Traceback" not in r.err
    listed = cli("backups", "list", "--json", notebook=nbp)
    assert listed.code == 0 and name in [b["name"] for b in listed.json]
    r = cli("backups", "restore", name, notebook=nbp)
    assert r.code == 0, r.err
    assert "damaged" in r.out
    assert [s["key"] for s in cli("sources", "list", "--json", notebook=nbp).json] == [key]
    assert cli("check", notebook=nbp).code == 0
