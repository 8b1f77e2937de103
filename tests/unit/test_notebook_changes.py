"""Every write of the facade says what it changed, so the app can refresh exactly that."""

from __future__ import annotations

import pytest
from search_support import add_document

from researchnb.domain import Changes, InvalidInput, Source
from researchnb.notebook import Notebook


def test_adding_a_source_reports_it_created_and_carries_it(nb):
    made = nb.sources.add(Source(kind="archival", title="Minutes", archive_abbr="TsGAMO",
                                 fond="415", opis="16", delo="312"))
    assert made.created == {"source": {made.value.key}}
    assert not made.updated and not made.deleted
    assert made.value.citekey == "tsgamo_415_16_312"
    assert made.to_json() == {"created": {"source": [made.value.key]}, "updated": {},
                              "deleted": {}}


def test_a_source_edit_and_its_creators_are_one_update(nb):
    src = nb.sources.add(Source(kind="book", title="Magnetic Mountain")).value
    from researchnb.domain import Creator
    edited = nb.sources.edit(src.key, {"date": "1995"}, creators=[Creator(family="Kotkin")])
    assert edited.updated == {"source": {src.key}} and not edited.created
    assert edited.value.date == "1995"


def test_trash_and_restore_read_as_deleted_and_created(nb):
    src = nb.sources.add(Source(kind="book", title="Gone for a while")).value
    assert nb.sources.delete(src.key).deleted == {"source": {src.key}}
    assert [s.key for s in nb.sources.trashed()] == [src.key]
    back = nb.sources.restore(src.key)
    assert back.created == {"source": {src.key}} and nb.sources.trashed() == []


def test_saving_a_note_changes_only_that_note(nb):
    note = nb.notes.add("Wages", "first words").value
    saved = nb.notes.edit(note.key, body="first words and more", autosave=True)
    assert saved.updated == {"note": {note.key}}
    assert not saved.created and not saved.deleted
    assert not saved.touches("tag", "source", "excerpt")


def test_tagging_creates_the_tag_and_updates_the_record(nb):
    note = nb.notes.add("Strikes").value
    tagged = nb.tags.add(note.key, ["theme/strikes"])
    assert tagged.value == ["theme/strikes"]
    assert tagged.created.get("tag") == {"theme/strikes"}
    assert note.key in tagged.updated.get("note", set())
    again = nb.tags.add(note.key, ["theme/strikes"])         # already there: nothing changes
    assert not again and again.value == []


def test_an_excerpt_and_a_page_edit_name_what_they_touched(nb):
    doc = add_document(nb, ["Протокол заседания ячейки. Слушали: о зарплате рабочих."])
    ex = nb.excerpts.add(doc, 1, quote="о зарплате рабочих")
    assert ex.created == {"excerpt": {ex.value.key}}
    page_key = nb.documents.get(doc).pages[0].key
    moved = nb.pages.set_text(doc, 1, "Слушали: о зарплате рабочих завода.")
    assert moved.value == [ex.value.key]
    assert moved.updated == {"page": {page_key}, "excerpt": {ex.value.key}}


def test_an_import_reports_every_record_it_made(nb, tmp_path):
    text = tmp_path / "minutes.txt"
    text.write_text("Протокол № 1\n\nСлушали о хлебе.", encoding="utf-8")
    done = nb.documents.import_files([text])
    imported = done.value.imported[0]
    assert done.created["document"] == {imported.document}
    assert done.created["source"] == {imported.source}
    assert len(done.created["page"]) == imported.pages


def test_a_refused_write_changes_nothing_and_reports_nothing(nb):
    note = nb.notes.add("Kept").value
    with pytest.raises(InvalidInput):
        nb.notes.edit(note.key, title="   ")
    assert nb.notes.get(note.key).title == "Kept"
    follow = nb.notes.edit(note.key, body="later")      # the log starts afresh each write
    assert follow.updated == {"note": {note.key}} and not follow.created


def test_changes_merge_and_a_record_made_then_dropped_is_not_reported():
    rows = [("note", "A", "created"), ("note", "A", "updated"), ("tag", "t", "created"),
            ("tag", "t", "deleted"), ("source", "S", "updated")]
    c = Changes.from_log(rows)
    assert c.created == {"note": {"A"}} and c.updated == {"source": {"S"}} and not c.deleted
    both = c.merged(Changes(deleted={"note": frozenset({"B"})}))
    assert both.keys("note") == {"A", "B"}


def test_two_notebooks_in_one_process_keep_their_own_changes(tmp_path):
    with Notebook.create(tmp_path / "a.rnb") as a, Notebook.create(tmp_path / "b.rnb") as b:
        one = a.notes.add("In A")
        two = b.notes.add("In B")
        assert one.created["note"] == {one.value.key}
        assert two.created["note"] == {two.value.key}
        assert a.notes.all()[0].title == "In A" and b.notes.all()[0].title == "In B"
