"""A tag's list shows every kind of record it is on, and its count is that list's length
(issue 16, item 15: a tagged note was counted but not listed)."""

from excerpts_corpus import LETTERS, imported

from researchnb.domain import Source


def test_a_tag_lists_sources_documents_excerpts_and_notes_and_counts_them(nb, fixture_file):
    doc = imported(nb, fixture_file(LETTERS))
    src = nb.sources.add(Source(kind="book", title="Famine in the Volga")).value.key
    ex = nb.excerpts.add(doc, 2, quote="Red Dawn", tags=["theme/famine"]).value.key
    note = nb.notes.add("Hunger notes", "text", tags=["theme/famine"]).value.key
    nb.tags.add(src, ["theme/famine"])
    nb.tags.add(doc, ["theme"])
    listed = nb.tags.tagged("theme/famine")
    assert [(t.kind, t.key) for t in listed] == [("source", src), ("excerpt", ex),
                                                ("note", note)]
    counts = nb.tags.counts()
    assert counts["theme/famine"] == len(listed) == 3
    # A parent lists what is below it too, each record once.
    nb.tags.add(note, ["theme"])
    assert len(nb.tags.tagged("theme")) == nb.tags.counts()["theme"] == 4
    # Trash takes a record off both the list and the count.
    nb.notes.delete(note)
    nb.excerpts.delete(ex)
    assert [t.kind for t in nb.tags.tagged("theme")] == ["source", "document"]
    assert nb.tags.counts() == {"theme": 2, "theme/famine": 1}
    assert {t.name: t.count for t in nb.tags.all()} == {"theme": 1, "theme/famine": 1}
