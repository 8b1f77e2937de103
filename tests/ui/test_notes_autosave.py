"""Autosave: at any moment of continuous typing, a crash would lose at most two seconds.

The notebook is read through a second, read-only connection, as a restarted program would
after a crash: only what the writer thread has committed counts. Text is typed key by key
for five seconds without a pause (so the idle timer never fires); every 50 ms the committed
body is compared with what had been typed two seconds earlier.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtCore import QTimer
from support import OFFSCREEN_NOISE, Host, type_text

from researchnb.domain import NotFound
from researchnb.notebook import Notebook
from researchnb.ui.notes.editor import NotesEditor

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

PHRASE = "Протокол заседания бюро ячейки, 12 июня 1922 года. "


@pytest.fixture
def editor(qtbot, nb):
    ro = Notebook.open(nb.path, read_only=True)
    host = Host(nb)
    qtbot.addWidget(host)
    editor = host.hold(NotesEditor(ro))
    host.show()
    yield editor
    host.runner.shutdown()
    ro.close()


def test_continuous_typing_is_never_more_than_two_seconds_ahead_of_the_disk(qtbot, editor):
    ro = editor.nb
    editor.new_note("Minutes")
    typed: list[tuple[float, str]] = []     # (when, body after that keystroke)
    checks: list[tuple[float, int, int]] = []
    wrong: list[str] = []
    text = PHRASE * 8
    start = time.monotonic()

    def key() -> None:
        n = len(typed)
        if n >= len(text) or time.monotonic() - start > 5.0:
            keys.stop()
            return
        type_text(editor.editor, text[n])
        typed.append((time.monotonic(), editor.editor.toPlainText()))

    def sample() -> None:
        now = time.monotonic()
        if editor.key is None:
            saved = ""
        else:
            try:
                saved = ro.notes.get(editor.key).body
            except NotFound:
                saved = ""
        if not text.startswith(saved):
            wrong.append(saved)
        due = [body for when, body in typed if when <= now - 2.0]
        required = len(due[-1]) if due else 0
        checks.append((now - start, required, len(saved)))

    keys = QTimer(interval=15)
    keys.timeout.connect(key)
    probe = QTimer(interval=50)
    probe.timeout.connect(sample)
    editor.editor.setFocus()
    keys.start()
    probe.start()
    qtbot.waitUntil(lambda: not keys.isActive(), timeout=15000)
    probe.stop()
    lagging = [(t, req, got) for t, req, got in checks if got < req]
    assert len(typed) > 100, "the test typed too little to mean anything"
    assert checks[-1][1] > 0, "the test never reached two seconds of typing"
    assert lagging == []
    assert wrong == []


CHILD = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    app = QApplication([])
    from researchnb.notebook import Notebook
    from researchnb.ui.notes.editor import NotesEditor
    from researchnb.ui.ops import Runner
    from PySide6.QtWidgets import QWidget, QVBoxLayout
    path = sys.argv[1]
    nb = Notebook.open(path)
    ro = Notebook.open(path, read_only=True)
    host = QWidget(); host.runner = Runner(nb, host)
    editor = NotesEditor(ro, host); QVBoxLayout(host).addWidget(editor); host.show()
    editor.new_note("Crash")
    text = sys.argv[2]
    state = {"n": 0}
    def key():
        n = state["n"]
        ch = text[n % len(text)]
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(editor.editor, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                   Qt.KeyboardModifier.NoModifier, ch))
        state["n"] = n + 1
        # Report after each key (time, how many typed) so the parent knows the timeline.
        sys.stdout.write(f"{time.time():.3f} {n + 1}\\n"); sys.stdout.flush()
    t = QTimer(); t.setInterval(20); t.timeout.connect(key); t.start()
    app.exec()
""")


def test_after_a_kill_mid_typing_at_most_two_seconds_of_text_are_lost(nb, tmp_path):
    """The real thing: a separate app process typing is SIGKILLed; what survives on disk?"""
    path = nb.path
    nb.close()
    text = PHRASE
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(path), text],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    timeline: list[tuple[float, int]] = []
    assert proc.stdout is not None
    while True:
        line = proc.stdout.readline()
        if not line:
            break
        when, count = line.split()
        timeline.append((float(when), int(count)))
        if timeline[-1][0] - timeline[0][0] > 4.0:
            proc.send_signal(signal.SIGKILL)
            killed_at = time.time()
            break
    proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with Notebook.open(path, read_only=True) as after:
        notes = after.notes.all()
        assert len(notes) == 1
        body = after.notes.get(notes[0].key).body
    expected = [count for when, count in timeline if when <= killed_at - 2.0]
    full = (text * 100)
    assert full.startswith(body)
    assert len(body) >= expected[-1]
