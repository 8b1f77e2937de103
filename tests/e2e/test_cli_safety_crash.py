"""The crash harness itself: a short run passes, and its verifier notices real damage."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))

import crashtest  # noqa: E402


@pytest.mark.slow
def test_a_short_crash_run_loses_nothing():
    r = subprocess.run([sys.executable, str(SCRIPTS / "crashtest.py"), "--trials", "4",
                        "--json", "--seed", "7"], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:] + r.stdout[-3000:]
    summary = json.loads(r.stdout)
    assert summary["trials"] == 4 and summary["ok"] == 4 and summary["passed_check"] == 4
    assert summary["lost"] == 0 and summary["duplicated"] == 0
    assert summary["search_misses"] == 0 and summary["search_checked"]


def test_the_verifier_sees_a_lost_document_a_lost_edit_and_a_half_import(tmp_path):
    from researchnb.notebook import Notebook
    batch_dir = tmp_path / "batch"
    batch = crashtest.make_batch(batch_dir, random.Random(3))
    nbp = tmp_path / "n.rnb"
    with Notebook.create(nbp) as nb:
        first = nb.documents.import_files([batch_dir / batch[0]["file"]]).value.imported[0]
        second = nb.documents.import_files([batch_dir / batch[1]["file"]]).value.imported[0]
        with nb.write() as conn:     # a document whose last page never made it
            conn.execute("DELETE FROM pages WHERE document_id = (SELECT id FROM documents "
                         "WHERE key = ?) AND number = ?", (second.document, second.pages))
    events = [{"event": "document", "file": batch[0]["file"], "key": first.document,
               "pages": first.pages},
              {"event": "document", "file": batch[2]["file"], "key": "ZZZZZZZZ", "pages": 3}]
    found = crashtest.verify("import", nbp, batch, batch_dir, events)
    assert any("half-imported" in p for p in found["problems"])
    assert any("ZZZZZZZZ" in x for x in found["lost"])

    nbn = tmp_path / "notes.rnb"
    with Notebook.create(nbn) as nb:
        note = nb.notes.add("Note", f"Body {crashtest.token(0, 0)}").value
    events = [{"event": "edit", "key": note.key, "n": 0, "edit": 2,
               "body_token": crashtest.token(0, 2)}]
    found = crashtest.verify("notes", nbn, batch, batch_dir, events)
    assert found["lost"] == [f"the last saved text of note {note.key}"]
