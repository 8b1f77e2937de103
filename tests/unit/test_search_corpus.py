"""Acceptance 1: real Russian and English text is found by inflected forms, ё/е and
pre-reform spellings; cp1251 and KOI8-R texts are searchable once decoded."""

from __future__ import annotations

import re

import pytest
from search_support import add_document, corpus_text, page_numbers, paragraphs

from researchnb.domain import Source

# About these real texts (Tolstoy's letters, a Russian biography in two encodings, the US
# Constitution): search on invented texts is tested in test_search_fixtures.py.
pytestmark = pytest.mark.shared

TOLSTOY = "tolstoy-letters-to-gandhi.ru.txt"


@pytest.fixture
def tolstoy(nb):
    pages = paragraphs(corpus_text(TOLSTOY))
    doc = add_document(nb, pages, filename="tolstoy.txt",
                       source=Source(kind="letter", title="Два письма к М. Ганди", date="1910",
                                     language="ru"))
    return nb, doc, pages


def _pages_with(pages: list[str], pattern: str) -> set[int]:
    return {i + 1 for i, p in enumerate(pages) if re.search(pattern, p, re.IGNORECASE)}


@pytest.mark.parametrize("query, forms", [
    ("насилиями", r"\bнасили(е|я|и|ем)\b"),          # instrumental plural: not in the text
    ("отказами", r"\bотказ(ов|ы|ах)\b"),
    ("законам", r"\bзакон(а|ом)?\b"),
])
def test_an_inflected_russian_word_finds_every_form_sharing_its_stem(tolstoy, query, forms):
    nb, doc, pages = tolstoy
    assert not _pages_with(pages, rf"\b{query}\b")       # the query form itself is absent
    expected = _pages_with(pages, forms)
    assert expected
    result = nb.search.query(query, limit=100)
    assert page_numbers(result, doc) == expected
    hit = next(h for h in result["hits"] if h["kind"] == "page")
    marked = re.findall(r"<mark>(.*?)</mark>", hit["snippet"])
    assert marked and all(re.fullmatch(forms, m, re.IGNORECASE) for m in marked)


def test_yo_and_ye_find_each_other(nb):
    einstein = corpus_text("einstein-bio.cp1251.txt")
    tolstoy_pages = paragraphs(corpus_text(TOLSTOY))
    with_yo = add_document(nb, paragraphs(einstein), filename="einstein.txt")
    with_ye = add_document(nb, tolstoy_pages, filename="tolstoy.txt")
    assert "ещё" in einstein and "еще" in " ".join(tolstoy_pages)
    for query in ("еще", "ещё", "ЕЩЁ"):
        found = nb.search.query(query, limit=100)
        assert page_numbers(found, with_yo) and page_numbers(found, with_ye), query
    snippet = next(h["snippet"] for h in nb.search.query("еще")["hits"] if h["document"] == with_yo)
    assert "<mark>ещё</mark>" in snippet                  # marked in the original spelling


def test_pre_reform_spelling_matches_the_modern_form_both_ways(tolstoy):
    nb, doc, pages = tolstoy
    # A query typed in the old orthography finds modern text…
    assert page_numbers(nb.search.query("вѣра"), doc) == _pages_with(pages, r"\bвер(а|у|ы|е|ой)\b")
    assert page_numbers(nb.search.query("законъ"), doc) == _pages_with(pages, r"\bзакон(а|ом|у)?\b")
    # …and modern queries find a page printed before 1918.
    old = add_document(nb, ["Законъ любви и вѣра въ Бога, какъ учатъ Ѳеодоръ и Іоаннъ."],
                       filename="old.txt")
    for query in ("закон", "вера", "Феодор", "учат", "Иоанн"):
        assert page_numbers(nb.search.query(query), old) == {1}, query
    snippet = next(h["snippet"] for h in nb.search.query("вера")["hits"] if h["document"] == old)
    assert "<mark>вѣра</mark>" in snippet


def test_cp1251_and_koi8r_texts_decode_alike_and_are_found(nb):
    cp, koi = corpus_text("einstein-bio.cp1251.txt"), corpus_text("einstein-bio.koi8r.txt")
    assert cp == koi
    a = add_document(nb, paragraphs(cp), filename="cp1251.txt")
    b = add_document(nb, paragraphs(koi), filename="koi8r.txt")
    found = nb.search.query("гимназия")                          # the text says "гимназии"
    assert page_numbers(found, a) == page_numbers(found, b) != set()
    found = nb.search.query("Эйнштейна Мюнхен")
    assert page_numbers(found, a) and page_numbers(found, b)


def test_english_stemming_on_the_constitution(nb):
    text = corpus_text("us-constitution.md")
    pages = [p for p in text.split("\n\n") if p.strip()]
    doc = add_document(nb, pages, filename="constitution.md")
    expected = {i + 1 for i, p in enumerate(pages) if re.search(r"\belect(ed|ion|ions)?\b", p,
                                                                  re.IGNORECASE)}
    assert expected
    assert page_numbers(nb.search.query("elections", limit=200), doc) == expected
    represent = nb.search.query("representatives", limit=200)
    assert page_numbers(represent, doc) == {
        i + 1 for i, p in enumerate(pages) if re.search(r"\brepresentatives?\b", p, re.IGNORECASE)}
    assert "<mark>Representatives</mark>" in " ".join(h["snippet"] for h in represent["hits"])
