"""Excerpts through the Notebook: anchored by quote, kept anchored through page edits, image
regions, page ranges and their locators (issue 11, acceptance 1 and 2)."""

import pytest
from excerpts_corpus import (
    LETTERS,
    PROTOKOL,
    REPORT,
    TYPED,
    pdf_document,
    tolstoy_document,
    typewriter_document,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from researchnb.domain import InvalidInput, Source, UserError
from researchnb.locators import derive_locator, folio_labels
from researchnb.notebook.placing import AmbiguousQuote

# On page 1 of the letters (tests/fixtures/texts.py), on one line.
PASSAGE = "что станет лучше, у людей ещё есть"
JOURNAL = "Red Dawn"                                     # on page 2


@pytest.fixture
def tolstoy(nb, fixture_file):
    """The teacher's letters (three pages), in the role the Tolstoy letters played."""
    return tolstoy_document(nb, fixture_file(LETTERS))


def _pages(nb, doc):
    from researchnb.store import documents
    return documents.get(nb.conn, doc).pages


def text_of(nb, ex):
    pages = {p.number: p.text for p in _pages(nb, ex.document_key)}
    assert ex.page_start == ex.page_end
    return pages[ex.page_start][ex.char_start:ex.char_end]


def test_quote_with_other_line_breaks_and_ye_for_yo_anchors_to_the_right_offsets(nb, tolstoy):
    text = _pages(nb, tolstoy)[0].text
    ex = nb.excerpts.add(tolstoy, 1, quote="Что станет\nлучше, у людей\nеще есть").value
    assert (ex.page_start, ex.page_end) == (1, 1)
    assert (ex.char_start, ex.char_end) == (text.index(PASSAGE), text.index(PASSAGE) +
                                            len(PASSAGE))
    assert ex.quote == PASSAGE and ex.anchor == "ok"


def test_a_quote_that_occurs_twice_is_refused_naming_both_places(nb, tolstoy):
    text = _pages(nb, tolstoy)[2].text
    first = text.index("спросить в уезде")
    second = text.index("спросить в уезде", first + 1)
    with pytest.raises(AmbiguousQuote) as err:
        nb.excerpts.add(tolstoy, 3, quote="спросить\nв уезде")
    msg = str(err.value)
    assert f"{first}–{first + 16}" in msg and f"{second}–{second + 16}" in msg
    assert "обещала" in msg and "Пришли мне" in msg and "но там, говорят" in msg
    assert len(err.value.candidates) == 2
    assert nb.excerpts.all() == []
    # More words make it unique.
    ex = nb.excerpts.add(tolstoy, 3, quote="спросить в уезде. Пришли").value
    assert ex.char_start == first


def test_editing_the_page_around_the_quote_keeps_the_excerpt_anchored(nb, tolstoy):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE, tags=["theme/violence"]).value
    other = nb.excerpts.add(tolstoy, 2, quote="английский журнал Red Dawn").value
    old = _pages(nb, tolstoy)[0].text
    # A transcriber's correction before the passage and line breaks inside it.
    new = old.replace("Учебников нет совсем", "Учебников нет совсем,")
    new = new.replace("станет лучше, у людей ещё", "станет\nлучше, у людей еще")
    changed = nb.pages.set_text(tolstoy, 1, new).value
    assert changed == [ex.key]
    again = nb.excerpts.get(ex.key)
    assert again.anchor == "ok" and text_of(nb, again) == "что станет\nлучше, у людей еще есть"
    assert again.char_start == ex.char_start + 1
    assert again.tags == ["theme/violence"] and again.quote == PASSAGE
    assert nb.excerpts.get(other.key) == other
    assert _pages(nb, tolstoy)[0].text_origin == "transcribed"


