"""The search panel's helper process: answers queries on a read-only notebook, newest first.

Run as `python -m researchnb.ui.search_server NOTEBOOK`; reads one JSON request per line on
stdin (`{"seq", "text", "full"}`) and writes one JSON answer per line on stdout (`{"seq",
"text", "hits", "error"}`). When several requests are waiting it answers only the newest:
the others were typed past.

Why a process and not a thread: the search engine runs Python (stemming, snippets) that holds
the interpreter lock, and a thread doing that starved the GUI thread for up to 180 ms per
keystroke on a 100,000-excerpt notebook; in a process of its own the GUI never waits for it
(scripts/bench/ui_search.py measures both). No Qt here: it is plain Python.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import select
import sys
from pathlib import Path
from typing import Any


class Requests:
    """Reads request lines from a file descriptor; `latest()` skips superseded ones."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = b""

    def _fill(self, block: bool) -> bool:
        """Read what is there (waiting for something if `block`); False at end of input."""
        if not block and not select.select([self.fd], [], [], 0)[0]:
            return True
        chunk = os.read(self.fd, 65536)
        if not chunk:
            return False
        self.buffer += chunk
        return True

    def latest(self) -> dict[str, Any] | None:
        while b"\n" not in self.buffer:
            if not self._fill(block=True):
                return None
        open_ = True
        while open_:
            before = len(self.buffer)
            open_ = self._fill(block=False)
            if len(self.buffer) == before:
                break
        *lines, self.buffer = self.buffer.split(b"\n")
        return json.loads(lines[-1]) if lines[-1].strip() else None


def serve(path: Path, fd_in: int = 0, stdout: Any = None) -> int:
    from ..notebook import Notebook
    from .search_query import run_query

    stdout = stdout or sys.stdout
    requests = Requests(fd_in)
    nb = Notebook.open(path, read_only=True)
    try:
        while True:
            request = requests.latest()
            if request is None:
                return 0
            answer: dict[str, Any] = {"seq": request["seq"], "text": request["text"],
                                      "hits": [], "error": None}
            try:
                answer["hits"] = run_query(nb, request["text"], bool(request.get("full")))
            except Exception as exc:  # noqa: BLE001 - reported to the panel, never raised
                answer["error"] = f"{type(exc).__name__}: {exc}"
            stdout.write(json.dumps(answer, ensure_ascii=False, default=str) + "\n")
            stdout.flush()
    finally:
        nb.close()


if __name__ == "__main__":
    # Searching is background work: on a busy machine the window gets the processor first.
    with contextlib.suppress(OSError, AttributeError):
        os.nice(5)
    # UTF-8 whatever the locale, so Cyrillic survives the pipe.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(serve(Path(sys.argv[1])))
