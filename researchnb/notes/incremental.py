"""Saving a long note re-reads only the lines that changed.

Every save rebuilds the note's rows in `links` from its body (backlinks are one query). For
a 10,000-line note that was 0.2 s of parsing and 0.1 s of rewriting 30,000 rows on every
autosave, while a historian typing changes one line. `link_edit` compares the new body with
the one saved last (kept by the caller, checked against the stored body), parses the changed
lines only and says which rows to delete, which to move and which to insert. The result is
exactly what parsing the whole body gives (tests/unit/test_notes_incremental.py).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from .links import ParsedLink, code_masked, parse_lines

LinkRow = tuple[str, str, str, str, int, str]   # to_kind, to_key, anchor, label, line, context


@dataclass(frozen=True)
class LinkState:
    """A body as last saved, its lines (plain and code-masked) and its link rows in order."""
    body: str
    lines: list[str]
    masked: list[str]
    rows: list[LinkRow]


@dataclass(frozen=True)
class LinkEdit:
    """Rows of lines 1..`first` stay; rows of old lines `first`+1..`old_last` go; rows after
    `old_last` move by `shift` lines; `rows` (lines `first`+1..) come in."""
    first: int
    old_last: int
    shift: int
    rows: list[LinkRow]


def link_rows(found: list[ParsedLink]) -> list[LinkRow]:
    return [(p.kind, p.target, p.anchor, p.label, p.line, p.context) for p in found]


def link_edit(before: LinkState | None, body: str) -> tuple[LinkState, LinkEdit | None]:
    """The new state of a body, and the edit that takes the rows of `before` to it (None:
    there is no usable `before`, so all rows are to be written anew)."""
    lines, masked = code_masked(body)
    if before is None:
        return LinkState(body, lines, masked, link_rows(parse_lines(lines, masked))), None
    old, old_masked = before.lines, before.masked
    most = min(len(old), len(lines))
    p = 0
    while p < most and old[p] == lines[p] and old_masked[p] == masked[p]:
        p += 1
    s = 0
    while (s < most - p and old[-1 - s] == lines[-1 - s]
           and old_masked[-1 - s] == masked[-1 - s]):
        s += 1
    old_last, new_last = len(old) - s, len(lines) - s
    shift = new_last - old_last
    middle = link_rows(parse_lines(lines[p:new_last], masked[p:new_last], p + 1))
    numbers = [r[4] for r in before.rows]
    keep = before.rows[:bisect_right(numbers, p)]
    after = before.rows[bisect_right(numbers, old_last):]
    if shift:
        after = [(a, b, c, d, line + shift, f) for a, b, c, d, line, f in after]
    state = LinkState(body, lines, masked, keep + middle + after)
    return state, LinkEdit(p, old_last, shift, middle)
