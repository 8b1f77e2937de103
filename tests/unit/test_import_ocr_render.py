"""render_page_for_ocr: the one page rendering every OCR path uses, with its pixel guard."""

import pypdfium2 as pdfium
import pytest
from PIL import Image

from researchnb.domain import ImportFailed
from researchnb.importers import ocr


def _pdf(path, width_pt, height_pt):
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(width_pt, height_pt)
    pdf.save(str(path))
    pdf.close()
    return path


def test_a_normal_page_is_rendered_at_300_dpi(tmp_path):
    path = _pdf(tmp_path / "a5.pdf", 72 * 5, 72 * 8)     # 5 x 8 inches
    image = ocr.render_page_for_ocr(path, "application/pdf", 0)
    assert image.size == (1500, 2400)


def test_a_poster_sized_page_stays_under_the_pixel_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(ocr, "MAX_OCR_PIXELS", 1_000_000)
    path = _pdf(tmp_path / "poster.pdf", 72 * 40, 72 * 30)
    for opened in (None, "document", "page"):
        pdf = pdfium.PdfDocument(path)
        handle = {None: None, "document": pdf, "page": pdf[0] if opened == "page" else None}
        image = ocr.render_page_for_ocr(path, "application/pdf", 0, opened=handle[opened])
        # pdfium rounds each side up: at most one row and one column over
        assert image.width * image.height <= 1_000_000 + image.width + image.height
        assert image.width * image.height > 900_000
        pdf.close()


def test_an_image_frame_is_taken_upright_in_rgb(tmp_path):
    path = tmp_path / "photo.jpg"
    exif = Image.Exif()
    exif[274] = 6                                          # rotated 90 degrees
    Image.new("L", (40, 20), 128).save(path, exif=exif)
    image = ocr.render_page_for_ocr(path, "image/jpeg")
    assert image.mode == "RGB" and image.size == (20, 40)


def test_a_damaged_original_is_refused_in_plain_words(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(ImportFailed):
        ocr.render_page_for_ocr(bad, "application/pdf", 0)
    with pytest.raises(ImportFailed):
        ocr.render_page_for_ocr(bad.with_suffix(".png"), "image/png")
