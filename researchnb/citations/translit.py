"""Library of Congress (ALA-LC) romanization of Cyrillic, without diacritics.

Used for citekeys and for the transliterated Russian archival citation (`TsGAMO, f. 415`).
The ligature ties and primes of the full ALA-LC table are left out, and the soft and hard
signs are dropped, because citekeys must be plain ASCII and readers type them by hand.
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


def transliterate(text: str) -> str:
    """Romanize Cyrillic letters; other letters lose their accents (`Türkmen` -> `Turkmen`).

    An upper-case Cyrillic letter gives a capitalised group (`Щ` -> `Shch`), so all-caps
    abbreviations come out as archivists write them: `ЦГАМО` -> `TsGAMO`.
    """
    out: list[str] = []
    for ch in text:
        low = ch.lower()
        if low in _LOWER:
            roman = _LOWER[low]
            out.append(roman[:1].upper() + roman[1:] if ch != low else roman)
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)
