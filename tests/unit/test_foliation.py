"""Numbering pages (foliation/): folios with and without versos, page numbers, the PDF's own
labels, over all pages or a range; the locators that follow; one transaction."""

from __future__ import annotations

import pytest

from researchnb.domain import InvalidInput, Source
from researchnb.foliation import Numbering, labels_for, preview
from researchnb.locators import derive_locator


def test_folios_alternate_recto_and_verso_from_the_first_number():
    assert list(labels_for(Numbering("folios", 12), 5).values()) == [
        "12", "12 ob.", "13", "13 ob.", "14"]
    assert list(labels_for(Numbering("folios", 12, versos=False), 3).values()) == [
        "12", "13", "14"]


def test_a_range_numbers_only_its_pages():
    got = labels_for(Numbering("folios", 7, first_page=3, last_page=5), 10)
    assert got == {3: "7", 4: "7 ob.", 5: "8"}
    assert labels_for(Numbering("pages", 45, first_page=9), 10) == {9: "p. 45", 10: "p. 46"}


def test_the_pdfs_own_labels_are_taken_as_they_are():
    own = ["i", "ii", "", "12"]
    assert labels_for(Numbering("pdf"), 4, own) == {1: "i", 2: "ii", 3: "3", 4: "12"}
    with pytest.raises(InvalidInput, match="no page labels of its own"):
        labels_for(Numbering("pdf"), 4, None)


@pytest.mark.parametrize("numbering, pages", [
    (Numbering("folios", 0), 3), (Numbering("folios", 1, first_page=4), 3),
    (Numbering("pages", 1, first_page=3, last_page=2), 5), (Numbering("roman"), 3),
    (Numbering("folios", 1), 0)])
def test_numberings_that_do_not_fit_are_refused(numbering, pages):
    with pytest.raises(InvalidInput):
        labels_for(numbering, pages)


def test_the_preview_shows_the_first_labels_only():
    assert preview(Numbering("folios", 12), 300, count=4) == [
        (1, "12"), (2, "12 ob."), (3, "13"), (4, "13 ob.")]
    assert preview(Numbering("pages", 5, first_page=2), 3) == [(2, "p. 5"), (3, "p. 6")]


def test_page_labels_cite_as_pages_and_folio_labels_as_leaves():
    assert derive_locator("p. 45", "p. 45", "archival") == "p. 45"
    assert derive_locator("p. 45", "p. 47", "book") == "pp. 45–47"
    assert derive_locator("12 ob.", "12 ob.", "book") == "l. 12 ob."
    assert derive_locator("12", "13", "archival") == "l. 12–13"


def _archival_pdf(nb, fixture_file):
    src = nb.sources.add(Source(kind="archival", title="Protocol", archive_abbr="TsGAMO",
                                fond="415", opis="16", delo="312")).value
    result = nb.documents.import_files([fixture_file("protokol-1922.pdf")],
                                       source_key=src.key).value
    return result.imported[0].document


def test_numbering_a_document_moves_its_excerpt_locators(nb, fixture_file):
    doc = _archival_pdf(nb, fixture_file)
    ex = nb.excerpts.add(doc, 2, start=0, end=8).value
    assert ex.locator == "l. 12 ob."
    typed = nb.excerpts.add(doc, 3, start=0, end=5, locator="ll. 99–100").value

    done = nb.pages.number(doc, Numbering("pages", 45))
    assert [p.label for p in nb.documents.get(doc).pages] == ["p. 45", "p. 46", "p. 47"]
    assert done.value == [ex.key]
    assert nb.excerpts.get(ex.key).locator == "p. 46"
    assert nb.excerpts.suggest_locator(doc, 1, 2) == "pp. 45–46"
    assert nb.excerpts.get(typed.key).locator == "ll. 99–100"     # typed by hand: kept

    nb.pages.number(doc, Numbering("folios", 3, versos=False))
    assert nb.excerpts.get(ex.key).locator == "l. 4"
    assert nb.excerpts.suggest_locator(doc, 3) == "l. 5"

    nb.pages.number(doc, Numbering("pdf"))            # back to the PDF's own: 12, 12 ob., 13
    assert nb.pages.pdf_labels(doc) == ["12", "12 ob.", "13"]
    assert [p.label for p in nb.documents.get(doc).pages] == ["12", "12 ob.", "13"]
    assert nb.excerpts.get(ex.key).locator == "l. 12 ob."


def test_a_refused_numbering_changes_nothing(nb, fixture_file):
    doc = _archival_pdf(nb, fixture_file)
    before = nb.pages.labels(doc)
    with pytest.raises(InvalidInput):
        nb.pages.number(doc, Numbering("folios", 1, first_page=2, last_page=9))
    assert nb.pages.labels(doc) == before


def test_images_have_no_labels_of_their_own(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("typed.png")]).value
    doc = result.imported[0].document
    assert nb.pages.pdf_labels(doc) is None
    with pytest.raises(InvalidInput, match="no page labels"):
        nb.pages.number(doc, Numbering("pdf"))


def test_photos_of_a_delo_are_folios_one_to_n_and_pdfs_keep_page_numbers(nb, fixture_file):
    src = nb.sources.add(Source(kind="archival", title="Delo 312", archive_abbr="TsGAMO",
                                fond="415", opis="16", delo="312")).value
    photos = [fixture_file("typed.png"), fixture_file("photo.jpg"),
              fixture_file("binarized.png")]
    doc = nb.documents.import_files(photos, source_key=src.key,
                                    one_document=True).value.imported[0].document
    count = len(nb.documents.get(doc).pages)
    assert count >= 3
    assert [nb.excerpts.suggest_locator(doc, n) for n in range(1, count + 1)] == [
        f"l. {n}" for n in range(1, count + 1)]
    report = nb.documents.import_files([fixture_file("report-1923.pdf")]).value
    pdf = report.imported[0].document
    assert nb.excerpts.suggest_locator(pdf, 2) == "2"
