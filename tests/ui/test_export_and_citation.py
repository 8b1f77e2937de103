"""Export dialog (references and Markdown) and Copy citation."""

from __future__ import annotations

import json

import bibtexparser
import pytest
from PySide6.QtGui import QGuiApplication
from support import OFFSCREEN_NOISE, Host, seed_letters

from researchnb.domain import Source
from researchnb.notebook import Notebook
from researchnb.ui.export.copy_citation import CitationMenu
from researchnb.ui.export.export_dialog import ExportDialog

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def world(qtbot, nb, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    other = nb.sources.add(Source(kind="book", title="Ядерный загар", date="2002")).value
    uncited = nb.sources.add(Source(kind="archival", title="Minutes of the cell bureau",
                                   archive="Tsentral'nyi gosudarstvennyi arkhiv Moskovskoi "
                                   "oblasti", archive_abbr="TsGAMO", fond="415", opis="16",
                                   delo="312")).value
    nb.tags.add(other.key, ["press"])
    note = nb.notes.add("Argument", f"Both [the letters](src:{seeded.source}) and "
                       f"[@{other.citekey}, p. 3] say so.").value
    nb.notes.add("Private musings", f"[@{uncited.citekey}] secretly", private=True)
    ro = Notebook.open(nb.path, read_only=True)
    host = Host(nb)
    qtbot.addWidget(host)
    yield host, ro, seeded, other, uncited, note
    host.runner.shutdown()
    ro.close()


def test_bibtex_export_of_the_sources_cited_in_a_note_has_exactly_those_keys(qtbot, world,
                                                                            tmp_path):
    host, ro, seeded, other, _uncited, note = world
    dialog = ExportDialog(ro, host, note=note.key)
    qtbot.addWidget(dialog)
    assert dialog.scope == "cited" and dialog.fmt == "bibtex"
    assert "1 private note is left out" in dialog.private_label.text()
    target = tmp_path / "out" / "cited.bib"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    library = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
    assert not library.failed_blocks
    assert {e.key for e in library.entries} == {seeded.citekey, other.citekey}
    assert "2 sources written" in dialog.summary.text()
    # As on the command line: the note cited in is shared, so no private note was involved.
    assert "private" not in dialog.summary.text()


def test_markdown_export_leaves_the_private_note_out_and_says_so(qtbot, world, tmp_path):
    host, ro, *_ = world
    dialog = ExportDialog(ro, host)
    qtbot.addWidget(dialog)
    dialog.format_buttons["markdown"].click()
    assert not dialog.scope_buttons["cited"].isVisibleTo(dialog)
    folder = tmp_path / "notes-folder"
    dialog.destination.setText(str(folder))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    assert "1 private note was left out" in dialog.summary.text()
    written = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*.md"))
    assert "Both" in written and "secretly" not in written


def test_csl_json_export_of_the_sources_with_a_tag(qtbot, world, tmp_path):
    host, ro, _seeded, other, *_ = world
    dialog = ExportDialog(ro, host, tag="press")
    qtbot.addWidget(dialog)
    assert dialog.scope == "tag"
    dialog.format_buttons["csl-json"].click()
    assert dialog.destination.text().endswith(".json")
    target = tmp_path / "press.json"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    items = json.loads(target.read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [other.citekey]
    assert "1 source written" in dialog.summary.text()


def test_copy_citation_puts_the_excerpt_locator_on_the_clipboard(qtbot, world):
    _host, ro, seeded, _other, uncited, _note = world
    menu = CitationMenu(ro)
    qtbot.addWidget(menu)
    ex = ro.excerpts.get(seeded.excerpt)
    menu.set_key(seeded.excerpt)
    with qtbot.waitSignal(menu.copied) as sig:
        menu.style_actions["chicago-note"].trigger()
    text = QGuiApplication.clipboard().text()
    assert text == sig.args[0]
    assert "letters to her brother" in text.lower() and ex.locator in text  # CSL title case
    menu.set_key(uncited.key, "l. 12 ob.")
    menu.style_actions["gost"].trigger()
    gost = QGuiApplication.clipboard().text()
    assert "Ф. 415" in gost and "Л. 12 об." in gost
    menu.style_actions["russian"].trigger()
    assert "TsGAMO, f. 415, op. 16, d. 312, l. 12" in QGuiApplication.clipboard().text()
