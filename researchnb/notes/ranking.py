"""How completion candidates are ordered and labelled in the notes editor (`[[`, `[@`).

What the historian types is matched against each candidate's name (a citekey, a title)
and its other words, in four tiers: the name starts with it, then a word of it starts with
it, then it occurs anywhere, then a fuzzy match (typing slips, OCR spellings). Typing
`dsi` puts `dsi1922` and `report_dsi` before `dosbom`. Plain text only: the editor's
completer (ui/notes/completer.py) shows what this returns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from rapidfuzz import fuzz, process, utils

T = TypeVar("T")
_WORD_START = re.compile(r"(?:^|[^\w]|_)(\w)", re.UNICODE)
FUZZY_CUTOFF = 50


def _words(text: str) -> list[str]:
    """The words of a name or title; `_`, `-`, `:` and digits-to-letters split citekeys
    (`tsgamo_415_16_312` has the words tsgamo, 415, 16, 312)."""
    return [w for w in re.split(r"[^\w]+|_", text.casefold()) if w]


def tier(typed: str, name: str, other: str = "") -> int | None:
    """0: the name starts with `typed`; 1: a word of the name or of `other` does;
    2: `typed` occurs in either; None: none of these (left to the fuzzy tier)."""
    t = typed.casefold().strip()
    n = name.casefold()
    if n.startswith(t):
        return 0
    if any(w.startswith(t) for w in _words(name) + _words(other)):
        return 1
    if t in n or t in other.casefold():
        return 2
    return None


def rank(typed: str, items: Sequence[T], name: Callable[[T], str],
         other: Callable[[T], str], limit: int = 20) -> list[T]:
    """`items` ordered by the four tiers (a stable order within the first three: shorter
    names first, then as given); with nothing typed, the first `limit` as given."""
    if not typed.strip():
        return list(items[:limit])
    tiers: list[list[tuple[int, int, T]]] = [[], [], []]
    rest: list[int] = []
    for i, item in enumerate(items):
        found = tier(typed, name(item), other(item))
        if found is None:
            rest.append(i)
        else:
            tiers[found].append((len(name(item)), i, item))
    out = [item for group in tiers for _, _, item in sorted(group, key=lambda x: x[:2])]
    if len(out) < limit and rest:
        texts = [f"{name(items[i])} {other(items[i])}" for i in rest]
        hits = process.extract(typed, texts, scorer=fuzz.WRatio, processor=utils.default_process,
                               limit=limit - len(out), score_cutoff=FUZZY_CUTOFF)
        out += [items[rest[j]] for _, _, j in hits]
    return out[:limit]


def shorten(text: str, limit: int = 48) -> str:
    """`text` on one line, cut at a word boundary with an ellipsis when longer than `limit`
    characters (a single word longer than that is cut inside it)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 3:
        cut = cut[:space]
    return cut.rstrip(" ,.;:–—-") + "…"
