"""Markdown colouring in the notes editor: headings, emphasis, code, stored links (the one
pattern of notes/schemes.py), citations, and `[[unresolved]]` links in red."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ...notes.schemes import CITEKEY_PATTERN, STORED_RE
from .. import theme


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, code, stored links, citations; `[[unresolved]]` links in red."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        link = QTextCharFormat()
        link.setForeground(theme.accent())
        heading = QTextCharFormat()
        heading.setFontWeight(QFont.Weight.Bold)
        heading.setFontPointSize(document.defaultFont().pointSizeF() * 1.2)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        italic = QTextCharFormat()
        italic.setFontItalic(True)
        code = QTextCharFormat()
        code.setFontFamilies(["monospace"])
        code.setForeground(theme.muted())
        cite = QTextCharFormat()
        cite.setForeground(theme.accent())
        cite.setFontItalic(True)
        unresolved = QTextCharFormat()
        unresolved.setForeground(QColor("#c62828"))
        unresolved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        unresolved.setUnderlineColor(QColor("#c62828"))
        self.rules = [
            (re.compile(r"^#{1,6} .*$"), heading),
            (re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), bold),
            (re.compile(r"(?<![*\w])\*[^*\n]+\*(?!\*)|(?<!\w)_[^_\n]+_(?!\w)"), italic),
            (re.compile(r"`[^`\n]+`"), code),
            (STORED_RE, link),
            (re.compile(r"\[@[^\]\n]+\]|(?<![\w@])@" + CITEKEY_PATTERN), cite),
            (re.compile(r"\[\[[^\]\n]+\]\]"), unresolved),
        ]

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.rules:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
