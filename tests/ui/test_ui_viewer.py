"""The document viewer: transcribing a page, excerpts that survive edits, image regions, folio
navigation, zoom and rotation, and the window remembering where the historian was."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QInputDialog, QMenu
from support import activate, open_window, settle

from researchnb.ui.viewer.page_view import FIT_PAGE, FIT_WIDTH
from researchnb.ui.viewer.text_pane import SAVE_DELAY_MS


def test_typing_a_transcription_saves_it_in_the_background_and_it_is_searchable(
        qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("typed.png")])
    doc = nb.documents.all()[0].key
    assert nb.pages.text(doc, 1) == ""
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    pane = window.viewer.text
    pane.setFocus()
    qtbot.keyClicks(pane, "Protokol zasedaniia biuro iacheiki")
    assert nb.pages.text(doc, 1) == "", "nothing is written while the historian types"
    qtbot.waitUntil(lambda: nb.pages.text(doc, 1) == "Protokol zasedaniia biuro iacheiki",
                    timeout=SAVE_DELAY_MS + 5000)
    settle(qtbot, window)
    assert nb.pages.get(doc, 1).text_origin == "transcribed"
    assert "transcription" in window.viewer.origin_label.text()
    hits = nb.search.query("zasedaniia")["hits"]
    assert hits and hits[0]["document"] == doc


def test_changing_page_saves_pending_typing_at_once(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    pane = window.viewer.text
    cur = pane.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.End)
    pane.setTextCursor(cur)
    pane.insertPlainText("\nCorrected by hand.")
    window.viewer.next_action.trigger()
    settle(qtbot, window)
    assert nb.pages.text(doc, 1).endswith("Corrected by hand.")
    assert window.viewer.page == 2


def test_excerpt_whose_words_are_deleted_is_flagged_not_lost(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    text = nb.pages.text(doc, 1)
    start = text.index("closed by snow")
    keep = nb.excerpts.add(doc, 1, start=start, end=start + len("closed by snow")).value
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    window.viewer.text.setPlainText(text.replace("closed by snow", "closed by ice"))
    window.viewer.text.flush()
    settle(qtbot, window)
    ex = nb.excerpts.get(keep.key)
    assert ex.anchor == "detached" and ex.quote == "closed by snow"
    table = window.excerpts.model
    assert table.rowCount() == 1
    assert table.data(table.index(0, 0)).startswith("⚠")
    assert "no longer on the page" in table.data(table.index(0, 0), Qt.ItemDataRole.ToolTipRole)


def test_rectangle_dragged_on_an_image_page_becomes_a_region_excerpt(qtbot, nb, tmp_path,
                                                                     fixture_file):
    nb.documents.import_files([fixture_file("typed.png")])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    view = window.viewer.view
    assert view.has_image()
    window.viewer.region_action.trigger()
    assert view.region_mode
    port = view.viewport()
    a = QPoint(port.width() // 4, port.height() // 8)
    b = QPoint(port.width() // 2, port.height() // 4)
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, pos=a)
    qtbot.mouseMove(port, b)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, pos=b)
    assert window.viewer.region is not None
    window.acts.new_excerpt.trigger()
    dialog = window.excerpt_commands.dialog
    assert dialog.kind.currentText() == "transcription"
    dialog.transcription.setPlainText("the typed heading")
    dialog.tags.setText("form/heading")
    dialog.accept()
    settle(qtbot, window)
    [ex] = nb.excerpts.all(document=doc)
    x, y, w, h = ex.region
    assert 0 < x < 0.5 and 0 < y < 0.5 and 0 < w < 1 and 0 < h < 1
    assert ex.tags == ["form/heading"] and ex.quote == "the typed heading"
    assert len(view.outlines) == 1


def test_folio_labels_navigation_zoom_and_rotation(qtbot, nb, tmp_path):
    from researchnb.ui.help.demo import demo_dir
    pdf = demo_dir() / "protokol-14-1922.pdf"
    nb.documents.import_files([pdf])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    settle(qtbot, window)               # QtPdf renders the page on its own thread
    viewer = window.viewer
    labels = [viewer.folio.itemText(i) for i in range(viewer.folio.count())]
    assert labels[1].endswith("12 ob.") and labels[2].endswith("13")
    viewer.folio.activated.emit(2)
    assert viewer.page == 3
    settle(qtbot, window)
    assert not viewer.next_action.isEnabled() and viewer.prev_action.isEnabled()
    viewer.split.setSizes([1000, 100])      # a wide page view: fitting the page is smaller
    viewer.set_zoom(FIT_WIDTH)
    width_scale = viewer.view.transform().m11()
    viewer.zoom_actions[FIT_PAGE].trigger()
    assert viewer.view.transform().m11() < width_scale
    viewer.zoom_actions[FIT_WIDTH].trigger()
    assert abs(viewer.view.transform().m11() - width_scale) < 1e-6
    viewer.view.rotate_by(90)
    assert viewer.view.pixmap_item.rotation() == 90


def test_window_reopens_on_the_last_document_and_page(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc, 3)
    window.resize(780, 700)        # fits the offscreen platform's 800x800 screen
    window.split.setSizes([150, 330, 300])
    window.split.fit()             # the side panes give way to the page (ui/panes.py)
    sizes = window.split.sizes()
    window.close()

    from researchnb.notebook import Notebook
    again = Notebook.open(nb.path)
    try:
        second = open_window(qtbot, again, tmp_path)
        qtbot.waitUntil(lambda: second.viewer.doc is not None)
        assert second.viewer.doc.key == doc and second.viewer.page == 3
        assert second.size() == window.size()
        assert second.split.sizes() == sizes
        second.close()
    finally:
        again.close()


def test_new_source_without_files_and_moving_a_document_to_it(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(doc)
    window.acts.new_source.trigger()
    dialog = window.findChild(QInputDialog, "newSourceDialog")
    dialog.setTextValue("Istoriia fabriki Krasnyi Tkach")
    dialog.accept()
    settle(qtbot, window)
    [src] = [s for s in nb.sources.all() if s.title == "Istoriia fabriki Krasnyi Tkach"]
    assert src.kind == "book"
    assert window.sidebar.library.find("source", src.key).isValid()
    assert window.source_form.source.key == src.key
    activate(qtbot, window)

    window.acts.move_document.trigger()
    mover = window.findChild(QInputDialog, "moveDialog")
    choice = next(t for t in mover.comboBoxItems() if src.key in t)
    mover.setTextValue(choice)
    mover.accept()
    settle(qtbot, window)
    assert nb.documents.get(doc).source_key == src.key
    lib = window.sidebar.library
    assert lib.node(lib.find("document", doc)).parent.key == src.key


# A popup menu asks the platform to raise it and grab the keyboard; offscreen cannot.
@pytest.mark.qt_log_ignore(r".*does not support raise\(\).*", r".*does not support grabbing.*")
def test_right_click_on_selected_words_offers_a_new_excerpt(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(nb.documents.all()[0].key)
    pane = window.viewer.text
    window.viewer._text_menu(QPoint(10, 10))
    menu = next(m for m in pane.findChildren(QMenu) if m.isVisible())
    assert menu.actions()[0] is window.acts.new_excerpt
    menu.close()
