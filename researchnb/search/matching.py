"""Which words of a text a query matched: the one rule behind a snippet's marks (snippets.py)
and the marks on a hit opened in the viewer or the note editor (ui/search/marking.py).

A word of original text matches when
- its term (its stem, analyzer.py) is one the query searched for: the query's own words,
  and for snippets also the indexed words its fuzzy terms stood for;
- its term OR its folded surface form starts with one of the query's prefixes, as the index
  finds both (`electin*` marks `electing`, whose stem `elect` is shorter than the prefix);
- its term is within a fuzzy term's edit allowance (`VICKSBURG~` marks `VICKSBUEG` and
  `Vicksbnrg`), measured as SearchEngine.near_terms measures it (`FUZZY_DISTANCE`).

No Qt here: the UI asks `QueryWords.of(query).spans(text)`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from . import query as q
from .analyzer import folded_word, token_spans

# Optimal string alignment: an edit is an insertion, deletion, substitution or a swap of
# two neighbouring letters (the engine's fuzzy expansion uses the same measure).
FUZZY_DISTANCE = OSA.distance


def matches(word: str, term: str, exact: Collection[str], prefixes: Sequence[str],
            fuzzy: Iterable[tuple[str, int]] = ()) -> bool:
    """Whether one word of original text (`term` its analyzer term) is a word the query
    matched (the rules above)."""
    if not term:
        return False
    if term in exact:
        return True
    if prefixes:
        if any(term.startswith(p) for p in prefixes):
            return True
        surface = folded_word(word)
        if any(surface.startswith(p) for p in prefixes):
            return True
    return any(FUZZY_DISTANCE(term, t, score_cutoff=edits) <= edits for t, edits in fuzzy)


@dataclass(frozen=True)
class QueryWords:
    """What a query text marks: its stems, prefixes and fuzzy terms (NOT-ed words left out),
    read as the search panel runs it: plain words as typed, the last one also a prefix."""
    exact: frozenset[str]
    prefixes: tuple[str, ...]
    fuzzy: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, text: str) -> QueryWords:
        parsed = q.parse(text, typeahead=not q.uses_syntax(text))
        return cls(frozenset(parsed.exact), tuple(sorted(parsed.prefixes)),
                   tuple(sorted(parsed.fuzzy)))

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.fuzzy)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) in `text` of every word the query matched, in order."""
        if not self or not text:
            return []
        return [(s, e) for s, e, term in token_spans(text)
                if matches(text[s:e], term, self.exact, self.prefixes, self.fuzzy)]
