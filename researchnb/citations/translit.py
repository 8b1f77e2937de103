"""Library of Congress (ALA-LC) romanization of Cyrillic.

Two uses. Citekeys (`transliterate(text)`): plain ASCII, without the ligature ties and
primes of the full table, soft and hard signs dropped, because readers type keys by hand.
Citations (`transliterate(text, primes=True)`): the soft sign is written ʹ and the hard sign
ʺ, as ALA-LC and the Russian-history journals write them (`Mosgorispolkomʹ`); the other
letters as in the key form (no diacritics on й, ё, э).
"""

from __future__ import annotations

import unicodedata

_LOWER = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia",
    # Ukrainian, Belarusian and pre-1918 Russian letters that appear in archival titles.
    "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ѣ": "ie", "ѳ": "f", "ѵ": "y",
}
_PRIMES = {"ь": "\u02b9", "ъ": "\u02ba"}


def transliterate(text: str, *, primes: bool = False) -> str:
    """Romanize Cyrillic letters; other letters lose their accents (`Türkmen` -> `Turkmen`).

    An upper-case Cyrillic letter gives a capitalised group (`Щ` -> `Shch`), so all-caps
    abbreviations come out as archivists write them: `ЦГАМО` -> `TsGAMO`. With `primes`,
    ь and ъ become ʹ and ʺ (ALA-LC) instead of being dropped.
    """
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if primes and low in _PRIMES:
            out.append(_PRIMES[low])
        elif low in _LOWER:
            roman = _LOWER[low]
            out.append(roman[:1].upper() + roman[1:] if ch != low else roman)
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


# Latin capitals of an archive abbreviation back to Cyrillic (`TsGAMO` -> `ЦГАМО`): the
# digraphs first. Only for all-capital abbreviations, where the reading is unambiguous.
_BACK = (("SHCH", "Щ"), ("TS", "Ц"), ("KH", "Х"), ("ZH", "Ж"), ("CH", "Ч"), ("SH", "Ш"),
         ("IU", "Ю"), ("IA", "Я"))
_BACK_ONE = dict(zip("ABVGDEZIKLMNOPRSTUFY", "АБВГДЕЗИКЛМНОПРСТУФЫ", strict=True))


def cyrillic_abbreviation(abbr: str) -> str:
    """`TsGAMO` -> `ЦГАМО`, `RGASPI` -> `РГАСПИ`; "" when it is not such an abbreviation."""
    text = abbr.strip().upper()
    capitals = abbr.strip()
    for digraph in ("Shch", "Ts", "Kh", "Zh", "Ch", "Sh", "Iu", "Ia"):
        capitals = capitals.replace(digraph, "")
    if not text or not text.isalpha() or not text.isascii() or not capitals.isupper():
        return ""   # a word (`Memorial`), not an abbreviation
    out = ""
    i = 0
    while i < len(text):
        for latin, cyr in _BACK:
            if text.startswith(latin, i):
                out += cyr
                i += len(latin)
                break
        else:
            if text[i] not in _BACK_ONE:
                return ""
            out += _BACK_ONE[text[i]]
            i += 1
    # A final Е in an archive abbreviation is the Э of экономики, энергетики…
    return out[:-1] + "Э" if out.endswith("Е") else out
