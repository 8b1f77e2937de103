"""Finding a quote on a page the way a historian recognises it (researchnb.anchoring)."""

import re

from fixtures import texts
from hypothesis import given, settings
from hypothesis import strategies as st

from researchnb.anchoring import Match, clean_quote, find_all, passage, slice_text

# A village teacher's letters of 1922 (tests/fixtures/texts.py), as one long page.
TEXT = texts.LETTERS
PAGE = [(1, TEXT)]


def only(quote, pages=PAGE):
    found = find_all(quote, pages)
    assert len(found) == 1, found
    return found[0], slice_text(pages, found[0])


def test_quote_with_other_line_breaks_and_yo_finds_the_exact_passage():
    # On the page: "...что станет лучше, у людей ещё есть..." on one long line.
    m, raw = only("Что станет\nлучше, у людей еще\r\nесть")
    assert raw == "что станет лучше, у людей ещё есть"
    assert TEXT[m.char_start:m.char_end] == raw


def test_page_with_yo_is_found_by_a_quote_with_ye():
    page = [(1, TEXT.replace("ещё есть, но слабая", "еще есть, но слабая"))]
    _m, raw = only("у людей ещё есть, но слабая", page)
    assert raw == "у людей еще есть, но слабая"


def test_hyphenation_at_a_line_end_ligatures_and_case_are_tolerated():
    page = [(7, ("He found the “strongly devel-\nop\u00ading private proprie-\r\ntary "
                "instincts” of the ﬁrst cell."))]
    m, raw = only('Strongly developing private proprietary instincts" of the first', page)
    assert (m.page_start, m.page_end) == (7, 7)
    assert raw.startswith("strongly devel-\nop") and raw.endswith("of the ﬁrst")
    assert clean_quote(raw) == "strongly developing private proprietary instincts” of the ﬁrst"


def test_a_spaced_dash_is_not_taken_for_a_hyphen():
    assert find_all("они смеются - законом, мол", PAGE)
    assert not find_all("они смеютсязаконом, мол", PAGE)


def test_a_quote_that_occurs_twice_gives_both_places():
    found = find_all("спросить в уезде", PAGE)
    assert len(found) == 2
    assert [slice_text(PAGE, m) for m in found] == ["спросить в уезде"] * 2
    assert found[0].char_start < found[1].char_start


def test_a_passage_running_over_a_page_break():
    pages = [(3, "…the minute-taker recorded that he found strongly devel-"),
             (4, "oped private instincts (l. 12 ob.)")]
    found = find_all("found strongly developed private", pages)
    assert found == [Match(3, pages[0][1].index("found"), 4, len("oped private"))]
    assert clean_quote(slice_text(pages, found[0])) == "found strongly developed private"


def test_missing_or_empty_quotes_find_nothing():
    assert find_all("Трансвааль и Индия", PAGE) == []
    assert find_all("  \n ", PAGE) == []


@settings(max_examples=60, deadline=None)
@given(start=st.integers(0, len(TEXT) - 200), length=st.integers(25, 150),
       breaks=st.lists(st.sampled_from([" ", "\n", "\r\n", "  \n  "]), min_size=1, max_size=5))
def test_any_passage_reflowed_is_found_at_its_offsets(start, length, breaks):
    # Start and end on a word so the passage is what a person would select.
    s = start
    while s < len(TEXT) and not TEXT[s].isalnum():
        s += 1
    e = min(len(TEXT), s + length)
    while e < len(TEXT) and TEXT[e - 1].isalnum() and TEXT[e].isalnum():
        e += 1
    passage = TEXT[s:e].strip()
    if not passage or len(passage.split()) < 3:
        return
    words = passage.split()
    reflowed = words[0] + "".join(breaks[i % len(breaks)] + w for i, w in enumerate(words[1:]))
    found = find_all(reflowed, PAGE)
    assert found, reflowed
    starts = [m.char_start for m in found]
    if len(re.findall(re.escape(passage), TEXT)) == 1:
        assert starts == [TEXT.index(passage)]
        assert slice_text(PAGE, found[0]) == passage


def test_pre_1918_spelling_and_stress_marks_are_tolerated():
    page = [(1, "Въ городѣ не было хлѣба; рабочіе писа\u0301ли о томъ въ комитетъ.")]
    _m, raw = only("в городе не было хлеба; рабочие писали о том в комитет", page)
    assert raw == page[0][1][:-1]              # the final ъ of комитетъ included
    # A hard sign inside a word stays a letter: объём is not обём.
    assert find_all("обём", [(1, "Объём работы")]) == []
    assert len(find_all("объем", [(1, "Объём работы")])) == 1


def test_printed_page_numbers_at_a_page_break_are_not_part_of_the_passage():
    pages = [(3, "the minute-taker recorded that he found strongly devel-\n\n- 12 -\n"),
             (4, "12 ob.\noped private instincts")]
    (m,) = find_all("he found strongly developed private instincts", pages)
    assert (m.page_start, m.page_end) == (3, 4)
    assert passage(pages, m) == "he found strongly developed private instincts"
    # Inside a page a number is text like any other.
    assert find_all("devel- 12", [(1, "strongly devel- 12 -\nmore")])
