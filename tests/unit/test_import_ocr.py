"""OCR with tesseract: checked before anything is imported, text with its confidence."""

from __future__ import annotations

import shutil

import pytest
from fixtures import texts

from researchnb.importers.ocr import OcrUnavailable, mean_confidence

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="tesseract (Debian tesseract-ocr) is not installed")


@needs_tesseract
def test_ocr_reads_the_image_only_pages_of_a_scanned_pdf(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("scan.pdf")], ocr=True, lang="eng").value
    item = result.imported[0]
    page = nb.documents.get(item.document).pages[0]
    assert item.status == "ok" and page.text_origin == "ocr"
    assert len(page.text.split()) > 80
    for words in ("MINUTES OF THE SCHOOL COMMITTEE", "forty children", "approved"):
        assert words in page.text
    assert page.ocr_confidence and page.ocr_confidence > 60
    assert nb.documents.get(item.document).import_report["ocr_pages"] == [1]


@needs_tesseract
def test_ocr_reads_a_photographed_typed_card(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("typed.png")], ocr=True, lang="eng").value
    item = result.imported[0]
    page = nb.documents.get(item.document).pages[0]
    assert item.status == "ok" and page.text_origin == "ocr"
    for word in texts.TYPED_WORDS:
        assert word.casefold() in page.text.casefold(), word


@pytest.mark.shared
@needs_tesseract
def test_ocr_reads_the_image_only_pages_of_a_corpus_scan(nb, corpus):
    result = nb.documents.import_files([corpus("pdf/c02-22.pdf")], ocr=True, lang="eng").value
    item = result.imported[0]
    page = nb.documents.get(item.document).pages[0]
    assert item.status == "ok" and page.text_origin == "ocr"
    assert len(page.text.split()) > 50
    assert nb.documents.get(item.document).import_report["ocr_pages"] == [1]


def test_missing_tesseract_fails_before_anything_is_imported(nb, fixture_file, monkeypatch,
                                                              tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(OcrUnavailable) as err:
        nb.documents.import_files([fixture_file("scan.pdf")], ocr=True, lang="rus+eng")
    assert "tesseract-ocr" in str(err.value) and "tesseract-ocr-rus" in str(err.value)
    assert nb.info()["documents"] == 0


@needs_tesseract
def test_a_missing_ocr_language_names_the_package_to_install(nb, fixture_file):
    with pytest.raises(OcrUnavailable) as err:
        nb.documents.import_files([fixture_file("scan.pdf")], ocr=True,
                                  lang="eng+chi_sim_vert_x")
    assert "tesseract-ocr-chi-sim-vert-x" in str(err.value)
    assert nb.info()["documents"] == 0


def test_mean_confidence_ignores_layout_rows_and_empty_words():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\t"
           "height\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90.5\tProtokol\n"
           "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t70.5\tzasedaniia\n"
           "5\t1\t1\t1\t1\t3\t0\t0\t10\t10\t95\t \n")
    assert mean_confidence(tsv) == 80.5
    assert mean_confidence("") is None
