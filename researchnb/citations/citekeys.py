"""Citekeys: `medvedevIadernyiZagar2002` for published items, `tsgamo_415_16_312` for
authorless archival ones.

The rules are those of docs/CITATIONS.md: first creator's family name, three title words that
are not stop words, the year; ASCII only, `[A-Za-z0-9_:-]`, starting with a letter. A key is
made once when the source is created and stored; it is never regenerated behind the user's
back, because manuscripts cite it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import count
from string import ascii_lowercase

from ..dates import date_bounds
from ..domain import Creator, InvalidInput, Source
from .translit import transliterate

CITEKEY_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")
# What biber reads as a key: any letters (Cyrillic `Иванов1923` too), digits and punctuation
# except the characters the .bib syntax itself uses. Imported and typed keys are kept as such.
IMPORT_KEY_RE = re.compile(r"^[^\s,{}\"#%'()=\\~]+$")

STOP_WORDS = frozenset("""
    a an the and or but nor of in on at to for from by with as about into over under upon
    between among through after before during without within against per via than that this
    these those is are was were be been its it his her their our your my de la le les des du
    et un une der die das den dem des und von vom zu zur zum im am ein eine einer el los las
    y del al di da il lo gli e и в во на о об обо с со по к ко для из за от до у а но или не
    же ли как что это при над под про через без между перед после также его ее её их
""".split())


def _ascii_word(word: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", transliterate(word))


def _family(creators: list[Creator]) -> str:
    ordered = ([c for c in creators if c.role == "author"]
               or [c for c in creators if c.role == "editor"] or creators)
    if not ordered:
        return ""
    first = ordered[0]
    name = first.family or (first.literal.split() or [""])[0]
    return _ascii_word(name).lower()


def _title_words(title: str, n: int = 3) -> str:
    title = re.sub(r"['’](\w)", r"\1", title)   # Stalin's -> Stalins, one word
    words = [w for w in re.findall(r"\w+", title) if w.lower() not in STOP_WORDS]
    out = []
    for w in words:
        roman = _ascii_word(w)
        if roman:
            out.append(roman[:1].upper() + roman[1:].lower())
        if len(out) == n:
            break
    return "".join(out)


def _year(date: str) -> str:
    found = re.match(r"(\d{4})", date.strip())
    if found:
        return found.group(1)
    try:
        lower, _ = date_bounds(date)
    except InvalidInput:
        return ""
    return lower[:4]


def _archival_key(src: Source) -> str:
    abbr = src.archive_abbr or "".join(w[0] for w in re.findall(r"\w+", src.archive)
                                      if w[0].isupper())
    parts = [abbr, src.fond, src.opis, src.delo]
    cleaned = [re.sub(r"[^a-z0-9-]", "", transliterate(p).lower()) for p in parts if p.strip()]
    return "_".join(p for p in cleaned if p)


def base_citekey(src: Source) -> str:
    """The citekey the rules give for this source, before making it unique."""
    family = _family(src.creators)
    if not family and src.kind in ("archival", "letter", "interview", "other"):
        key = _archival_key(src)
        if key and (src.fond or src.delo):
            return _sane(key)
    words = _title_words(src.title)
    if family:
        key = family + words + _year(src.date)
    else:
        key = words[:1].lower() + words[1:] + _year(src.date)
    return _sane(key)


def _sane(key: str) -> str:
    key = re.sub(r"[^A-Za-z0-9_:-]", "", key)
    if not key or not key[0].isalpha():
        key = "ref" + key
    return key


def unique_citekey(base: str, taken: Iterable[str]) -> str:
    """`base`, or `base` + a, b, … z, aa, ab … : the first one not taken ignoring case."""
    used = {t.lower() for t in taken}
    if base.lower() not in used:
        return base
    for n in count(1):
        suffix = _letters(n)
        if (base + suffix).lower() not in used:
            return base + suffix
    raise AssertionError("unreachable")  # pragma: no cover


def _letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (bijective base 26)."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = ascii_lowercase[rem] + out
    return out


def check_citekey(key: str) -> str:
    """A citekey a user typed, refused when biber could not read it (letters of any
    script are fine: biber and Pandoc accept `Иванов1923`)."""
    key = key.strip()
    if not IMPORT_KEY_RE.match(key) or not key[:1].isalpha():
        raise InvalidInput(f"'{key}' cannot be a citekey: use letters, digits, _ : or -, "
                           "starting with a letter (for example medvedevIadernyiZagar2002).")
    return key
