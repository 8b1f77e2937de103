"""A PDF page lies on a white sheet with an edge and a shadow, on the viewer's surround: an
ordinary PDF page (transparent background) and a blank page alike."""

from __future__ import annotations

from fixtures.pdfmaker import write_pdf
from PySide6.QtGui import QImage
from viewer_host import rendered, shown_viewer

from researchnb.ui import theme


def _grab(viewer) -> QImage:
    return viewer.view.viewport().grab().toImage()


def _lightness(image: QImage, x: int, y: int) -> int:
    return image.pixelColor(x, y).lightness()


def _page_columns(image: QImage, y: int) -> list[int]:
    """The x of every near-white pixel in row y."""
    return [x for x in range(image.width()) if _lightness(image, x, y) >= 245]


def _check_sheet(viewer) -> None:
    image = _grab(viewer)
    surround = theme.page_colours()["surround"]
    mid = image.height() // 3
    white = _page_columns(image, mid)
    assert len(white) > image.width() // 2, "the page area is white"
    left, right = min(white), max(white)
    # Beside the page: the viewer's surround colour, far from the page.
    far = image.pixelColor(1, mid)
    assert abs(far.lightness() - surround.lightness()) <= 3 and far.lightness() < 200
    # Between the white page and the surround: an edge darker than both.
    border = [_lightness(image, x, mid) for x in range(right + 1, min(image.width(), right + 6))]
    assert border and min(border) < surround.lightness() - 10, border
    assert left > 1


def test_a_pdf_page_and_a_blank_page_show_a_white_sheet_on_the_surround(qtbot, nb, tmp_path):
    pdf = write_pdf(tmp_path / "two.pdf", [["A page with ordinary black text on it.",
                                            "Its background is transparent in the file."],
                                           []])
    nb.documents.import_files([pdf])
    doc = nb.documents.all()[0].key
    with shown_viewer(qtbot, nb) as viewer:
        _blank_and_text_pages(qtbot, viewer, doc)


def _blank_and_text_pages(qtbot, viewer, doc: str) -> None:
    viewer.open_document(doc)
    viewer.set_zoom("fit-page")
    rendered(qtbot, viewer)
    _check_sheet(viewer)
    image = _grab(viewer)
    # the text is drawn on the sheet: some dark pixels inside the page
    white = _page_columns(image, image.height() // 3)
    inside = [_lightness(image, x, y) for y in range(0, image.height() // 2, 2)
              for x in range(min(white) + 2, max(white) - 2, 3)]
    assert min(inside) < 120, "black text on the white page"

    viewer.show_page(2)                  # a blank page is a white sheet, not nothing
    rendered(qtbot, viewer)
    _check_sheet(viewer)


def test_in_the_dark_theme_the_page_stays_white_on_a_dark_surround(qtbot, nb, tmp_path):
    from PySide6.QtWidgets import QApplication
    pdf = write_pdf(tmp_path / "one.pdf", [["A page read in a dark room."]])
    nb.documents.import_files([pdf])
    app = QApplication.instance()
    with shown_viewer(qtbot, nb) as viewer:
        viewer.open_document(nb.documents.all()[0].key)
        viewer.set_zoom("fit-page")
        rendered(qtbot, viewer)
        light = _grab(viewer).pixelColor(1, 5).lightness()
        try:
            theme.apply_theme(app, "dark")
            qtbot.waitUntil(lambda: theme.is_dark())
            qtbot.waitUntil(lambda: _grab(viewer).pixelColor(1, 5).lightness() < light - 20)
            assert theme.page_colours()["surround"].lightness() < 90
            _check_sheet(viewer)
        finally:
            theme.apply_theme(app, "system")
