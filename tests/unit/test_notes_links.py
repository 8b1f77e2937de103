"""Finding links, citations and [[Title]] links in note bodies (no notebook needed)."""

from researchnb.notes.links import (
    escape_label,
    parse,
    resolve_wikilinks,
    rewrite_note_labels,
    rewrite_stored_links,
)

SRC, EX, NOTE, DOC = "ABCDEFGH", "23456789", "ZZZZ2222", "PQRS3456"


def kinds(body):
    return [(p.kind, p.target, p.anchor) for p in parse(body)]


def test_every_stored_form_and_pandoc_citations_are_found_with_line_and_context():
    body = (f"Petrzhek's letter and the 1924 survey point the same way,\n"
            f"see [the survey](src:{SRC}) and [his letter](ex:{EX}), "
            f"[@tsgamo_415_16_312, l. 12].\n"
            f"Also [an idea](note:{NOTE}), [folio 12](page:{DOC}#12) and @smith2001.")
    found = parse(body)
    assert [(p.kind, p.target, p.anchor) for p in found] == [
        ("source", SRC, ""), ("excerpt", EX, ""), ("citation", "tsgamo_415_16_312", "l. 12"),
        ("note", NOTE, ""), ("page", DOC, "12"), ("citation", "smith2001", "")]
    assert found[0].line == 2 and found[0].label == "the survey"
    assert found[0].context.startswith("see [the survey]")
    assert found[3].line == 3 and found[4].label == "folio 12"


def test_several_citations_in_one_bracket_keep_their_locators():
    assert kinds("[see @a2001, pp. 3-4; -@b:x.y, l. 12 ob.; @{c d}]") == [
        ("citation", "a2001", "pp. 3-4"), ("citation", "b:x.y", "l. 12 ob."),
        ("citation", "c d", "")]


def test_email_addresses_urls_and_code_are_not_links():
    body = ("write to ivanov@example.org or see https://example.org/@someone\n"
            f"`[x](src:{SRC}) @inline` and <https://x.org/@y>\n"
            "```\n"
            f"[fenced](note:{NOTE}) [[Fenced]] @fenced\n"
            "```\n"
            "after the fence @real")
    assert kinds(body) == [("citation", "real", "")]


def test_trailing_punctuation_is_not_part_of_a_citekey():
    assert kinds("As @petrov1999: said. And @ivanov2003.") == [
        ("citation", "petrov1999", ""), ("citation", "ivanov2003", "")]


def test_hand_typed_title_links_resolve_only_when_one_note_matches():
    notes = {"the survey": [("KEYONE22", "The Survey")],
             "twice": [("KEYTWO22", "Twice"), ("KEYTHR22", "Twice")]}
    body = "See [[the  survey]], [[Twice]], [[Nobody]] and [[The survey|that survey]]."
    new, unresolved = resolve_wikilinks(body, lambda t: notes.get(t.casefold(), []))
    assert new == ("See [The Survey](note:KEYONE22), [[Twice]], [[Nobody]] and "
                   "[that survey](note:KEYONE22).")
    assert unresolved == ["Twice", "Nobody"]
    assert ("unresolved", "Twice", "") in kinds(new)


def test_renamed_note_labels_follow_only_where_they_were_the_title():
    body = (f"[Old title](note:{NOTE}) and [my own words](note:{NOTE}) "
            f"and [Old title](note:KEYOTHER)")
    new = rewrite_note_labels(body, NOTE, "Old title", "New [draft] title")
    assert new == (f"[New \\[draft\\] title](note:{NOTE}) and [my own words](note:{NOTE}) "
                   f"and [Old title](note:KEYOTHER)")
    assert parse(new)[0].label == "New [draft] title"


def test_labels_with_brackets_round_trip():
    label = escape_label("Report [draft] \\ 2")
    found = parse(f"[{label}](src:{SRC})")
    assert found[0].label == "Report [draft] \\ 2" and found[0].target == SRC


def test_export_rewriting_replaces_links_outside_code_only():
    body = f"[a](src:{SRC}) `[b](src:{SRC})`"
    out = rewrite_stored_links(body, lambda kind, key, anchor, label: f"<{kind}:{label}>")
    assert out == f"<source:a> `[b](src:{SRC})`"


def test_pathological_brackets_parse_without_losing_later_links():
    # Thousands of unclosed brackets and at-signs on one line, then a real link: the patterns
    # are linear, so this finishes at once and the link is still found.
    line = "[" * 20000 + "@" * 20000 + f" [ok](src:{SRC})"
    assert ("source", SRC, "") in kinds(line)
