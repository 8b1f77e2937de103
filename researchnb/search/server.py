"""The search panel's helper process: answers queries on a read-only notebook, newest first.

Run as `python -m researchnb.search.server NOTEBOOK`; reads one JSON request per line on
stdin (`{"seq", "text", "full"}`) and writes one JSON answer per line on stdout (`{"seq",
"text", "hits", "error", "note"}`; a `note` says the query was shortened to the caps of
query.py). When several requests are waiting it answers only the newest:
the others were typed past.

Why a process and not a thread: the search engine runs Python (stemming, snippets) that holds
the interpreter lock, and a thread doing that starved the GUI thread for up to 180 ms per
keystroke on a 100,000-excerpt notebook; in a process of its own the GUI never waits for it
(scripts/bench/ui_search.py measures both). No Qt here: it is plain Python. It opens the
database itself (read-only, with the search functions registered), not a `Notebook`:
search/ does not import notebook/, which imports search/.

Requests are read by a thread that keeps the lines as they come (a pipe cannot be polled
with `select` on Windows); the answering loop takes the newest of those waiting.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import IO, Any

from ..store.connection import connect
from .answers import Answers
from .functions import sql_functions

# The database file inside a notebook folder (researchnb.notebook.core.DB_NAME; a test
# checks the two agree).
DB_NAME = "notebook.sqlite"


class Requests:
    """Request lines read from a binary stream by a thread; `latest()` skips superseded ones."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._lines: list[bytes] = []
        self._ended = False
        self._ready = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), name="researchnb-search-requests",
                         daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        try:
            for line in stream:
                if line.strip():
                    with self._ready:
                        self._lines.append(line)
                        self._ready.notify()
        finally:
            with self._ready:
                self._ended = True
                self._ready.notify()

    def latest(self) -> dict[str, Any] | None:
        """The newest request waiting (blocking until there is one); None at end of input."""
        with self._ready:
            while not self._lines and not self._ended:
                self._ready.wait()
            if not self._lines:
                return None
            line = self._lines[-1]
            self._lines.clear()
        request: dict[str, Any] = json.loads(line)
        return request


def serve(path: Path, stdin: IO[bytes] | None = None, stdout: IO[str] | None = None) -> int:
    out = stdout or sys.stdout
    requests = Requests(stdin or sys.stdin.buffer)
    conn = connect(Path(path) / DB_NAME, read_only=True, functions=sql_functions())
    answers = Answers(conn)
    try:
        while True:
            request = requests.latest()
            if request is None:
                return 0
            answer: dict[str, Any] = {"seq": request["seq"], "text": request["text"],
                                      "hits": [], "error": None, "note": None}
            try:
                answer["hits"] = answers.run(request["text"], bool(request.get("full")))
                answer["note"] = answers.note
            except Exception as exc:  # noqa: BLE001 - reported to the panel, never raised
                answer["error"] = f"{type(exc).__name__}: {exc}"
            out.write(json.dumps(answer, ensure_ascii=False, default=str) + "\n")
            out.flush()
    finally:
        conn.close()


if __name__ == "__main__":
    # Searching is background work: on a busy machine the window gets the processor first.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)
    # UTF-8 whatever the locale, so Cyrillic survives the pipe.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(serve(Path(sys.argv[1])))
