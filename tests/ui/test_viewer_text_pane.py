"""The page text beside the image: named for what it is (PDF text, OCR text with its
confidence, a transcription, a text document), a text document at full width, and
hard-wrapped paragraphs reflowed for reading while offsets stay the stored text's."""

from __future__ import annotations

from fixtures.pdfmaker import write_pdf
from PySide6.QtGui import QTextCursor
from viewer_host import rendered, shown_viewer

PARAGRAPH = ["On 14 March the cell met to hear the report on the supply of",
             "bread and firewood to the workers of the tobacco factory, whose",
             "rations had not been given out since the first of the month.",
             "Resolved.",
             "The bureau is to write to the provisions office at once and to",
             "send two members to the station to see the grain loaded."]


def test_a_text_document_shows_its_text_full_width_named_as_such(qtbot, nb, fixture_file):
    nb.documents.import_files([fixture_file("journal.md")])
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    by_name = {d.filename: d.key for d in nb.documents.all()}
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(by_name["journal.md"])
        qtbot.wait(20)
        assert not viewer.left.isVisible(), "no empty image pane"
        assert viewer.text_side.width() >= viewer.split.width() - 10
        assert viewer.origin_label.text() == "Text document"
        assert "PDF" not in viewer.origin_label.text()

        viewer.open_document(by_name["report-1923.pdf"])      # a PDF has its page again
        rendered(qtbot, viewer)
        assert viewer.left.isVisible() and viewer.view.width() > 300
        assert viewer.origin_label.text() == "PDF text"


def test_ocr_text_shows_its_confidence_and_low_pages_are_flagged(qtbot, nb, fixture_file):
    nb.documents.import_files([fixture_file("typed.png"), fixture_file("photo.jpg")])
    low, high = (d.key for d in sorted(nb.documents.all(), key=lambda d: d.filename))
    nb.pages.set_text(low, 1, "Linzensoep\n250 gram linzen", origin="ocr", confidence=54.4)
    nb.pages.set_text(high, 1, "Linzensoep\n250 gram linzen", origin="ocr", confidence=87.0)
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(high)
        assert viewer.origin_label.text() == "OCR text · OCR confidence 87%"
        assert not viewer.origin_label.toolTip()
        viewer.open_document(low)
        assert viewer.origin_label.text().startswith("⚠")
        assert "54%" in viewer.origin_label.text()
        assert "against the image" in viewer.origin_label.toolTip()
        viewer.text.setFocus()
        viewer.text.moveCursor(QTextCursor.MoveOperation.End)
        viewer.text.insertPlainText(" en water")
        viewer.text.flush()
        assert viewer.origin_label.text() == "Your transcription"


def test_paragraphs_are_reflowed_for_reading_and_offsets_stay_stored(qtbot, nb, tmp_path):
    nb.documents.import_files([write_pdf(tmp_path / "minutes.pdf", [PARAGRAPH])])
    doc = nb.documents.all()[0].key
    stored = nb.pages.text(doc, 1)
    assert stored.count("\n") >= 5
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(doc)
        pane = viewer.text
        shown = pane.toPlainText()
        assert len(shown) == len(stored)
        # the wrapped lines of each paragraph are joined; "Resolved." stays its own line
        assert pane.document().blockCount() == 3
        assert "supply of bread" in shown and "supply of\nbread" in stored

        # Words selected across a joined line end are the stored words at the same offsets.
        start = shown.index("supply of bread")
        cur = pane.textCursor()
        cur.setPosition(start)
        cur.setPosition(start + len("supply of bread"), QTextCursor.MoveMode.KeepAnchor)
        pane.setTextCursor(cur)
        sel = viewer.selection()
        assert (sel.char_start, sel.char_end) == (start, start + len("supply of bread"))
        assert sel.quote == stored[start:sel.char_end] == "supply of\nbread"

        # An edit keeps the stored line ends everywhere else.
        at = shown.index("tobacco")
        cur.setPosition(at)
        pane.setTextCursor(cur)
        pane.insertPlainText("state ")
        pane.flush()
        qtbot.waitUntil(lambda: "state tobacco" in nb.pages.text(doc, 1))
        saved = nb.pages.text(doc, 1)
        assert saved == stored.replace("the tobacco", "the state tobacco")

        # Lines as stored, on request.
        pane.reflow_action.trigger()
        assert pane.toPlainText() == saved
        assert pane.document().blockCount() == len(PARAGRAPH)
