"""EDTF dates as historians write them: `1922-06`, `1921~`, `1920/1923`, `192X`."""

from __future__ import annotations

import functools
import time

from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException

from .domain import InvalidInput


@functools.lru_cache(maxsize=16384)   # EDTF parsing costs ~35 ms; dates repeat a lot
def date_bounds(text: str) -> tuple[str, str]:
    """Return the earliest and latest day (YYYY-MM-DD) an EDTF date can mean.

    An empty date is allowed and has no bounds. Anything else that is not valid EDTF raises
    InvalidInput with an example of what is accepted.
    """
    text = text.strip()
    if not text:
        return "", ""
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
