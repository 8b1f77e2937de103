"""What a historian's .bib file holds comes in whole (issue 17, item 1): every field, dates as
the entry gives them, crossref and xdata as biber resolves them, the syntax of real files, and
keys as written; and goes out again in BibLaTeX, BibTeX and CSL-JSON (items 3 and 7)."""

from __future__ import annotations

import json
import re

import pytest
from conftest import SHARED
from fixtures.bibliography import RICH_FACTS, made_sources, rich_bib

from researchnb.citations.bibtex import export_warnings, write_biblatex, write_bibtex
from researchnb.citations.csljson import item, write_csljson
from researchnb.citations.datamodel import imported, typed_fields
from researchnb.domain import Source
from researchnb.importers import bibtex


def _read(text: str):
    result = bibtex.read_text(text)
    return {s.citekey: s for s in result.sources}, result


def _fields(src: Source) -> dict[str, str]:
    return dict(src.extra["bibtex"]["@fields"])


def test_every_field_of_a_book_is_kept_and_written_back():
    sources, _ = _read(rich_bib())
    book = sources["platonov1984"]
    out = write_biblatex([book])
    for name, value in (("isbn", "978-5-02-000000-1"), ("series", "Literaturnye pamiatniki"),
                        ("edition", "2"), ("shorttitle", "Kotlovan"), ("number", "4"),
                        ("note", "With commentary"), ("origdate", "1930"),
                        ("keywords", "collectivisation, literature")):
        assert _fields(book)[name] == value
        assert f"{{{value}}}" in out and f"  {name} " in out, name
    assert book.date == "1984" and book.publisher == "Nauka"
    assert book.place == "Moskva and Leningrad"        # @string # "…" # {…} expanded


def test_an_edited_source_keeps_the_fields_no_column_holds():
    sources, _ = _read(rich_bib())
    book = sources["bukharin1988"]
    book.title = "Izbrannye proizvedeniia v trekh tomakh"
    out = write_biblatex([book])
    assert "title      = {{Izbrannye} proizvedeniia v trekh tomakh}" in out
    assert "editortype = {compiler}" in out and "pagetotal  = {499}" in out
    assert "origdate   = {1927}" in out      # and the date stays as the file gave it:
    assert "year       = {1988}" in out and "month      = jun," in out
    assert "\n  date " not in out


def test_origdate_and_a_crossref_parent_never_replace_the_entrys_own_date():
    sources, _ = _read(rich_bib())
    assert sources["bukharin1988"].date == "1988-06"     # year + month, origdate 1927
    assert sources["platonov1984"].date == "1984"        # date 1984, origdate 1930
    assert sources["lenin:pss:45"].date == "1964"        # parent lenin:pss 1958/1965
    assert sources["lenin:pss"].date == "1958/1965"
    assert sources["lenin:testament"].date == "1964"     # inherited: it has none of its own
    assert sources["sbb:nachlass"].date == "1834"        # only an origdate: the letter's date


def test_crossref_inherits_as_biber_does_and_keeps_the_parent():
    sources, _ = _read(rich_bib())
    chapter = sources["lenin:testament"]
    assert chapter.container_title == "Tom 45"           # book title -> inbook booktitle
    assert chapter.publisher == "Politizdat" and chapter.place == "Moskva"   # via the chain
    assert [c.display for c in chapter.creators] == ["Lenin, V. I."]
    assert _fields(chapter)["crossref"] == "lenin:pss:45"
    assert "title" not in _fields(chapter) or _fields(chapter)["title"] != "Tom 45"
    volume = sources["lenin:pss:45"]
    assert volume.title == "Tom 45"                      # mvbook title -> maintitle, not title
    assert "lenin:pss" in sources and "crossref = {lenin:pss}" in write_biblatex([volume])


