"""Every excerpt on a page with hyphenated line ends gets its outline on the page image: the
offset map steps over the hyphen markers QtPdf reports (U+FFFE, \\x02, soft hyphens)."""

from __future__ import annotations

from fixtures.pdfmaker import write_pdf
from viewer_host import rendered, shown_viewer

from researchnb.ui.viewer.offsets import offset_map

LINES = ["The committee heard the report of com-",
         "rade Ivanov on the supply of bread and fire-",
         "wood to the workers of the tobacco fac-",
         "tory for the month of April in full.",
         "Resolved: to ask the provisions of-",
         "fice to hasten the rations for fami-",
         "lies of workers sent to the sowing."]
QUOTES = ["supply of bread", "tobacco", "month of April", "Resolved", "hasten the rations",
          "sent to the sowing"]


def test_every_excerpt_after_hyphenated_line_ends_is_outlined(qtbot, nb, tmp_path):
    pdf = write_pdf(tmp_path / "hyphens.pdf", [LINES])
    nb.documents.import_files([pdf])
    doc = nb.documents.all()[0].key
    text = nb.pages.text(doc, 1)
    for quote in QUOTES:
        start = text.index(quote)
        nb.excerpts.add(doc, 1, start=start, end=start + len(quote))
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(doc)
        rendered(qtbot, viewer)
        engine = viewer.pages.pdf.getAllText(0).text()
        assert "\ufffe" in engine or "\x02" in engine, "QtPdf marks the hyphenated line ends"
        outlines = viewer.view.outlines
        assert len(outlines) == len(QUOTES)
        tops = sorted(item.rect().top() for item in outlines)
        # one box per excerpt, each on its own line, top to bottom as the quotes are
        assert len(set(round(t) for t in tops)) == len(QUOTES)
        for item in outlines:
            r = item.rect()
            assert r.width() > 0 and r.height() > 0

        # A region over the lines of "supply of bread" and "tobacco" takes their words,
        # hyphenated words whole, as the notebook stores them
        pix = viewer.view.pixmap_item.pixmap()
        line2, line3 = sorted((item.rect() for item in outlines), key=lambda r: r.top())[:2]
        top, bottom = line2.top() / pix.height(), line3.bottom() / pix.height()
        viewer.view.region_selected.emit((0.0, top, 1.0, bottom - top))
        quote = viewer.selection().quote
        # (whole words: "com-rade" and "fac-tory" began and end on lines outside it)
        assert quote == ("comrade Ivanov on the supply of bread and firewood to the workers "
                         "of the tobacco factory")


def test_offsets_map_through_each_kind_of_hyphen_marker():
    stored = "сняли рабочих с работы\nи отправили на посевную"
    for marker in ("\ufffe", "\x02", "\u00ad"):
        engine = ("сняли рабо" + marker + "чих с работы\r\nи от" + marker
                  + "правили на посевную")
        mapping = offset_map(stored, engine)
        assert len(mapping) == len(stored) + 1
        for i, ch in enumerate(stored):
            assert engine[mapping[i]] == ch, (marker, i, ch)
        assert mapping[-1] == len(engine)
