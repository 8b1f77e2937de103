"""The search panel's link to the search helper process (researchnb/search/server.py).

The process has its own read-only connection and answers only the newest query waiting; a
reader thread here blocks on its output (holding nothing the GUI needs) and emits `results`,
delivered on the GUI thread. Why a process and not a thread: the search engine runs Python
(stemming, snippets) that holds the interpreter lock, and a thread starved the GUI for up to
180 ms per keystroke on a 100,000-excerpt notebook (scripts/bench/ui_search.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal


class SearchWorker(QObject):
    """Hands queries to the search helper process and brings the answers back as a signal.

    The process (`researchnb/search/server.py`) has its own read-only connection and
    answers only the newest query waiting; a reader thread here blocks on its output
    (holding nothing the GUI needs) and emits `results`, delivered on the GUI thread.
    """

    results = Signal(int, str, object, object, object)   # seq, text, hits, error, note

    def __init__(self, notebook_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(notebook_path)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the helper (once). Done when the field gets focus, so it is ready by the
        first key; never at window creation, which must stay quick."""
        if self.proc is not None:
            return
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ, PYTHONIOENCODING="utf-8",
                   PYTHONPATH=os.pathsep.join(
                       p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "researchnb.search.server", str(self.path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, bufsize=0)
        self._reader = threading.Thread(target=self._read, args=(self.proc,),
                                        name="researchnb-search-reader", daemon=True)
        self._reader.start()

    def ask(self, seq: int, text: str, full: bool) -> None:
        self.start()
        assert self.proc is not None
        line = json.dumps({"seq": seq, "text": text, "full": full}, ensure_ascii=False)
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(line.encode("utf-8") + b"\n")
        except (BrokenPipeError, OSError, ValueError):
            self.results.emit(seq, text, [], QCoreApplication.translate(
                "SearchWorker", "the search helper stopped; reopen the notebook"), None)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)      # it has read the end of the helper's output
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        out = proc.stdout
        assert out is not None
        for raw in iter(out.readline, b""):
            try:
                answer = json.loads(raw.decode("utf-8"))
            except ValueError:
                continue
            self.results.emit(int(answer["seq"]), str(answer["text"]), answer["hits"],
                              answer["error"], answer.get("note"))
