"""Snippets cut from the ORIGINAL text (not the stemmed index), matched words in <mark>.

The index holds stems, which are no use to a reader, so for each hit shown the words of the
stored text are analysed one by one and those whose term the query matched are marked.
Everything outside the <mark> tags is HTML-escaped, so a snippet is safe to show as rich text.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from .analyzer import token_spans

WINDOW_WORDS = 30     # words in a snippet
LEAD_WORDS = 5        # words shown before the first match
MAX_CHARS = 320


def is_match(term: str, exact: set[str], prefixes: Sequence[str]) -> bool:
    return term in exact or any(term.startswith(p) for p in prefixes)


def _marks(text: str, exact: set[str], prefixes: Sequence[str]
           ) -> tuple[list[tuple[int, int, str]], list[int]]:
    spans = token_spans(text)
    return spans, [i for i, s in enumerate(spans) if is_match(s[2], exact, prefixes)]


def best(texts: Iterable[str], exact: set[str], prefixes: Iterable[str]) -> str:
    """A snippet from whichever text has the most matched words (the first if none has)."""
    prefixes = tuple(prefixes)
    chosen: tuple[str, list[tuple[int, int, str]], list[int]] | None = None
    for text in texts:
        if not text:
            continue
        spans, marks = _marks(text, exact, prefixes)
        if chosen is None or len(set(spans[i][2] for i in marks)) > \
                len(set(chosen[1][i][2] for i in chosen[2])):
            chosen = (text, spans, marks)
    if chosen is None:
        return ""
    return cut(*chosen)


def cut(text: str, spans: list[tuple[int, int, str]], marks: list[int]) -> str:
    """The window of WINDOW_WORDS words holding the most distinct matched terms."""
    if not spans:
        return html.escape(_clip(text.strip(), MAX_CHARS))
    start_word = 0
    if marks:
        best_count, best_first = -1, marks[0]
        j = 0
        for i, m in enumerate(marks):
            while j < len(marks) and marks[j] < m + WINDOW_WORDS:
                j += 1
            count = len({spans[k][2] for k in marks[i:j]})
            if count > best_count:
                best_count, best_first = count, m
        start_word = max(0, best_first - LEAD_WORDS)
    end_word = min(len(spans), start_word + WINDOW_WORDS) - 1
    begin = 0 if start_word == 0 else spans[start_word][0]
    end = len(text) if end_word == len(spans) - 1 else spans[end_word][1]
    if end - begin > MAX_CHARS:      # very long words (or none at all): cut by characters
        end = max(begin + MAX_CHARS, spans[marks[0]][1] if marks else 0)
        end = min(end, len(text))
    marked = [spans[i] for i in marks if begin <= spans[i][0] and spans[i][1] <= end]
    out, pos = [], begin
    for s, e, _ in marked:
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    body = " ".join("".join(out).split())
    return ("…" if begin > 0 else "") + body + ("…" if end < len(text) else "")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n].rstrip() + "…"
