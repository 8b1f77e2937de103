"""An excerpt cites itself with its folio and is found by search (issue 11: show returns the
citation; excerpts searchable by quote, comment, translation and tags)."""

import pytest
from excerpts_corpus import LETTERS, PROTOKOL, imported

from researchnb.domain import Source


@pytest.fixture
def delo(nb, fixture_file):
    """The minutes PDF, whose own page labels are the folios 12, 12 ob. and 13."""
    src = nb.sources.add(Source(kind="archival", title="Protocol of the AMO cell meeting",
                               archive="Central State Archive of the City of Moscow",
                               archive_abbr="TsGAMO", fond="415", opis="16", delo="312",
                               date="1922-06")).value
    result = nb.documents.import_files([fixture_file(PROTOKOL)], source_key=src.key).value
    assert not result.failed, result.failed
    return src, result.imported[0].document


def test_show_gives_the_source_citation_with_the_excerpt_folios(nb, delo):
    src, doc = delo
    ex = nb.excerpts.add(doc, 2, start=0, page_end=3, end=12).value
    details = nb.excerpts.details(ex.key)
    assert details["source"] == src.key
    assert details["pages"] == [{"number": 2, "label": "12 ob."}, {"number": 3, "label": "13"}]
    chicago = details["citation"]
    assert "Protocol of the AMO cell meeting" in chicago and "f. 415, op. 16, d. 312" in chicago
    assert "ll. 12ob.–13" in chicago          # the Russian convention's verso mark
    russian = nb.excerpts.details(ex.key, style="russian")["citation"]
    assert russian == "TsGAMO, f. 415, op. 16, d. 312, ll. 12ob.–13"
    gost = nb.excerpts.details(ex.key, style="gost")["citation"]
    assert gost.endswith("Л. 12 об.–13.")
    # A locator typed by hand is the one cited.
    nb.excerpts.edit(ex.key, {"locator": "l. 13"})
    assert nb.excerpts.details(ex.key, style="russian")["citation"].endswith("l. 13")


def test_an_excerpt_is_found_by_its_quote_comment_translation_and_tags(nb, fixture_file):
    doc = imported(nb, fixture_file(LETTERS))
    ex = nb.excerpts.add(doc, 2, quote="Инструктор показывал английский журнал Red Dawn",
                        comment="о собраниях рабочих",
                        translation="The instructor showed a journal",
                        tags=["theme/press"]).value
    other = nb.excerpts.add(doc, 1, quote="коптилке").value

    def found(query):
        return {h["key"] for h in nb.search.query(query, kind="excerpt")["hits"]}

    assert ex.key in found("журнала")               # an inflected form of the quote
    assert ex.key in found("рабочие")               # the comment
    assert ex.key in found("instructor")              # the translation
    assert found("tag:theme") == {ex.key}           # the tag, parent included
    assert other.key in found("коптилка")
    nb.tags.rename("theme", "topic")
    assert found("tag:topic") == {ex.key}
    nb.excerpts.delete(ex.key)
    assert ex.key not in found("рабочие")
    nb.excerpts.restore(ex.key)
    assert ex.key in found("рабочие")
