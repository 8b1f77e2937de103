"""An excerpt cites itself with its folio and is found by search (issue 11: show returns the
citation; excerpts searchable by quote, comment, translation and tags)."""

import pytest
from excerpts_corpus import PDF4, TOLSTOY, labelled_pdf_document, tolstoy_document

from researchnb.domain import Source


@pytest.fixture
def delo(nb, corpus):
    src = nb.sources.add(Source(kind="archival", title="Protocol of the AMO cell meeting",
                               archive="Central State Archive of the City of Moscow",
                               archive_abbr="TsGAMO", fond="415", opis="16", delo="312",
                               date="1922-06")).value
    return src, labelled_pdf_document(nb, corpus(PDF4), ["12", "12 ob.", "13", "13 ob."],
                                      src.key)


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


@pytest.mark.shared
def test_an_excerpt_is_found_by_its_quote_comment_translation_and_tags(nb, corpus):
    doc = tolstoy_document(nb, corpus(TOLSTOY))
    ex = nb.excerpts.add(doc, 2, quote="Получил ваш журнал Indian Opinion",
                        comment="о собраниях рабочих", translation="I received your journal",
                        tags=["theme/press"]).value
    other = nb.excerpts.add(doc, 1, quote="Трансваале").value

    def found(query):
        return {h["key"] for h in nb.search.query(query, kind="excerpt")["hits"]}

    assert ex.key in found("журнала")               # an inflected form of the quote
    assert ex.key in found("рабочие")               # the comment
    assert ex.key in found("received")              # the translation
    assert found("tag:theme") == {ex.key}           # the tag, parent included
    assert other.key in found("Трансвааль")
    nb.tags.rename("theme", "topic")
    assert found("tag:topic") == {ex.key}
    nb.excerpts.delete(ex.key)
    assert ex.key not in found("рабочие")
    nb.excerpts.restore(ex.key)
    assert ex.key in found("рабочие")
