"""The analyzer: one function that turns text into index terms, at index AND query time.

Russian is heavily inflected and FTS5's own tokenizers do not stem it, so the notebook feeds
FTS5 a stream of Snowball stems made here (DESIGN.md section 6). The steps:

1. Unicode NFKC (ligatures, full-width forms, composed letters), case folding.
2. ё→е (most printed Russian omits the dots) and pre-reform letters folded to modern
   spelling (ѣ→е, і→и, ѳ→ф, ѵ→и, a word-final ъ dropped), so `вѣра` finds `вера`.
   Stress marks (combining acute/grave left after NFKC) are removed.
3. Tokens are runs of letters and digits (Unicode word characters without `_`).
4. Each token is stemmed by its script: the Russian Snowball stemmer for Cyrillic, the
   English one for Latin; tokens in other scripts are kept folded.

`ANALYZER_VERSION` is stored in the notebook with the index; change it whenever the output
of `analyze` can change for some text, and every notebook is reindexed when next opened.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer

ANALYZER_VERSION = "1"

# (str.translate with a table is ten times slower than these replaces on mostly-clean text.)
_FOLD = (("ё", "е"), ("ѣ", "е"), ("і", "и"), ("ї", "и"), ("ѳ", "ф"), ("ѵ", "и"),
         ("\u0301", ""), ("\u0300", ""),   # stress marks
         ("\u00ad", ""))                    # soft hyphen (OCR and justified text)
_TOKEN = re.compile(r"[^\W_]+")
_FINAL_HARD_SIGN = re.compile(r"(?<=[а-яе])ъ\b")

_MAX_CACHE = 200_000


class _Stemmers(threading.local):
    """PyStemmer objects are not safe to share between threads: one set per thread."""

    def __init__(self) -> None:
        self.russian = Stemmer.Stemmer("russian")
        self.english = Stemmer.Stemmer("english")
        self.cache: dict[str, str] = {}
        self.words: dict[str, str] = {}


_local = _Stemmers()


def fold(text: str) -> str:
    """Normalise case and spelling without stemming (steps 1–2 above)."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():
        for old, new in _FOLD:
            if old in text:
                text = text.replace(old, new)
    if "ъ" in text:
        text = _FINAL_HARD_SIGN.sub("", text)
    return text


def script_of(token: str) -> str:
    """'cyrillic', 'latin' or 'other', by the majority of the token's letters."""
    cyr = lat = 0
    for ch in token:
        o = ord(ch)
        if 0x0400 <= o <= 0x052F:
            cyr += 1
        elif ch.isalpha() and o < 0x0250:
            lat += 1
    if cyr == 0 and lat == 0:
        return "other"
    return "cyrillic" if cyr >= lat else "latin"


def stem(token: str) -> str:
    """The stem of one already folded token (cached: Zipf's law makes most lookups hits)."""
    cache = _local.cache
    found = cache.get(token)
    if found is not None:
        return found
    script = script_of(token)
    if script == "cyrillic":
        result = _local.russian.stemWord(token)
    elif script == "latin":
        result = _local.english.stemWord(token)
    else:
        result = token
    if len(cache) >= _MAX_CACHE:
        cache.clear()
    cache[token] = result or token
    return cache[token]


def tokens(text: str) -> list[str]:
    """Folded tokens of a text, in order, unstemmed."""
    return _TOKEN.findall(fold(text))


def terms(text: str) -> list[str]:
    """Index terms (stems) of a text, in order."""
    toks = _TOKEN.findall(fold(text))
    cached = list(map(_local.cache.get, toks))      # most words were seen before
    return [found if found is not None else stem(tok)
            for found, tok in zip(cached, toks, strict=True)]


def analyze(text: object) -> str:
    """The stemmed stream FTS5 stores: terms separated by single spaces.

    Registered as the SQL function `rnb_analyze(text)`, so triggers index every write.
    NULL and non-text values give an empty stream.
    """
    if not isinstance(text, str) or not text:
        return ""
    return " ".join(terms(text))


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, term) for each word of the ORIGINAL text, for marking snippets.

    Words are found in the original so offsets point into it; each is analysed on its own,
    which gives the same term as analysing the whole text for all but exotic input.
    """
    spans = []
    for m in _WORD_IN_ORIGINAL.finditer(text):
        term = term_of_word(m.group())
        if term:
            spans.append((m.start(), m.end(), term))
    return spans


def term_of_word(word: str) -> str:
    """The term of one word of original text (cached); '' for punctuation."""
    words = _local.words
    term = words.get(word)
    if term is None:
        term = " ".join(terms(word))
        if len(words) >= _MAX_CACHE:
            words.clear()
        words[word] = term
    return term


# Words in unnormalised text may carry stress marks or soft hyphens inside them.
_WORD_IN_ORIGINAL = re.compile(r"[^\W_](?:[^\W_]|[\u0300\u0301\u00ad])*")
