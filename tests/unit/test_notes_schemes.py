"""The one table of stored link forms (notes/schemes.py) and the modules that use it."""

import pytest

from researchnb.notes import links, render, schemes

KEY = "K7Q2M9XA"


@pytest.mark.parametrize("kind", [s.kind for s in schemes.SCHEMES])
def test_every_kind_round_trips_through_its_stored_form(kind):
    anchor = "12" if kind == "page" else ""
    body = "see " + schemes.stored_link(kind, KEY.lower(), "a [tricky] label", anchor)
    [found] = links.parse(body)
    assert (found.kind, found.target, found.anchor, found.label) == (
        kind, KEY, anchor, "a [tricky] label")
    address = schemes.target(kind, KEY, anchor)
    assert schemes.parse_target(address) == (kind, KEY, anchor)
    assert f'class="link-{kind}"' in render.render_html(body)


def test_other_addresses_are_not_stored_links():
    for address in ("https://example.org", "mailto:a@b.c", "src:short", "file:K7Q2M9XA"):
        assert schemes.parse_target(address) is None
    assert schemes.kind_of_scheme("SRC") == "source" and schemes.kind_of_scheme("http") is None
    with pytest.raises(ValueError):
        schemes.target("citation", KEY)


def test_labels_only_shows_what_a_reader_sees():
    line = f"As [the \\[draft\\]](note:{KEY}) says, and [p. 12](page:{KEY}#12)."
    assert schemes.labels_only(line) == "As the [draft] says, and p. 12."


def test_resolved_wikilinks_are_written_in_the_stored_form():
    body, unresolved = links.resolve_wikilinks("[[Cells]]", lambda t: [(KEY, "Cells")])
    assert body == schemes.stored_link("note", KEY, "Cells") and unresolved == []


def test_citekeys_read_alike_when_parsed_and_rendered():
    body = "[@{tsgamo 415}, l. 3] and @minutes1922"
    assert [p.target for p in links.parse(body)] == ["tsgamo 415", "minutes1922"]
    html = render.render_html(body)
    assert 'data-cites="tsgamo 415"' in html and 'data-cites="minutes1922"' in html