def test_xdata_fields_are_merged_into_the_entry():
    sources, result = _read(rich_bib())
    book = sources["stalin:voprosy"]
    assert (book.publisher, book.place) == ("Politizdat", "Moskva")
    assert "politizdat" not in sources and not any("xdata" in f.message for f in result.failures)
    out = write_biblatex([book])
    assert "publisher = {Politizdat}" in out and "xdata" not in out


def test_syntax_of_real_files_repeated_field_percent_and_comment_lines():
    sources, result = _read(rich_bib())
    key, name = RICH_FACTS["repeated"]
    warning = next(w for w in result.warnings if key in w and "twice" in w)
    lines = rich_bib().splitlines()
    line = max(i for i, text in enumerate(lines, 1) if text == "  year       = {1988},")
    assert warning.startswith(f"line {line}:") and f"field {name}" in warning
    assert sources[key].date == "1988-06"                  # the last value counts, as in biber
    letter = sources["Иванов1923"]
    assert letter.fond_title == "Черновик; 50% текста зачёркнуто"     # `%` in a value is text
    assert r"50\% текста" in write_biblatex([letter])
    book = sources["platonov1984"]
    assert _fields(book)["note"] == "With commentary"            # comment line renamed nothing
    assert "langid" in _fields(book) and "% note" not in _fields(book)


def test_keys_are_kept_as_written_and_case_twins_renamed_with_a_warning():
    sources, result = _read(rich_bib())
    assert "Иванов1923" in sources
    assert "@letter{Иванов1923," in write_biblatex([sources["Иванов1923"]])
    old, new = RICH_FACTS["case_renamed"]
    assert sources[new].title == "Cities and the Famine" and sources["Smith2020"].title == \
        "Grain and the State"
    assert any(old in w and new in w for w in result.warnings)


def test_a_broken_entry_is_reported_with_its_line_in_plain_words():
    text = "@book{good, title = {Fine}}\n\n@book{broken,\n  title = {No end\n"
    _, result = _read(text)
    (failure,) = result.failures
    assert failure.line == 3
    assert "@book{broken}" in failure.message and "file ends" in failure.message


def test_commentary_entries_are_not_taken_for_comments():
    sources, _ = _read("@commentary{c1, title = {On the Code}, date = {1961}}\n")
    assert sources["c1"].title == "On the Code"
    assert write_biblatex(list(sources.values())).count("@commentary{c1,") == 1


def test_every_entry_type_comes_back_with_its_type():
    sources, _ = _read(rich_bib())
    out = write_biblatex(list(sources.values()))
    for etype in RICH_FACTS["types"]:
        assert f"@{etype}{{type:{etype}," in out, etype


def test_number_used_as_a_shelfmark_is_the_call_number():
    sources, _ = _read(rich_bib())
    ranke = sources["sbb:nachlass"]
    assert (ranke.archive, ranke.call_number, ranke.archive_place) == (
        "Staatsbibliothek zu Berlin", "114 Z 1 248", "Berlin")


def test_call_numbers_go_to_biblatex_bibtex_and_csl():
    tsgamo, hoover, souvarine = made_sources()
    for src in (hoover, souvarine):
        latex = write_biblatex([src])
        assert f"howpublished = {{{src.call_number.replace('&', chr(92) + '&')}" in latex or \
            src.call_number in latex
        assert src.call_number in write_bibtex([src])
        assert item(src)["call-number"] == src.call_number
    latex = write_biblatex([hoover])
    assert "howpublished = {Hoover Institution Library \\& Archives, Box 143, Folder 7}" in latex
    assert "location     = {Stanford, CA}" in latex
    plain = write_bibtex([tsgamo])
    assert "TsGAMO" in plain and "f.~415, op.~16, d.~312, l.~12 ob." in plain


def test_edtf_precision_where_the_format_can_hold_it():
    tsgamo, hoover, souvarine = made_sources()
    assert "date         = {1921~}" in write_biblatex([hoover])
    assert "date         = {192X}" in write_biblatex([souvarine])
    assert "month        = jun," in write_bibtex([tsgamo])     # the macro, not 6
    warnings = export_warnings([tsgamo, hoover, souvarine], biblatex=False)
    assert len(warnings) == 3
    assert "approximate" in warnings[1] and "unspecified" in warnings[2]
    assert export_warnings([hoover], biblatex=True) == []
    assert item(hoover)["issued"] == {"date-parts": [[1921]], "circa": True}
    assert item(souvarine)["issued"] == {"date-parts": [[1920], [1929]]}


