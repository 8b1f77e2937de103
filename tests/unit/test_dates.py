"""EDTF dates: the quick path for plain dates agrees with the full EDTF parser."""

import time

import pytest
from edtf import parse_edtf

from researchnb.dates import date_bounds
from researchnb.domain import InvalidInput


@pytest.mark.parametrize("text", ["1922", "1922-06", "1922-02", "1924-02", "1900-02",
                                  "2000-02", "1922-06-14", "1924-02-29", "1000", "9999-12"])
def test_plain_dates_have_the_same_bounds_as_the_edtf_parser(text):
    parsed = parse_edtf(text)
    expected = (time.strftime("%Y-%m-%d", parsed.lower_strict()),
                time.strftime("%Y-%m-%d", parsed.upper_strict()))
    assert date_bounds(text) == expected


@pytest.mark.parametrize("text", ["1922-13", "1922-00", "1922-06-31", "1923-02-29",
                                  "1922-6", "22-06-1922", "June 1922"])
def test_impossible_plain_dates_are_refused(text):
    with pytest.raises(InvalidInput, match="EDTF"):
        date_bounds(text)


def test_uncertain_and_ranged_dates_still_go_through_edtf():
    assert date_bounds("1921~") == ("1921-01-01", "1921-12-31")
    assert date_bounds("1920/1923") == ("1920-01-01", "1923-12-31")
    assert date_bounds("192X") == ("1920-01-01", "1929-12-31")
