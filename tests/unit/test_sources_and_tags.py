"""Sources with archival fields and creators; hierarchical tags."""

import pytest

from researchnb.domain import Conflict, Creator, InvalidInput, NotFound, Source


def test_archival_source_keeps_every_field_and_creator_order(nb):
    src = nb.sources.add(Source(
        kind="archival", title="Protocol of the AMO factory cell meeting", date="1922-06",
        archive="Central State Archive of the City of Moscow", archive_abbr="TsGAMO",
        fond="415", opis="16", delo="312", folio="12-14",
        creators=[Creator(family="Likhachev", given="Ivan"),
                  Creator(literal="Party cell of the AMO works"),
                  Creator(family="Abel", given="A.", role="recipient")])).value
    again = nb.sources.get(src.key)
    assert (again.fond, again.opis, again.delo, again.folio) == ("415", "16", "312", "12-14")
    assert [c.display for c in again.creators] == [
        "Likhachev, Ivan", "Party cell of the AMO works", "Abel, A."]
    assert again.creators[2].role == "recipient"


def test_editing_a_source_changes_only_what_was_given(nb):
    src = nb.sources.add(Source(kind="book", title="Stalin's Peasants", date="1994")).value
    nb.sources.edit(src.key, {"publisher": "Oxford University Press"})
    again = nb.sources.get(src.key)
    assert again.publisher == "Oxford University Press" and again.date == "1994"


@pytest.mark.parametrize("date", ["1922-13", "1922-06-31", "June 1922", "19"])
def test_invalid_dates_are_refused_and_nothing_stored(nb, date):
    with pytest.raises(InvalidInput, match="EDTF"):
        nb.sources.add(Source(kind="book", title="X", date=date))
    assert nb.sources.all() == []


@pytest.mark.parametrize("date", ["1922-06", "1921~", "1920/1923", "192X", "1931?"])
def test_edtf_dates_are_accepted(nb, date):
    assert nb.sources.add(Source(kind="book", title="X", date=date)).value.date == date


def test_citekeys_are_unique_ignoring_case(nb):
    nb.sources.add(Source(kind="book", title="A", citekey="Liu2022"))
    with pytest.raises(Conflict):
        nb.sources.add(Source(kind="book", title="B", citekey="liu2022"))


def test_deleted_sources_disappear_and_come_back(nb):
    src = nb.sources.add(Source(kind="letter", title="To Gandhi")).value
    nb.sources.delete(src.key)
    assert nb.sources.all() == []
    with pytest.raises(NotFound):
        nb.sources.get(src.key)
    nb.sources.restore(src.key)
    assert [s.key for s in nb.sources.all()] == [src.key]


def test_tags_are_hierarchical_and_case_insensitive(nb):
    a = nb.sources.add(Source(kind="book", title="A")).value.key
    b = nb.sources.add(Source(kind="book", title="B")).value.key
    nb.tags.add(a, ["Theme/Press", "theme"])
    nb.tags.add(b, ["theme/press"])             # same tag as Theme/Press
    counts = {t.name: t.count for t in nb.tags.all()}
    assert counts == {"theme": 1, "Theme/Press": 2}
    assert nb.tags.rename("THEME", "topic").value == 2
    assert nb.tags.of(a) == ["topic", "topic/Press"]
    assert nb.tags.of(b) == ["topic/Press"]


def test_renaming_onto_an_existing_tag_is_refused(nb):
    a = nb.sources.add(Source(kind="book", title="A")).value.key
    nb.tags.add(a, ["labour", "class"])
    with pytest.raises(Conflict, match="already exists"):
        nb.tags.rename("labour", "CLASS")
    assert sorted(nb.tags.of(a)) == ["class", "labour"]


def test_keys_are_never_reused(nb):
    keys = {nb.sources.add(Source(kind="book", title=str(i))).value.key for i in range(50)}
    used = {r[0] for r in nb.conn.execute("SELECT key FROM used_keys")}
    assert len(keys) == 50 and keys <= used
    assert all(len(k) == 8 and set(k) <= set("23456789ABCDEFGHIJKLMNPQRSTUVWXYZ") for k in keys)
