"""Folio locators written for pandoc's citeproc (locators.pandoc_locator): the form that
stays one locator, measured with pandoc 2.17 and the Chicago notes styles."""

from __future__ import annotations

import pytest

from researchnb.locators import pandoc_citations, pandoc_locator


@pytest.mark.parametrize(("typed", "written"), [
    ("l. 12 ob.", "{fol. 12ob.}"),
    ("l. 12", "{fol. 12}"),
    ("ll. 12 ob.–13", "{fols. 12ob.–13}"),
    ("ll. 5-7", "{fols. 5–7}"),
    ("l. 5, 7 ob.", "{fols. 5, 7ob.}"),
    ("л. 12 об.", "{fol. 12ob.}"),
    ("f. 3v", "{fol. 3v}"),
    ("p. 45", "p. 45"),
    ("45–46", "45–46"),
    ("l. 3v, emphasis mine", "{fol. 3v}, emphasis mine"),
])
def test_a_folio_locator_becomes_one_braced_locator(typed, written):
    assert pandoc_locator(typed) == written


def test_every_citation_of_a_note_is_rewritten_and_nothing_else():
    text = ("As the presidium wrote [@tsgamo_415_16_312, l. 12 ob.], and [see @a, p. 4; "
            "@b, ll. 5-7]; @c [p. 3] and [a link](src:AB12) [@d].")
    assert pandoc_citations(text) == (
        "As the presidium wrote [@tsgamo_415_16_312, {fol. 12ob.}], and [see @a, p. 4; "
        "@b, {fols. 5–7}]; @c [p. 3] and [a link](src:AB12) [@d].")
    assert pandoc_citations("no citations, l. 12 ob.") == "no citations, l. 12 ob."
