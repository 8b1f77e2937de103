"""Finding links in a note body: the stored forms, Pandoc citations and `[[Title]]` links.

A note stores links that survive renames: `[label](note:KEY)`, `[label](src:KEY)`,
`[label](ex:KEY)`, `[label](page:KEY#12)`; citations stay in Pandoc form (`[@key, l. 12]`,
`@key`) so the exported notes work with pandoc. Hand-typed `[[Title]]` links (from imported
Markdown) are rewritten to the stored form on save when one note has that title.

Everything here is plain text processing, line by line, with code (fenced blocks and inline
code spans) masked out so an example in backticks is never taken for a link. Every pattern
is linear in the length of a line: a 10,000-line body must parse as fast as it renders.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .schemes import (
    CITEKEY_PATTERN,
    SCHEME_KINDS,
    STORED_RE,
    citekey_of,
    escape_label,
    stored_link,
    target,
    unescape_label,
)

WIKI_RE = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
# A bracketed group not followed by "(" (a link) or "[" (a reference link).
_BRACKET_RE = re.compile(r"\[([^\[\]\n]*)\](?![(\[])")
_ITEM_RE = re.compile(r"(?<![\w@])-?@(" + CITEKEY_PATTERN + r"|\{[^{}\n]+\})")
_BARE_RE = re.compile(r"(?<![\w@/.+\-:=])@(" + CITEKEY_PATTERN + r"|\{[^{}\n]+\})")
# Markdown link destinations and autolinks: masked before bare citations are looked for, so
# https://example.org/@someone is not a citation.
_DEST_RE = re.compile(r"\]\([^()\n]*\)|<[^<>\s]+>")
_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TICKS_RE = re.compile(r"`+")

CONTEXT_CHARS = 300
Splice = tuple[int, int, str]      # (start, end, text): put text in place of line[start:end]


@dataclass(frozen=True)
class ParsedLink:
    """One link found in a body; `kind` is a links.to_kind value."""

    kind: str             # note, source, excerpt, page, citation, unresolved
    target: str           # record key, citekey, or the title of an unresolved [[link]]
    anchor: str = ""      # page number for page links, locator for citations
    label: str = ""
    line: int = 0         # 1-based line of the body
    context: str = ""     # that line (a window of it when very long)


def title_match_key(title: str) -> str:
    """How titles are compared: spacing and letter case (Cyrillic too) do not matter."""
    return " ".join(title.split()).casefold()


def _mask_code(lines: list[str]) -> list[str]:
    """The lines with fenced code blocks and inline code spans blanked (offsets kept)."""
    out: list[str] = []
    fence: str | None = None
    for line in lines:
        m = _FENCE_RE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line[m.end():].strip():
                fence = None
            out.append(" " * len(line))
            continue
        if m and not (m.group(1)[0] == "`" and "`" in line[m.end():]):
            fence = m.group(1)
            out.append(" " * len(line))
            continue
        out.append(_mask_inline_code(line))
    return out


def _mask_inline_code(line: str) -> str:
    if "`" not in line:
        return line
    runs = list(_TICKS_RE.finditer(line))
    chars = list(line)
    i = 0
    while i < len(runs):
        opening = runs[i]
        closing = next((j for j in range(i + 1, len(runs))
                        if len(runs[j].group()) == len(opening.group())), None)
        if closing is None:
            i += 1
            continue
        for pos in range(opening.start(), runs[closing].end()):
            chars[pos] = " "
        i = closing + 1
    return "".join(chars)


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _context(line: str, start: int) -> str:
    stripped = line.strip()
    if len(stripped) <= CONTEXT_CHARS:
        return stripped
    lo = max(0, start - CONTEXT_CHARS // 2)
    window = line[lo:lo + CONTEXT_CHARS].strip()
    return ("…" if lo > 0 else "") + window + ("…" if lo + CONTEXT_CHARS < len(line) else "")


def _lines(body: str) -> tuple[list[str], list[str]]:
    lines = body.split("\n")
    return lines, _mask_code(lines)


def code_masked(body: str) -> tuple[list[str], list[str]]:
    """The lines of a body and the same lines with code blanked (what links are read from)."""
    return _lines(body)


def parse(body: str) -> list[ParsedLink]:
    """Every link and citation in a body, in reading order.

    `[[Title]]` links still in the body (not resolved on save) come back as `unresolved`.
    """
    lines, masked = _lines(body)
    return parse_lines(lines, masked)


def parse_lines(lines: list[str], masked: list[str], first: int = 1) -> list[ParsedLink]:
    """`parse` of some lines of a body, with their code-masked text (`code_masked`), the
    first of them being line `first` (saving re-reads only the lines that changed)."""
    found: list[ParsedLink] = []
    for number, (line, text) in enumerate(zip(lines, masked, strict=True), start=first):
        if not any(c in text for c in "[@"):
            continue
        for m in STORED_RE.finditer(text):
            kind = SCHEME_KINDS[m.group(2)]
            found.append(ParsedLink(kind, m.group(3).upper(), m.group(4) or "",
                                    unescape_label(line[m.start(1):m.end(1)]), number,
                                    _context(line, m.start())))
            text = _blank(text, m.start(), m.end())
        for m in WIKI_RE.finditer(text):
            title = " ".join(m.group(1).split())
            label = " ".join((m.group(2) or m.group(1)).split())
            found.append(ParsedLink("unresolved", title, "", label, number,
                                    _context(line, m.start())))
            text = _blank(text, m.start(), m.end())
        found.extend(_citations(line, text, number))
    return found


def _citations(line: str, text: str, number: int) -> Iterator[ParsedLink]:
    if "@" not in text:
        return
    for m in _BRACKET_RE.finditer(text):
        content = m.group(1)
        if "@" not in content:
            continue
        items = []
        for part in content.split(";"):
            item = _ITEM_RE.search(part)
            if item is None:
                continue
            locator = part[item.end():].lstrip(" ,").strip()
            items.append((citekey_of(item.group(1)), locator))
        if not items:
            continue
        for key, locator in items:
            yield ParsedLink("citation", key, locator, "", number, _context(line, m.start()))
        text = _blank(text, m.start(), m.end())
    text = _DEST_RE.sub(lambda d: " " * len(d.group()), text)
    for m in _BARE_RE.finditer(text):
        yield ParsedLink("citation", citekey_of(m.group(1)), "", "", number,
                         _context(line, m.start()))


def resolve_wikilinks(body: str,
                      lookup: Callable[[str], list[tuple[str, str]]]) -> tuple[str, list[str]]:
    """Rewrite each `[[Title]]` / `[[Title|label]]` that names exactly one note.

    `lookup(title)` returns the (key, title) of every live note with that title. A resolved
    link takes the note's own title as its label when none was given, so the label follows
    later renames. Returns the new body and the titles left unresolved.
    """
    if "[[" not in body:
        return body, []
    unresolved: list[str] = []

    def link(line: str, m: re.Match[str]) -> Splice | None:
        title = " ".join(line[m.start(1):m.end(1)].split())
        matches = lookup(title)
        if len(matches) != 1:
            unresolved.append(title)
            return None
        key, real_title = matches[0]
        given = line[m.start(2):m.end(2)] if m.group(2) is not None else None
        return m.start(), m.end(), stored_link("note", key, given or real_title)

    return _splice_lines(body, "[[", WIKI_RE, link), unresolved


def rewrite_note_labels(body: str, key: str, old_title: str, new_title: str) -> str:
    """`[Old title](note:KEY)` becomes `[New title](note:KEY)`; other labels are kept.

    Only labels that were exactly the old title follow: a label the historian chose
    ("his letter") stays as written.
    """
    address = target("note", key)
    if address not in body:
        return body
    wanted = " ".join(old_title.split())

    def relabel(line: str, m: re.Match[str]) -> Splice | None:
        if SCHEME_KINDS[m.group(2)] != "note" or m.group(3).upper() != key:
            return None
        label = " ".join(unescape_label(line[m.start(1):m.end(1)]).split())
        if label != wanted:
            return None
        return m.start(1), m.end(1), escape_label(new_title)

    return _splice_lines(body, address, STORED_RE, relabel)


def rewrite_stored_links(body: str, replace: Callable[[str, str, str, str], str]) -> str:
    """Replace every stored-form link with `replace(kind, key, anchor, label)` (exports).

    Code is left alone. The label handed over is unescaped.
    """
    def each(line: str, m: re.Match[str]) -> Splice:
        return m.start(), m.end(), replace(SCHEME_KINDS[m.group(2)], m.group(3).upper(),
                                           m.group(4) or "",
                                           unescape_label(line[m.start(1):m.end(1)]))

    return _splice_lines(body, "](", STORED_RE, each)


def _splice_lines(body: str, needle: str, pattern: re.Pattern[str],
                  change: Callable[[str, re.Match[str]], Splice | None]) -> str:
    """The body with `change(line, match)` applied to each match of `pattern` outside code,
    in the lines whose code-masked text holds `needle`; None leaves that match alone."""
    lines, masked = _lines(body)
    for i, (line, text) in enumerate(zip(lines, masked, strict=True)):
        if needle not in text:
            continue
        pieces: list[str] = []
        last = 0
        for m in pattern.finditer(text):
            splice = change(line, m)
            if splice is None:
                continue
            start, end, replacement = splice
            pieces += [line[last:start], replacement]
            last = end
        if pieces:
            lines[i] = "".join(pieces) + line[last:]
    return "\n".join(lines)
