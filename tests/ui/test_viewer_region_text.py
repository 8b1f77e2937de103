"""A region marked on a page starts its excerpt with the words inside it: from the PDF's text
layer, or read by OCR from the image when the page's text came by OCR."""

from __future__ import annotations

from viewer_host import rendered, shown_viewer

from researchnb.ui.excerpts.excerpt_dialog import ExcerptDialog


def test_a_region_on_a_pdf_page_takes_the_words_inside_it(qtbot, nb, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(doc)
        rendered(qtbot, viewer)
        # The top of the page: the title line and nothing below it.
        viewer.view.region_selected.emit((0.0, 0.0, 1.0, 0.105))
        sel = viewer.selection()
        assert sel is not None and sel.region is not None
        assert "Relief Committee" in sel.quote
        assert "wagons" not in sel.quote and "Arrival" not in sel.quote
        # A region of the paragraph below: its lines, and not the title.
        viewer.view.region_selected.emit((0.0, 0.12, 1.0, 0.2))
        quote = viewer.selection().quote
        assert "station on the ninth of January" in quote and "Relief" not in quote
        dialog = ExcerptDialog(viewer.selection(), [], "p. 1")
        qtbot.addWidget(dialog)
        assert dialog.transcription.toPlainText() == quote


def test_a_region_on_a_scan_read_by_ocr_takes_the_words_ocr_finds_in_it(qtbot, nb,
                                                                          fixture_file):
    nb.documents.import_files([fixture_file("typed.png")])
    doc = nb.documents.all()[0].key
    nb.pages.set_text(doc, 1, "(text read by OCR)", origin="ocr", confidence=80.0)
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(doc)
        assert viewer.view.has_image()
        viewer.view.region_selected.emit((0.02, 0.04, 0.6, 0.18))   # the first typed line
        # The dialog opened at once, before OCR has read the region: the words come into it.
        early = ExcerptDialog(viewer.selection(), [], "l. 1", viewer)
        assert early.transcription.toPlainText() == ""
        qtbot.waitUntil(lambda: not viewer.region_words.reader.busy, timeout=60000)
        quote = viewer.selection().quote
        assert "linzensoep" in quote.casefold()
        assert "gram" not in quote, "only the words inside the region"
        assert early.transcription.toPlainText() == quote
        early.close()
        dialog = ExcerptDialog(viewer.selection(), [], "l. 1")
        qtbot.addWidget(dialog)
        assert dialog.transcription.toPlainText() == quote
