"""BibTeX/BibLaTeX syntax, read as biber reads it: entries with their raw (LaTeX) fields.

bibtexparser v2 splits the file into blocks; around it this module does what biber does and
bibtexparser does not:
- `%` outside a value is a comment to the end of the line, also between the fields of an entry
  (a commented-out field must not swallow the next one); inside `{…}` or `"…"` it is text.
- `@string` macros and `#` concatenation are expanded; `month = jun` stays `jun`.
- A repeated field keeps its last value, with a warning naming the line and the field.
- Two entries whose keys differ only in letter case (or not at all) are both kept; the later
  one is renamed (`Smith2020a`) with a warning.
Line numbers are those of the file (comments are blanked, never removed).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser.model import Block, Entry, String

from ..citations.citekeys import unique_citekey
from ..citations.datamodel import MONTHS, VERBATIM, escape_specials

# bibtexparser logs the blocks it cannot read; researchnb says so in its own words.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


@dataclass
class RawEntry:
    """One entry: type and key as written, fields (lower-case names) as LaTeX source."""
    entry_type: str
    key: str
    line: int
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class RawFile:
    entries: list[RawEntry] = field(default_factory=list)
    failures: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def blank_comments(text: str) -> str:
    """`%` comments outside values turned into spaces (line breaks kept, so lines still count).

    Inside an entry `%` starts a comment only between fields (biber's lexer); inside braces or
    quotes it is part of the value. `@comment{…}` blocks are left as they are.
    """
    out = list(text)
    i, n = 0, len(text)
    depth = 0              # brace depth inside an entry (1 = between fields)
    in_entry = quoted = False
    while i < n:
        ch = text[i]
        if not in_entry:
            if ch == "%":
                while i < n and text[i] != "\n":
                    out[i] = " "
                    i += 1
                continue
            if ch == "@":
                found = re.match(r"@\s*(\w+)\s*([{(])", text[i:])
                if found:
                    etype = found.group(1).lower()
                    if etype == "comment":
                        i += found.end()
                        i = _skip_balanced(text, i)
                        continue
                    if etype.startswith("comment"):
                        # bibtexparser takes `@commentary{` for a comment and drops it: the
                        # type gets a mark here that _entry takes off again.
                        at = i + found.start(1)
                        out[at] = _TYPE_MARK + out[at]
                    in_entry, depth, quoted = True, 1, False
                    i += found.end()
                    continue
            i += 1
            continue
        if ch == "\\":
            i += 2
            continue
        if quoted:
            if ch == '"' and depth == 1:
                quoted = False
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
        elif ch == '"' and depth == 1:
            quoted = True
        elif ch == "{" or (ch == "(" and depth == 0):
            depth += 1
        elif ch == "}" or ch == ")":
            if ch == "}" or depth == 1:
                depth -= 1
            if depth <= 0:
                in_entry = False
        elif ch == "%" and depth == 1:
            while i < n and text[i] != "\n":
                out[i] = " "
                i += 1
            continue
        i += 1
    return "".join(out)


_TYPE_MARK = "rnbtype"


def _skip_balanced(text: str, i: int) -> int:
    depth = 1
    while i < len(text) and depth:
        depth += (text[i] == "{") - (text[i] == "}")
        i += 1
    return i


def _pieces(expr: str) -> list[str]:
    """`moscow # " and " # {X}` -> ['moscow', '" and "', '{X}'] (split at top-level `#`)."""
    out, depth, quoted, cur = [], 0, False, ""
    i = 0
    while i < len(expr):
        ch = expr[i]
        if ch == "\\" and i + 1 < len(expr):
            cur += expr[i:i + 2]
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            out.append(cur.strip())
            cur = ""
            i += 1
            continue
        cur += ch
        i += 1
    out.append(cur.strip())
    return out


def expand(expr: str, macros: dict[str, str], unknown: list[str]) -> str:
    """The value of a field expression: braces and quotes taken off, macros expanded."""
    expr = expr.strip()
    parts = _pieces(expr)
    if len(parts) == 1 and parts[0].lower() in MONTHS and parts[0].lower() not in macros:
        return parts[0].lower()
    text = ""
    for piece in parts:
        if piece.startswith("{") and _closes_at_end(piece):
            text += piece[1:-1]
        elif piece.startswith("{"):
            unknown.append(piece)            # `{x} year = {1}`: a comma missing after {x}
            text += piece
        elif piece.startswith('"') and piece.endswith('"') and len(piece) >= 2:
            text += piece[1:-1]
        elif piece.isdigit():
            text += piece
        elif piece.lower() in macros:
            text += macros[piece.lower()]
        elif piece.lower() in MONTHS:
            text += str(MONTHS.index(piece.lower()) + 1)
        elif piece:
            unknown.append(piece)
            text += piece
    return text


def _closes_at_end(piece: str) -> bool:
    """Whether the `{` that opens `piece` is closed by its last character."""
    depth, i = 0, 0
    while i < len(piece):
        ch = piece[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            return i == len(piece) - 1
        i += 1
    return False


def _line(block: Block) -> int:
    return (block.start_line or 0) + 1


_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s{}()]*)")


def failure_message(block: Block) -> str:
    """What is wrong with a block the parser could not read, in a historian's words."""
    raw = getattr(block, "raw", "") or ""
    head = _HEAD.match(raw)
    error = getattr(block, "error", None)
    reason = str(getattr(error, "abort_reason", "") or error or "").strip().rstrip(".")
    reason = reason.split("\n")[-1].strip()
    if head is None:
        return ("this text is not a bibliography entry (an entry starts with @ and its type, "
                "such as @book{key, …}); it was skipped")
    name = f"@{head.group(1)}{{{head.group(2)}}}" if head.group(2) else f"@{head.group(1)}"
    if "end of file" in reason.lower():
        return (f"the entry {name} is cut off: the file ends before it does (a {{ or a \" is "
                "left open); nothing of it was imported")
    return f"the entry {name} could not be read: {_in_plain_words(reason)}; nothing of it " \
        "was imported"


def _in_plain_words(reason: str) -> str:
    """bibtexparser's reason for giving up on a block, as a reader of the file would say it."""
    low = reason.lower()
    if "unexpected block start" in low:
        return ("a new entry (@…) begins before this one is closed: a { or a \" in it is left "
                "open")
    if "expected a `=`" in low or "expected equals sign" in low:
        return ("a field name is not followed by = (a comma too many, or one missing "
                "between two fields?)")
    if "expected either a `,`" in low:
        return "two fields are not separated by a comma"
    if "expected comma after entry key" in low:
        return "the key of the entry is not followed by a comma"
    return "its fields could not be told apart (check the commas and that every { has its })"


def parse(text: str) -> RawFile:
    """Every entry of a BibTeX/BibLaTeX text with its raw fields, and what went wrong."""
    result = RawFile()
    library = bibtexparser.parse_string(blank_comments(text), parse_stack=[])
    macros: dict[str, str] = {}
    entries: list[Entry] = []
    for block in library.blocks:
        kind = type(block).__name__
        if isinstance(block, String):
            missing: list[str] = []
            macros[block.key.lower()] = expand(str(block.value), macros, missing)
        elif isinstance(block, Entry):
            entries.append(block)
        elif kind == "DuplicateFieldKeyBlock":
            entries.append(block.ignore_error_block)          # type: ignore[attr-defined]
        elif kind == "DuplicateBlockKeyBlock":
            entries.append(block.ignore_error_block)          # type: ignore[attr-defined]
        elif kind in ("ParsingFailedBlock", "MiddlewareErrorBlock"):
            result.failures.append((_line(block), failure_message(block)))
    taken: dict[str, str] = {}
    for entry in entries:
        raw = _entry(entry, macros, result.warnings)
        key = raw.key
        if key.lower() in taken:
            new = unique_citekey(key, taken)
            result.warnings.append(
                f"line {raw.line}: the key {key} is already used by the entry "
                f"{taken[key.lower()]} (keys must differ in more than letter case); this entry "
                f"is imported as {new}.")
            raw.key = new
        taken[raw.key.lower()] = raw.key
        result.entries.append(raw)
    return result


def _entry(entry: Entry, macros: dict[str, str], warnings: list[str]) -> RawEntry:
    etype = entry.entry_type.lower()
    raw = RawEntry(etype.removeprefix(_TYPE_MARK), entry.key.strip(), _line(entry))
    for fl in entry.fields:
        name = fl.key.strip().lower()
        line = (fl.start_line or entry.start_line or 0) + 1
        unknown: list[str] = []
        value = expand(str(fl.value), macros, unknown)
        for word in unknown:
            warnings.append(f"line {line}: {raw.key}, field {name}: '{word}' is neither "
                            "one text in braces nor a defined @string (a comma missing before "
                            "the next field?); it was kept as written.")
        if name not in VERBATIM:
            value = escape_specials(value)
        if name in raw.fields:
            warnings.append(f"line {line}: {raw.key} has the field {name} twice (first on "
                            f"line {raw.field_lines[name]}); the last value is kept, as biber "
                            "does.")
        raw.fields[name] = value
        raw.field_lines[name] = line
    return raw