def test_deleting_the_quoted_words_detaches_the_excerpt_and_restoring_them_reanchors(
        nb, tolstoy):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE).value
    old = _pages(nb, tolstoy)[0].text
    assert nb.pages.set_text(tolstoy, 1, old.replace("у людей ещё есть", "ещё есть")).value \
        == [ex.key]
    gone = nb.excerpts.get(ex.key)
    assert gone.anchor == "detached" and gone.quote == PASSAGE
    assert [e.key for e in nb.excerpts.all()] == [ex.key]
    assert [e.key for e in nb.excerpts.all(detached=True)] == [ex.key]
    # A second edit elsewhere changes nothing about it; putting the words back re-anchors it.
    assert nb.pages.set_text(tolstoy, 1, old.replace("у людей ещё есть", "ещё есть")
                            + " ").value == []
    assert nb.pages.set_text(tolstoy, 1, old).value == [ex.key]
    back = nb.excerpts.get(ex.key)
    assert back.anchor == "ok" and (back.char_start, back.char_end) == (ex.char_start,
                                                                        ex.char_end)
    assert nb.check()["ok"]


def test_when_the_quote_appears_twice_after_an_edit_the_nearer_place_is_kept(nb, tolstoy):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE).value
    old = _pages(nb, tolstoy)[0].text
    nb.pages.set_text(tolstoy, 1, PASSAGE + ". " + old)
    moved = nb.excerpts.get(ex.key)
    assert moved.char_start == ex.char_start + len(PASSAGE) + 2


def test_an_excerpt_by_offsets_keeps_the_passage_as_its_quote(nb, tolstoy):
    text = _pages(nb, tolstoy)[1].text
    s = text.index(JOURNAL)
    ex = nb.excerpts.add(tolstoy, 2, start=s - 1, end=s + len(JOURNAL) + 1,
                        comment="the journal", translation="Красная заря",
                        language="en", kind="paraphrase").value
    # Blank space at the edges of a selection is left out.
    assert (ex.char_start, ex.char_end) == (s, s + len(JOURNAL))
    assert ex.quote == JOURNAL and ex.kind == "paraphrase"
    assert (ex.comment, ex.translation, ex.language) == ("the journal", "Красная заря", "en")


def test_image_region_round_trips_its_rectangle(nb, fixture_file):
    doc = typewriter_document(nb, fixture_file(TYPED))
    ex = nb.excerpts.add(doc, 1, region=(0.125, 0.25, 0.5, 0.375), kind="transcription",
                        quote="typed line", tags=["typescript"]).value
    back = nb.excerpts.get(ex.key)
    assert back.region == (0.125, 0.25, 0.5, 0.375)
    assert back.char_start is None and back.quote == "typed line"
    # A photo is imported as an archival item, so its page is a leaf.
    assert back.locator == "l. 1"
    # The same rectangle in the image's own pixels (1400 × 1000).
    px = nb.excerpts.add(doc, 1, region=(175, 250, 700, 375), region_units="page").value
    assert px.region == pytest.approx((0.125, 0.25, 0.5, 0.375))
    # A page without text takes regions, not passages.
    with pytest.raises(InvalidInput, match="no text"):
        nb.excerpts.add(doc, 1, quote="anything")


def test_pdf_excerpt_across_two_pages_gets_a_locator_spanning_both_labels(nb, fixture_file):
    doc = pdf_document(nb, fixture_file(REPORT))
    # A word printed twice on a page is found twice and refused.
    with pytest.raises(AmbiguousQuote, match="occurs 2 times"):
        nb.excerpts.add(doc, 2, quote="warehouses")
    pages = _pages(nb, doc)
    tail = pages[0].text.rstrip()[:-1].rstrip()        # without the printed page number "1"
    s = tail.rindex("the first wagons")
    ex = nb.excerpts.add(doc, 1, start=s, page_end=2, end=len("2. The warehouses")).value
    assert (ex.page_start, ex.page_end, ex.locator) == (1, 2, "1–2")
    assert ex.quote.startswith("the first wagons") and ex.quote.endswith("2. The warehouses")
    assert "days later. 2. The" in ex.quote                # the printed "1" is left out
    assert "\r" not in ex.quote and "\n" not in ex.quote


