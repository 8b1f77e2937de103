"""A citation copied with its italics (HTML mime data) must not crash the app when it quits:
Qt frees mime data made in Python twice at exit. The app swaps it for plain text first."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from researchnb.domain import Source
    from researchnb.notebook import Notebook
    from researchnb.ui.export.copy_citation import copy_citation

    app = QApplication([])
    nb = Notebook.create(sys.argv[1])
    src = nb.sources.add(Source(kind="book", title="Everyday Stalinism", date="1999")).value
    made = copy_citation(nb, src.key, "chicago-notes-bibliography")
    assert QApplication.clipboard().mimeData().hasHtml()
    QTimer.singleShot(0, app.quit)
    app.exec()
    print("CLIPBOARD:", QApplication.clipboard().text())
    print("HTML:", QApplication.clipboard().mimeData().hasHtml())
    nb.close()
""")


def test_quitting_after_copying_a_citation_exits_cleanly_and_keeps_the_text(tmp_path):
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "n.rnb")],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    assert "CLIPBOARD: Everyday Stalinism" in run.stdout
    assert "HTML: False" in run.stdout
