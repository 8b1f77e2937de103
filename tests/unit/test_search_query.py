"""Acceptance 2: fields, phrases, NOT, prefixes and fuzzy terms each do what they say, and no
query string, however hostile, raises or reaches SQL/FTS5 as syntax."""

from __future__ import annotations

import pytest
from search_support import add_document, keys, page_numbers

from researchnb.domain import Creator, Source


@pytest.fixture
def library(nb):
    """Three sources (archival 1922, a book of 1863, a newspaper of 1925) with pages,
    excerpts and notes about them."""
    amo = add_document(nb, [
        "Протокол заседания бюро ячейки. Слушали: о положении рабочих завода АМО.",
        "Постановили: выдать хлеб рабочим. Заседание закрыто.",
        "Рабочие цеха и служащие завода требуют хлеба.",
    ], filename="amo.pdf", labels=["12", "12 ob.", "13"], source=Source(
        kind="archival", title="Протоколы заседаний бюро ячейки завода АМО", date="1922-03",
        language="ru", archive="Российский государственный архив социально-политической "
        "истории", archive_abbr="RGASPI", fond="17", opis="84", delo="228"))
    vicksburg = add_document(nb, [
        "The siege of VICKSBUEG lasted forty-seven days; the workers of the town starved.",
        "General Grant wrote of bread and of the river.",
    ], filename="vicksburg.pdf", source=Source(
        kind="book", title="The Vicksburg Campaign", date="1863", language="en",
        creators=[Creator(family="Grant", given="Ulysses")]))
    pravda = add_document(nb, ["Рабочие Москвы о хлебе и о заводах."], filename="pravda.pdf",
                          source=Source(kind="newspaper", title="Правда", date="1925-05-01",
                                        language="ru", archive_abbr="GARF", fond="R-1235"))
    amo_src = nb.documents.get(amo).source_key
    nb.tags.add(amo_src, ["theme/inequality"])
    quote = nb.excerpts.add(amo, 3, quote="Рабочие цеха и служащие завода", comment="волнения",
                           tags=["theme/labour"]).value
    private = nb.notes.add("Мои мысли о рабочих", "Рабочий день на заводе АМО.", private=True).value
    linked = nb.notes.add("План главы", f"См. [протоколы](src:{amo_src}) о хлебе.").value
    return {"nb": nb, "amo": amo, "vicksburg": vicksburg, "pravda": pravda,
            "amo_src": amo_src, "excerpt": quote.key, "private": private.key,
            "linked": linked.key}


def test_tag_field_narrows_to_tagged_records_and_what_they_contain(library):
    nb = library["nb"]
    everything = nb.search.query("рабочие", limit=50)
    assert page_numbers(everything, library["pravda"])            # found without the tag
    tagged = nb.search.query("tag:inequality рабочие", limit=50)
    assert page_numbers(tagged, library["amo"]) == {1, 2, 3}      # pages of the tagged source
    assert not page_numbers(tagged, library["pravda"])
    assert library["excerpt"] in keys(tagged)                      # excerpt of that source
    assert keys(nb.search.query("tag:theme/labour")) == {library["excerpt"]}
    assert library["excerpt"] in keys(nb.search.query("tag:theme"))  # a parent covers children
    assert nb.search.query("tag:nosuchtag рабочие")["total"] == 0


def test_date_range_keeps_sources_whose_dates_overlap(library):
    nb = library["nb"]
    found = nb.search.query("date:[1920 TO 1923] хлеб", limit=50)
    assert page_numbers(found, library["amo"]) == {2, 3}
    assert not page_numbers(found, library["pravda"]) and not page_numbers(found,
                                                                            library["vicksburg"])
    assert page_numbers(nb.search.query("date:1925 хлеб"), library["pravda"]) == {1}
    assert page_numbers(nb.search.query("date:[* TO 1900] bread"), library["vicksburg"]) == {2}
    assert nb.search.query("date:[1930 TO 1940] хлеб")["total"] == 0


