"""The notes editor: Markdown with link completion, a live preview, backlinks and autosave.

A historian writes "Petrzhek's letter and the 1924 survey point the same way"; typing `[[`
offers notes, sources and excerpts and inserts the stored link form (`[label](src:KEY)`,
DESIGN.md §7) so the link survives renames; `[@` offers citekeys and then the folios of that
source's excerpts as the locator. The preview is the notes module's HTML; clicking a link
emits `navigate(kind, key, anchor)` and the window goes there.

Autosave: every change restarts a short idle timer, and a second timer that is never restarted
caps the wait, so during continuous typing a save still starts at most `MAX_WAIT_MS` after the
first unsaved keystroke. Saves run on the writer thread (`ui/ops.py`), one at a time; a crash
loses at most the typing of the last two seconds (tests/ui/test_ui2_notes_autosave.py).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from rapidfuzz import fuzz, process, utils

from ..domain import NotFound
from ..notes.links import escape_label, unescape_label
from . import theme
from .ops import Op

IDLE_MS = 500        # save after this much quiet
MAX_WAIT_MS = 1200   # …and never later than this after the first unsaved change
PREVIEW_MS = 250

# The stored link schemes and the kinds the window navigates to.
SCHEME_KIND = {"note": "note", "src": "source", "ex": "excerpt", "page": "page",
               "cite": "citation"}
KIND_SCHEME = {"note": "note", "source": "src", "excerpt": "ex"}

_LINK_TRIGGER = re.compile(r"\[\[([^\[\]\n]*)$")
_CITE_TRIGGER = re.compile(r"\[@([^\]\s,;]*)$")
_LOCATOR_TRIGGER = re.compile(r"\[@([^\]\s,;]+),\s*([^\]\n]*)$")


# -- what the editor needs from the notebook (one place to read it) ---------------------------

@dataclass
class Candidate:
    """Something a link can point at, with the text it is found by and the label it gets."""
    kind: str        # note, source, excerpt, citekey
    key: str
    label: str       # inserted as the link label
    search: str      # matched against what is typed
    detail: str = ""


def link_candidates(nb: Any) -> list[Candidate]:
    """Notes and sources of the notebook, for the `[[` completer (a few thousand at most)."""
    out: list[Candidate] = []
    for n in nb.notes.all():
        out.append(Candidate("note", n.key, n.title or "Untitled note", n.title, "note"))
    for s in nb.sources.all():
        out.append(Candidate("source", s.key, s.title, f"{s.title} {s.citekey or ''}",
                             f"source · {s.citekey or s.key}"))
    return out


def excerpt_candidates(nb: Any, typed: str, limit: int = 8) -> list[Candidate]:
    """Excerpts whose words match what is typed, found through the search index.

    A notebook may hold 100,000 excerpts: listing them all for a fuzzy match would freeze
    the editor, while the index answers in milliseconds (inflected forms included)."""
    if len(typed.strip()) < 2:
        return []
    out = []
    for hit in nb.search.type_ahead(typed, limit=40).get("hits", []):
        if hit.get("kind") != "excerpt":
            continue
        try:
            e = nb.excerpts.get(hit["key"])
        except NotFound:
            continue
        quote = " ".join(e.quote.split())
        label = quote if len(quote) <= 48 else quote[:47].rstrip() + "…"
        out.append(Candidate("excerpt", e.key, label, f"{quote} {e.locator}",
                             f"excerpt · {e.locator}".rstrip(" ·")))
        if len(out) >= limit:
            break
    return out


def citekey_candidates(nb: Any) -> list[Candidate]:
    return [Candidate("citekey", s.citekey, s.citekey, f"{s.citekey} {s.title}", s.title)
            for s in nb.sources.all() if s.citekey]


def locators_for_citekey(nb: Any, citekey: str) -> list[str]:
    """The folios of this source's excerpts (`l. 12 ob.`), offered as the citation locator."""
    source_key = next((s.key for s in nb.sources.all()
                       if (s.citekey or "").casefold() == citekey.casefold()), None)
    if source_key is None:
        return []
    docs = {d.key for d in nb.documents.all(source_key)}
    seen: list[str] = []
    for doc in docs:
        for e in nb.excerpts.all(document=doc):
            if e.locator and e.locator not in seen:
                seen.append(e.locator)
    return seen


