"""BibTeX and CSL-JSON files: every entry becomes a source or a reported failure."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from conftest import BIB
from fixtures import texts

from researchnb.domain import Creator, Source
from researchnb.importers.base import BlockFailure, ReferenceImport


def _fake_reader(monkeypatch, name: str, refs: ReferenceImport) -> None:
    module = types.ModuleType(f"researchnb.importers.{name}")
    module.read = lambda path: refs          # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, f"researchnb.importers.{name}", module)


def test_reference_entries_become_sources_and_bad_ones_are_reported(nb, tmp_path,
                                                                     monkeypatch):
    nb.sources.add(Source(kind="book", title="Taken", citekey="taken1922"))
    refs = ReferenceImport(
        sources=[Source(kind="archival", title="Протокол заседания бюро ячейки",
                        citekey="amo1922", archive="TsGAMO", fond="415", opis="16",
                        delo="312", date="1922-06",
                        creators=[Creator(literal="Партийная ячейка АМО")]),
                 Source(kind="book", title="A book with a bad date", citekey="bad",
                        date="the twenties"),
                 Source(kind="book", title="Clash", citekey="Taken1922")],
        failures=[BlockFailure(line=40, message="unbalanced braces")])
    _fake_reader(monkeypatch, "bibtex", refs)
    path = tmp_path / "zotero.bib"
    path.write_text("@book{...}", encoding="utf-8")
    result = nb.documents.import_files([path]).value
    item = result.imported[0]
    # issue 17: a key differing from a stored one only in letter case is renamed, not refused
    assert item.document is None and len(item.sources) == 3
    assert nb.sources.get(item.sources[2]).citekey == "Taken1922a"
    assert any("Taken1922a" in w for w in item.warnings)
    amo = nb.sources.get(item.sources[0])
    assert (amo.title, amo.archive, amo.fond, amo.delo, amo.date) == (
        "Протокол заседания бюро ячейки", "TsGAMO", "415", "312", "1922-06")
    assert amo.creators[0].literal == "Партийная ячейка АМО"
    bad = nb.sources.get(item.sources[1])
    assert bad.date == "" and bad.extra["date_in_file"] == "the twenties"
    assert any("the twenties" in w for w in item.warnings)
    assert [(f.line, f.error) for f in result.failed] == [(40, "unbalanced braces")]
    assert nb.info()["sources"] == 4 and nb.info()["documents"] == 0


def test_csl_json_files_go_to_the_csl_json_reader(nb, tmp_path, monkeypatch):
    _fake_reader(monkeypatch, "csljson", ReferenceImport(
        sources=[Source(kind="article", title="Rabochaia gazeta")]))
    path = tmp_path / "library.json"
    path.write_text("[]", encoding="utf-8")
    result = nb.documents.import_files([path]).value
    assert len(result.imported[0].sources) == 1 and not result.failed


def test_a_reader_that_is_not_there_yet_fails_with_a_clear_message(nb, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setitem(sys.modules, "researchnb.importers.csljson", None)
    path = tmp_path / "library.json"
    path.write_text("[]", encoding="utf-8")
    result = nb.documents.import_files([path]).value
    assert not result.imported and "CSL-JSON" in result.failed[0].error


def _entries(path: Path) -> int:
    heads = re.findall(r"^\s*@(\w+)\s*[{(]", path.read_text(encoding="utf-8"), re.MULTILINE)
    return sum(1 for h in heads if h.lower() not in ("string", "comment", "preamble"))


def test_our_bibtex_and_csl_json_files_become_sources_entry_by_entry(nb, fixture_file):
    bib, csl = fixture_file("refs.bib"), fixture_file("refs.json")
    result = nb.documents.import_files([bib, csl]).value
    made = {Path(i.file).name: len(i.sources) for i in result.imported}
    assert made == {"refs.bib": 4, "refs.json": 3}
    assert [(Path(f.file).name, f.line) for f in result.failed] == [("refs.bib", 35)]
    by_key = {s.citekey: s for s in nb.sources.all()}
    assert set(by_key) == {*texts.BIBTEX_GOOD_KEYS, *(i["id"] for i in texts.CSL_JSON)}
    ershov = by_key["ershovFabrika1927"]
    assert (ershov.kind, ershov.title, ershov.date, ershov.language) == \
        ("book", "Фабрика «Новый путь» за пять лет", "1927", "ru")
    assert [c.display for c in ershov.creators] == ["Ершов, Иван Петрович"]
    smith = by_key["smithRelief1931"]
    assert smith.title == "Relief Work in the Volga Villages, 1921–1923"   # -- is a dash
    assert [c.display for c in smith.creators] == ["Smith, Eleanor", "Brown, Thomas"]
    somova = by_key["somovaPisma1922"]
    assert (somova.kind, somova.archive, somova.language) == ("archival", "ГАТО", "ru")
    assert by_key["jonesFamine1925"].date == "1925-06"


def test_a_bibtex_entry_cut_off_at_the_end_is_reported_with_a_message(nb, fixture_file,
                                                                      capfd):
    result = nb.documents.import_files([fixture_file("refs.bib")]).value
    assert len(result.failed) == 1
    message = result.failed[0].error
    assert "@article{brokenEntry} is cut off" in message and "nothing of it" in message
    assert result.imported and result.imported[0].sources      # the entries before it went in
    out, err = capfd.readouterr()
    assert "aborted" not in out + err                             # nothing on the terminal


@pytest.mark.shared("bib")
def test_the_three_real_bib_files_are_accounted_for_entry_by_entry(nb, corpus):
    pytest.importorskip("researchnb.importers.bibtex")
    paths = [corpus(f"bib/{p.name}") for p in sorted(BIB.glob("*.bib"))]
    result = nb.documents.import_files(paths).value
    assert len(paths) == 3
    for path in paths:
        made = sum(len(i.sources) for i in result.imported if i.file == str(path))
        failed = sum(1 for f in result.failed if f.file == str(path))
        assert made + failed == _entries(path), path.name
    titles = {s.title: s for s in nb.sources.all()}
    assert any(t.startswith("Полимеразная цепная реакция") for t in titles)
    creel = next(s for s in nb.sources.all() if s.citekey == "creel:house")
    assert creel.archive == "Yale University Library"
