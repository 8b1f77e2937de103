"""Notes on a real notebook: saving, links, backlinks, [[Title]] resolution, revisions."""

import pytest

from researchnb.domain import InvalidInput, NotFound, Source


@pytest.fixture
def survey(nb):
    return nb.add_source(Source(kind="archival", title="Salary survey of AMO workers, 1924",
                                citekey="tsgamo_415_16_312", archive_abbr="TsGAMO",
                                fond="415", opis="16", delo="312"))


def notes_of(links):
    return [b["note_key"] for b in links]


def test_backlinks_list_exactly_the_linking_notes_with_their_line(nb, survey):
    hub = nb.add_note("Wages and the party cell")
    a = nb.add_note("Petrzhek's letter",
                    f"Intro.\nPetrzhek and [the survey](src:{survey.key}) agree.")
    b = nb.add_note("Foremen", f"See [the hub](note:{hub.key}) and [@tsgamo_415_16_312, l. 12].")
    c = nb.add_note("Both", f"[s](src:{survey.key})\n\n[Wages and the party cell](note:{hub.key})")
    nb.add_note("Unrelated", "No links at all.")

    links = nb.backlinks(survey.key)
    assert sorted(set(notes_of(links))) == sorted([a.key, b.key, c.key])
    by_note = {x["note_key"]: x for x in links}
    assert by_note[a.key]["line"] == 2
    assert by_note[a.key]["context"] == f"Petrzhek and [the survey](src:{survey.key}) agree."
    assert by_note[b.key]["to_kind"] == "citation" and by_note[b.key]["anchor"] == "l. 12"
    assert sorted(notes_of(nb.backlinks(hub.key))) == sorted([b.key, c.key])

    # Deleting a link and saving updates the backlinks at once.
    nb.edit_note(a.key, body="Intro.\nPetrzhek alone.")
    assert sorted(set(notes_of(nb.backlinks(survey.key)))) == sorted([b.key, c.key])
    # A note in the trash links nothing; restored, it does again.
    nb.delete_note(c.key)
    assert notes_of(nb.backlinks(hub.key)) == [b.key]
    nb.restore_note(c.key)
    assert sorted(notes_of(nb.backlinks(hub.key))) == sorted([b.key, c.key])


def test_title_links_resolve_when_unique_and_are_listed_when_not(nb):
    target = nb.add_note("Cell minutes 1922")
    nb.add_note("Twice")
    nb.add_note("twice")
    n = nb.add_note("Draft", "See [[Cell minutes 1922]], [[Twice]] and [[Nobody]].")
    body = nb.get_note(n.key).body
    assert body == (f"See [Cell minutes 1922](note:{target.key}), [[Twice]] and "
                    "[[Nobody]].")
    details = nb.note_details(n.key)
    assert [(u["to_key"], u["reason"][:11]) for u in details["unresolved"]] == [
        ("Twice", "2 notes hav"), ("Nobody", "no note has")]
    assert [link["to_key"] for link in details["links"]] == [target.key]

    # Renaming changes no link; the label that was the title follows the new one.
    nb.edit_note(target.key, title="Minutes of the AMO cell, 1922")
    assert nb.get_note(n.key).body.startswith(
        f"See [Minutes of the AMO cell, 1922](note:{target.key}),")
    assert notes_of(nb.backlinks(target.key)) == [n.key]
    assert nb.note_details(n.key)["links"][0]["exists"]


def test_an_unresolved_title_link_resolves_once_a_single_note_has_that_title(nb):
    n = nb.add_note("Draft", "Compare [[Foremen in 1923|the foremen]].")
    assert nb.note_details(n.key)["unresolved"][0]["to_key"] == "Foremen in 1923"
    later = nb.add_note("Foremen in 1923")
    assert nb.get_note(n.key).body == f"Compare [the foremen](note:{later.key})."
    assert nb.note_details(n.key)["unresolved"] == []


def test_renaming_makes_a_title_unique_and_the_waiting_link_resolves(nb):
    one = nb.add_note("Strike")
    two = nb.add_note("Strike")
    n = nb.add_note("Draft", "[[Strike]]")
    assert nb.get_note(n.key).body == "[[Strike]]"
    nb.edit_note(two.key, title="Strike of 1923")
    assert nb.get_note(n.key).body == f"[Strike](note:{one.key})"


def test_labels_chosen_by_the_historian_survive_a_rename(nb):
    target = nb.add_note("Old title")
    n = nb.add_note("Linker", f"[his letter](note:{target.key}) [Old title](note:{target.key})")
    nb.edit_note(target.key, title="New title")
    assert nb.get_note(n.key).body == (f"[his letter](note:{target.key}) "
                                       f"[New title](note:{target.key})")
    # The linking note kept a revision for that change.
    assert [r["revision"] for r in nb.note_history(n.key)] == [1, 2]


def test_every_save_keeps_a_revision_and_an_old_one_can_be_restored(nb):
    n = nb.add_note("Theses", "first version")
    nb.edit_note(n.key, body="second version")
    nb.edit_note(n.key, title="Theses, revised", body="third version")
    nb.edit_note(n.key, body="third version")          # no change: no revision
    history = nb.note_history(n.key)
    assert [(r["revision"], r["body"]) for r in history] == [
        (1, "first version"), (2, "second version"), (3, "third version")]
    restored = nb.restore_revision(n.key, 1)
    assert (restored.title, restored.body) == ("Theses", "first version")
    assert len(nb.note_history(n.key)) == 4     # restoring is a save too: nothing lost
    with pytest.raises(NotFound):
        nb.restore_revision(n.key, 99)


