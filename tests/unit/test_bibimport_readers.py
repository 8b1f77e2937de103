"""BibTeX and CSL-JSON readers (issue 3, acceptance 5): every entry a source or a failure."""

from __future__ import annotations

import json
import re

import bibtexparser
import pytest

from researchnb.importers import bibtex, csljson

FILES = ["bib/biblatex-examples.bib", "bib/biblatex-chicago-notes-test.bib",
         "bib/bbt-export-russian-2413.biblatex.bib"]


def entry_keys(path) -> list[str]:
    """Entry keys found by a plain scan, independent of the reader under test."""
    text = path.read_text(encoding="utf-8")
    return [m.group(2) for m in re.finditer(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE)
            if m.group(1).lower() not in ("string", "comment", "preamble")]


@pytest.mark.shared("bib")
@pytest.mark.parametrize("name", FILES)
def test_every_entry_is_a_source_or_a_reported_failure(corpus, name):
    path = corpus(name)
    result = bibtex.read(path)
    keys = entry_keys(path)
    assert keys
    assert len(result.sources) + len(result.failures) == len(keys)
    read_keys = {s.extra["bibtex"]["citekey"] for s in result.sources}
    assert read_keys | {k for k in keys if k not in read_keys} == set(keys)
    for failure in result.failures:
        assert failure.line >= 1 and failure.message
    for src in result.sources:
        assert src.title and src.kind


@pytest.mark.shared("bib")
def test_set_entries_are_reported_with_their_line(corpus):
    result = bibtex.read(corpus("bib/biblatex-examples.bib"))
    assert [(f.line, "@set{set}" in f.message) for f in result.failures][0] == (26, True)
    assert len(result.failures) == 2


@pytest.mark.shared("bib")
def test_cyrillic_article_keeps_its_fields(corpus):
    result = bibtex.read(corpus("bib/bbt-export-russian-2413.biblatex.bib"))
    (src,) = result.sources
    assert src.kind == "article"
    assert src.title.startswith("Полимеразная цепная реакция (ПЦР), как эффективный")
    assert src.container_title == "Вопросы онкологии"
    assert [c.family for c in src.creators][:2] == ["Романько", "Преображенская"]
    assert src.creators[0].given == "Александр"
    assert src.date == "2022-05-06" and src.language == "ru"
    assert src.volume == "68" and src.issue == "2" and src.pages == "182–187"
    assert src.doi == "10.37469/0507-3758-2022-68-2-182-187"
    assert src.citekey == "romankoPolimeraznayaCepnayaReakciya2022"
    assert "0.12%" in src.extra["bibtex"]["abstract"]


@pytest.mark.shared("bib")
def test_archival_entries_keep_their_fields(corpus):
    sources = {s.citekey: s for s in
               bibtex.read(corpus("bib/biblatex-chicago-notes-test.bib")).sources}
    spock = sources["spock:interview"]
    assert spock.archive == "Senn Oral History Collection, National Library of Medicine"
    assert spock.archive_place == "Bethesda, MD"
    assert spock.fond_title == "interview 67A, transcript"
    assert spock.date == "1974-11-20"
    creel = sources["creel:house"]
    assert (creel.kind, creel.archive, creel.fond_title, creel.date) == (
        "letter", "Yale University Library", "Edward M. House Papers", "1918-09-25")
    dinkel = sources["dinkel:agassiz"]
    assert (dinkel.kind, dinkel.archive, dinkel.archive_place, dinkel.fond_title) == (
        "archival", "Houghton Library", "Harvard University", "Agassiz Papers")


@pytest.mark.shared("bib")
def test_strings_crossref_and_accents(corpus):
    sources = {s.citekey: s for s in bibtex.read(corpus("bib/biblatex-examples.bib")).sources}
    aksin = sources["aksin"]
    assert aksin.container_title == "J. Amer. Math. Soc." or aksin.container_title.startswith(
        "J. Organomet")
    assert [c.family for c in aksin.creators][:4] == ["Aksın", "Türkmen", "Artok", "Çetinkaya"]
    assert aksin.creators[0].given == "Özge"
    space = sources["westfahl:space"]
    assert space.kind == "chapter"
    assert space.container_title == "Space and Beyond"      # from the crossref'd title
    assert space.publisher == "Greenwood"
    assert space.title.startswith("The True Frontier: Confronting")
    assert "{" not in space.title