def test_archival_folio_labels_give_a_leaf_locator(nb, fixture_file):
    src = nb.sources.add(Source(kind="archival", title="Protocol of the cell meeting",
                               archive_abbr="TsGAMO", fond="415", opis="16", delo="312")).value
    # The PDF's own page labels are the folios 12, 12 ob., 13.
    result = nb.documents.import_files([fixture_file(PROTOKOL)], source_key=src.key).value
    doc = result.imported[0].document
    one = nb.excerpts.add(doc, 2, start=0, end=12).value
    two = nb.excerpts.add(doc, 2, start=0, page_end=3, end=12).value
    assert one.locator == "l. 12 ob." and two.locator == "l. 12 ob.–13"
    given = nb.excerpts.add(doc, 3, start=0, end=5, locator="ll. 13–14").value
    assert given.locator == "ll. 13–14"
    assert derive_locator("45", "46", "book") == "45–46"
    assert derive_locator("7 ob.", "7 ob.", None) == "l. 7 ob."


def test_a_quote_over_a_page_break_leaves_out_the_printed_page_number(nb, fixture_file):
    doc = pdf_document(nb, fixture_file(REPORT))
    pages = _pages(nb, doc)
    tail = pages[1].text.rstrip()[:-1].rstrip()        # page 2 without its number "2"
    words = " ".join(tail.split()[-6:])
    assert words == "a storekeeper from among the villagers."
    # The printed page number "2" between the two parts is not part of the quote.
    quote = words + " 3. Distribution Rations were"
    for page_end in (None, 3):                         # found from page 2, or told the end
        ex = nb.excerpts.add(doc, 2, page_end=page_end, quote=quote).value
        assert (ex.page_start, ex.page_end, ex.locator) == (2, 3, "2–3")
        assert ex.char_start == pages[1].text.index(words.split()[0], len(tail) - len(words))
        assert ex.char_end == pages[2].text.index("Rations were") + len("Rations were")
        assert ex.quote == quote


def test_editing_fields_tags_and_place(nb, tolstoy):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE, tags=["a", "b"]).value
    ed = nb.excerpts.edit(ex.key, {"comment": " cf. letter II ", "kind": "paraphrase",
                                  "tags": ["b", "c/d"]}).value
    assert (ed.comment, ed.kind, ed.tags) == ("cf. letter II", "paraphrase", ["b", "c/d"])
    moved = nb.excerpts.edit(ex.key, {"page": 2, "quote": JOURNAL}).value
    assert (moved.page_start, moved.quote, moved.locator) == (2, JOURNAL, "2")
    fixed = nb.excerpts.edit(ex.key, {"locator": "p. 2"}).value
    assert fixed.locator == "p. 2"
    # A hand-typed locator stays when the excerpt moves; an empty one is derived again.
    assert nb.excerpts.edit(ex.key, {"page": 3, "quote": "спросить в уезде. Пришли"}) \
        .value.locator == "p. 2"
    assert nb.excerpts.edit(ex.key, {"locator": ""}).value.locator == "3"
    with pytest.raises(InvalidInput):
        nb.excerpts.edit(ex.key, {"colour": "red"})


def test_delete_and_restore(nb, tolstoy):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE, tags=["theme"]).value
    nb.excerpts.delete(ex.key)
    assert nb.excerpts.all() == [] and [e.key for e in nb.excerpts.all(trash=True)] == [ex.key]
    assert nb.excerpts.get(ex.key, include_deleted=True).deleted
    assert nb.info()["excerpts"] == 0
    back = nb.excerpts.restore(ex.key).value
    assert back.tags == ["theme"] and not back.deleted and nb.info()["excerpts"] == 1


