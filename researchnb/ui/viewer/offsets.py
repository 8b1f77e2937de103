"""Character offsets between the three forms of one page's text.

- The stored text (what the notebook keeps; excerpt offsets count in it).
- The text QtPdf reports for the same PDF page: PDFium's own characters, with \\r\\n line
  ends and markers the notebook drops (U+FFFE or \\x02 where a word was hyphenated at the
  line end, other control characters).
- The text shown in the page pane: the stored text with hard-wrapped lines of a paragraph
  joined by a space. A line end becomes one space, so the shown text has the stored text's
  length and every offset means the same character in both.
"""

from __future__ import annotations

# What QtPdf (PDFium) reports that the stored text never holds: line-end hyphen markers,
# the other control characters, and the \r of \r\n.
_ENGINE_ONLY = frozenset(chr(c) for c in range(0x20) if chr(c) != "\n") | {"\ufffe", "\uffff"}
# Characters either side may carry alone (a soft hyphen, zero-width marks).
_OPTIONAL = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
# How far ahead to look for a stored character the engine text has moved on from.
_RESYNC = 12


def offset_map(stored: str, engine: str) -> list[int]:
    """For each offset in the stored page text, the offset of that character in the text
    QtPdf reports; one extra entry for the end.

    Characters only the engine reports (\\r, hyphen markers, soft hyphens) are stepped over,
    a stored character the engine lacks maps to where the engine text stands, and after a
    stretch that differs (a hand-corrected word) the two are brought in step again."""
    out: list[int] = []
    j, n = 0, len(engine)
    for ch in stored:
        while j < n and engine[j] != ch and (engine[j] in _ENGINE_ONLY
                                              or engine[j] in _OPTIONAL
                                              or (engine[j] == "\n" and ch not in "\n")):
            j += 1
        if j < n and engine[j] == ch:
            out.append(j)
            j += 1
            continue
        if ch in _OPTIONAL or ch.isspace():
            out.append(j)           # the engine has no such character here
            continue
        ahead = engine.find(ch, j, j + _RESYNC)
        if ahead >= 0:
            out.append(ahead)
            j = ahead + 1
        else:
            out.append(j)
    out.append(j)
    return out


_SENTENCE_END = frozenset(".!?:;…»\"")


def _is_list_start(line: str) -> bool:
    head = line.lstrip()[:4]
    if head[:1] in ("-", "*", "•", "–", "—", "#", ">", "|"):
        return True
    digits = head.split(".", 1)[0].split(")", 1)[0]
    return bool(digits) and digits.isdigit() and len(digits) < len(head)


def reflow(text: str) -> str:
    """The text with the hard line breaks inside its paragraphs made spaces (same length).

    A line end is kept where a paragraph ends: a blank line, a short line (a heading, the
    last line of a paragraph), a next line that is indented or starts a list item, or a
    short line after a finished sentence ("Resolved.", "Постановили:")."""
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    lengths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    if not lengths:
        return text
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]   # a full line
    short = max(20, int(full * 0.7))
    out = list(text)
    pos = 0
    for here, nxt in zip(lines, lines[1:], strict=False):
        pos += len(here)                       # pos is the offset of the \n after `here`
        stands_alone = here.rstrip()[-1:] in _SENTENCE_END and len(nxt.rstrip()) < short
        if (here.strip() and nxt.strip() and len(here.rstrip()) >= short
                and not nxt[:1].isspace() and not _is_list_start(nxt) and not stands_alone):
            out[pos] = " "
        pos += 1
    return "".join(out)


def merge_edit(stored: str, shown_before: str, shown_now: str) -> str:
    """The stored text after the historian edited the shown text.

    Unchanged text on either side of the edit keeps the stored form (its line ends); the
    edited stretch is taken as typed. The result has the length of `shown_now`, so offsets
    in the pane stay offsets in the stored text."""
    if shown_now == shown_before:
        return stored
    limit = min(len(shown_before), len(shown_now))
    p = 0
    while p < limit and shown_before[p] == shown_now[p]:
        p += 1
    s = 0
    while (s < limit - p and shown_before[len(shown_before) - 1 - s]
           == shown_now[len(shown_now) - 1 - s]):
        s += 1
    return stored[:p] + shown_now[p:len(shown_now) - s] + stored[len(stored) - s:]