def test_restoring_old_text_keeps_a_note_private_that_was_made_private_since(nb):
    n = nb.add_note("Informers", "names")
    nb.edit_note(n.key, private=True)
    assert nb.restore_revision(n.key, 1).private is True


def test_soft_delete_hides_a_note_until_it_is_restored(nb):
    n = nb.add_note("Doubtful idea", "maybe")
    nb.delete_note(n.key)
    assert [x.key for x in nb.list_notes()] == []
    assert [x.key for x in nb.list_notes(trash=True)] == [n.key]
    with pytest.raises(NotFound):
        nb.get_note(n.key)
    with pytest.raises(NotFound):
        nb.edit_note(n.key, body="x")
    nb.restore_note(n.key)
    assert nb.get_note(n.key).body == "maybe"
    assert nb.info()["notes"] == 1


def test_links_to_records_in_the_trash_show_as_unresolved(nb, survey):
    n = nb.add_note("Uses the survey", f"[the survey](src:{survey.key}) [@nosuchkey]")
    nb.delete_source(survey.key)
    unresolved = nb.note_details(n.key)["unresolved"]
    assert [(u["to_kind"], u["to_key"]) for u in unresolved] == [
        ("source", survey.key), ("citation", "nosuchkey")]


def test_tags_on_notes_and_listing_by_tag(nb):
    a = nb.add_note("On wages", tags=["theme/wages"])
    nb.add_note("On housing", tags=["theme/housing"])
    nb.add_tags(a.key, ["draft"])
    assert nb.get_note(a.key).tags == ["draft", "theme/wages"]
    assert [n.title for n in nb.list_notes(tag="theme")] == ["On housing", "On wages"]
    assert [n.title for n in nb.list_notes(tag="draft")] == ["On wages"]


def test_a_note_needs_a_title(nb):
    with pytest.raises(InvalidInput):
        nb.add_note("   ", "body")


def test_sources_cited_in_leaves_private_notes_out_and_counts_them(nb, survey):
    other = nb.add_source(Source(kind="book", title="Secret book", citekey="secret2000"))
    public = nb.add_note("Public", f"[s](src:{survey.key})")
    private = nb.add_note("Private", "[@secret2000]", private=True)
    assert nb.sources_cited_in() == {"sources": [survey.key], "private_left_out": 1}
    assert nb.sources_cited_in([private.key]) == {"sources": [], "private_left_out": 1}
    assert nb.sources_cited_in([public.key])["sources"] == [survey.key]
    assert other.key not in nb.sources_cited_in()["sources"]


def test_excerpt_and_page_links_have_backlinks(nb, corpus, survey):
    result = nb.import_files([corpus("text/tolstoy-letters-to-gandhi.ru.txt")],
                             source_key=survey.key)
    doc = result.imported[0].document
    ex = nb.add_excerpt(doc, 1, quote="Помогай Бог нашим дорогим братьям")
    n = nb.add_note("Tolstoy", f"[the blessing](ex:{ex.key}) on [page 1](page:{doc}#1)")
    assert notes_of(nb.backlinks(ex.key)) == [n.key]
    assert notes_of(nb.backlinks(doc)) == [n.key]
    assert notes_of(nb.backlinks(nb.get_page(doc, 1).key)) == [n.key]
    assert nb.note_details(n.key)["unresolved"] == []
    nb.edit_note(n.key, body=f"[page 999](page:{doc}#999)")
    assert [u["to_key"] for u in nb.note_details(n.key)["unresolved"]] == [doc]
    assert nb.sources_cited_in([n.key])["sources"] == [survey.key]


def test_two_notebooks_keep_their_notes_apart(nb, tmp_path):
    from researchnb.notebook import Notebook
    other = Notebook.create(tmp_path / "other.rnb")
    try:
        nb.add_note("Only here")
        other.add_note("Only there")
        assert [n.title for n in nb.list_notes()] == ["Only here"]
        assert [n.title for n in other.list_notes()] == ["Only there"]
    finally:
        other.close()


def test_check_notices_links_that_no_longer_match_a_note(nb, survey):
    n = nb.add_note("Linked", f"[s](src:{survey.key})")
    assert nb.check()["problems"] == []
    nb.conn.execute("DELETE FROM links")
    assert any(n.key in p for p in nb.check()["problems"])
    nb.edit_note(n.key, body=f"[the survey](src:{survey.key})")
    assert nb.check()["problems"] == []


def test_autosaves_within_minutes_share_one_revision_but_plain_saves_do_not(nb):
    n = nb.add_note("Draft", "v1")
    nb.edit_note(n.key, body="v2", autosave=True)       # revision 1 is never replaced
    nb.edit_note(n.key, body="v3", autosave=True)
    nb.edit_note(n.key, body="v4", autosave=True)
    assert [(r["revision"], r["body"]) for r in nb.note_history(n.key)] == [
        (1, "v1"), (2, "v4")]
    nb.edit_note(n.key, body="v5")
    assert [r["body"] for r in nb.note_history(n.key)] == ["v1", "v4", "v5"]