def test_kind_source_archive_fond_and_lang_fields(library):
    nb = library["nb"]
    assert {h["kind"] for h in nb.search.query("kind:note рабочие")["hits"]} == {"note"}
    assert {h["kind"] for h in nb.search.query("kind:excerpt рабочие")["hits"]} == {"excerpt"}
    by_key = nb.search.query(f"source:{library['amo_src']} хлеб")
    assert page_numbers(by_key, library["amo"]) == {2, 3} and not page_numbers(
        by_key, library["pravda"])
    assert library["linked"] in keys(by_key)                        # a note linking to it
    assert page_numbers(nb.search.query("source:vicksburg bread"), library["vicksburg"]) == {2}
    assert page_numbers(nb.search.query("archive:RGASPI хлеб"), library["amo"]) == {2, 3}
    assert not page_numbers(nb.search.query("archive:rgaspi хлеб"), library["pravda"])
    assert page_numbers(nb.search.query("archive:GARF хлеб"), library["pravda"]) == {1}
    assert page_numbers(nb.search.query("fond:17 хлеб"), library["amo"]) == {2, 3}
    assert page_numbers(nb.search.query('fond:"r-1235" хлеб'), library["pravda"]) == {1}
    assert page_numbers(nb.search.query("lang:en workers"), library["vicksburg"]) == {1}
    assert nb.search.query("lang:ru workers")["total"] == 0


def test_phrases_need_the_words_together_and_in_order(library):
    nb = library["nb"]
    assert page_numbers(nb.search.query("рабочих завода"), library["amo"]) >= {1}
    assert page_numbers(nb.search.query('"рабочих завода"'), library["amo"]) == {1}
    assert page_numbers(nb.search.query('"завода рабочих"'), library["amo"]) == set()
    assert page_numbers(nb.search.query('"служащие завода"'), library["amo"]) == {3}


def test_not_and_prohibit_remove_records(library):
    nb = library["nb"]
    assert page_numbers(nb.search.query("хлеб"), library["amo"]) == {2, 3}
    assert page_numbers(nb.search.query("хлеб NOT цеха"), library["amo"]) == {2}
    assert page_numbers(nb.search.query("хлеб -цех"), library["amo"]) == {2}
    assert page_numbers(nb.search.query("хлеб AND NOT заседание"), library["amo"]) == {3}
    assert page_numbers(nb.search.query("хлеб OR siege", limit=50), library["vicksburg"]) == {1}


def test_prefix_queries_match_the_beginning_of_words(library):
    nb = library["nb"]
    assert page_numbers(nb.search.query("заседа*"), library["amo"]) == {1, 2}
    assert page_numbers(nb.search.query("заседа"), library["amo"]) == set()   # not without *
    assert page_numbers(nb.search.query("star*"), library["vicksburg"]) == {1}
    assert page_numbers(nb.search.query("рабочих*"), library["amo"]) == {1, 2, 3}   # via the stem
    snippets = {h["page"]["number"]: h["snippet"] for h in nb.search.query("заседа*")["hits"]
                if h["kind"] == "page"}
    assert "<mark>заседания</mark>" in snippets[1] and "<mark>Заседание</mark>" in snippets[2]


def test_fuzzy_finds_ocr_errors(library):
    nb = library["nb"]
    assert page_numbers(nb.search.query("VICKSBURG"), library["vicksburg"]) == set()
    found = nb.search.query("VICKSBURG~")
    assert page_numbers(found, library["vicksburg"]) == {1}
    assert "<mark>VICKSBUEG</mark>" in found["hits"][0]["snippet"]
    assert page_numbers(nb.search.query("VICKSBURG~1"), library["vicksburg"]) == {1}
    assert nb.search.query("ZZZZZZZZ~")["total"] == 0
    # An OCR error in the first letter is found through the whole vocabulary.
    assert page_numbers(nb.search.query("WICKSBUEG~"), library["vicksburg"]) == {1}
    assert page_numbers(nb.search.query("WICKSBUEG"), library["vicksburg"]) == set()


def test_type_ahead_uses_the_last_word_as_a_prefix(library):
    nb = library["nb"]
    assert page_numbers(nb.search.type_ahead("засе"), library["amo"]) == {1, 2}
    assert page_numbers(nb.search.type_ahead("рабочих"), library["amo"]) == {1, 2, 3}  # stem prefix
    assert page_numbers(nb.search.type_ahead("хлеб цех"), library["amo"]) == {3}
    assert page_numbers(nb.search.type_ahead("хлеб цех "), library["amo"]) == {3}
    assert nb.search.type_ahead("з")["hits"] == []           # one letter is not enough to search
    hit = next(h for h in nb.search.type_ahead("засе")["hits"] if h["kind"] == "page")
    assert "<mark>" in hit["snippet"] and hit["page"]["label"] in ("12", "12 ob.")


