"""Snippets cut from the ORIGINAL text (not the stemmed index), matched words in <mark>.

The index holds stems, which are no use to a reader, so for each hit shown the stored text
is scanned for words that begin like a matched term; each candidate is analysed on its own
(cached) and marked if it is a word the query matched (matching.py: its term, or a prefix
of its term or of the word itself). Everything outside the <mark> tags is HTML-escaped, so
a snippet is safe to show as rich text.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

from .analyzer import term_of_word, token_spans
from .matching import matches

WINDOW_CHARS = 240     # about 30 words
LEAD_CHARS = 60        # shown before the first match
# Lower-cased text folded letter for letter (same length), so offsets stay those of the text.
_LIGHT = (("ё", "е"), ("ѣ", "е"), ("і", "и"), ("ї", "и"), ("ѳ", "ф"), ("ѵ", "и"))

Mark = tuple[int, int, str]


@functools.lru_cache(maxsize=64)
def _pattern(exact: frozenset[str], prefixes: tuple[str, ...]) -> re.Pattern[str] | None:
    """Words that may carry a matched term: beginning with a stem (less its last letter,
    as English stems may end differently from the word: happi / happy) or a prefix."""
    heads = {t[:-1] if len(t) > 3 else t for t in exact if " " not in t} | set(prefixes)
    heads = {h for h in heads if h}
    if not heads:
        return None
    alts = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})[^\W_]*")


def find_marks(text: str, exact: frozenset[str], prefixes: tuple[str, ...]) -> list[Mark]:
    """(start, end, term) of every matched word of `text`, in order."""
    low = text.lower()
    if len(low) != len(text):          # rare letters whose lower case is longer: slow path
        return [s for s in token_spans(text) if matches(text[s[0]:s[1]], s[2], exact, prefixes)]
    pattern = _pattern(exact, prefixes)
    if pattern is None:
        return []
    if not low.isascii():
        for old, new in _LIGHT:
            if old in low:
                low = low.replace(old, new)
    marks = []
    for m in pattern.finditer(low):
        word = text[m.start():m.end()]
        term = term_of_word(word)
        if matches(word, term, exact, prefixes):
            marks.append((m.start(), m.end(), term))
    return marks


def best(texts: Iterable[str], exact: Iterable[str], prefixes: Iterable[str]) -> str:
    """A snippet from whichever text has the most distinct matched terms (else the first)."""
    ex, pre = frozenset(exact), tuple(sorted(prefixes))
    chosen: tuple[str, list[Mark]] | None = None
    score = -1
    for text in texts:
        if not text:
            continue
        marks = find_marks(text, ex, pre)
        n = len({m[2] for m in marks})
        if n > score:
            chosen, score = (text, marks), n
    return "" if chosen is None else cut(*chosen)


def cut(text: str, marks: list[Mark]) -> str:
    """About WINDOW_CHARS of text around the densest run of matches, marks wrapped."""
    if not marks:
        begin, end = 0, min(len(text), WINDOW_CHARS)
        first = None
    else:
        best_i, best_n, j = 0, -1, 0
        for i, m in enumerate(marks):
            while j < len(marks) and marks[j][0] < m[0] + WINDOW_CHARS - LEAD_CHARS:
                j += 1
            n = len({x[2] for x in marks[i:j]})
            if n > best_n:
                best_i, best_n = i, n
        first = marks[best_i]
        begin = max(0, first[0] - LEAD_CHARS)
        if begin > 0:
            space = text.find(" ", begin, first[0])
            begin = space + 1 if space != -1 else first[0]
        end = min(len(text), begin + WINDOW_CHARS)
    if end < len(text):
        space = text.rfind(" ", first[1] if first else begin, end)
        if space > begin:
            end = space
        if first is not None:
            end = max(end, first[1])
    out, pos = [], begin
    for s, e, _ in marks:
        if s >= begin and e <= end:
            out.append(html.escape(text[pos:s]))
            out.append(f"<mark>{html.escape(text[s:e])}</mark>")
            pos = e
    out.append(html.escape(text[pos:end]))
    body = " ".join("".join(out).split())
    return ("…" if begin > 0 else "") + body + ("…" if end < len(text) else "")
