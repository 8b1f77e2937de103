"""A new source for a whole import (a delo) is made with the first file stored, so nothing
that stores no file leaves an empty source; the notebook remembers its OCR languages."""

from __future__ import annotations

import pytest

from researchnb.domain import InvalidInput, Source
from researchnb.notebook import Notebook
from researchnb.progress import Progress


def _delo() -> Source:
    return Source(kind="archival", title="Delo 45", archive="RGASPI", fond="17", opis="3",
                  delo="45")


def test_every_file_goes_under_one_new_delo(nb, fixture_file):
    files = [fixture_file("report-1923.pdf"), fixture_file("protokol-1922.pdf")]
    result = nb.documents.import_files(files, new_source=_delo()).value
    assert len(result.imported) == 2
    [src] = nb.sources.all()
    assert (src.title, src.archive, src.fond, src.opis, src.delo) == (
        "Delo 45", "RGASPI", "17", "3", "45")
    assert {i.source for i in result.imported} == {src.key}


def test_an_import_that_stores_nothing_leaves_no_new_source(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("empty.pdf"), fixture_file("garbage.pdf")],
                                       new_source=_delo()).value
    assert len(result.failed) == 2
    assert nb.sources.all() == []


def test_cancel_during_the_first_file_leaves_no_new_source(nb, fixture_file):
    progress = Progress(on_change=lambda p: p.cancel() if p.done >= 2 else None)
    result = nb.documents.import_files([fixture_file("report-1923.pdf")],
                                       new_source=_delo(), progress=progress).value
    assert result.cancelled and not result.imported
    assert nb.sources.all() == [] and nb.documents.all() == []
    assert nb.check()["ok"]


def test_a_new_source_without_a_title_refuses_the_import(nb, fixture_file):
    with pytest.raises(InvalidInput):
        nb.documents.import_files([fixture_file("report-1923.pdf")],
                                  new_source=Source(kind="archival", title=" "))
    assert nb.documents.all() == []


def test_ocr_languages_are_kept_in_the_notebook(tmp_path):
    path = tmp_path / "langs.rnb"
    nb = Notebook.create(path)
    assert nb.settings.ocr_languages == ["rus", "eng"] and not nb.settings.is_set(
        "ocr.languages")
    nb.settings.set_ocr_languages(["deu", "frk", "deu"])
    nb.close()
    other = Notebook.create(tmp_path / "other.rnb")
    again = Notebook.open(path)
    try:
        assert again.settings.ocr_languages == ["deu", "frk"]
        assert other.settings.ocr_languages == ["rus", "eng"]     # per notebook
        with pytest.raises(InvalidInput):
            again.settings.set_ocr_languages([])
    finally:
        again.close()
        other.close()
