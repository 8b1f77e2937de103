"""Import -> export -> import is the identity (issue 17, acceptance 1): on the project's own
rich bibliography, on archival sources typed in the app, and on every .bib in ../shared/bib.
Fields are counted and the counts reported (`pytest -s` shows them)."""

from __future__ import annotations

import json

import pytest
from conftest import SHARED
from fixtures.bibliography import RICH_FACTS, made_sources, rich_bib
from roundtrip_support import compare_files, compare_sources

from researchnb.citations.bibtex import write_biblatex
from researchnb.citations.csljson import write_csljson
from researchnb.importers import bibtex, csljson
from researchnb.notebook import Notebook

# Every .bib in ../shared/bib; without the folder one stand-in, skipped (the `shared` marker)
# with the reason that names the folder, rather than pytest's "empty parameter set".
SHARED_BIBS = (sorted((SHARED / "bib").glob("*.bib")) if (SHARED / "bib").is_dir()
               else [SHARED / "bib" / "every-file.bib"])


def _through_notebook(nb: Notebook, tmp_path, text: str, name: str) -> str:
    """Import `text` as a file into `nb` (the app's own path) and export it as BibLaTeX."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    nb.documents.import_files([path])
    return nb.citations.export("biblatex")


def test_rich_bibliography_survives_the_round_trip_through_a_notebook(nb, tmp_path):
    first = bibtex.read_text(rich_bib())
    assert len(first.sources) == RICH_FACTS["sources"]
    exported = _through_notebook(nb, tmp_path, rich_bib(), "rich.bib")
    second = bibtex.read_text(exported)
    assert second.failures == [] and len(second.sources) == len(first.sources)
    tally = compare_sources(first.sources, second.sources)
    print("rich.bib, sources:", tally.report())
    assert tally.dates_changed == []
    assert tally.differences == []
    assert tally.fields >= 10 * len(first.sources)      # not a vacuous comparison
    renamed = {s.extra["bibtex"]["citekey"]: s.citekey for s in first.sources}
    on_file = compare_files(rich_bib(), exported, renamed)
    print("rich.bib, fields of the file:", on_file.report(), on_file.differences)
    assert on_file.dates_changed == [] and on_file.share >= 0.99


def test_archival_sources_typed_in_the_app_survive_biblatex_and_csl_json(nb, tmp_path):
    made = [nb.sources.add(src).value for src in made_sources()]
    for fmt, reader, suffix in (("biblatex", bibtex, ".bib"), ("csl-json", csljson, ".json")):
        path = tmp_path / f"made{suffix}"
        path.write_text(nb.citations.export(fmt), encoding="utf-8")
        again = reader.read(path)
        assert again.failures == []
        tally = compare_sources(made, again.sources)
        print(fmt, tally.report())
        assert tally.differences == [], fmt


def test_csl_json_round_trip_keeps_every_variable_it_does_not_map(tmp_path):
    items = [{"id": "x", "type": "book", "title": "Kotlovan", "ISBN": "978-5-02-000000-1",
              "collection-title": "Literaturnye pamiatniki", "edition": "2",
              "issued": {"date-parts": [[1984]]}, "original-date": {"date-parts": [[1930]]},
              "note": "Citation Key: platonovKotlovan1984\nTranslator note: none",
              "author": [{"family": "Platonov", "given": "Andrei"}]}]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    first = csljson.read(path)
    (src,) = first.sources
    assert src.citekey == "platonovKotlovan1984"         # Better BibTeX's pinned key wins
    (out,) = json.loads(write_csljson(first.sources))
    for var in ("ISBN", "collection-title", "edition", "original-date", "note"):
        assert out[var] == items[0][var], var
    assert out["issued"] == {"date-parts": [[1984]]}


@pytest.mark.shared("bib")
@pytest.mark.parametrize("path", SHARED_BIBS, ids=[p.name for p in SHARED_BIBS])
def test_shared_bibliographies_come_back_field_for_field(path):
    text = path.read_text(encoding="utf-8")
    first = bibtex.read_text(text)
    exported = write_biblatex(first.sources)
    second = bibtex.read_text(exported)
    assert second.failures == []
    tally = compare_sources(first.sources, second.sources)
    renamed = {s.extra["bibtex"]["citekey"]: s.citekey for s in first.sources}
    on_file = compare_files(text, exported, renamed)
    print(f"{path.name}: sources {tally.report()}; file {on_file.report()}")
    assert tally.dates_changed == [] and on_file.dates_changed == []
    assert tally.share >= 0.99 and on_file.share >= 0.99
    assert on_file.fields >= 5 * len(first.sources)


def test_edited_entries_keep_their_fields_when_written_from_the_columns():
    """A source edited after import is written from its fields (not as it was read): what it
    holds must still come back, for every entry type of the rich bibliography."""
    first = bibtex.read_text(rich_bib()).sources
    for src in first:
        src.title += " (revised)"
    second = bibtex.read_text(write_biblatex(first)).sources
    tally = compare_sources(first, second)
    columns = [d for d in tally.differences if ".@" not in d]
    print("edited rich.bib:", tally.report())
    assert columns == [] and tally.dates_changed == []
    assert all(s.title.endswith(" (revised)") for s in second)
