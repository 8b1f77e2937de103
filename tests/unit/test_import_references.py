"""BibTeX and CSL-JSON files: every entry becomes a source or a reported failure."""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path

import pytest
from conftest import BIB

from researchnb.domain import Creator, Source
from researchnb.importers.base import BlockFailure, ReferenceImport


def _fake_reader(monkeypatch, name: str, refs: ReferenceImport) -> None:
    module = types.ModuleType(f"researchnb.importers.{name}")
    module.read = lambda path: refs          # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, f"researchnb.importers.{name}", module)


def test_reference_entries_become_sources_and_bad_ones_are_reported(nb, tmp_path,
                                                                     monkeypatch):
    nb.add_source(Source(kind="book", title="Taken", citekey="taken1922"))
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
    result = nb.import_files([path])
    item = result.imported[0]
    assert item.document is None and len(item.sources) == 2
    amo = nb.get_source(item.sources[0])
    assert (amo.title, amo.archive, amo.fond, amo.delo, amo.date) == (
        "Протокол заседания бюро ячейки", "TsGAMO", "415", "312", "1922-06")
    assert amo.creators[0].literal == "Партийная ячейка АМО"
    bad = nb.get_source(item.sources[1])
    assert bad.date == "" and bad.extra["date_in_file"] == "the twenties"
    assert any("the twenties" in w for w in item.warnings)
    failures = {(f.line, "Taken1922" in f.error or "taken1922" in f.error.lower())
                for f in result.failed}
    assert failures == {(40, False), (None, True)}
    assert nb.info()["sources"] == 3 and nb.info()["documents"] == 0


def test_csl_json_files_go_to_the_csl_json_reader(nb, tmp_path, monkeypatch):
    _fake_reader(monkeypatch, "csljson", ReferenceImport(
        sources=[Source(kind="article", title="Rabochaia gazeta")]))
    path = tmp_path / "library.json"
    path.write_text("[]", encoding="utf-8")
    result = nb.import_files([path])
    assert len(result.imported[0].sources) == 1 and not result.failed


def test_a_reader_that_is_not_there_yet_fails_with_a_clear_message(nb, tmp_path,
                                                                   monkeypatch):
    monkeypatch.setitem(sys.modules, "researchnb.importers.csljson", None)
    path = tmp_path / "library.json"
    path.write_text("[]", encoding="utf-8")
    result = nb.import_files([path])
    assert not result.imported and "CSL-JSON" in result.failed[0].error


def _entries(path: Path) -> int:
    heads = re.findall(r"^\s*@(\w+)\s*[{(]", path.read_text(encoding="utf-8"), re.MULTILINE)
    return sum(1 for h in heads if h.lower() not in ("string", "comment", "preamble"))


def test_the_three_real_bib_files_are_accounted_for_entry_by_entry(nb, corpus):
    pytest.importorskip("researchnb.importers.bibtex")
    paths = [corpus(f"bib/{p.name}") for p in sorted(BIB.glob("*.bib"))]
    result = nb.import_files(paths)
    assert len(paths) == 3
    for path in paths:
        made = sum(len(i.sources) for i in result.imported if i.file == str(path))
        failed = sum(1 for f in result.failed if f.file == str(path))
        assert made + failed == _entries(path), path.name
    titles = {s.title: s for s in nb.list_sources()}
    assert any(t.startswith("Полимеразная цепная реакция") for t in titles)
    creel = next(s for s in nb.list_sources() if s.citekey == "creel:house")
    assert creel.archive == "Yale University Library"
