"""The search panel's helper process (researchnb/search/server.py): plain Python, no Qt,
answering on a read-only connection of its own what `nb.search` would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from researchnb.domain import Source
from researchnb.notebook.core import DB_NAME
from researchnb.search import server
from researchnb.search.answers import uses_syntax

ROOT = Path(__file__).resolve().parents[2]


def test_the_helper_opens_the_database_file_the_notebook_uses():
    assert server.DB_NAME == DB_NAME


def test_plain_words_are_type_ahead_and_syntax_is_a_query():
    assert not uses_syntax("протокол засед")
    assert uses_syntax('"протокол заседания"')
    assert uses_syntax("tag:hunger")
    assert uses_syntax("хлеб OR мыло")


def test_the_helper_process_answers_the_newest_request_as_nb_search_would(nb):
    note = nb.notes.add("Стачка на заводе", "Рабочие требуют хлеба").value
    src = nb.sources.add(Source(kind="archival", title="Протоколы заседаний завкома")).value
    requests = [{"seq": 1, "text": "стач", "full": False},
                {"seq": 2, "text": "протоколы", "full": True}]
    proc = subprocess.run(
        [sys.executable, "-m", "researchnb.search.server", str(nb.path)],
        input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests).encode(),
        capture_output=True, cwd=ROOT, timeout=60, check=True)
    answers = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert answers, proc.stderr.decode()
    last = answers[-1]
    assert last["seq"] == 2 and last["error"] is None
    assert [h["key"] for h in last["hits"]] == [h["key"] for h in
                                                nb.search.query("протоколы", limit=50)["hits"]]
    assert last["hits"][0]["key"] == src.key
    assert last["hits"][0]["source_title"] == src.title
    if len(answers) == 2:        # the first one was answered before the second arrived
        assert [h["key"] for h in answers[0]["hits"]] == [note.key]
    assert "PySide6" not in proc.stderr.decode()


def test_requests_keep_only_the_newest_waiting(tmp_path):
    stream = tmp_path / "requests"
    stream.write_bytes(b'{"seq": 1, "text": "a"}\n\n{"seq": 2, "text": "ab"}\n')
    with stream.open("rb") as f:
        requests = server.Requests(f)
        seen = []
        while (r := requests.latest()) is not None:
            seen.append(r["seq"])
    assert seen[-1] == 2 and len(seen) <= 2
