"""Finding a quoted passage on its page(s), the way a historian would recognise it.

A quote copied from a PDF viewer, retyped from a photo or kept from before an OCR correction
rarely equals the stored page text character for character: lines break elsewhere, a word is
hyphenated at a line end, `ﬁ` is one ligature glyph, `ё` is written `е`, quotation marks and
dashes differ, the first letter is lower-cased in a sentence, the document keeps the spelling
of before 1918 (`хлѣба`, `домъ`) or stress marks. Both the page and the quote are
therefore *folded* the same way, with every folded character remembering the span of the
original text it came from, so a match in folded text maps back to exact page offsets.

Pure Python: no SQL, no Qt. Offsets are Python string indices (code points).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# Invisible characters that OCR and PDF text layers scatter about.
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# Characters that hyphenate a word at a line end (¬ and ⸗ in transcriptions of old print).
_HYPHENS = frozenset("-\u2010\u2011\u00ac\u2e17")
_DASHES = frozenset("\u2012\u2013\u2014\u2015\u2212")
_LINE_BREAKS = frozenset("\n\r\u2028\u2029\x0b\x0c\x85")
_QUOTES = {"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"',
           "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'"}
# Pre-1918 Russian spelling, so a quote typed in modern spelling finds `хлѣба` or `міръ`.
_OLD_LETTERS = {"ѣ": "е", "і": "и", "ѳ": "ф", "ѵ": "и"}
# Stress marks in Russian transcriptions (писа́л) are not part of the words.
_STRESS = frozenset("\u0300\u0301")
# Joins pages when a passage runs from one page to the next: folded like a line break.
PAGE_SEPARATOR = "\n"


@dataclass(frozen=True)
class Folded:
    """Folded text and, for each of its characters, the original span [start, end)."""
    text: str
    starts: list[int]
    ends: list[int]


@dataclass(frozen=True)
class Match:
    """Where a passage lies: from (page_start, char_start) to (page_end, char_end).

    `char_start` is an offset in page_start's text, `char_end` (exclusive) in page_end's.
    """
    page_start: int
    char_start: int
    page_end: int
    char_end: int


def _clusters(text: str) -> list[tuple[int, int]]:
    """A base character with the combining marks after it (е + U+0308 is one ё)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        out.append((i, j))
        i = j
    return out


@lru_cache(maxsize=4096)
def _fold_cluster(cluster: str) -> str:
    if len(cluster) > 1 and "\u0400" <= cluster[0] <= "\u04ff":
        cluster = cluster[0] + "".join(ch for ch in cluster[1:] if ch not in _STRESS)
    folded = unicodedata.normalize("NFKC", cluster).casefold()
    folded = folded.replace("ё", "е")
    return "".join(_QUOTES.get(ch) or _OLD_LETTERS.get(ch) or ("-" if ch in _DASHES else ch)
                   for ch in folded)


def fold(text: str) -> Folded:
    """Fold text for matching, keeping the way back to the original offsets.

    Runs of whitespace become one space; a hyphen between letters disappears together with
    a line break after it (`infor-\\nmation`, `well-known` and `wellknown` all fold alike);
    invisible characters vanish; ligatures open up (NFKC), case is folded, ё becomes е, the
    pre-1918 letters become their modern ones (ѣ е, і и, ѳ ф, ѵ и, a word-final ъ goes),
    Russian stress marks go, typographic quotes and dashes become plain ones.
    """
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    clusters = _clusters(text)
    k, n = 0, len(clusters)
    while k < n:
        s, e = clusters[k]
        base = text[s]
        if base in _DROPPED or (base in "ъЪ" and chars and chars[-1].isalpha() and (
                k + 1 == n or not text[clusters[k + 1][0]].isalpha())):
            # Invisible characters, and the hard sign that ended words before 1918 (домъ):
            # not matched, but part of the letter before them, so a passage includes them.
            if chars and not chars[-1].isspace():
                ends[-1] = e
            k += 1
            continue
        if base.isspace():
            m = k
            while m < n and (text[clusters[m][0]].isspace() or text[clusters[m][0]] in _DROPPED):
                m += 1
            chars.append(" ")
            starts.append(s)
            ends.append(clusters[m - 1][1])
            k = m
            continue
        if (base in _HYPHENS or base in _DASHES) and chars and chars[-1].isalpha():
            m, newline = k + 1, False
            while m < n and (text[clusters[m][0]].isspace() or text[clusters[m][0]] in _DROPPED):
                newline = newline or text[clusters[m][0]] in _LINE_BREAKS
                m += 1
            if m < n and text[clusters[m][0]].isalpha():
                nxt = text[clusters[m][0]]
                if m == k + 1 or newline or (base in _HYPHENS and nxt.islower()):
                    k = m
                    continue
        for ch in _fold_cluster(text[s:e]):
            chars.append(ch)
            starts.append(s)
            ends.append(e)
        k += 1
    return Folded("".join(chars), starts, ends)


def fold_quote(quote: str) -> str:
    """The folded form of a quote, as it is looked for (no space at either end)."""
    return fold(quote).text.strip()


# A line holding nothing but a page or folio number: `12`, `- 12 -`, `xiv`, `12 ob.`.
_NUMBER_LINE = re.compile(r"[\s\-–—]*(\d{1,4}|[ivxlcdm]{1,7})(\s*(ob|об|v|r)\.?)?[\s\-–—.]*",
                          re.IGNORECASE)


