"""Passwords of encrypted PDFs without putting them in the process list (issue 15, finding 13):
--password-file, RESEARCHNB_PDF_PASSWORD, and a prompt on a terminal. --password still works."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

import pytest
from fixtures import texts

PASSWORD = texts.ENCRYPTED_PASSWORD


@pytest.fixture
def nbp(cli, tmp_path):
    path = tmp_path / "nb.rnb"
    assert cli("init", str(path)).code == 0
    return path


def _labels(cli, nbp, key):
    shown = cli("documents", "show", key, "--json", notebook=nbp).json
    return [p["label"] for p in shown["pages"]]


def test_password_file_opens_rc4_and_aes_pdfs(cli, nbp, tmp_path, fixture_file):
    secret = tmp_path / "pdf-password"
    secret.write_text(PASSWORD + "\nsecond line is ignored\n", encoding="utf-8")
    rc4, aes = fixture_file("encrypted.pdf"), fixture_file("encrypted-aes.pdf")
    r = cli("import", str(rc4), str(aes), "--password-file", str(secret), "--json",
            notebook=nbp, stdin="")
    assert r.code == 0, r.err
    imported = {Path(i["file"]).name: i for i in r.json["imported"]}
    assert set(imported) == {"encrypted.pdf", "encrypted-aes.pdf"}
    assert not imported["encrypted-aes.pdf"]["warnings"]
    assert _labels(cli, nbp, imported["encrypted-aes.pdf"]["document"]) == \
        texts.PROTOKOL_FOLIOS
    assert PASSWORD not in r.out + r.err


def test_password_from_the_environment(cli, nbp, fixture_file):
    aes = fixture_file("encrypted-aes.pdf")
    r = cli("import", str(aes), "--json", notebook=nbp, stdin="",
            env={"RESEARCHNB_PDF_PASSWORD": PASSWORD})
    assert r.code == 0, r.err
    assert _labels(cli, nbp, r.json["imported"][0]["document"]) == texts.PROTOKOL_FOLIOS


def test_a_password_file_with_crlf_and_a_wrong_or_missing_file(cli, nbp, tmp_path,
                                                                fixture_file):
    pdf = fixture_file("encrypted.pdf")
    crlf = tmp_path / "crlf"
    crlf.write_bytes(PASSWORD.encode() + b"\r\n")
    assert cli("import", str(pdf), "--password-file", str(crlf), notebook=nbp,
               stdin="").code == 0
    missing = cli("import", str(pdf), "--password-file", str(tmp_path / "nope"),
                  notebook=nbp, stdin="")
    assert missing.code != 0 and "password file" in missing.err and "Traceback" not in \
        missing.err
    wrong = tmp_path / "wrong"
    wrong.write_text("not-it\n", encoding="utf-8")
    r = cli("import", str(fixture_file("encrypted-aes.pdf")), "--password-file", str(wrong),
            notebook=nbp, stdin="")
    assert r.code == 1 and "wrong" in r.err


def test_without_a_password_and_no_terminal_nothing_waits(cli, nbp, fixture_file):
    r = cli("import", str(fixture_file("encrypted-aes.pdf")), "--json", notebook=nbp,
            stdin="")
    assert r.code == 1
    assert "--password-file" in r.json["failed"][0]["error"]


def test_password_and_password_file_together_are_refused(cli, nbp, tmp_path, fixture_file):
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD, encoding="utf-8")
    r = cli("import", str(fixture_file("encrypted.pdf")), "--password", PASSWORD,
            "--password-file", str(secret), notebook=nbp, stdin="")
    assert r.code == 2 and "not allowed with" in r.err


@pytest.mark.skipif(not hasattr(os, "fork") or sys.platform == "darwin",
                    reason="needs a pseudo-terminal (Linux)")
def test_on_a_terminal_the_password_is_asked_for_without_echo(nbp, fixture_file):
    import pty
    aes = fixture_file("encrypted-aes.pdf")
    pid, fd = pty.fork()
    if pid == 0:                                  # the child: researchnb on a terminal
        os.execv(sys.executable, [sys.executable, "-m", "researchnb.cli", "import", str(aes),
                                  "--notebook", str(nbp)])
    seen = b""
    deadline = time.monotonic() + 120
    sent = False
    while time.monotonic() < deadline:
        if not select.select([fd], [], [], 1.0)[0]:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if not sent and b"Password for encrypted-aes.pdf" in seen:
            os.write(fd, PASSWORD.encode() + b"\n")
            sent = True
    if not sent:
        os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert sent, seen.decode("utf-8", "replace")
    assert os.waitstatus_to_exitcode(status) == 0, seen.decode("utf-8", "replace")
    assert b"imported" in seen and PASSWORD.encode() not in seen
