"""Document › Number Pages… and the page label edited in place: what the page selector shows,
what excerpts cite, and Undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support import OFFSCREEN_NOISE, open_window, settle

from researchnb.domain import Source

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def protokol(nb, fixture_file):
    """An archival delo whose PDF labels its pages 12, 12 ob., 13, with one excerpt on 12 ob."""
    src = nb.sources.add(Source(kind="archival", title="Protocol of the cell meeting",
                                archive_abbr="TsGAMO", fond="415", opis="16",
                                delo="312")).value
    doc = nb.documents.import_files([fixture_file("protokol-1922.pdf")],
                                    source_key=src.key).value.imported[0].document
    ex = nb.excerpts.add(doc, 2, start=0, end=8).value
    return doc, ex.key


def _selector(window) -> list[str]:
    box = window.viewer.folio
    return [box.itemText(i) for i in range(box.count())]


def test_numbering_pages_shows_a_preview_and_moves_locators_undoably(qtbot, nb, tmp_path,
                                                                     protokol):
    doc, ex = protokol
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)
    assert _selector(window) == ["l. 12", "l. 12 ob.", "l. 13"]

    dialog = window.foliation.number_pages()
    assert dialog is not None and dialog.isVisible()
    assert dialog.own.isEnabled()                    # the PDF defines labels of its own
    # It starts where the first page's label does (12), as excerpts will cite it.
    assert dialog.folio_start.value() == 12
    assert dialog.preview.text().splitlines()[:2] == ["page 1: l. 12", "page 2: l. 12 ob."]
    dialog.folio_start.setValue(40)
    assert dialog.preview.text().splitlines()[:3] == [
        "page 1: l. 40", "page 2: l. 40 ob.", "page 3: l. 41"]
    dialog.pages.setChecked(True)
    dialog.page_start.setValue(45)
    assert dialog.preview.text().splitlines()[0] == "page 1: p. 45"
    dialog.ok.click()
    settle(qtbot, window)

    assert _selector(window) == ["p. 45", "p. 46", "p. 47"]
    assert nb.excerpts.get(ex).locator == "p. 46"
    assert window.excerpts.model.rowCount() == 1

    window.undo.undo_action.trigger()
    settle(qtbot, window)
    assert _selector(window) == ["l. 12", "l. 12 ob.", "l. 13"]
    assert nb.excerpts.get(ex).locator == "l. 12 ob."
    window.undo.redo_action.trigger()
    settle(qtbot, window)
    assert _selector(window) == ["p. 45", "p. 46", "p. 47"]


def test_a_range_that_does_not_fit_cannot_be_applied(qtbot, nb, tmp_path, protokol):
    doc, _ex = protokol
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)
    dialog = window.foliation.number_pages()
    assert dialog is not None
    dialog.some_pages.setChecked(True)
    dialog.first_page.setValue(3)
    dialog.last_page.setValue(2)
    assert not dialog.ok.isEnabled() and dialog.problem.isVisible()
    assert "first no later than the last" in dialog.problem.text()
    dialog.last_page.setValue(3)
    dialog.folio_start.setValue(7)
    assert dialog.ok.isEnabled() and dialog.preview.text() == "page 3: l. 7"
    dialog.ok.click()
    settle(qtbot, window)
    assert _selector(window) == ["l. 12", "l. 12 ob.", "l. 7"]


def test_an_image_offers_no_labels_of_its_own(qtbot, nb, tmp_path, fixture_file):
    doc = nb.documents.import_files([fixture_file("typed.png")]).value.imported[0].document
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)
    dialog = window.foliation.number_pages()
    assert dialog is not None and not dialog.own.isEnabled()


def test_a_label_is_edited_in_place_on_the_page_selector(qtbot, nb, tmp_path, protokol):
    doc, ex = protokol
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc, 2)
    settle(qtbot, window)
    edit = window.foliation.editor.line
    window.foliation.label_action.trigger()
    assert edit.isVisible() and edit.text() == "12 ob."
    assert edit.geometry() == window.viewer.folio.rect()
    qtbot.keyClick(edit, Qt.Key.Key_Escape)              # Escape: nothing changes
    assert not edit.isVisible()
    assert nb.documents.get(doc).pages[1].label == "12 ob."

    window.foliation.label_action.trigger()
    edit.selectAll()
    qtbot.keyClicks(edit, "7 ob.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    settle(qtbot, window)
    assert not edit.isVisible()
    assert _selector(window) == ["l. 12", "l. 7 ob.", "l. 13"]
    assert nb.excerpts.get(ex).locator == "l. 7 ob."
    assert window.viewer.page == 2

    window.undo.undo_action.trigger()
    settle(qtbot, window)
    assert nb.excerpts.get(ex).locator == "l. 12 ob."
    assert _selector(window) == ["l. 12", "l. 12 ob.", "l. 13"]


def test_a_read_only_notebook_cannot_be_renumbered(qtbot, nb, tmp_path, protokol):
    from researchnb.notebook import Notebook

    doc, _ex = protokol
    path = nb.path
    nb.close()
    ro = Notebook.open(path, read_only=True)
    ro.core.read_only_reason = "the folder is read-only"   # as Notebook.open_for_user sets it
    try:
        window = open_window(qtbot, ro, tmp_path)
        window.open_document(doc, 2)
        settle(qtbot, window)
        assert not window.foliation.number_action.isEnabled()
        assert not window.foliation.label_action.isEnabled()
        assert not window.foliation.editor.start()
        assert not window.foliation.editor.line.isVisible()
        assert window.acts.demo.isEnabled()       # the demo is a notebook of its own
        window.close()
    finally:
        ro.close()