def render_note_html(body: str) -> str:
    """The notes module's HTML for a body (links keep their note:/src:/ex: schemes)."""
    from ..notes.render import render_html
    return render_html(body)


def backlinks_of(nb: Any, key: str) -> list[Any]:
    return list(nb.notes.backlinks(key))


# -- the text editor ------------------------------------------------------------------------

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
            (re.compile(r"\[[^\]\n]*\]\((?:note|src|ex|page):[^)\s]+\)"), link),
            (re.compile(r"\[@[^\]\n]+\]|(?<![\w@])@[\w:.-]+\w"), cite),
            (re.compile(r"\[\[[^\]\n]+\]\]"), unresolved),
        ]

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.rules:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)


class NoteTextEdit(QPlainTextEdit):
    """The body editor; lets the completer popup have Enter, Tab and Escape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.completer: LinkCompleter | None = None
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        c = self.completer
        if c is not None and c.view().isVisible() and event.key() in (
                Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab,
                Qt.Key.Key_Backtab):
            event.ignore()   # the completer's event filter acts on these
            return
        super().keyPressEvent(event)


class LinkCompleter(QCompleter):
    """One popup for three modes: `[[` links, `[@` citekeys, and the locator after a citekey."""

    def __init__(self, editor: NoteTextEdit, nb: Any) -> None:
        self.items = QStandardItemModel()
        super().__init__(self.items, editor)
        self.editor = editor
        self.nb = nb
        self.mode = ""
        self._links: list[Candidate] | None = None
        self._citekeys: list[Candidate] | None = None
        self.setWidget(editor)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        self.view().setObjectName("linkCompleterPopup")
        # The QModelIndex overload of activated (the stubs know only the default one).
        cast(Any, self.activated)[QModelIndex].connect(self._insert)
        editor.completer = self

    def view(self) -> QAbstractItemView:
        """The popup list (Qt types it as optional; a completer always has one)."""
        popup = self.popup()
        assert popup is not None
        return popup

    def invalidate(self) -> None:
        """Forget the cached candidates (after a save or a change elsewhere)."""
        self._links = self._citekeys = None

    # -- opening the popup ----------------------------------------------------------------

    def update_for_cursor(self) -> None:
        """Look at the text before the cursor and show, refill or hide the popup."""
        cursor = self.editor.textCursor()
        before = cursor.block().text()[:cursor.positionInBlock()]
        if m := _LINK_TRIGGER.search(before):
            self._fill("link", m.group(1))
        elif m := _LOCATOR_TRIGGER.search(before):
            self._fill("locator", m.group(2), citekey=m.group(1))
        elif m := _CITE_TRIGGER.search(before):
            self._fill("cite", m.group(1))
        else:
            self.mode = ""
            self.view().hide()

    def _fill(self, mode: str, typed: str, citekey: str = "") -> None:
        self.mode = mode
        self.items.clear()
        if mode == "link":
            if self._links is None:
                self._links = link_candidates(self.nb)
            found = _rank(typed, self._links, limit=12)
            found += excerpt_candidates(self.nb, typed)
        elif mode == "cite":
            if self._citekeys is None:
                self._citekeys = citekey_candidates(self.nb)
            found = _rank(typed, self._citekeys)
        else:
            found = [Candidate("locator", loc, loc, loc, "folio of an excerpt")
                     for loc in locators_for_citekey(self.nb, citekey)
                     if loc.casefold().startswith(typed.casefold())]
        for cand in found:
            item = QStandardItem(theme.icon(cand.kind), f"{cand.label}  —  {cand.detail}"
                                 if cand.detail else cand.label)
            item.setData(cand, Qt.ItemDataRole.UserRole)
            item.setToolTip(cand.search)
            self.items.appendRow(item)
        if not found:
            self.view().hide()
            return
        rect = self.editor.cursorRect()
        rect.setWidth(max(360, self.view().sizeHintForColumn(0)
                          + self.view().verticalScrollBar().sizeHint().width()))
        self.complete(rect)
        self.view().setCurrentIndex(self.items.index(0, 0))

    # -- inserting ------------------------------------------------------------------------

    def accept(self, row: int = 0) -> None:
        """Insert the candidate at `row` (what Enter or a click does)."""
        self._insert(self.items.index(row, 0))

    def _insert(self, index: QModelIndex) -> None:
        cand: Candidate | None = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if cand is None:
            return
        cursor = self.editor.textCursor()
        before = cursor.block().text()[:cursor.positionInBlock()]
        if self.mode == "link" and (m := _LINK_TRIGGER.search(before)):
            cursor.movePosition(QTextCursor.MoveOperation.Left,
                                QTextCursor.MoveMode.KeepAnchor, len(m.group(0)))
            label = escape_label(cand.label)
            cursor.insertText(f"[{label}]({KIND_SCHEME[cand.kind]}:{cand.key})")
            self.editor.setTextCursor(cursor)
            self.view().hide()
        elif self.mode == "cite" and (m := _CITE_TRIGGER.search(before)):
            cursor.movePosition(QTextCursor.MoveOperation.Left,
                                QTextCursor.MoveMode.KeepAnchor, len(m.group(1)))
            after = cursor.block().text()[cursor.positionInBlock():]
            closing = "" if after.startswith("]") else "]"
            cursor.insertText(f"{cand.key}, {closing}")
            if closing:
                cursor.movePosition(QTextCursor.MoveOperation.Left)
            self.editor.setTextCursor(cursor)
            self.view().hide()
            # Offer the locator next (the folios of this source's excerpts).
            QTimer.singleShot(0, self.update_for_cursor)
        elif self.mode == "locator" and (m := _LOCATOR_TRIGGER.search(before)):
            cursor.movePosition(QTextCursor.MoveOperation.Left,
                                QTextCursor.MoveMode.KeepAnchor, len(m.group(2)))
            cursor.insertText(cand.key)
            self.editor.setTextCursor(cursor)
            self.view().hide()
            self.mode = ""


def _rank(typed: str, cands: list[Candidate], limit: int = 20) -> list[Candidate]:
    """Fuzzy order by title, citekey or quote; with nothing typed, the first few in order."""
    if not typed.strip():
        return cands[:limit]
    hits = process.extract(typed, [c.search for c in cands], scorer=fuzz.WRatio,
                           processor=utils.default_process, limit=limit, score_cutoff=50)
    return [cands[i] for _, _, i in hits]


# -- backlinks ------------------------------------------------------------------------------

class BacklinksPanel(QWidget):
    """The notes that link to a record, each with the line the link stands in.

    Used under the notes editor (for the open note) and by the window's inspector (for a
    source or an excerpt). Activating an entry emits `navigate("note", key, "")`.
    """

    navigate = Signal(str, str, str)

    def __init__(self, nb: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.key = ""
        self.header = QLabel("Backlinks")
        self.header.setObjectName("backlinksHeader")
        self.list = QListWidget()
        self.list.setObjectName("backlinksList")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.header)
        lay.addWidget(self.list)

    def show_for(self, key: str) -> None:
        """List the notes linking to the record with this key (note, source or excerpt)."""
        self.key = key
        self.list.clear()
        links = backlinks_of(self.nb, key) if key else []
        for link in links:
            note_key = _get(link, "note_key")
            title = _get(link, "title") or note_key
            context = _readable(str(_get(link, "context") or ""))
            if len(context) > 160:
                context = context[:159] + "…"
            item = QListWidgetItem(theme.icon("lock" if _get(link, "private") else "note"),
                                   f"{title}\n    {context}" if context else title)
            item.setData(Qt.ItemDataRole.UserRole, note_key)
            item.setToolTip(context)
            self.list.addItem(item)
        self.header.setText(f"Backlinks ({len(links)})" if links else "No backlinks yet")

    def texts(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def _activated(self, item: QListWidgetItem) -> None:
        self.navigate.emit("note", item.data(Qt.ItemDataRole.UserRole), "")


def _readable(line: str) -> str:
    """A Markdown line as a reader sees it: `[label](src:KEY)` shows as its label."""
    line = re.sub(r"\[((?:\\.|[^\[\]\\])*)\]\((?:note|src|ex|page):[^)\s]*\)",
                  lambda m: unescape_label(m.group(1)), line)
    return " ".join(line.split())


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)


# -- the whole editor -----------------------------------------------------------------------

class NotesEditor(QWidget):
    """Title, private toggle, Markdown body with completion, preview, backlinks; autosaves.

    `nb` is the window's read-only Notebook (fast reads on the GUI thread); every save goes
    through the window's background runner (`Op`), found by walking up the parents.
    """

    navigate = Signal(str, str, str)     # kind (note, source, excerpt, page, citation), key, anchor
    saved = Signal(str)                  # the note's key, after each committed save
    save_failed = Signal(str)

    def __init__(self, nb: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.key: str | None = None
        self._loading = False
        self._dirty = False
        self._pending = 0
        self._cell: dict[str, Any] = {"key": None}

        self.title = QLineEdit()
        self.title.setObjectName("noteTitle")
        self.title.setPlaceholderText("Title of the note")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        self.title.setFont(f)
        self.private = QToolButton()
        self.private.setObjectName("privateToggle")
        self.private.setCheckable(True)
        self.private.setText("Private")
        self.private.setIcon(theme.icon("lock"))
        self.private.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.private.setToolTip("A private note stays in this notebook: every export "
                                "(Markdown, BibTeX --cited-in …) leaves it out.")
        self.private_banner = QLabel("Private note: left out of every export")
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
        self.editor.setPlaceholderText("Write in Markdown. Type [[ to link a note, source or "
                                       "excerpt; [@ to cite a source.")
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.completer = LinkCompleter(self.editor, nb)

        self.preview = QTextBrowser()
        self.preview.setObjectName("notePreview")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)
        self.preview.anchorClicked.connect(self._link_clicked)

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
        self._preview_timer.timeout.connect(self.refresh_preview)

        self.editor.textChanged.connect(self._changed)
        self.editor.cursorPositionChanged.connect(self._cursor_moved)
        self.title.textEdited.connect(self._changed)
        self.private.toggled.connect(self._private_toggled)
        self.setEnabled(True)

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
        self.status.setText("Edited")
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
        self.status.setText("Saving…")
        cell = self._cell

        def work(nb: Any) -> Any:
            if cell["key"] is None:
                note = nb.notes.add(title, body, private=private).value
                cell["key"] = note.key
                return note
            return nb.notes.edit(cell["key"], title=title, body=body, private=private).value

        Op(self, work).changes("notes").success(lambda note: self._saved(note, cell)) \
            .failure(lambda error: self._failed(error, cell)).run()

    def _saved(self, note: Any, cell: dict[str, Any]) -> None:
        self._pending -= 1
        if cell is not self._cell:          # a note the editor has since left
            self.saved.emit(str(cell["key"] or ""))
            return
        if self.key is None:
            self.key = cell["key"]
        self.status.setText("Saved" if not self._dirty else "Edited")
        self.completer.invalidate()
        self.refresh_links()
        self.saved.emit(self.key or "")

    def _failed(self, error: BaseException, cell: dict[str, Any]) -> None:
        self._pending -= 1
        if cell is self._cell:
            self._dirty = True       # keep it: the next change or flush tries again
            self.status.setText(f"Not saved: {error}")
        self.save_failed.emit(str(error))

    # -- preview, links, backlinks --------------------------------------------------------

    def refresh_preview(self) -> None:
        body = self.editor.toPlainText()
        try:
            page = render_note_html(body)
        except Exception:  # noqa: BLE001 - never lose the editor over a preview
            page = f"<pre>{html.escape(body)}</pre>"
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setHtml(page)
        self.preview.verticalScrollBar().setValue(scroll)

    def refresh_links(self) -> None:
        """Backlinks of the open note and the links in it that did not resolve."""
        if self.key is None:
            self.backlinks.show_for("")
            self.unresolved.setVisible(False)
            return
        self.backlinks.show_for(self.key)
        names = _unresolved(self.nb, self.key)
        self.unresolved.setText("Links that lead nowhere: " + "; ".join(names))
        self.unresolved.setVisible(bool(names))

    def _link_clicked(self, url: QUrl) -> None:
        kind = SCHEME_KIND.get(url.scheme())
        if kind is None:
            self.status.setText(f"Links outside the notebook are not opened: {url.toString()}")
            return
        key = url.path() or url.toString().split(":", 1)[1].split("#", 1)[0]
        self.navigate.emit(kind, key, url.fragment())


def _unresolved(nb: Any, key: str) -> list[str]:
    """The links of a note that lead nowhere, each with the reason, in plain words."""
    found = nb.notes.details(key).get("unresolved", [])
    out = []
    for u in found:
        what = _get(u, "label") or _get(u, "to_key")
        if _get(u, "to_kind") == "note" and not str(_get(u, "to_key")).isupper():
            what = f"[[{_get(u, 'to_key')}]]"
        out.append(f"{what} (line {_get(u, 'line')}: {_get(u, 'reason')})")
    return out


def _first_line(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:80]
    return "Untitled note"
