"""Notes on a real notebook: saving, links, backlinks, [[Title]] resolution, revisions."""

import pytest

from researchnb.domain import InvalidInput, NotFound, Source


@pytest.fixture
def survey(nb):
    return nb.sources.add(Source(kind="archival", title="Salary survey of AMO workers, 1924",
                                citekey="tsgamo_415_16_312", archive_abbr="TsGAMO",
                                fond="415", opis="16", delo="312")).value


def notes_of(links):
    return [b["note_key"] for b in links]


def test_backlinks_list_exactly_the_linking_notes_with_their_line(nb, survey):
    hub = nb.notes.add("Wages and the party cell").value
    a = nb.notes.add("Petrzhek's letter",
                    f"Intro.\nPetrzhek and [the survey](src:{survey.key}) agree.").value
    b = nb.notes.add("Foremen", f"See [the hub](note:{hub.key}) and "
                     "[@tsgamo_415_16_312, l. 12].").value
    c = nb.notes.add("Both", f"[s](src:{survey.key})\n\n"
                     f"[Wages and the party cell](note:{hub.key})").value
    nb.notes.add("Unrelated", "No links at all.")

    links = nb.notes.backlinks(survey.key)
    assert sorted(set(notes_of(links))) == sorted([a.key, b.key, c.key])
    by_note = {x["note_key"]: x for x in links}
    assert by_note[a.key]["line"] == 2
    assert by_note[a.key]["context"] == f"Petrzhek and [the survey](src:{survey.key}) agree."
    assert by_note[b.key]["to_kind"] == "citation" and by_note[b.key]["anchor"] == "l. 12"
    assert sorted(notes_of(nb.notes.backlinks(hub.key))) == sorted([b.key, c.key])

    # Deleting a link and saving updates the backlinks at once.
    nb.notes.edit(a.key, body="Intro.\nPetrzhek alone.")
    assert sorted(set(notes_of(nb.notes.backlinks(survey.key)))) == sorted([b.key, c.key])
    # A note in the trash links nothing; restored, it does again.
    nb.notes.delete(c.key)
    assert notes_of(nb.notes.backlinks(hub.key)) == [b.key]
    nb.notes.restore(c.key)
    assert sorted(notes_of(nb.notes.backlinks(hub.key))) == sorted([b.key, c.key])


def test_title_links_resolve_when_unique_and_are_listed_when_not(nb):
    target = nb.notes.add("Cell minutes 1922").value
    nb.notes.add("Twice")
    nb.notes.add("twice")
    n = nb.notes.add("Draft", "See [[Cell minutes 1922]], [[Twice]] and [[Nobody]].").value
    body = nb.notes.get(n.key).body
    assert body == (f"See [Cell minutes 1922](note:{target.key}), [[Twice]] and "
                    "[[Nobody]].")
    details = nb.notes.details(n.key)
    assert [(u["to_key"], u["reason"][:11]) for u in details["unresolved"]] == [
        ("Twice", "2 notes hav"), ("Nobody", "no note has")]
    assert [link["to_key"] for link in details["links"]] == [target.key]

    # Renaming changes no link; the label that was the title follows the new one.
    nb.notes.edit(target.key, title="Minutes of the AMO cell, 1922")
    assert nb.notes.get(n.key).body.startswith(
        f"See [Minutes of the AMO cell, 1922](note:{target.key}),")
    assert notes_of(nb.notes.backlinks(target.key)) == [n.key]
    assert nb.notes.details(n.key)["links"][0]["exists"]


def test_an_unresolved_title_link_resolves_once_a_single_note_has_that_title(nb):
    n = nb.notes.add("Draft", "Compare [[Foremen in 1923|the foremen]].").value
    assert nb.notes.details(n.key)["unresolved"][0]["to_key"] == "Foremen in 1923"
    later = nb.notes.add("Foremen in 1923").value
    assert nb.notes.get(n.key).body == f"Compare [the foremen](note:{later.key})."
    assert nb.notes.details(n.key)["unresolved"] == []


def test_renaming_makes_a_title_unique_and_the_waiting_link_resolves(nb):
    one = nb.notes.add("Strike").value
    two = nb.notes.add("Strike").value
    n = nb.notes.add("Draft", "[[Strike]]").value
    assert nb.notes.get(n.key).body == "[[Strike]]"
    nb.notes.edit(two.key, title="Strike of 1923")
    assert nb.notes.get(n.key).body == f"[Strike](note:{one.key})"


def test_labels_chosen_by_the_historian_survive_a_rename(nb):
    target = nb.notes.add("Old title").value
    n = nb.notes.add("Linker", f"[his letter](note:{target.key}) "
                     f"[Old title](note:{target.key})").value
    nb.notes.edit(target.key, title="New title")
    assert nb.notes.get(n.key).body == (f"[his letter](note:{target.key}) "
                                       f"[New title](note:{target.key})")
    # The linking note kept a revision for that change.
    assert [r["revision"] for r in nb.notes.history(n.key)] == [1, 2]


def test_every_save_keeps_a_revision_and_an_old_one_can_be_restored(nb):
    n = nb.notes.add("Theses", "first version").value
    nb.notes.edit(n.key, body="second version")
    nb.notes.edit(n.key, title="Theses, revised", body="third version")
    nb.notes.edit(n.key, body="third version")          # no change: no revision
    history = nb.notes.history(n.key)
    assert [(r["revision"], r["body"]) for r in history] == [
        (1, "first version"), (2, "second version"), (3, "third version")]
    restored = nb.notes.restore_revision(n.key, 1).value
    assert (restored.title, restored.body) == ("Theses", "first version")
    assert len(nb.notes.history(n.key)) == 4     # restoring is a save too: nothing lost
    with pytest.raises(NotFound):
        nb.notes.restore_revision(n.key, 99)


