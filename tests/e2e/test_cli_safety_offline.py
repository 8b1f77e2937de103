"""Offline guarantee: the whole workflow and the app's start-up with sockets made to fail.

Every subprocess gets a `sitecustomize` that replaces socket creation (socket.socket,
_socket.socket, socketpair, create_connection, getaddrinfo) with a function that records the
attempt, with its stack, and raises. The test then asserts both that everything worked and
that nothing even tried: a code path that swallowed the error would still be caught.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TRAP = textwrap.dedent('''
    import os, socket, _socket, traceback
    _LOG = os.environ["RESEARCHNB_NET_LOG"]
    with open(_LOG + ".installed", "a") as f:
        f.write("installed\\n")

    def _refuse(what):
        def refuse(*args, **kwargs):
            with open(_LOG, "a") as f:
                f.write(what + "\\n" + "".join(traceback.format_stack()) + "\\n")
            raise OSError(101, "Network is unreachable (researchnb offline test)")
        return refuse

    class _NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            _refuse("socket.socket")()

    socket.socket = _NoSocket
    _socket.socket = _NoSocket
    socket.SocketType = _NoSocket
    for _name in ("socketpair", "create_connection", "create_server", "getaddrinfo",
                  "gethostbyname", "fromfd"):
        setattr(socket, _name, _refuse("socket." + _name))
''')


@pytest.fixture
def offline(tmp_path: Path):
    """Run `researchnb ARGS…` (or `python -c CODE`) with the network trap installed."""
    trap_dir = tmp_path / "trap"
    trap_dir.mkdir()
    (trap_dir / "sitecustomize.py").write_text(TRAP)
    log = tmp_path / "network-attempts.log"
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(trap_dir), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
        RESEARCHNB_NET_LOG=str(log), QT_QPA_PLATFORM="offscreen")

    def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m",
                                                         "researchnb.cli", *args]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300,
                              cwd=tmp_path)
    run.log = log  # type: ignore[attr-defined]
    return run


def test_the_trap_really_blocks_sockets(offline):
    r = offline(code="import socket\ntry:\n    socket.socket()\nexcept OSError as e:\n"
                     "    print('blocked', e)\n")
    assert r.stdout.startswith("blocked") and "offline test" in r.stdout
    assert "socket.socket" in offline.log.read_text()


def test_whole_workflow_and_app_start_work_offline(offline, tmp_path, fixture_file):
    nbp = str(tmp_path / "offline.rnb")

    def ok(*args: str) -> dict:
        r = offline(*args, "--notebook", nbp, "--json")
        assert r.returncode == 0, (args, r.stderr)
        return json.loads(r.stdout) if r.stdout.strip() else {}

    assert offline("init", nbp).returncode == 0
    src = ok("sources", "add", "--kind", "archival", "--title", "Протокол заседания",
             "--archive-abbr", "TsGAMO", "--fond", "415", "--opis", "16", "--delo", "312",
             "--date", "1922-06", "--author", "Likhachev, Ivan")["key"]
    imported = ok("import", str(fixture_file("report-1923.pdf")),
                  str(fixture_file("letters.ru.txt")), str(fixture_file("typed.png")),
                  str(fixture_file("refs.json")))
    assert imported["failed"] == [] and len(imported["imported"]) >= 2
    doc = imported["imported"][0]["document"]
    ok("documents", "show", doc, "--page", "1")
    ex = ok("excerpts", "add", "--document", doc, "--page", "1", "--start", "0", "--end",
            "19", "--tag", "evidence")["key"]
    note = ok("notes", "add", "--title", "Wages", "--body",
              f"See [the protocol](src:{src}) and [the passage](ex:{ex}).", "--private")["key"]
    assert ok("notes", "backlinks", ex) is not None
    ok("notes", "show", note)
    ok("tags", "add", src, "theme/labour")
    found = ok("search", "письма")
    assert found["total"] >= 1
    ok("reindex")
    for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
        ok("export", fmt, "-o", str(tmp_path / f"refs.{fmt}"))
    ok("sources", "cite", src)
    ok("export", "archive", "-o", str(tmp_path / "all.zip"))
    restored = offline("restore", str(tmp_path / "all.zip"), str(tmp_path / "again.rnb"),
                       "--json")
    assert restored.returncode == 0, restored.stderr
    ok("backup")
    ok("backups", "list")
    ok("check")

    app = offline(code=textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication(sys.argv)
        QTimer.singleShot(1500, app.quit)
        from researchnb.ui.app import run
        sys.exit(run(Path({nbp!r})))
    """))
    assert app.returncode == 0, app.stderr[-3000:]

    assert Path(str(offline.log) + ".installed").read_text().count("installed") >= 10
    attempts = offline.log.read_text() if offline.log.exists() else ""
    assert attempts == "", attempts[:3000]
