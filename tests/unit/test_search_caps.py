"""Finding 8 of issue 15: fuzzy (word~) and prefix (word*) terms count against the query's
caps. 400 x `the~` took 47 s: every copy expanded to up to 30 indexed words, all ANDed.
Now a query keeps its first MAX_EXPANDING_TERMS of them, repeats are searched once, the
words its fuzzy terms stand for share one budget, and the result says it was shortened."""

from __future__ import annotations

import re

from search_support import add_document

from researchnb.search import query as q
from researchnb.search import sql


def _leaves(node: object, kind: type) -> int:
    if isinstance(node, kind):
        return 1
    if isinstance(node, (q.And, q.Or)):
        return sum(_leaves(i, kind) for i in node.items)
    if isinstance(node, q.Not):
        return _leaves(node.item, kind)
    return 0


def _prefixes(node: object) -> int:
    """Prefix terms of a tree: Terms ending in ` *`."""
    if isinstance(node, q.Terms):
        return node.expr.count(" *")
    if isinstance(node, (q.And, q.Or)):
        return sum(_prefixes(i) for i in node.items)
    if isinstance(node, q.Not):
        return _prefixes(node.item)
    return 0


def test_many_fuzzy_terms_are_cut_to_the_cap_and_the_query_says_so():
    parsed = q.parse(" ".join(f"word{i}x~" for i in range(400)))
    assert _leaves(parsed.root, q.Fuzzy) == q.MAX_EXPANDING_TERMS
    assert "expanding" in parsed.shortened


def test_repeated_fuzzy_terms_are_searched_once():
    parsed = q.parse(" ".join(["the~"] * 400))
    assert parsed.root == q.Fuzzy("the", 1)


def test_many_prefix_terms_are_cut_to_the_cap():
    parsed = q.parse(" ".join(f"ab{i}x*" for i in range(400)))
    assert _prefixes(parsed.root) == q.MAX_EXPANDING_TERMS
    assert parsed.shortened == {"expanding"}
    # repeats of one prefix are one prefix
    assert _prefixes(q.parse("t* " * 400).root) == 1


def test_a_short_query_is_not_marked_shortened():
    for text in ("the~ рабочих* date:[1920 TO 1923] \"хлеб рабочим\"", "a b c"):
        assert q.parse(text).shortened == set()


def test_fuzzy_and_prefix_terms_count_against_the_term_cap():
    words = " ".join(f"w{i}x" for i in range(q.MAX_TERMS))
    parsed = q.parse(words + " extra~ more*")
    assert _leaves(parsed.root, q.Fuzzy) == 0 and _prefixes(parsed.root) == 0
    assert parsed.shortened == {"terms"}


def test_an_alternative_left_out_by_a_cap_does_not_make_the_or_match_everything():
    parsed = q.parse(" OR ".join(f"word{i}x~" for i in range(12)))
    assert isinstance(parsed.root, q.Or)
    assert len(parsed.root.items) == q.MAX_EXPANDING_TERMS


def test_the_words_fuzzy_terms_stand_for_share_one_budget(nb):
    parsed = q.parse(" ".join(f"word{i}x~" for i in range(8)))
    renderer = sql.Renderer(nb.core.conn, "note",
                            lambda kind, term, edits: [f"{term}{n}" for n in range(30)],
                            fuzzy=sql.fuzzy_count(parsed.root))
    rendered = renderer.render(parsed.root)
    assert rendered is not None and rendered.match
    assert len(re.findall(r'"[^"]*"', rendered.match)) <= q.MAX_EXPANDED_TERMS
    assert renderer.shortened


def test_hostile_fuzzy_query_is_answered_with_a_note(nb):
    add_document(nb, ["the then they thee them she tho thy tie toe ten tea her " * 20])
    found = nb.search.query(" ".join(["the~"] * 400) + " " +
                            " ".join(f"{w}~" for w in ("then", "they", "thee", "them", "she",
                                                       "tho", "thy", "tie", "toe", "ten")))
    assert found["total"] == 1
    assert "shortened" in found["note"]
    assert "note" not in nb.search.query("the~ then~")


def test_the_search_panels_helper_passes_the_note_on(nb):
    """The app's search panel gets its answers from search/server.py: the note is there."""
    import io
    import json

    from researchnb.search import server
    add_document(nb, ["the then they thee them " * 5])
    requests = io.BytesIO(json.dumps({"seq": 1, "text": "the~ " * 400, "full": True}).encode()
                          + b"\n")
    out = io.StringIO()
    assert server.serve(nb.path, requests, out) == 0
    answer = json.loads(out.getvalue().splitlines()[-1])
    assert answer["error"] is None and answer["hits"]
    assert "shortened" in answer["note"]