def test_a_broken_block_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "broken.bib"
    path.write_text("@book{good1, title={Good}, year={1999}}\n\n"
                    "@article{bad, title={Unclosed, year={2000}\n\n"
                    "@book{good2, title={Also good}, author={Иванов, Иван}}\n", encoding="utf-8")
    result = bibtex.read(path)
    titles = [s.title for s in result.sources]
    assert "Good" in titles
    assert result.failures and all(f.line >= 1 for f in result.failures)
    parsed = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    assert len(result.sources) + len(result.failures) >= len(parsed.entries)


def test_our_own_classic_bibtex_archival_entry_is_understood(tmp_path):
    path = tmp_path / "ours.bib"
    path.write_text(
        "@misc{rgaspi_17_84_343,\n  title = {{Протокол} \\No~5 50\\% \\& \\_x},\n"
        "  entrysubtype = {archival},\n  year = {1931},\n  month = {3},\n"
        "  howpublished = {Russian State Archive (RGASPI), Moscow, f.~17, op.~84, d.~343, "
        "l.~12},\n  note = {minutes; Orgburo},\n  type = {minutes},\n  key = {RGASPI},\n}\n",
        encoding="utf-8")
    (src,) = bibtex.read(path).sources
    assert (src.kind, src.archive, src.archive_abbr, src.archive_place) == (
        "archival", "Russian State Archive", "RGASPI", "Moscow")
    assert (src.fond, src.opis, src.delo, src.folio) == ("17", "84", "343", "12")
    assert (src.genre, src.fond_title, src.date) == ("minutes", "Orgburo", "1931-03")


def test_zotero_style_archive_fields(tmp_path):
    path = tmp_path / "zotero.bib"
    path.write_text("@unpublished{x, title={Letter}, archive={GARF}, "
                    "archive_location={f. R-5446, op. 1, d. 12, ll. 3-4}}\n", encoding="utf-8")
    (src,) = bibtex.read(path).sources
    assert (src.kind, src.archive, src.fond, src.opis, src.delo, src.folio) == (
        "archival", "GARF", "R-5446", "1", "12", "3-4")


def test_csl_json_reader_reports_bad_items_with_lines(tmp_path):
    items = [
        {"id": "a1", "type": "manuscript", "title": "Докладная записка",
         "archive": "ГАРФ", "archive_location": "ГАРФ, f. 5446, op. 1, d. 12, l. 4",
         "archive-place": "Москва", "issued": {"date-parts": [[1936, 5]]},
         "author": [{"literal": "НКВД СССР"}]},
        {"id": "a2", "type": "book"},
        "not an item",
        {"id": "a3", "type": "article-journal", "title": "Article",
         "author": [{"family": "Smith", "given": "J."}], "issued": {"raw": "1931"}},
    ]
    path = tmp_path / "refs.json"
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    result = csljson.read(path)
    assert [s.citekey for s in result.sources] == ["a1", "a3"]
    first = result.sources[0]
    assert (first.kind, first.archive_abbr, first.fond, first.delo, first.folio,
            first.archive_place, first.date) == ("archival", "ГАРФ", "5446", "12", "4",
                                                 "Москва", "1936-05")
    assert first.creators[0].literal == "НКВД СССР"
    assert result.sources[1].date == "1931"
    text = path.read_text(encoding="utf-8").splitlines()
    a2 = next(i for i, line in enumerate(text, 1) if '"a2"' in line) - 1
    string = next(i for i, line in enumerate(text, 1) if "not an item" in line)
    assert [f.line for f in result.failures] == [a2, string]
    assert text[a2 - 1].strip() == "{"


def test_csl_json_that_is_not_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('[{"id": "x", "title": "T"},\n oops]', encoding="utf-8")
    result = csljson.read(path)
    assert result.sources == [] and result.failures[0].line == 2
