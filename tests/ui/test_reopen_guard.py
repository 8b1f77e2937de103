"""The app never reopens at start a document whose opening crashed it last time (issue 15,
finding 4): it marks "opening KEY" in its settings before reopening the last document and
clears the mark after the document's first paint (ui/safety/reopen.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import QSettings
from support import OFFSCREEN_NOISE, open_window

from researchnb.notebook import Notebook
from researchnb.ui.safety.reopen import LAST, OPENING

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)

# The child: the real window reopens the last document, and dies (SIGKILL) while opening it,
# as a page that exhausts memory would kill it.
CHILD = textwrap.dedent("""
    import os, signal, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from researchnb.notebook import Notebook
    from researchnb.ui.main_window import MainWindow
    from researchnb.ui.viewer.viewer import DocumentViewer
    DocumentViewer.open_document = lambda self, key, page=1: os.kill(os.getpid(),
                                                                     signal.SIGKILL)
    window = MainWindow(Notebook.open(sys.argv[1]),
                        settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.show()
    QTimer.singleShot(20000, app.quit)
    app.exec()
""")


def _document(nb: Notebook, tmp_path) -> str:
    text = tmp_path / "minutes.txt"
    text.write_text("The committee met on 3 June 1922.\n" * 20, encoding="utf-8")
    return nb.documents.import_files([text]).value.imported[0].document


def _settings(tmp_path, **values) -> QSettings:
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    for k, v in values.items():
        s.setValue(k.replace("_", "/"), v)
    s.sync()
    return s


def test_the_last_document_is_reopened_and_the_mark_cleared_after_its_first_paint(
        qtbot, nb, tmp_path):
    key = _document(nb, tmp_path)
    _settings(tmp_path, last_document=key)
    window = open_window(qtbot, nb, tmp_path)
    assert window.settings.value(OPENING) == key        # marked before it is opened
    qtbot.waitUntil(lambda: window.viewer.doc is not None, timeout=10000)
    assert window.viewer.doc.key == key
    qtbot.waitUntil(lambda: window.settings.value(OPENING) is None, timeout=10000)
    assert QSettings(str(tmp_path / "settings.ini"),
                     QSettings.Format.IniFormat).value(OPENING) is None   # on disk too
    assert window.reopen.banner is None


def test_a_document_whose_opening_killed_the_app_is_not_opened_again(qtbot, tmp_path):
    path = tmp_path / "nb.rnb"
    with Notebook.create(path) as nb:
        key = _document(nb, tmp_path)
    _settings(tmp_path, last_document=key)
    child = subprocess.run([sys.executable, "-c", CHILD, str(path),
                            str(tmp_path / "settings.ini")], capture_output=True, timeout=60,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.returncode == -9, child.stderr.decode()[-2000:]
    assert _settings(tmp_path).value(OPENING) == key      # the mark survived the kill

    nb = Notebook.open(path)
    window = open_window(qtbot, nb, tmp_path)
    qtbot.wait(300)
    assert window.viewer.doc is None                      # not opened again
    banner = window.reopen.banner
    assert banner is not None and banner.isVisible()
    assert f"stopped while opening minutes.txt ({key}) last time" in _label_text(banner)
    assert window.settings.value(OPENING) is None
    assert window.settings.value(LAST) is None            # so the next start is normal too
    window.close()


def _label_text(banner) -> str:
    from PySide6.QtWidgets import QLabel
    return " ".join(label.text() for label in banner.findChildren(QLabel))
