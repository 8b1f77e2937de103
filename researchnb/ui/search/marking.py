"""Marking a search hit's words where it opens (the page text, the note), every inflected
form included, with the same colour as in the results."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from .. import theme


def matching_spans(text: str, query: str, words: list[str]) -> list[tuple[int, int]]:
    """Where a hit's words are in a text: every word the query matched (search/matching.py:
    every form sharing a stem with a query word, so «рабочих» marks «рабочие»; words that
    start with a prefix, `electin*` or the word being typed; the near spellings of a fuzzy
    term, `VICKSBURG~` marking `Vicksbueg`), and the snippet's marks."""
    from ...search.matching import QueryWords
    spans = QueryWords.of(query).spans(text) if query.strip() else []
    if words:
        pattern = re.compile("|".join(re.escape(x) for x in words), re.IGNORECASE)
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return sorted(set(spans))


def mark_words(edit: QTextEdit | QPlainTextEdit, words: list[str], *, query: str = "",
               keep: bool = False) -> int:
    """Mark a hit's words in a text edit and scroll to the first one.

    `keep` adds the marks to the edit's own (the excerpt highlights of the page text).
    Returns how many places were marked.
    """
    spans = matching_spans(edit.toPlainText(), query, words)
    if not spans:
        return 0
    fmt = QTextCharFormat()
    fmt.setBackground(theme.mark_colour())
    fmt.setForeground(QColor("#000000") if not theme.is_dark() else QColor("#ffffff"))
    marks = []
    for start, end in spans:
        sel = QTextEdit.ExtraSelection()
        sel.format = fmt
        cur = QTextCursor(edit.document())
        cur.setPosition(start)
        cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cur
        marks.append(sel)
    edit.setExtraSelections((list(edit.extraSelections()) if keep else []) + marks)
    cur = QTextCursor(edit.document())
    cur.setPosition(spans[0][0])
    edit.setTextCursor(cur)
    edit.ensureCursorVisible()
    return len(marks)
