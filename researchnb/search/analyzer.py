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
5. After the stems, the stream holds, once each and followed by `SURFACE_MARK`
   (`electing·`), the folded words that a prefix query could not find through their stem:
   `electin*` is looked up as `"electin" *` (query.py, `prefix_forms`), which matches no
   stem of `electing` (`elect`) but does match `electing·`; as `голодающ*` finds
   `голодающим` (stem `голода`). Most words need no such entry: `рабочи*` is also looked
   up by its own stem `рабоч`, which finds `рабочих`; `needs_surface` tells them apart
   by trying every prefix of the word past its stem. The mark is no letter or digit, so no
   query term (always analyzer output) equals a surface word, and the words come after
   the stems, so phrases and NEAR are untouched.

`ANALYZER_VERSION` is stored in the notebook with the index; change it whenever the output
of `analyze` can change for some text, and every notebook is reindexed when next opened.
"""

from __future__ import annotations

import re
import threading
import unicodedata

import Stemmer

ANALYZER_VERSION = "2"     # 2: surface words after the stems

# (str.translate with a table is ten times slower than these replaces on mostly-clean text.)
_FOLD = (("ё", "е"), ("ѣ", "е"), ("і", "и"), ("ї", "и"), ("ѳ", "ф"), ("ѵ", "и"),
         ("\u0301", ""), ("\u0300", ""),   # stress marks
         ("\u00ad", ""))                    # soft hyphen (OCR and justified text)
_TOKEN = re.compile(r"[^\W_]+")
SURFACE_MARK = "\u00b7"    # MIDDLE DOT: FTS5's `ascii` tokenizer keeps it inside a token
_FINAL_HARD_SIGN = re.compile(r"(?<=[а-яе])ъ\b")

_MAX_CACHE = 200_000


class _Stemmers(threading.local):
    """PyStemmer objects are not safe to share between threads: one set per thread."""

    def __init__(self) -> None:
        self.russian = Stemmer.Stemmer("russian")
        self.english = Stemmer.Stemmer("english")
        self.cache: dict[str, str] = {}
        self.words: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.judged: set[str] = set()     # words needs_surface was asked about
        self.needing: set[str] = set()    # those of them that need a surface entry
        self.lines: dict[str, tuple[str, list[str]]] = {}


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


_ALL_CYRILLIC = re.compile(r"[\u0400-\u052F]+")


def script_of(token: str) -> str:
    """'cyrillic', 'latin' or 'other', by the majority of the token's letters."""
    if token.isascii():             # letters and digits only: Latin unless all digits
        return "other" if token.isdigit() or not token else "latin"
    if _ALL_CYRILLIC.fullmatch(token):
        return "cyrillic"
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
    """The stream FTS5 stores: the stems in order, then the surface words (step 5), all
    separated by single spaces.

    Registered as the SQL function `rnb_analyze(text)`, so triggers index every write.
    NULL and non-text values give an empty stream.
    """
    if not isinstance(text, str) or not text:
        return ""
    if len(text) >= BY_LINES_FROM and "\n" in text:
        return _by_lines(text)
    return _analyze(text)


def _analyze(text: str) -> str:
    """`analyze` of one text at once."""
    toks = _TOKEN.findall(fold(text))
    cached = list(map(_local.cache.get, toks))
    stems = [found if found is not None else stem(tok)
             for found, tok in zip(cached, toks, strict=True)]
    stream = " ".join(stems)
    # Set operations, not a loop over the words: few words need an entry (about one in
    # seven distinct words) and each word is judged once per thread.
    judged, needing = _local.judged, _local.needing
    if not judged.issuperset(toks):
        new = set(toks).difference(judged)
        if len(judged) + len(new) > _MAX_CACHE:
            judged.clear()
            needing.clear()
        judged.update(new)
        needing.update(w for w in new if needs_surface(w))
    hits = needing.intersection(toks)
    if not hits:
        return stream
    surface = sorted(hits, key=toks.index)      # in the order of the text
    return stream + " " + (SURFACE_MARK + " ").join(surface) + SURFACE_MARK


def prefix_forms(prefix: str) -> list[str]:
    """What a folded prefix is looked up as, each form as the start of an index term: the
    prefix itself (stems, and the surface words of step 5), and its stem when usable
    (`prefix_stem`). A form that starts with another adds nothing."""
    stemmed = prefix_stem(prefix)
    if stemmed is None or stemmed.startswith(prefix):
        return [prefix]
    return [stemmed] if prefix.startswith(stemmed) else [prefix, stemmed]


def prefix_stem(prefix: str) -> str | None:
    """The stem of a folded prefix, when a prefix query also looks for it: `рабочих*` must
    find `рабочие`, whose term is `рабоч`. A stem much shorter than the prefix (`воен` →
    `во`) would match half the language, so it is used only when it keeps all but three
    letters, and at least three."""
    if not prefix:
        return None
    stemmed = stem(prefix)
    return stemmed if stemmed != prefix and len(stemmed) >= max(3, len(prefix) - 3) else None


def needs_surface(word: str) -> bool:
    """Whether some prefix of a folded word would not find it through its stem, so the
    index must hold the word itself (step 5): `electing` (`electin*`), not `рабочих`.
    A prefix longer than the part the word shares with its stem finds it only through the
    prefix's own stem (`prefix_forms`)."""
    term = stem(word)
    if term == word:
        return False
    if len(word) - 3 > len(term):
        return True         # the word as its own prefix: its stem is too short to be used
    same = 0
    while same < min(len(term), len(word)) and term[same] == word[same]:
        same += 1
    for k in range(same + 1, len(word) + 1):
        stemmed = prefix_stem(word[:k])
        if stemmed is None or not term.startswith(stemmed):
            return True
    return False


# A long text (a 10,000-line note saved as it is typed) is analysed line by line, each line
# remembered: no word spans lines, so the stream is the same, and a save that changed one
# line analyses one line (notes helper, issue 16; tests/unit/test_notes_save.py).
BY_LINES_FROM = 20_000


def _by_lines(text: str) -> str:
    memo = _local.lines
    stems: list[str] = []
    surface: dict[str, None] = {}
    for line in text.split("\n"):
        got = memo.get(line)
        if got is None:
            found = _analyze(line).split()
            got = (" ".join(t for t in found if not is_surface(t)),
                   [t for t in found if is_surface(t)])
            if len(memo) >= _MAX_CACHE // 4:
                memo.clear()
            memo[line] = got
        if got[0]:
            stems.append(got[0])
        surface.update(dict.fromkeys(got[1]))
    stream = " ".join(stems)
    return stream + " " + " ".join(surface) if surface else stream


def is_surface(term: str) -> bool:
    """Whether an indexed term is a surface word (step 5), not a stem."""
    return term.endswith(SURFACE_MARK)


def folded_word(word: str) -> str:
    """One word of original text folded as the index folds it (cached); '' for punctuation."""
    found = _local.folded.get(word)
    if found is None:
        found = " ".join(tokens(word))
        if len(_local.folded) >= _MAX_CACHE:
            _local.folded.clear()
        _local.folded[word] = found
    return found


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
