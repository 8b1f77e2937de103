"""Link completion in the notes editor: `[[` offers notes, sources and excerpts and inserts the
stored link form (`[label](src:KEY)`, notes/schemes.py) so the link survives renames; `[@`
offers citekeys and then the folios of that source's excerpts as the locator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit, QWidget

from ...domain import NotFound
from ...locators import shown_locator
from ...notebook import Notebook
from ...notes.ranking import rank, shorten
from ...notes.schemes import stored_link
from .. import theme


def _tr(text: str) -> str:
    return QCoreApplication.translate("LinkCompleter", text)


_LINK_TRIGGER = re.compile(r"\[\[([^\[\]\n]*)$")
_CITE_TRIGGER = re.compile(r"\[@([^\]\s,;]*)$")
_LOCATOR_TRIGGER = re.compile(r"\[@([^\]\s,;]+),\s*([^\]\n]*)$")



# -- what can be linked (one place to read it from the notebook) -----------------------------

@dataclass
class Candidate:
    """Something a link can point at, with the text it is found by and the label it gets."""
    kind: str        # note, source, excerpt, citekey
    key: str
    label: str       # inserted as the link label
    search: str      # matched against what is typed
    detail: str = ""


def link_candidates(nb: Notebook) -> list[Candidate]:
    """Notes and sources of the notebook, for the `[[` completer (a few thousand at most)."""
    out: list[Candidate] = []
    for n in nb.notes.all():
        out.append(Candidate("note", n.key, n.title or _tr("Untitled note"), n.title,
                             _tr("note")))
    for s in nb.sources.all():
        out.append(Candidate("source", s.key, s.title, f"{s.title} {s.citekey or ''}",
                             _tr("source · %1").replace("%1", s.citekey or s.key)))
    return out


def excerpt_candidates(nb: Notebook, typed: str, limit: int = 8) -> list[Candidate]:
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
        where = shown_locator(e.locator, page=e.page_start)
        out.append(Candidate("excerpt", e.key, shorten(quote), f"{quote} {where}",
                             _tr("excerpt · %1").replace("%1", where).rstrip(" ·")))
        if len(out) >= limit:
            break
    return out


def citekey_candidates(nb: Notebook) -> list[Candidate]:
    return [Candidate("citekey", s.citekey, s.citekey, f"{s.citekey} {s.title}", s.title)
            for s in nb.sources.all() if s.citekey]


def locators_for_citekey(nb: Notebook, citekey: str) -> list[str]:
    """The folios of this source's excerpts (`l. 12 ob.`), offered as the citation locator."""
    source_key = nb.sources.find(citekey, citekey_only=True)
    if source_key is None:
        return []
    seen: list[str] = []
    for doc in nb.documents.all(source_key):
        for e in nb.excerpts.all(document=doc.key):
            where = shown_locator(e.locator, page=e.page_start)
            if where and where not in seen:
                seen.append(where)
    return seen


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

    def __init__(self, editor: NoteTextEdit, nb: Notebook) -> None:
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
            found = [Candidate("locator", loc, loc, loc, _tr("folio of an excerpt"))
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
            cursor.insertText(stored_link(cand.kind, cand.key, cand.label))
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
    """Names (citekey, title) starting with what is typed first, then a word of them, then
    anywhere, then fuzzy (notes/ranking.py); with nothing typed, the first few in order."""
    return rank(typed, cands, lambda c: c.label if c.kind != "citekey" else c.key,
                lambda c: c.search, limit=limit)
