"""File › Export › Formatted bibliography: the sources a note cites, in the citation style
chosen for Copy citation, written as HTML with the italics kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from support import OFFSCREEN_NOISE, Host

from researchnb.domain import Creator, Source
from researchnb.ui.export.export_dialog import ExportDialog

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


def test_a_formatted_bibliography_of_a_note_in_the_chosen_style(qtbot, nb, tmp_path):
    book = nb.sources.add(Source(kind="book", title="Everyday Stalinism", date="1999",
                                 creators=[Creator("Fitzpatrick", "Sheila")], language="en",
                                 publisher="Oxford University Press")).value
    nb.sources.add(Source(kind="book", title="Not cited", date="2000"))
    note = nb.notes.add("Chapter 1", f"Life [@{book.citekey}, p. 4].").value
    host = Host(nb)
    qtbot.addWidget(host)
    host.settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    host.settings.setValue("citations/style", "apa")
    dialog = ExportDialog(nb, host, note=note.key)     # owned (and closed) by the host
    dialog.format_buttons["bibliography"].click()
    assert dialog.style_row.isVisibleTo(dialog)
    assert "APA Style 7th edition" in dialog.style_label.text()
    assert dialog.scope == "cited"
    target = tmp_path / "chapter.html"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    page = target.read_text(encoding="utf-8")
    assert "Fitzpatrick, S. (1999). <i>Everyday Stalinism</i>. Oxford University Press." in page
    assert "Not cited" not in page
    assert "1 source written" in dialog.summary.text()
    dialog.format_buttons["bibtex"].click()
    assert not dialog.style_row.isVisibleTo(dialog)
