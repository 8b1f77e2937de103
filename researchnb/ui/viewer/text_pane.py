"""The page text beside the image: read, select for excerpts, transcribe or correct.

Typing starts a short timer; when the typing pauses the text is saved in the background with
origin `transcribed` (so the page stays searchable), and excerpts on the page are re-anchored
by the notebook. Programmatic loads never count as edits.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from .. import theme
from .offsets import merge_edit, reflow

SAVE_DELAY_MS = 800


class TextPane(QPlainTextEdit):
    """Emits `save_requested(text)` after typing pauses."""

    save_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageText")
        font = QFont("DejaVu Serif")
        if self.font().pointSizeF() > 0:
            font.setPointSizeF(self.font().pointSizeF())
        self.setFont(font)
        self.setPlaceholderText(self.tr("This page has no text yet. Type the transcription "
                                        "here; it is saved as you go and becomes searchable."))
        self._loading = False
        self.dirty = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.flush)
        self.textChanged.connect(self._edited)
        self._stored = self._shown = ""
        self.reflowing = True
        self.reflow_action = QAction(self.tr("Join Lines of Paragraphs"), self)
        self.reflow_action.setCheckable(True)
        self.reflow_action.setChecked(True)
        self.reflow_action.setToolTip(self.tr("Show each paragraph as one wrapped line; the "
                                              "stored text keeps its line ends."))
        self.reflow_action.toggled.connect(self.set_reflowing)

    # Keys the window's actions own even while typing here: on X11, Ctrl+E is also "end of
    # line" for text widgets, which would swallow the New Excerpt shortcut.
    YIELDED = (QKeySequence("Ctrl+E"),)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch
                   for k in self.YIELDED):
                event.ignore()
                return False
        return super().event(event)

    def load(self, text: str) -> None:
        """Show a page's stored text, its paragraphs reflowed when `reflowing` (a line end
        inside a paragraph shown as a space: offsets stay the stored text's)."""
        self.flush()
        self._stored = text
        self._shown = reflow(text) if self.reflowing else text
        self._loading = True
        self.setPlainText(self._shown)
        self._loading = False
        self.dirty = False

    def set_reflowing(self, on: bool) -> None:
        """Join the lines of paragraphs for reading (on), or show the line ends as stored."""
        self.flush()
        self.reflowing = on
        self.reflow_action.setChecked(on)
        position = self.textCursor().position()
        self.load(self._stored)
        self.scroll_to(position)

    def stored_text(self) -> str:
        """The page text as stored: what is shown, with the stored line ends kept where the
        historian did not edit (same length as the shown text)."""
        return merge_edit(self._stored, self._shown, self.toPlainText())

    def _edited(self) -> None:
        if self._loading:
            return
        self.dirty = True
        self.timer.start()

    def flush(self) -> None:
        """Save now if there are unsaved edits (called on page change and on close)."""
        self.timer.stop()
        if self.dirty:
            self.dirty = False
            stored = self.stored_text()
            self._stored, self._shown = stored, self.toPlainText()
            self.save_requested.emit(stored)

    def selection_offsets(self) -> tuple[int, int, str] | None:
        cur = self.textCursor()
        if not cur.hasSelection():
            return None
        start, end = cur.selectionStart(), cur.selectionEnd()
        # The selected text uses U+2029 for line breaks and shows joined lines as spaces;
        # the quote is the stored text's.
        return start, end, self.stored_text()[start:end]

    def highlight(self, spans: list[tuple[int, int]], current: int = -1) -> None:
        """Mark excerpt spans (character offsets in this page's text)."""
        marks = []
        length = len(self.toPlainText())
        for n, (start, end) in enumerate(spans):
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            background, ink = theme.excerpt_colours(n == current)    # AA in both themes
            fmt.setBackground(background)
            fmt.setForeground(ink)
            sel.format = fmt
            cur = QTextCursor(self.document())
            cur.setPosition(max(0, min(start, length)))
            cur.setPosition(max(0, min(end, length)), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cur
            marks.append(sel)
        self.setExtraSelections(marks)

    def scroll_to(self, offset: int) -> None:
        cur = QTextCursor(self.document())
        cur.setPosition(max(0, min(offset, len(self.toPlainText()))))
        self.setTextCursor(cur)
        self.centerCursor()
