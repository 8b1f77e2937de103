"""LaTeX field values as text: accents and escapes to Unicode (Cyrillic stays as it is), and
BibTeX name lists split into creators. Shared by the .bib reader and the writers that turn an
imported entry's fields into another format (CSL-JSON `note` lines).
"""

from __future__ import annotations

import functools
import re

from pylatexenc.latex2text import LatexNodes2Text

from ..domain import Creator

# Our own escapes go to private-use characters before pylatexenc sees them, so `\{`, `\%`,
# `\textasciitilde{}` and friends come back exactly (pylatexenc eats spaces after some).
_PROTECT = [(r"\textbackslash{}", "\\"), (r"\textasciitilde{}", "~"),
            (r"\textasciicircum{}", "^"), (r"\{", "{"), (r"\}", "}"), (r"\%", "%"),
            (r"\&", "&"), (r"\#", "#"), (r"\_", "_"), (r"\$", "$")]
_PUA = {esc: chr(0xE000 + i) for i, (esc, _) in enumerate(_PROTECT)}
_UNPUA = {chr(0xE000 + i): plain for i, (_, plain) in enumerate(_PROTECT)}
_FONT_RE = re.compile(r"\\(?:text(?:sf|tt|it|bf|sc|rm|up|sl|md|normal)|emph|mkbib(?:emph|italic|"
                      r"bold|quote)|enquote|cmd|cmslink)\s*\{")
_DECODER = LatexNodes2Text()
_AND_RE = re.compile(r"\s+and\s+", re.IGNORECASE)

# pylatexenc gathers a run of plain characters by `self.lastchars += chars`, an attribute, so
# each character copies the run so far: a field of n plain characters costs n² (a 1 MB note
# took minutes). A longer value is decoded in pieces of about this many characters.
DECODE_PIECE = 2000
# Text without any of these reads the same before and after pylatexenc.
_LATEX_SPECIAL = re.compile(r"[\\{}$%~&#^_]|--|``|''|[!?]`")


@functools.lru_cache(maxsize=16)       # small: a cached value may be megabytes
def decode(value: str) -> str:
    """LaTeX -> Unicode text, one line, no non-breaking spaces (a field read twice, as a
    field and among the entry's other fields, is decoded once)."""
    for esc, mark in _PUA.items():
        value = value.replace(esc, mark)
    value = _FONT_RE.sub("{", value)
    text = " ".join(_latex_to_text(piece) for piece in latex_pieces(value))
    for mark, plain in _UNPUA.items():
        text = text.replace(mark, plain)
    return " ".join(text.replace("\xa0", " ").split())


def _latex_to_text(value: str) -> str:
    if not _LATEX_SPECIAL.search(value):
        return value                # nothing pylatexenc would change: skip its slow walk
    try:
        return str(_DECODER.latex_to_text(value))
    except Exception:  # noqa: BLE001 - pylatexenc on malformed input: keep the raw text
        return value


def latex_pieces(value: str, size: int = DECODE_PIECE) -> list[str]:
    """`value` cut at whitespace into pieces of at least `size` characters that decode the
    same one by one as together: a cut is made only outside braces, math, a comment and an
    environment, and never after a command (whose argument may follow the space)."""
    if len(value) <= size:
        return [value]
    pieces: list[str] = []
    depth = envs = 0
    math = comment = after_command = False
    last = i = 0
    n = len(value)
    while i < n:
        ch = value[i]
        if comment:
            comment = ch != "\n"
        elif ch == "\\":
            j = i + 1
            while j < n and value[j].isalpha():
                j += 1
            name = value[i + 1:j]
            envs += (name == "begin") - (name == "end")
            i = max(j, i + 2)
            after_command = True
            continue
        elif ch.isspace():
            if (i - last >= size and not depth and not math and not envs
                    and not after_command):
                pieces.append(value[last:i])
                last = i
        else:
            after_command = False
            if ch == "{":
                depth += 1
            elif ch == "}":
                depth = max(0, depth - 1)
            elif ch == "$":
                math = not math
            elif ch == "%":
                comment = True
        i += 1
    pieces.append(value[last:])
    return pieces


def split_names(raw: str) -> list[str]:
    """`A and {B and C} and D` -> three names: `and` at brace depth 0 only."""
    names, depth, start, i = [], 0, 0, 0
    while i < len(raw):
        ch = raw[i]
        depth += (ch == "{") - (ch == "}")
        found = _AND_RE.match(raw, i) if depth == 0 and ch.isspace() else None
        if found:
            names.append(raw[start:i])
            i = start = found.end()
            continue
        i += 1
    names.append(raw[start:])
    return [n.strip() for n in names if n.strip() and n.strip().lower() != "others"]


def parse_name(raw: str, role: str) -> Creator:
    raw = " ".join(raw.split())
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        return Creator(literal=decode(raw[1:-1]), role=role)
    if re.match(r"^(family|given|prefix|suffix)\s*=", raw):
        parts = dict(re.findall(r"(\w+)\s*=\s*((?:\{[^{}]*\}|[^,])+)", raw))
        family = " ".join(x for x in (parts.get("prefix", ""), parts.get("family", "")) if x)
        return Creator(family=decode(family), given=decode(parts.get("given", "")), role=role)
    pieces = _split_top(raw, ",")
    if len(pieces) >= 2:
        family = pieces[0] if len(pieces) == 2 else f"{pieces[0]}, {pieces[1]}"
        return Creator(family=decode(family), given=decode(pieces[-1]), role=role)
    words = _split_top(raw, " ")
    if len(words) == 1:
        return Creator(family=decode(words[0]), role=role)
    # "Given von Family": the family starts at the first lower-case word, else the last word.
    cut = next((i for i, w in enumerate(words[:-1]) if i and w[:1].islower()), len(words) - 1)
    return Creator(family=decode(" ".join(words[cut:])), given=decode(" ".join(words[:cut])),
                   role=role)


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if depth < 0:
            return False
    return depth == 0


def _split_top(text: str, sep: str) -> list[str]:
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        if ch == sep and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return [p for p in out if p]


