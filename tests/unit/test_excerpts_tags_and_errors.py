"""Excerpt tags (hierarchical filtering, rename, counts) and refused input that changes
nothing (issue 11, acceptance 3 and 4)."""

import pytest
from excerpts_corpus import LETTERS, TYPED, imported

from researchnb.domain import InvalidInput, NotFound, UserError


@pytest.fixture
def docs(nb, fixture_file):
    """The teacher's letters (three pages) and the typed card (one 1400 × 1000 image)."""
    return imported(nb, fixture_file(LETTERS)), imported(nb, fixture_file(TYPED))


def test_a_parent_tag_lists_the_excerpts_of_its_children(nb, docs):
    text, image = docs
    a = nb.excerpts.add(text, 1, quote="коптилке", tags=["theme"]).value
    b = nb.excerpts.add(text, 2, quote="Red Dawn", tags=["theme/press"]).value
    c = nb.excerpts.add(image, 1, region=(0, 0, 1, 0.5), tags=["Theme/Press/Weekly"]).value
    d = nb.excerpts.add(text, 3, quote="Прасковьин сын", tags=["themes", "place/russia"]).value
    assert [e.key for e in nb.excerpts.all(tag="theme")] == [a.key, b.key, c.key]
    assert [e.key for e in nb.excerpts.all(tag="THEME/press")] == [b.key, c.key]
    assert [e.key for e in nb.excerpts.all(tag="place")] == [d.key]
    assert [e.key for e in nb.excerpts.all(tag="theme", document=text)] == [a.key, b.key]
    assert [e.key for e in nb.excerpts.all(document=text, page=2)] == [b.key]
    # The keys alone, for a long list a view fills in as it scrolls, in the same order.
    for kw in ({"tag": "theme"}, {"document": text}, {}, {"tag": "place"}):
        assert nb.excerpts.keys(**kw) == [e.key for e in nb.excerpts.all(**kw)]
    with pytest.raises(NotFound, match="no tag called 'them'"):
        nb.excerpts.all(tag="them")


def test_renaming_a_tag_follows_to_every_excerpt_and_counts_agree(nb, docs):
    text, image = docs
    a = nb.excerpts.add(text, 1, quote="коптилке", tags=["theme/press"]).value
    b = nb.excerpts.add(text, 2, quote="Red Dawn", tags=["theme/press", "theme"]).value
    c = nb.excerpts.add(image, 1, region=(0.5, 0.5, 0.5, 0.5), tags=["theme"]).value
    nb.excerpts.delete(c.key)
    counts = {t.name: t.count for t in nb.tags.all()}
    assert counts == {"theme": 1, "theme/press": 2}
    assert nb.tags.rename("theme", "topic").value == 2
    assert nb.excerpts.get(a.key).tags == ["topic/press"]
    assert nb.excerpts.get(b.key).tags == ["topic", "topic/press"]
    assert [e.key for e in nb.excerpts.all(tag="topic")] == [a.key, b.key]
    assert {t.name: t.count for t in nb.tags.all()} == {"topic": 1, "topic/press": 2}
    nb.excerpts.restore(c.key)
    assert nb.excerpts.get(c.key).tags == ["topic"]
    assert {t.name: t.count for t in nb.tags.all()} == {"topic": 2, "topic/press": 2}
    # Tags added later through the general tag commands show on the excerpt too.
    nb.tags.add(c.key, ["place/moscow"])
    assert [e.key for e in nb.excerpts.all(tag="place")] == [c.key]


def _snapshot(nb):
    rows = nb.conn.execute("SELECT key, page_start, char_start, char_end, anchor, quote "
                           "FROM excerpts ORDER BY id").fetchall()
    return nb.info(), [tuple(r) for r in rows], [(t.name, t.count) for t in nb.tags.all()]


