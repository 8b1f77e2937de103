"""Issue 16, item 14: a prefix longer than the stem finds its words (`electin*` found nothing
while `electing` found 127), in Russian too (`голодающ*`, and type-ahead of «голодающ»), and
every word a query matched is marked where a hit opens: fuzzy variants and prefix words."""

from __future__ import annotations

from search_support import add_document, page_numbers

from researchnb.search.analyzer import stem
from researchnb.search.matching import QueryWords

PAGES = [
    "The committee met for the electing of delegates to the district congress.",
    "The election of 1922 was held in March; the elected members took their seats.",
    "Помощь голодающим детям Поволжья; списки голодающих составлены комиссией.",
    "Голод в уезде: крестьяне голодали всю зиму.",
    "The siege of VICKSBUEG ended in July. " + "Nothing else happened that week. " * 12
    + "Letters from Vicksbnrg arrived later, and from Vicksburg itself.",
]


def _doc(nb) -> str:
    return add_document(nb, PAGES, filename="mixed.txt")


def test_the_prefixes_are_longer_than_the_stems_of_their_words():
    # what made them find nothing: the index held only the stems
    assert stem("electing") == "elect" and not "elect".startswith("electin")
    assert stem("голодающим") == "голода" and not "голода".startswith("голодающ")


def test_a_prefix_past_the_stem_finds_the_words_that_start_with_it(nb):
    doc = _doc(nb)
    found = nb.search.query("electin*")
    assert found["total"] == 1 and page_numbers(found, doc) == {1}   # not «election»
    assert "<mark>electing</mark>" in found["hits"][0]["snippet"]
    assert page_numbers(nb.search.query("electing"), doc) == {1, 2}  # the stem: all forms
    assert nb.search.query("electix*")["total"] == 0


def test_a_russian_prefix_past_the_stem_finds_its_words_and_marks_them(nb):
    doc = _doc(nb)
    found = nb.search.query("голодающ*")
    assert page_numbers(found, doc) == {3}          # not «голод», «голодали»
    snippet = found["hits"][0]["snippet"]
    assert "<mark>голодающим</mark>" in snippet and "<mark>голодающих</mark>" in snippet


def test_type_ahead_of_a_half_typed_russian_word_finds_it(nb):
    doc = _doc(nb)
    for typed in ("голо", "голода", "голодающ", "голодающи"):
        assert 3 in page_numbers(nb.search.type_ahead(typed), doc), typed
    assert page_numbers(nb.search.type_ahead("голодающи"), doc) == {3}
    assert page_numbers(nb.search.type_ahead("помощь голодающ"), doc) == {3}


def test_a_prefix_stays_found_after_an_edit_and_a_rebuild_of_the_index(nb):
    doc = _doc(nb)
    with nb.write() as conn:
        conn.execute("UPDATE pages SET text = 'Electing a chairman took an hour.' WHERE "
                     "number = 4 AND document_id = (SELECT id FROM documents WHERE key = ?)",
                     (doc,))
    assert page_numbers(nb.search.query("electin*"), doc) == {1, 4}
    assert nb.search.reindex()["indexed"] > 0
    assert page_numbers(nb.search.query("electin*"), doc) == {1, 4}
    assert nb.check()["problems"] == []


def test_fuzzy_terms_do_not_expand_to_the_surface_words_beside_the_stems(nb):
    _doc(nb)
    found = nb.search.query("VICKSBURG~")
    assert found["total"] == 1
    assert all("·" not in h["snippet"] for h in found["hits"])


def test_an_opened_fuzzy_hit_marks_every_near_spelling_in_the_whole_text():
    text = PAGES[4]
    marked = [text[s:e] for s, e in QueryWords.of("VICKSBURG~").spans(text)]
    assert marked == ["VICKSBUEG", "Vicksbnrg", "Vicksburg"]
    # a near spelling further than the allowance, and other words, are not marked
    assert QueryWords.of("VICKSBURG~1").spans("Vicksbnrg Vicksbnxg") == [(0, 9)]


def test_an_opened_hit_marks_prefix_words_wherever_the_prefix_stands_in_the_query():
    text = PAGES[0] + " " + PAGES[2]
    marked = [text[s:e] for s, e in QueryWords.of("electin* AND голодающ*").spans(text)]
    assert marked == ["electing", "голодающим", "голодающих"]
    typed = [text[s:e] for s, e in QueryWords.of("комиссией голодающ").spans(text)]
    assert typed == ["голодающим", "голодающих", "комиссией"]
    # words under NOT are not what the hit was found for
    spans = QueryWords.of("electin* NOT delegates").spans(PAGES[0])
    assert [PAGES[0][s:e] for s, e in spans] == ["electing"]


def test_every_prefix_of_every_word_finds_its_page(nb):
    """The index keeps a word beside its stem exactly when some prefix would miss it
    otherwise (analyzer.needs_surface): so no prefix of two letters or more misses."""
    from researchnb.search.analyzer import tokens
    doc = _doc(nb)
    missed = []
    for number, text in enumerate(PAGES[:4], start=1):
        for word in dict.fromkeys(tokens(text)):
            for k in range(2, len(word) + 1):
                if number not in page_numbers(nb.search.query(word[:k] + "*", limit=50), doc):
                    missed.append(word[:k])
    assert missed == []


def test_an_index_of_stems_only_gets_the_surface_words_when_the_notebook_opens(tmp_path):
    """A notebook indexed by analyzer version 1 (stems only) is rebuilt on open."""
    from researchnb.notebook import Notebook
    from researchnb.search.analyzer import terms
    path = tmp_path / "older.rnb"
    nb = Notebook.create(path)
    doc = _doc(nb)
    with nb.write() as conn:
        conn.execute("DELETE FROM search_pages")
        for pid, text in conn.execute("SELECT id, text FROM pages").fetchall():
            conn.execute("INSERT INTO search_pages (rowid, body) VALUES (?, ?)",
                         (pid, " ".join(terms(text))))
        conn.execute("UPDATE meta SET value = '1' WHERE name = 'search_analyzer_version'")
    assert nb.search.query("electin*")["total"] == 0       # what the historian saw
    nb.close()
    nb = Notebook.open(path)
    try:
        assert page_numbers(nb.search.query("electin*"), doc) == {1}
        assert nb.check()["problems"] == []
    finally:
        nb.close()