def test_restoring_old_text_keeps_a_note_private_that_was_made_private_since(nb):
    n = nb.notes.add("Informers", "names").value
    nb.notes.edit(n.key, private=True)
    assert nb.notes.restore_revision(n.key, 1).value.private is True


def test_soft_delete_hides_a_note_until_it_is_restored(nb):
    n = nb.notes.add("Doubtful idea", "maybe").value
    nb.notes.delete(n.key)
    assert [x.key for x in nb.notes.all()] == []
    assert [x.key for x in nb.notes.all(trash=True)] == [n.key]
    with pytest.raises(NotFound):
        nb.notes.get(n.key)
    with pytest.raises(NotFound):
        nb.notes.edit(n.key, body="x")
    nb.notes.restore(n.key)
    assert nb.notes.get(n.key).body == "maybe"
    assert nb.info()["notes"] == 1


def test_links_to_records_in_the_trash_show_as_unresolved(nb, survey):
    n = nb.notes.add("Uses the survey", f"[the survey](src:{survey.key}) [@nosuchkey]").value
    nb.sources.delete(survey.key)
    unresolved = nb.notes.details(n.key)["unresolved"]
    assert [(u["to_kind"], u["to_key"]) for u in unresolved] == [
        ("source", survey.key), ("citation", "nosuchkey")]


def test_tags_on_notes_and_listing_by_tag(nb):
    a = nb.notes.add("On wages", tags=["theme/wages"]).value
    nb.notes.add("On housing", tags=["theme/housing"])
    nb.tags.add(a.key, ["draft"])
    assert nb.notes.get(a.key).tags == ["draft", "theme/wages"]
    assert [n.title for n in nb.notes.all(tag="theme")] == ["On housing", "On wages"]
    assert [n.title for n in nb.notes.all(tag="draft")] == ["On wages"]


def test_a_note_needs_a_title(nb):
    with pytest.raises(InvalidInput):
        nb.notes.add("   ", "body")


def test_sources_cited_in_leaves_private_notes_out_and_counts_them(nb, survey):
    other = nb.sources.add(Source(kind="book", title="Secret book", citekey="secret2000")).value
    public = nb.notes.add("Public", f"[s](src:{survey.key})").value
    private = nb.notes.add("Private", "[@secret2000]", private=True).value
    assert nb.notes.sources_cited_in() == {"sources": [survey.key], "private_left_out": 1}
    assert nb.notes.sources_cited_in([private.key]) == {"sources": [], "private_left_out": 1}
    assert nb.notes.sources_cited_in([public.key])["sources"] == [survey.key]
    assert other.key not in nb.notes.sources_cited_in()["sources"]


def test_excerpt_and_page_links_have_backlinks(nb, fixture_file, survey):
    result = nb.documents.import_files([fixture_file("letters.ru.txt")],
                                       source_key=survey.key).value
    doc = result.imported[0].document
    ex = nb.excerpts.add(doc, 1, quote="Школа наша стоит холодная").value
    n = nb.notes.add("Letters", f"[the cold school](ex:{ex.key}) on [page 1](page:{doc}#1)").value
    assert notes_of(nb.notes.backlinks(ex.key)) == [n.key]
    assert notes_of(nb.notes.backlinks(doc)) == [n.key]
    assert notes_of(nb.notes.backlinks(nb.pages.get(doc, 1).key)) == [n.key]
    assert nb.notes.details(n.key)["unresolved"] == []
    nb.notes.edit(n.key, body=f"[page 999](page:{doc}#999)")
    assert [u["to_key"] for u in nb.notes.details(n.key)["unresolved"]] == [doc]
    assert nb.notes.sources_cited_in([n.key])["sources"] == [survey.key]


def test_two_notebooks_keep_their_notes_apart(nb, tmp_path):
    from researchnb.notebook import Notebook
    other = Notebook.create(tmp_path / "other.rnb")
    try:
        nb.notes.add("Only here")
        other.notes.add("Only there")
        assert [n.title for n in nb.notes.all()] == ["Only here"]
        assert [n.title for n in other.notes.all()] == ["Only there"]
    finally:
        other.close()


def test_check_notices_links_that_no_longer_match_a_note(nb, survey):
    n = nb.notes.add("Linked", f"[s](src:{survey.key})").value
    assert nb.check()["problems"] == []
    nb.conn.execute("DELETE FROM links")
    assert any(n.key in p for p in nb.check()["problems"])
    nb.notes.edit(n.key, body=f"[the survey](src:{survey.key})")
    assert nb.check()["problems"] == []


def test_autosaves_within_minutes_share_one_revision_but_plain_saves_do_not(nb):
    n = nb.notes.add("Draft", "v1").value
    nb.notes.edit(n.key, body="v2", autosave=True)       # revision 1 is never replaced
    nb.notes.edit(n.key, body="v3", autosave=True)
    nb.notes.edit(n.key, body="v4", autosave=True)
    assert [(r["revision"], r["body"]) for r in nb.notes.history(n.key)] == [
        (1, "v1"), (2, "v4")]
    nb.notes.edit(n.key, body="v5")
    assert [r["body"] for r in nb.notes.history(n.key)] == ["v1", "v4", "v5"]