def test_private_notes_are_found_and_flagged_deleted_ones_are_not(library):
    nb = library["nb"]
    hits = {h["key"]: h for h in nb.search.query("мысли")["hits"]}
    assert hits[library["private"]]["private"] is True
    assert all(h["private"] is False for h in nb.search.query("глава")["hits"])
    nb.notes.delete(library["private"])
    assert library["private"] not in keys(nb.search.query("мысли"))


def test_hits_carry_where_they_are(library):
    nb = library["nb"]
    hit = next(h for h in nb.search.query("служащие")["hits"] if h["kind"] == "page")
    assert hit["document"] == library["amo"] and hit["source"] == library["amo_src"]
    assert hit["page"] == {"number": 3, "label": "13"}
    assert hit["title"] == "Протоколы заседаний бюро ячейки завода АМО"
    assert set(hit) >= {"kind", "key", "title", "score", "snippet", "document", "page",
                        "source", "private"}
    ex = next(h for h in nb.search.query("волнения")["hits"])
    assert ex["kind"] == "excerpt" and ex["key"] == library["excerpt"]


def test_snippets_escape_html_and_mark_only_matches(nb):
    doc = add_document(nb, ["<script>alert('x')</script> & рабочие <b>завода</b>"])
    snippet = nb.search.query("рабочие")["hits"][0]["snippet"]
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert "<mark>рабочие</mark>" in snippet and "&lt;b&gt;завода&lt;/b&gt;" in snippet
    assert page_numbers(nb.search.query("script"), doc) == {1}


HOSTILE = [
    '"', '"unbalanced', 'рабочие"', "((((", "))))", "(рабочие", "рабочие)", "[1920 TO",
    "date:[1920 TO", "date:[", "date:]", "date:[a TO b]", "date:[1920 TO 1923}", "date:1922-13",
    "AND", "OR", "NOT", "AND OR NOT", "рабочие AND", "OR рабочие", "NOT NOT", "- + !", "&&",
    "||", "tag:", "kind:", "source:", "archive:", "fond:", "lang:", "date:", ":", "::",
    "tag:(", "tag:)", "kind:bogus", "NEAR(", "NEAR(a b", "NEAR(рабочие завода, 2)", "^", "a^",
    "^2", "рабочие^", "*", "**", "a*b*c", "?", "~", "~2", "рабочие~x", '"a b"~', "{", "}",
    "{*}", "/", "/regex", "col:", "{body}: x", "body: рабочие", "- рабочие", "'", "''",
    "' OR 1=1 --", '"; DROP TABLE pages; --', "Robert'); DROP TABLE notes;--", "\\",
    "\\\\\\", "\x00", "рабочие\x00завода", "\x01\x02\x1b[31m", "\u202e\u200b", "\ufeff",
    "\ud800" if False else "\U0001F600", "рабочие " * 2000, "а" * 10_000,
    "(" * 500 + "x" + ")" * 500, "NOT " * 300, "tag:" * 300, '"' * 999, "a~" * 500,
    "x" + "~" * 200, "\n\t\r", "   ", "",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_return_results_or_none_never_an_exception(library, query):
    nb = library["nb"]
    for run in (nb.search.query, nb.search.type_ahead):
        result = run(query)
        assert isinstance(result["hits"], list) and result["total"] >= len(result["hits"])
    # the notebook is untouched and still answers
    assert page_numbers(nb.search.query("служащие"), library["amo"]) == {3}


def test_type_ahead_shows_recent_matches_when_a_short_prefix_matches_too_many(nb, monkeypatch):
    from researchnb.search import engine
    doc = add_document(nb, [f"Протокол заседания номер {i}" for i in range(1, 8)])
    assert page_numbers(nb.search.type_ahead("прото"), doc) == set(range(1, 8))
    monkeypatch.setattr(engine, "TYPEAHEAD_CAP", 3)
    found = nb.search.type_ahead("прото", limit=2)
    assert found["capped"] is True and found["total"] == 3
    assert [h["page"]["number"] for h in found["hits"]] == [7, 6]    # the newest first
    assert "capped" not in nb.search.query("прото*", limit=2)           # full search always ranks