def test_moving_an_excerpt_by_offsets_or_to_another_rectangle(nb, tolstoy, fixture_file):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE).value
    text = _pages(nb, tolstoy)[1].text
    s = text.index(JOURNAL)
    moved = nb.excerpts.edit(ex.key, {"page": 2, "start": s, "end": s + len(JOURNAL)}).value
    assert (moved.page_start, moved.char_start, moved.quote) == (2, s, JOURNAL)
    image = typewriter_document(nb, fixture_file(TYPED))
    box = nb.excerpts.add(image, 1, region=(0.1, 0.1, 0.2, 0.2), quote="typed").value
    again = nb.excerpts.edit(box.key, {"region": (140, 100, 280, 200),
                                      "region_units": "page"}).value
    assert again.region == pytest.approx((0.1, 0.1, 0.2, 0.2)) and again.quote == "typed"
    with pytest.raises(InvalidInput, match="does not lie"):
        nb.excerpts.edit(box.key, {"region": (0.9, 0.9, 0.2, 0.2)})
    assert nb.excerpts.get(box.key).region == again.region


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_edit_outside_the_passage_keeps_it_anchored(nb, tolstoy, data):
    ex = nb.excerpts.add(tolstoy, 1, quote=PASSAGE).value
    old = _pages(nb, tolstoy)[0].text
    # Insert digits, punctuation or line breaks anywhere before or after the passage, and
    # reflow the passage's own line breaks: the words stay, so the excerpt stays.
    pos = data.draw(st.one_of(st.integers(0, ex.char_start),
                              st.integers(ex.char_end, len(old))))
    junk = data.draw(st.text(alphabet="0123456789 .,;\n", min_size=1, max_size=40))
    inner = old[ex.char_start:ex.char_end].replace(" ", data.draw(
        st.sampled_from([" ", "\n", " \r\n "])))
    new = old[:ex.char_start] + inner + old[ex.char_end:]
    shift = len(inner) - len(PASSAGE)
    pos = pos if pos <= ex.char_start else pos + shift
    new = new[:pos] + junk + new[pos:]
    nb.pages.set_text(tolstoy, 1, new)
    back = nb.excerpts.get(ex.key)
    assert back.anchor == "ok"
    assert " ".join(text_of(nb, back).split()) == PASSAGE
    nb.pages.set_text(tolstoy, 1, old)
    assert nb.excerpts.get(ex.key).char_start == ex.char_start


def test_folio_labels_given_after_import_carry_derived_locators_along(nb, tolstoy):
    derived = nb.excerpts.add(tolstoy, 1, quote=PASSAGE).value
    typed = nb.excerpts.add(tolstoy, 2, quote=JOURNAL, locator="the journal").value
    across = nb.excerpts.add(tolstoy, 2, start=0, page_end=3, end=10).value
    assert (derived.locator, across.locator) == ("1", "2–3")
    labels = dict(enumerate(folio_labels(12, 3), 1))
    assert labels == {1: "12", 2: "12 ob.", 3: "13"}
    changed = nb.pages.set_labels(tolstoy, labels).value
    assert sorted(changed) == sorted([derived.key, across.key])
    assert nb.excerpts.get(derived.key).locator == "l. 12"
    assert nb.excerpts.get(across.key).locator == "l. 12 ob.–13"
    assert nb.excerpts.get(typed.key).locator == "the journal"
    # What a form pre-fills is what an excerpt gets.
    assert nb.excerpts.suggest_locator(tolstoy, 2) == "l. 12 ob."
    assert nb.excerpts.suggest_locator(tolstoy, 2, 3) == "l. 12 ob.–13"
    assert folio_labels(5, 3, verso=False) == ["5", "6", "7"]
    with pytest.raises(InvalidInput, match="not a page label"):
        nb.pages.set_labels(tolstoy, {1: "  "})
    with pytest.raises(UserError, match="has no page 4"):
        nb.pages.set_labels(tolstoy, {1: "1", 4: "4"})
    assert _pages(nb, tolstoy)[0].label == "12"


def test_a_quote_that_runs_on_to_the_next_page_is_found_from_its_first(nb, tolstoy):
    # Page 1 ends inside the second letter, page 2 goes on with its next paragraph.
    ex = nb.excerpts.add(tolstoy, 1, quote="как на Рождество. У нас было большое собрание").value
    assert (ex.page_start, ex.page_end, ex.locator) == (1, 2, "1–2")
    assert ex.quote == "как на Рождество. У нас было большое собрание"
    assert _pages(nb, tolstoy)[1].text[:ex.char_end].endswith("У нас было большое собрание")
