"""The app and the command line on one notebook at once (issue 15, acceptance 2a): with the
real main window open (its writer thread holding a writable Notebook), the command line's
`info`, `search`, `export bibtex`, `notes add` and `import` all succeed, and the window shows
the new note and document within 2 s; typing in the open note is never overwritten."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import OFFSCREEN_NOISE, open_window, settle, type_text

from researchnb.domain import Source
from researchnb.notebook import Notebook

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def _cli(nbp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "researchnb.cli", "--notebook", str(nbp),
                           *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ))


def _run_while_app_runs(qtbot, nbp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the command line while the window's event loop keeps turning."""
    proc = subprocess.Popen([sys.executable, "-m", "researchnb.cli", "--notebook", str(nbp),
                             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ))
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=120000)
    out, err = proc.communicate()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_the_command_line_works_beside_the_app_and_the_app_shows_its_work(qtbot, tmp_path):
    nbp = tmp_path / "n.rnb"
    nb = Notebook.create(nbp)
    src = nb.sources.add(Source(kind="book", title="Magnetic Mountain", date="1995",
                                creators=[])).value.key
    nb.notes.add("Already here", "Магнитогорск")
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)

    info = _run_while_app_runs(qtbot, nbp, "info", "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["notes"] == 1
    found = _run_while_app_runs(qtbot, nbp, "search", "Магнитогорск", "--json")
    assert found.returncode == 0, found.stderr
    bib = _run_while_app_runs(qtbot, nbp, "export", "bibtex", "--json")
    assert bib.returncode == 0, bib.stderr

    added = _run_while_app_runs(qtbot, nbp, "notes", "add", "--title", "From the terminal",
                                "--body", f"see [the book](src:{src})", "--json")
    assert added.returncode == 0, added.stderr
    note = json.loads(added.stdout)["key"]
    qtbot.waitUntil(lambda: window.sidebar.notes.find("note", note).isValid(), timeout=2000)

    text = tmp_path / "protokol.txt"
    text.write_text("Протокол № 14 заседания бюро ячейки.\n", encoding="utf-8")
    imported = _run_while_app_runs(qtbot, nbp, "import", str(text), "--json")
    assert imported.returncode == 0, imported.stderr
    doc = window.nb.documents.all()[0].key if window.nb.documents.all() else None
    assert doc is not None
    qtbot.waitUntil(lambda: window.sidebar.library.find("document", doc).isValid(),
                    timeout=2000)
    window.close()


def test_typing_in_the_open_note_survives_another_programs_save(qtbot, tmp_path):
    nbp = tmp_path / "n.rnb"
    nb = Notebook.create(nbp)
    key = nb.notes.add("Draft", "first words").value.key
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)
    window.editor.open_note(key)
    window.editor.editor.setFocus()
    type_text(window.editor.editor, " and more")
    typed = window.editor.editor.toPlainText()
    other = _run_while_app_runs(qtbot, nbp, "notes", "add", "--title", "Elsewhere")
    assert other.returncode == 0, other.stderr
    qtbot.waitUntil(lambda: window.sidebar.notes.rowCount() == 2, timeout=2000)
    assert window.editor.editor.toPlainText() == typed
    window.editor.flush()
    settle(qtbot, window)
    assert window.nb.notes.get(key).body == typed       # and her save wins
    window.close()


def test_the_apps_own_saves_are_not_taken_for_another_programs(qtbot, tmp_path):
    nbp = tmp_path / "n.rnb"
    nb = Notebook.create(nbp)
    key = nb.notes.add("Draft", "first words").value.key
    window = open_window(qtbot, nb, tmp_path)
    settle(qtbot, window)
    refreshes = []
    window.external.changed.connect(lambda: refreshes.append(1))
    window.editor.open_note(key)
    window.editor.editor.setFocus()
    type_text(window.editor.editor, " typed here")
    window.editor.flush()
    settle(qtbot, window)
    qtbot.wait(1200)                              # two polls and more
    assert refreshes == []
    window.close()