BAD = [
    ("unknown document", {"doc": "ZZZZZZZZ", "page": 1, "start": 0, "end": 5}, "no document"),
    ("unknown page", {"page": 9, "start": 0, "end": 5}, "has no page 9"),
    ("page zero", {"page": 0, "start": 0, "end": 5}, "not a page number"),
    ("start past the end", {"page": 1, "start": 5000, "end": 5010}, "start offset 5000"),
    ("end past the end", {"page": 1, "start": 0, "end": 99999}, "end offset 99999"),
    ("negative start", {"page": 1, "start": -1, "end": 4}, "start offset -1"),
    ("end before start", {"page": 1, "start": 10, "end": 5}, "must come after"),
    ("only one offset", {"page": 1, "start": 10}, "both a start and an end"),
    ("empty quote", {"page": 1, "quote": "  \n "}, "quote is empty"),
    ("quote not on the page", {"page": 1, "quote": "Ясная Поляна"}, "not found on page 1"),
    ("ambiguous quote", {"page": 3, "quote": "спросить в уезде"}, "occurs 2 times"),
    ("blank passage", {"page": 1, "start": 51, "end": 53}, "only blank space"),
    ("no position", {"page": 1}, "Say which passage"),
    ("offsets and quote", {"page": 1, "start": 0, "end": 4, "quote": "Дорогой Митя"}, "not both"),
    ("pages backwards", {"page": 2, "page_end": 1, "start": 0, "end": 4}, "before it starts"),
    ("bad kind", {"page": 1, "quote": "Дорогой Митя", "kind": "gossip"}, "not a kind of excerpt"),
    ("bad tag", {"page": 1, "quote": "Дорогой Митя", "tags": ["theme//press"]}, "not a tag name"),
    ("region off the page", {"image": True, "region": (0.8, 0.1, 0.4, 0.2)}, "does not lie"),
    ("region of no size", {"image": True, "region": (0.1, 0.1, 0, 0.2)}, "does not lie"),
    ("region negative", {"image": True, "region": (-0.2, 0.1, 0.3, 0.2)}, "does not lie"),
    ("region in pixels off the page", {"image": True, "region": (1000, 0, 500, 100),
                                           "region_units": "page"}, "1400×1000"),
    ("region with three numbers", {"image": True, "region": (0.1, 0.1, 0.2)}, "four numbers"),
    ("region over two pages", {"page": 1, "page_end": 2, "region": (0, 0, 1, 1)}, "one page"),
]


@pytest.mark.parametrize("case", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_refused_with_a_clear_message_and_changes_nothing(nb, docs, case):
    text, image = docs
    nb.excerpts.add(text, 1, quote="коптилке", tags=["theme"])
    before = _snapshot(nb)
    _, kw, message = case
    kw = dict(kw)
    doc = kw.pop("doc", image if kw.pop("image", False) else text)
    page = kw.pop("page", 1)
    with pytest.raises(UserError, match=message):
        nb.excerpts.add(doc, page, **kw)
    assert _snapshot(nb) == before


def test_bad_edits_and_page_texts_change_nothing(nb, docs):
    text, _ = docs
    ex = nb.excerpts.add(text, 1, quote="коптилке", tags=["theme"]).value
    before = _snapshot(nb)
    for changes, message in (({"kind": "gossip"}, "not a kind"),
                             ({"quote": "Ясная Поляна"}, "not found"),
                             ({"page": 7}, "has no page 7"),
                             ({"start": 0, "end": 10 ** 6}, "end offset"),
                             ({"tags": ["a//b"]}, "not a tag name")):
        with pytest.raises(UserError, match=message):
            nb.excerpts.edit(ex.key, changes)
    with pytest.raises(InvalidInput, match="not a text origin"):
        nb.pages.set_text(text, 1, "new text", origin="guess")
    with pytest.raises(NotFound, match="has no page 5"):
        nb.pages.set_text(text, 5, "new text")
    with pytest.raises(NotFound):
        nb.excerpts.get("ZZZZZZZZ")
    assert _snapshot(nb) == before


def test_check_reports_an_anchored_excerpt_that_points_past_its_page(nb, docs):
    text, _ = docs
    ex = nb.excerpts.add(text, 1, quote="коптилке").value
    assert nb.check()["ok"]
    with nb.write() as conn:    # damage as a faulty tool outside researchnb might leave it
        conn.execute("UPDATE excerpts SET char_end = 1000000 WHERE key = ?", (ex.key,))
    problems = nb.check()["problems"]
    assert any(ex.key in p and "outside the text" in p for p in problems)