def test_csl_json_gets_mapped_variables_and_the_other_fields_as_note_lines():
    sources, _ = _read(rich_bib())
    book = item(sources["platonov1984"])
    assert book["ISBN"] == "978-5-02-000000-1"
    assert book["collection-title"] == "Literaturnye pamiatniki"
    assert book["original-date"] == {"date-parts": [[1930]]}
    assert book["issued"] == {"date-parts": [[1984]]}
    other = item(sources["smith2020a"])
    assert "myownfield: a field of the historian's own, kept as it is" in \
        other["note"].splitlines()
    json.dumps(book)                                          # plain JSON all through


def test_a_bibtex_export_says_what_its_dates_lose(nb, tmp_path):
    for src in made_sources():
        nb.sources.add(src)
    written = nb.citations.export_to_file("bibtex", tmp_path / "out.bib")
    assert [w.split(":")[0] for w in written["warnings"]] == [
        "anLetterCentral192X", "hooverMemorandumRefugees1921", "tsgamo_415_16_312"]
    assert re.search(r"year += \{1921\},", (tmp_path / "out.bib").read_text(encoding="utf-8"))
    assert nb.citations.export_to_file("biblatex", tmp_path / "out2.bib")["warnings"] == []


@pytest.mark.shared("schemas")
def test_csl_json_of_the_rich_bibliography_is_valid_csl():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SHARED / "schemas" / "csl-data.json").read_text(encoding="utf-8"))
    sources, _ = _read(rich_bib())
    data = json.loads(write_csljson(list(sources.values())))
    assert len(data) == RICH_FACTS["sources"]
    assert [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(data)] == []


def test_an_edited_entry_keeps_its_type_and_its_unknown_fields():
    sources, _ = _read(rich_bib())
    thesis, letter = sources["type:phdthesis"], sources["Иванов1923"]
    thesis.title = "A thesis, retitled"
    letter.title = "Письмо в губком (черновик)"
    out = write_biblatex([thesis, letter])
    assert "@phdthesis{type:phdthesis," in out and "school = {Harvard University}" in out
    assert "@letter{Иванов1923," in out and "{Письмо} в губком (черновик)" in out
    again, _ = _read(out)
    assert again["Иванов1923"].fond_title == letter.fond_title
    assert again["type:phdthesis"].title == "A thesis, retitled"


def test_missing_commas_are_said_in_plain_words_with_the_line():
    text = "@book{ok, title = {Fine}}\n@book{a,\n  title = {x},,\n  year = 1}\n" \
           "@book{b,\n  title = {Grain}\n  year = {1930}}\n"
    sources, result = _read(text)
    (failure,) = result.failures
    assert failure.line == 2 and "comma too many" in failure.message
    assert "entry key" not in failure.message                  # no parser jargon
    (warning,) = result.warnings
    assert warning.startswith("line 6: b, field title:") and "comma missing" in warning
    assert set(sources) == {"ok", "b"}


def test_fields_are_typed_as_the_data_model_types_them():
    sources, _ = _read(rich_bib())
    book = typed_fields(imported(sources["platonov1984"]))
    assert book["location"] == ["Moskva", "Leningrad"]            # a literal list
    assert book["keywords"] == ["collectivisation", "literature"]
    assert book["origdate"] == "1930" and book["date"] == "1984"
    (author,) = book["author"]
    assert (author.family, author.given) == ("Platonov", "Andrei")
    chapter = typed_fields(imported(sources["lenin:testament"]))
    assert chapter["pages"] == ("343", "348")
    assert chapter["origdate"] == "1922-12-23/1923-01-04"
