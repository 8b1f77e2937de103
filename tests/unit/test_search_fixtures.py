"""Search on the invented texts of tests/fixtures/ (no ../shared needed): Russian found by
inflected forms, ё/е and pre-reform spellings; cp1251 and KOI8-R texts searchable once
decoded; English stemming."""

from __future__ import annotations

import re

import pytest
from fixtures import texts
from search_support import add_document, page_numbers, paragraphs

from researchnb.domain import Source


@pytest.fixture
def letters(nb):
    pages = paragraphs(texts.LETTERS)
    doc = add_document(nb, pages, filename="letters.txt",
                       source=Source(kind="letter", title=texts.LETTERS_TITLE, date="1922",
                                     language="ru"))
    return nb, doc, pages


def _pages_with(pages: list[str], pattern: str) -> set[int]:
    return {i + 1 for i, p in enumerate(pages) if re.search(pattern, p, re.IGNORECASE)}


@pytest.mark.parametrize("query, forms", [
    ("собраниями", r"\bсобрани(е|я|и|ем)\b"),          # instrumental plural: not in the text
    ("заводами", r"\bзавод(а|е|у|ом|ов)?\b"),
    ("законами", r"\bзакон(а|е|у|ом|ов|ы)?\b"),
])
def test_an_inflected_russian_word_finds_every_form_sharing_its_stem(letters, query, forms):
    nb, doc, pages = letters
    assert not _pages_with(pages, rf"\b{query}\b")       # the query form itself is absent
    expected = _pages_with(pages, forms)
    assert len(expected) >= 2
    result = nb.search.query(query, limit=100)
    assert page_numbers(result, doc) == expected
    hit = next(h for h in result["hits"] if h["kind"] == "page")
    marked = re.findall(r"<mark>(.*?)</mark>", hit["snippet"])
    assert marked and all(re.fullmatch(forms, m, re.IGNORECASE) for m in marked)


def test_yo_and_ye_find_each_other(nb):
    with_yo = add_document(nb, paragraphs(texts.BIURO_MINUTES), filename="biuro.txt")
    with_ye = add_document(nb, paragraphs(texts.LETTERS), filename="letters.txt")
    assert "Ещё" in texts.BIURO_MINUTES and "еще" in texts.LETTERS
    for query in ("еще", "ещё", "ЕЩЁ"):
        found = nb.search.query(query, limit=100)
        assert page_numbers(found, with_yo) and page_numbers(found, with_ye), query
    snippet = next(h["snippet"] for h in nb.search.query("еще")["hits"] if h["document"] == with_yo)
    assert "<mark>Ещё</mark>" in snippet                  # marked in the original spelling


def test_pre_reform_spelling_matches_the_modern_form_both_ways(letters):
    nb, doc, pages = letters
    assert page_numbers(nb.search.query("вѣра"), doc) == \
        _pages_with(pages, r"\bвер(а|у|ы|е|ой)\b") != set()
    assert page_numbers(nb.search.query("законъ"), doc) == \
        _pages_with(pages, r"\bзакон(а|е|у|ом|ов|ы)?\b")
    old = add_document(nb, ["Законъ о продналогѣ и вѣра въ Бога, какъ учатъ Ѳеодоръ и Іоаннъ."],
                       filename="old.txt")
    for query in ("закон", "вера", "Феодор", "учат", "Иоанн", "продналог"):
        assert page_numbers(nb.search.query(query), old) == {1}, query
    snippet = next(h["snippet"] for h in nb.search.query("вера")["hits"] if h["document"] == old)
    assert "<mark>вѣра</mark>" in snippet


def test_cp1251_and_koi8r_texts_decode_alike_and_are_found(nb, fixtures_dir):
    from researchnb.importers.text import decode
    cp, _, _ = decode((fixtures_dir / "biuro.cp1251.txt").read_bytes(), "biuro.cp1251.txt")
    koi, _, _ = decode((fixtures_dir / "biuro.koi8r.txt").read_bytes(), "biuro.koi8r.txt")
    assert cp == koi == texts.BIURO_MINUTES
    a = add_document(nb, paragraphs(cp), filename="cp1251.txt")
    b = add_document(nb, paragraphs(koi), filename="koi8r.txt")
    found = nb.search.query("подписка")                         # the text says "подписке"
    assert page_numbers(found, a) == page_numbers(found, b) == {3, 4}
    found = nb.search.query("Кудрявцева деревня")
    assert page_numbers(found, a) == page_numbers(found, b) == {5}


def test_english_stemming_on_the_report(nb):
    pages = ["\n".join(lines) for lines in texts.REPORT_PAGES]
    doc = add_document(nb, pages, filename="report.txt")
    expected = _pages_with(pages, r"\belect(ed|ion|ions)?\b")
    assert expected == {2, 4}
    assert page_numbers(nb.search.query("elections", limit=200), doc) == expected
    represent = nb.search.query("representatives", limit=200)
    assert page_numbers(represent, doc) == _pages_with(pages, r"\brepresentatives?\b") == {3, 4}
    assert "<mark>Representatives</mark>" in " ".join(h["snippet"] for h in represent["hits"])
