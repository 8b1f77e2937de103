"""The one citekey look-up (store.sources.key_for behind nb.sources.lookup/find)."""

import pytest

from researchnb.domain import Conflict, NotFound, Source


def test_a_source_is_found_by_key_or_citekey_in_any_case_while_live(nb):
    key = nb.sources.add(Source(kind="book", title="Cells", citekey="Cells1922")).value.key
    assert nb.sources.lookup(key.lower()) == key
    assert nb.sources.lookup(" cells1922 ") == key
    assert nb.sources.find("CELLS1922", citekey_only=True) == key
    assert nb.sources.find(key, citekey_only=True) is None      # a citation names a citekey
    nb.sources.delete(key)
    assert nb.sources.find("cells1922") is None
    with pytest.raises(NotFound):
        nb.sources.lookup(key)
    # a trashed source keeps its citekey: nobody else may take it, in any letter case
    with pytest.raises(Conflict):
        nb.sources.add(Source(kind="book", title="Other", citekey="CELLS1922"))


def test_notes_resolve_citations_through_the_same_look_up(nb):
    key = nb.sources.add(Source(kind="book", title="Cells", citekey="Cells1922")).value.key
    note = nb.notes.add("N", "[@cells1922, p. 3]").value
    [link], unresolved = nb.notes.links(note.key)
    assert link["exists"] and link["title"] == "Cells" and unresolved == []
    assert nb.notes.sources_cited_in([note.key])["sources"] == [key]
    nb.sources.delete(key)
    [link], unresolved = nb.notes.links(note.key)
    assert not link["exists"] and link["title"] == "Cells" and len(unresolved) == 1
    assert nb.notes.sources_cited_in([note.key])["sources"] == []