def _blank_page_number(text: str, *, head: bool, tail: bool) -> str:
    """The page text with a page-number line at its end (`tail`) or start (`head`) turned
    into spaces of the same length, so offsets do not move."""
    if tail:
        cut = text.rstrip().rfind("\n") + 1
        if cut > 0 and _NUMBER_LINE.fullmatch(text[cut:]):
            text = text[:cut] + " " * (len(text) - cut)
    if head:
        stripped = len(text) - len(text.lstrip())
        nl = text.find("\n", stripped)
        if nl > 0 and _NUMBER_LINE.fullmatch(text[:nl]):
            text = " " * nl + text[nl:]
    return text


class _Composite:
    """Several pages joined into one text, with the way back to (page, offset)."""

    def __init__(self, pages: Sequence[tuple[int, str]]) -> None:
        self.numbers = [number for number, _ in pages]
        self.offsets: list[int] = []
        parts = []
        pos = 0
        for _, text in pages:
            self.offsets.append(pos)
            parts.append(text)
            pos += len(text) + len(PAGE_SEPARATOR)
        self.text = PAGE_SEPARATOR.join(parts)
        self.lengths = [len(t) for _, t in pages]
        # What is matched: the same text (same offsets) with the printed page numbers at
        # each page break blanked, since nobody quotes them with a passage that runs on.
        blanked = [_blank_page_number(t, head=i > 0, tail=i < len(parts) - 1)
                   for i, t in enumerate(parts)]
        self.match_text = PAGE_SEPARATOR.join(blanked)

    def locate(self, pos: int) -> tuple[int, int]:
        """Composite offset -> (page number, offset in that page)."""
        idx = 0
        for i, start in enumerate(self.offsets):
            if start <= pos:
                idx = i
        return self.numbers[idx], min(pos - self.offsets[idx], self.lengths[idx])

    def absolute(self, page: int, offset: int) -> int:
        return self.offsets[self.numbers.index(page)] + offset


class Haystack:
    """Consecutive pages folded once, to look for many quotes in them (re-anchoring)."""

    def __init__(self, pages: Sequence[tuple[int, str]]) -> None:
        self.pages = list(pages)
        self._comp = _Composite(self.pages)
        self._folded = fold(self._comp.match_text)

    def find(self, quote: str) -> list[Match]:
        """Every place the quote occurs, in page order (overlapping places included)."""
        needle = fold_quote(quote)
        if not needle:
            return []
        hay, comp = self._folded, self._comp
        found = []
        i = hay.text.find(needle)
        while i >= 0:
            ps, cs = comp.locate(hay.starts[i])
            pe, ce = comp.locate(hay.ends[i + len(needle) - 1] - 1)
            found.append(Match(ps, cs, pe, ce + 1))
            i = hay.text.find(needle, i + 1)
        return found


def find_all(quote: str, pages: Sequence[tuple[int, str]]) -> list[Match]:
    """Every place the quote occurs in these consecutive pages, in page order.

    `pages` is [(page number, text), …]. An empty result means the passage is not there;
    more than one means it is ambiguous and the caller must choose or refuse.
    """
    if not fold_quote(quote):
        return []
    return Haystack(pages).find(quote)


def slice_text(pages: Sequence[tuple[int, str]], match: Match) -> str:
    """The original text of a passage (page breaks as a line break)."""
    comp = _Composite(pages)
    return comp.text[comp.absolute(match.page_start, match.char_start):
                     comp.absolute(match.page_end, match.char_end)]


def passage(pages: Sequence[tuple[int, str]], match: Match) -> str:
    """The passage as its quote is stored: `clean_quote` of its text, without the printed
    page numbers at the page breaks it runs over."""
    comp = _Composite(pages)
    return clean_quote(comp.match_text[comp.absolute(match.page_start, match.char_start):
                                       comp.absolute(match.page_end, match.char_end)])


def clean_quote(raw: str) -> str:
    """A passage as a historian would quote it: layout line breaks and line-end hyphens gone.

    `strongly devel-\\noped` -> `strongly developed`; the letters themselves (ё, ligatures,
    capitals) stay exactly as on the page.
    """
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch in _DROPPED:
            i += 1
            continue
        if ch.isspace():
            while i < n and (raw[i].isspace() or raw[i] in _DROPPED):
                i += 1
            out.append(" ")
            continue
        if ch in _HYPHENS and out and out[-1].isalpha():
            j, newline = i + 1, False
            while j < n and (raw[j].isspace() or raw[j] in _DROPPED):
                newline = newline or raw[j] in _LINE_BREAKS
                j += 1
            if newline and j < n and raw[j].isalpha():
                i = j
                continue
        out.append(ch)
        i += 1
    return "".join(out).strip()


def context(pages: Sequence[tuple[int, str]], match: Match, width: int = 30) -> str:
    """A few words either side of a passage, on one line, to tell two places apart."""
    comp = _Composite(pages)
    a = comp.absolute(match.page_start, match.char_start)
    b = comp.absolute(match.page_end, match.char_end)
    before = " ".join(comp.text[max(0, a - width):a].split())
    after = " ".join(comp.text[b:b + width].split())
    inner = " ".join(comp.text[a:b].split())
    if len(inner) > 2 * width:
        inner = inner[:width] + " … " + inner[-width:]
    return f"…{before} [{inner}] {after}…"


def nearest(matches: Sequence[Match], pages: Sequence[tuple[int, str]], page: int,
            offset: int) -> Match:
    """Of several places, the one closest to where the passage was before an edit."""
    comp = _Composite(pages)
    numbers = comp.numbers
    if page not in numbers:
        page, offset = numbers[0], 0
    old = comp.absolute(page, min(offset, comp.lengths[numbers.index(page)]))
    return min(matches, key=lambda m: abs(comp.absolute(m.page_start, m.char_start) - old))
