"""The notes editor: Markdown with link completion, a live preview, backlinks and autosave.

A historian writes "Petrzhek's letter and the 1924 survey point the same way"; typing `[[`
offers notes, sources and excerpts (completer.py). The preview is the notes module's HTML;
clicking a link emits `navigate(kind, key, anchor)` and the window goes there.

Autosave: every change restarts a short idle timer, and a second timer that is never restarted
caps the wait, so during continuous typing a save still starts at most `MAX_WAIT_MS` after the
first unsaved keystroke. Saves run on the writer thread (`ui/ops.py`), one at a time; a crash
loses at most the typing of the last two seconds (tests/ui/test_notes_autosave.py). A save
returns its `Changes` (one note updated): the window changes that note's title in the notes
list and nothing else.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import Changes, Note
from ...notebook import Notebook
from ...notes.schemes import parse_target
from .. import theme
from ..ops import Op
from ..plurals import counted
from .backlinks import BacklinksPanel, _get
from .citing import PreviewCitations
from .completer import LinkCompleter, NoteTextEdit
from .highlighter import MarkdownHighlighter
from .preview import PiecewisePreview

log = logging.getLogger(__name__)

IDLE_MS = 500        # save after this much quiet
MAX_WAIT_MS = 1200   # …and never later than this after the first unsaved change
PREVIEW_MS = 250
LONG_NOTE_LINES = 200   # from this length the writer reads a note's links as it opens
SHOWN_UNRESOLVED = 10    # links that lead nowhere named under the preview (then "and N more")


class NotesEditor(QWidget):
    """Title, private toggle, Markdown body with completion, preview, backlinks; autosaves.

    `nb` is the window's read-only Notebook (fast reads on the GUI thread); every save goes
    through the window's background runner (`Op`), found by walking up the parents.
    """

    navigate = Signal(str, str, str)     # kind (note, source, excerpt, page), key, anchor
    saved = Signal(str)                  # the note's key, after each committed save
    save_failed = Signal(str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.key: str | None = None
        self._loading = False
        self._dirty = False
        self._pending = 0
        self._cell: dict[str, Any] = {"key": None}

        self.title = QLineEdit()
        self.title.setObjectName("noteTitle")
        self.title.setPlaceholderText(self.tr("Title of the note"))
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.title.setFont(f)
        self.private = QToolButton()
        self.private.setObjectName("privateToggle")
        self.private.setCheckable(True)
        self.private.setText(self.tr("Private"))
        self.private.setIcon(theme.icon("lock"))
        self.private.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.private.setToolTip(self.tr("A private note stays in this notebook: every export "
                                        "(Markdown, BibTeX --cited-in …) leaves it out."))
        self.private_banner = QLabel(self.tr("Private note: left out of every export"))
        self.private_banner.setObjectName("privateBanner")
        self.private_banner.setStyleSheet(
            "QLabel { background: #6a1b9a; color: white; padding: 2px 8px; "
            "border-radius: 3px; }")
        self.private_banner.setVisible(False)
        self.status = QLabel("")
        self.status.setObjectName("saveStatus")
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.editor = NoteTextEdit()
        self.editor.setObjectName("noteBody")
        self.editor.setPlaceholderText(self.tr("Write in Markdown. Type [[ to link a note, "
                                               "source or excerpt; [@ to cite a source."))
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.completer = LinkCompleter(self.editor, nb)

        self.citations = PreviewCitations(nb)
        self.preview = QTextBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.anchorClicked.connect(self._link_clicked)
        self.pieces = PiecewisePreview(self.preview)

        self.backlinks = BacklinksPanel(nb)
        self.backlinks.navigate.connect(self.navigate)
        self.unresolved = QLabel("")
        self.unresolved.setObjectName("unresolvedLinks")
        self.unresolved.setWordWrap(True)
        self.unresolved.setStyleSheet("QLabel { color: #c62828; }")
        self.unresolved.setVisible(False)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.private_banner)
        top.addWidget(self.private)
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.preview)
        side_bottom = QWidget()
        sb = QVBoxLayout(side_bottom)
        sb.setContentsMargins(0, 0, 0, 0)
        sb.addWidget(self.unresolved)
        sb.addWidget(self.backlinks)
        side.addWidget(side_bottom)
        side.setSizes([500, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(side)
        self.splitter.setSizes([500, 400])
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.splitter, 1)
        lay.addWidget(self.status)

        self._idle = QTimer(self, singleShot=True, interval=IDLE_MS)
        self._idle.timeout.connect(self.save_now)
        self._cap = QTimer(self, singleShot=True, interval=MAX_WAIT_MS)
        self._cap.timeout.connect(self.save_now)
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_MS)
        self._preview_timer.timeout.connect(self._preview_in_two_turns)

        self.editor.textChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)
        self.title.textEdited.connect(self._changed)
        # Tab and Enter in the title go on to the body (a new note's next step is its text).
        self.title.returnPressed.connect(self._to_body)
        QWidget.setTabOrder(self.title, self.editor)
        QWidget.setTabOrder(self.editor, self.private)
        self.private.toggled.connect(self._private_toggled)
        self.setEnabled(True)

    def _to_body(self) -> None:
        self.editor.setFocus(Qt.FocusReason.TabFocusReason)

    # -- opening ---------------------------------------------------------------------------

    def new_note(self, title: str = "") -> None:
        """Start a new note; it is created on its first save."""
        self.flush()
        self._show(None, title, "", False)

    def open_note(self, key: str) -> None:
        """Show a note (saving the one open before, in the background)."""
        self.flush()
        note = self.nb.notes.get(key)
        self._show(note.key, note.title, note.body, bool(note.private))
        if note.body.count("\n") >= LONG_NOTE_LINES:
            # The writer reads its links now, so the first autosave re-reads one line.
            Op(self, lambda nb: nb.notes.remember(note.key)).run()

    def _show(self, key: str | None, title: str, body: str, private: bool) -> None:
        self._loading = True
        self._cell = {"key": key}          # this editing session (see save_now)
        try:
            self.key = key
            self.title.setText(title)
            self.editor.setPlainText(body)
            self.private.setChecked(private)
            self.private_banner.setVisible(private)
        finally:
            self._loading = False
        self._dirty = False
        self.completer.invalidate()
        self.refresh_preview()
        self.refresh_links()
        self.status.setText("")

    # -- autosave --------------------------------------------------------------------------

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.status.setText(self.tr("Edited"))
        self.completer.update_for_cursor()
        self._idle.start()
        if not self._cap.isActive():
            self._cap.start()
        self._preview_timer.start()

    def _private_toggled(self, on: bool) -> None:
        self.private_banner.setVisible(on)
        self.private.setIcon(theme.icon("lock" if on else "unlock"))
        if not self._loading:
            self._changed()
            self.save_now()

    def _cursor_moved(self) -> None:
        # Typing is handled in _changed; this follows arrow keys and clicks while it is open.
        if not self._loading and self.completer.view().isVisible():
            self.completer.update_for_cursor()

    def flush(self) -> None:
        """Start saving now whatever is unsaved (when switching notes or closing)."""
        if self._dirty:
            self.save_now()

    @property
    def has_unsaved_changes(self) -> bool:
        return self._dirty or self._pending > 0

    def save_now(self) -> None:
        """Send the current text to the writer thread.

        Saves are queued, never dropped: the runner runs them in order, so a save made while
        another is running simply follows it. A new note's key is only known once its first
        save has run, so every save of one editing session shares a cell the writer thread
        fills with that key."""
        self._idle.stop()
        self._cap.stop()
        if not self._dirty:
            return
        title = self.title.text().strip() or _first_line(self.editor.toPlainText())
        body = self.editor.toPlainText()
        private = self.private.isChecked()
        self._dirty = False
        self._pending += 1
        self.status.setText(self.tr("Saving…"))
        cell = self._cell

        def work(nb: Notebook) -> Changes[Note]:
            if cell["key"] is None:
                made = nb.notes.add(title, body, private=private)
                cell["key"] = made.value.key
                return made
            return nb.notes.edit(cell["key"], title=title, body=body, private=private,
                                 autosave=True)

        Op(self, work).success(lambda done: self._saved(done.value, cell)) \
            .failure(lambda error: self._failed(error, cell)).run()

    def _saved(self, note: Any, cell: dict[str, Any]) -> None:
        self._pending -= 1
        if cell is not self._cell:          # a note the editor has since left
            self.saved.emit(str(cell["key"] or ""))
            return
        if self.key is None:
            self.key = cell["key"]
        self.status.setText(self.tr("Saved") if not self._dirty else self.tr("Edited"))
        self.completer.invalidate()
        self.refresh_links()
        self.saved.emit(self.key or "")

    def _failed(self, error: BaseException, cell: dict[str, Any]) -> None:
        self._pending -= 1
        if cell is self._cell:
            self._dirty = True       # keep it: the next change or flush tries again
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(error)))
        self.save_failed.emit(str(error))

    def apply(self, changes: Changes[object]) -> None:
        """After a write: forget stale completions; a note deleted meanwhile (an undo, the
        trash) is not shown any longer; the backlinks of the open note follow other saves."""
        if changes.touches("note", "source", "excerpt"):
            self.completer.invalidate()
        if changes.touches("source"):
            self.citations.invalidate()
            self.pieces.forget()
            self._preview_timer.start()
        if (self.key is not None and self.key in changes.deleted.get("note", ())
                and not self.has_unsaved_changes):
            self.new_note("")
        elif changes.touches("note"):
            self.backlinks.apply(changes)

    # -- preview, links, backlinks --------------------------------------------------------

    def _preview_in_two_turns(self) -> None:
        """While typing: render the changed pieces now, change the shown document in the
        next turn of the event loop (each well under a frame; preview.py)."""
        try:
            self.pieces.prepare(self.editor.toPlainText(), self.citations)
        except Exception:  # noqa: BLE001 - never lose the editor over a preview
            log.exception("The note preview failed")
            self.refresh_preview()
            return
        # 1 ms, not 0: a zero timer runs before the paint and input waiting since.
        QTimer.singleShot(1, self._apply_preview)

    def _apply_preview(self) -> None:
        try:
            self.pieces.apply()
        except Exception:  # noqa: BLE001 - never lose the editor over a preview
            log.exception("The note preview failed")
            self.refresh_preview()

    def stop(self) -> None:
        """The window is closing (its edits flushed): no more saves or previews."""
        for timer in (self._idle, self._cap, self._preview_timer):
            timer.stop()

    def use_citation_style(self, style: str) -> None:
        """Show citations in the preview in `style` (the one chosen for Copy Citation)."""
        if self.citations.use_style(style):
            self.pieces.forget()
            self.refresh_preview()

    def refresh_preview(self) -> None:
        body = self.editor.toPlainText()
        try:
            self.pieces.show(body, self.citations)      # only what changed (preview.py)
        except Exception:  # noqa: BLE001 - never lose the editor over a preview
            log.exception("The note preview failed; showing the text as typed")
            self.pieces.forget()
            self.preview.setHtml(f"<pre>{html.escape(body)}</pre>")

    def refresh_links(self) -> None:
        """Backlinks of the open note and the links in it that did not resolve."""
        if self.key is None:
            self.backlinks.show_for("")
            self.unresolved.setVisible(False)
            return
        self.backlinks.show_for(self.key)
        names = _unresolved(self.nb, self.key)
        shown = "; ".join(names[:SHOWN_UNRESOLVED])
        if len(names) > SHOWN_UNRESOLVED:
            rest = len(names) - SHOWN_UNRESOLVED
            shown += " " + counted("NotesEditor", "and %n more", "and %n more", rest)
        self.unresolved.setText(self.tr("Links that lead nowhere: %1").replace("%1", shown))
        self.unresolved.setVisible(bool(names))

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "cite":            # a citation shown as text: go to its source
            self.navigate.emit("citation", url.path(), "")
            return
        found = parse_target(url.toString())      # the stored-link table of notes/schemes.py
        if found is None:
            self.status.setText(self.tr("Links outside the notebook are not opened: %1")
                                .replace("%1", url.toString()))
            return
        kind, key, anchor = found
        self.navigate.emit(kind, key, anchor)


def _unresolved(nb: Notebook, key: str) -> list[str]:
    """The links of a note that lead nowhere, each with the reason, in plain words."""
    found = nb.notes.unresolved(key)
    out = []
    for u in found:
        what = _get(u, "label") or _get(u, "to_key")
        if _get(u, "to_kind") == "note" and not str(_get(u, "to_key")).isupper():
            what = f"[[{_get(u, 'to_key')}]]"
        out.append(QCoreApplication.translate("NotesEditor", "{what} (line {line}: {reason})")
                   .format(what=what, line=_get(u, "line"), reason=_get(u, "reason")))
    return out


def _first_line(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:80]
    return QCoreApplication.translate("NotesEditor", "Untitled note")
