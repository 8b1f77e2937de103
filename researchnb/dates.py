"""EDTF dates as historians write them: `1922-06`, `1921~`, `1920/1923`, `192X`."""

from __future__ import annotations

import calendar
import functools
import re
import time
from datetime import date

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from .domain import InvalidInput

# Plain calendar dates are most of what historians type; they are checked here directly,
# because the EDTF parser costs 6-35 ms a date (check and restore read thousands).
_PLAIN = re.compile(r"^([1-9]\d{3})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _plain_bounds(text: str) -> tuple[str, str] | None:
    m = _PLAIN.match(text)
    if m is None:
        return None
    year = int(m.group(1))
    if m.group(2) is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None                      # let the EDTF parser decide (and explain)
    if m.group(3) is None:
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    try:
        day = date(year, month, int(m.group(3))).isoformat()
    except ValueError:
        # The EDTF library accepts 29 February of any year; the calendar does not.
        raise InvalidInput(f"'{text}' is not a day of the calendar (no such day in that "
                           "month). Write EDTF, for example 1922-06-14 or 1922-06.") from None
    return day, day


@functools.lru_cache(maxsize=16384)
def date_bounds(text: str) -> tuple[str, str]:
    """Return the earliest and latest day (YYYY-MM-DD) an EDTF date can mean.

    An empty date is allowed and has no bounds. Anything else that is not valid EDTF raises
    InvalidInput with an example of what is accepted.
    """
    text = text.strip()
    if not text:
        return "", ""
    plain = _plain_bounds(text)
    if plain is not None:
        return plain
    try:
        parsed = parse_edtf(text)
        lower, upper = parsed.lower_strict(), parsed.upper_strict()
    except (EDTFParseException, ValueError, TypeError, AttributeError, OverflowError) as exc:
        raise InvalidInput(
            f"'{text}' is not a date researchnb understands. Write it as EDTF, for example "
            "1922-06-14, 1922-06, 1921~ (about 1921), 1931? (perhaps 1931), "
            "1920/1923 (between) or 192X (the 1920s)."
        ) from exc
    return time.strftime("%Y-%m-%d", lower), time.strftime("%Y-%m-%d", upper)


def validate(text: str) -> str:
    """Return the date stripped of spaces once it is known to be valid EDTF."""
    date_bounds(text)
    return text.strip()
