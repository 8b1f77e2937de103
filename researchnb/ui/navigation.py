"""Fitting the part-2 widgets into the main window: notes editor, search, export, undo.

`install_part2(window)` is the one call the main window makes (from its constructor). It
adds, without touching the part-1 widgets' own code:
- a central tab "Note" beside the document viewer, with the notes editor; the sidebar's
  Notes list opens notes there, and its preview's links navigate the window;
- an inspector tab "Search" (Ctrl+K) whose hits open on their page with the words marked,
  an inspector tab "Backlinks" for the source or excerpt shown, and "Saved searches" in the
  sidebar;
- File › Export…, Edit › Undo/Redo, Copy citation, Find, Notes › New/Delete, View › Trash,
  Help › Keyboard shortcuts.
Excerpt deletion is routed through the undo stack, and source-form edits are recorded on it
as they are saved, so Ctrl+Z takes them back.
"""

from __future__ import annotations

import html
import re
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMenu,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
)

from ..domain import NotFound, Source
from . import theme
from .copy_citation import CitationMenu
from .export_dialog import ExportDialog
from .notes_editor import BacklinksPanel, NotesEditor
from .search_panel import SavedSearches, SearchPanel
from .shortcuts_dialog import show_shortcuts
from .sidebar import titled_pane
from .undo import NotebookCommand, TrashView, UndoController

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


class RecordedCommand(NotebookCommand):
    """A change the form already saved: pushing it records it without doing it again;
    later redos (after an undo) do it."""

    def __init__(self, controller: UndoController, text: str) -> None:
        super().__init__(controller, text)
        self.first = True

    def redo(self) -> None:
        if self.first:
            self.first = False
            return
        super().redo()


class RecordedSourceEdit(RecordedCommand):
    """A source-form edit that was already saved: the first redo does nothing."""

    kinds = ("sources",)

    def __init__(self, controller: UndoController, before: Source, after: Source,
                 names: list[str]) -> None:
        super().__init__(controller, f"Edit {', '.join(names)} of “{after.title[:40]}”")
        self.key = after.key
        self.old = {n: getattr(before, n) for n in names}
        self.new = {n: getattr(after, n) for n in names}

    def do(self, nb: Any) -> Any:
        return nb.sources.edit(self.key, self.new).value

    def undo_in(self, nb: Any) -> Any:
        return nb.sources.edit(self.key, self.old).value


EXCERPT_FIELDS = ("tags", "comment", "translation", "kind", "locator")


class RecordedExcerptEdit(RecordedCommand):
    """An excerpt-form edit (tags, comment, translation, kind, locator) already saved."""

    kinds = ("excerpts", "tags")

    def __init__(self, controller: UndoController, key: str, old: dict[str, Any],
                 new: dict[str, Any]) -> None:
        what = "tags" if list(new) == ["tags"] else ", ".join(sorted(new))
        super().__init__(controller, f"Edit {what} of an excerpt")
        self.key, self.old, self.new = key, old, new

    def do(self, nb: Any) -> Any:
        return nb.excerpts.edit(self.key, self.new).value

    def undo_in(self, nb: Any) -> Any:
        return nb.excerpts.edit(self.key, self.old).value


class RecordedExcerptCreation(RecordedCommand):
    """An excerpt made with the excerpt dialog (already stored): undo sends it to the
    trash, redo brings it back."""

    kinds = ("excerpts", "tags")

    def __init__(self, controller: UndoController, key: str) -> None:
        super().__init__(controller, "New excerpt")
        self.key = key

    def do(self, nb: Any) -> Any:
        return nb.excerpts.restore(self.key).value

    def undo_in(self, nb: Any) -> Any:
        return nb.excerpts.delete(self.key).value


class Part2(QObject):
    """Everything part 2 adds to one main window (kept as `window.part2`)."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        nb = window.nb
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.follow_system(app)

        # -- the central area: the document viewer and the notes editor as tabs -------------
        self.editor = NotesEditor(nb)
        self.centre = QTabWidget()
        self.centre.setObjectName("centreTabs")
        self.centre.setDocumentMode(True)
        at = window.split.indexOf(window.viewer)
        window.split.replaceWidget(at, self.centre)
        window.split.setStretchFactor(at, 1)   # the centre, not the side panes, takes the slack
        self.centre.addTab(window.viewer, theme.icon("document"), "Document")
        self.centre.addTab(self.editor, theme.icon("note"), "Note")
        self.editor.navigate.connect(self.navigate)
        self.editor.saved.connect(lambda _k: window.sidebar.refresh_trees(frozenset({"notes"})))

        # -- inspector tabs: search and backlinks --------------------------------------------
        self.search = SearchPanel(nb)
        self.search.open_hit.connect(self.open_hit)
        window.inspector.insertTab(0, self.search, theme.icon("search"), "Search")
        self.backlinks = BacklinksPanel(nb)
        self.backlinks.navigate.connect(self.navigate)
        window.inspector.addTab(self.backlinks, theme.icon("note"), "Backlinks")
        window.inspector.setCurrentWidget(window.excerpts)
        # Four tabs in a narrow inspector: elide their labels rather than hide tabs.
        window.inspector.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        window.inspector.setUsesScrollButtons(False)

        # -- sidebar: saved searches ---------------------------------------------------------
        self.saved_searches = SavedSearches(nb.path)
        self.saved_searches.run.connect(self.run_saved_search)
        self.search.search_saved.connect(self.saved_searches.add)
        window.sidebar.addWidget(titled_pane("Saved searches", self.saved_searches))

        # -- undo, trash, copy citation ------------------------------------------------------
        self.undo = UndoController(window)
        self.undo.done.connect(self._undo_done)
        self.cite_menu = CitationMenu(nb, window)
        self.cite_menu.copied.connect(
            lambda text: window.statusBar().showMessage(f"Copied: {text}", 6000))
        self.cite_menu.failed.connect(lambda msg: window.statusBar().showMessage(msg, 8000))
        self.trash_dialog: QDialog | None = None
        self._shown_source: Source | None = None
        self._shown_excerpt: dict[str, Any] | None = None     # key and fields, as stored
        self._doc_excerpts: tuple[str, set[str]] = ("", set())

        self._make_actions()
        self._make_menus()
        self._connect()
        window.installEventFilter(self)

    # -- actions and menus ---------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon: str = "") -> QAction:
        act = QAction(theme.icon(icon) if icon else QIcon(), text, self.window)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        act.triggered.connect(slot)
        return act

    def _make_actions(self) -> None:
        self.find_action = self._action("&Find…", self.focus_search, "Ctrl+K", "search")
        self.export_action = self._action("&Export…", self.open_export, "Ctrl+Shift+E",
                                          "export")
        self.new_note_action = self._action("&New Note", self.new_note, "Ctrl+Shift+N", "note")
        self.delete_note_action = self._action("&Delete Note", self.delete_note, icon="trash")
        self.trash_action = self._action("&Trash…", self.open_trash, icon="trash")
        self.shortcuts_action = self._action("&Keyboard Shortcuts", self.show_shortcuts,
                                             "Ctrl+/", "keyboard")
        self.cite_actions = []
        for style, key in (("chicago-note", "Ctrl+Shift+C"), ("russian", None), ("gost", None)):
            act = self.cite_menu.style_actions[style]
            if key:
                act.setShortcut(QKeySequence(key))
            self.window.addAction(act)
            self.cite_actions.append(act)

    def _menu(self, title: str) -> QMenu:
        for act in self.window.menuBar().actions():
            menu = act.menu()
            if menu is not None and menu.title().replace("&", "") == title:
                return menu
        return self.window.menuBar().addMenu(f"&{title}")

    def _make_menus(self) -> None:
        w = self.window
        file = self._menu("File")
        quit_action = getattr(w, "quit_action", None)
        _insert(file, quit_action, self.export_action, separator_after=True)
        edit = self._menu("Edit")
        first = edit.actions()[0] if edit.actions() else None
        _insert(edit, first, self.undo.undo_action)
        _insert(edit, first, self.undo.redo_action, separator_after=True)
        edit.addSeparator()
        edit.addMenu(self.cite_menu)
        edit.addAction(self.find_action)
        notes = QMenu("&Notes", w)
        notes.addAction(self.new_note_action)
        notes.addAction(self.delete_note_action)
        help_menu = self._menu("Help")
        w.menuBar().insertMenu(help_menu.menuAction(), notes)
        view = self._menu("View")
        view.addSeparator()
        view.addAction(self.trash_action)
        _insert(help_menu, help_menu.actions()[0] if help_menu.actions() else None,
                self.shortcuts_action)
        for act in (self.undo.undo_action, self.undo.redo_action, self.find_action,
                    self.export_action, self.new_note_action, self.shortcuts_action):
            w.addAction(act)

    def _connect(self) -> None:
        w = self.window
        sb = w.sidebar
        sb.notes_view.selectionModel().currentChanged.connect(self._note_current)
        # Deleting an excerpt goes through the undo stack (Ctrl+Z brings it back).
        w.delete_excerpt_action.triggered.disconnect()
        w.delete_excerpt_action.triggered.connect(self.delete_excerpt)
        # After part 1 has shown a source or excerpt, show its backlinks and citation.
        sb.library_view.selectionModel().currentChanged.connect(self._follow_inspector)
        w.excerpts.excerpt_activated.connect(lambda _ex: self._follow_inspector())
        w.excerpts.table.selectionModel().selectionChanged.connect(
            lambda *_: self._follow_inspector())
        w.source_form.saved.connect(self._source_saved)
        w.viewer.page_changed.connect(lambda doc, _page: self._excerpt_baseline(doc))
        w.runner.changed.connect(self._changed)

    # -- the event filter: save the open note before the window closes -------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.window and event.type() == QEvent.Type.Close:
            self.editor.flush()
            self.search.worker.stop()
        return False

    # -- notes -------------------------------------------------------------------------------

    def _note_current(self, idx: Any, _prev: Any) -> None:
        if not idx.isValid():
            return
        node = self.window.sidebar.notes.node(idx)
        if node.kind == "note" and node.key:
            self.open_note(node.key)

    def open_note(self, key: str) -> None:
        if self.editor.key != key:
            try:
                self.editor.open_note(key)
            except NotFound:
                return
        self.centre.setCurrentWidget(self.editor)

    def new_note(self) -> None:
        self.editor.new_note("")
        self.centre.setCurrentWidget(self.editor)
        self.editor.title.setFocus()

    def delete_note(self) -> None:
        key = self.editor.key
        if key is None:
            return
        title = self.editor.title.text()
        self.editor.flush()
        self.undo.delete("note", key, title)
        self.editor.new_note("")
        self.centre.setCurrentWidget(self.window.viewer)

    # -- navigation from links and hits ---------------------------------------------------

    def navigate(self, kind: str, key: str, anchor: str = "", *,
                 keep_inspector: bool = False) -> None:
        """Go to what a link in a note points at (note, source, excerpt, page, citation).

        `keep_inspector` leaves the inspector on its tab (the search results, when a hit is
        opened, so the next hit is one click away)."""
        w = self.window
        try:
            if kind == "note":
                self.open_note(key)
            elif kind == "excerpt":
                ex = w.nb.excerpts.get(key)
                tab = w.inspector.currentWidget()
                self.centre.setCurrentWidget(w.viewer)
                w.show_excerpt(ex)
                w.excerpts.select(ex.key)
                w.inspector.setCurrentWidget(tab if keep_inspector else w.excerpts)
            elif kind == "page":
                self.centre.setCurrentWidget(w.viewer)
                w.open_document(key, int(anchor) if anchor.isdigit() else 1)
            elif kind in ("source", "citation"):
                if kind == "citation":
                    key = next((s.key for s in w.nb.sources.all()
                                if (s.citekey or "").casefold() == key.casefold()), "")
                self.show_source(key)
        except NotFound as exc:
            w.statusBar().showMessage(str(exc), 6000)

    def show_source(self, key: str) -> None:
        w = self.window
        idx = w.sidebar.library.find("source", key)
        if idx.isValid():
            w.sidebar.library_view.setCurrentIndex(idx)
        w.show_source(key)
        self.centre.setCurrentWidget(w.viewer)
        w.inspector.setCurrentWidget(w.source_form)
        self._follow_inspector()

    def focus_search(self) -> None:
        self.window.inspector.setCurrentWidget(self.search)
        self.search.focus_field()

    def run_saved_search(self, query: str) -> None:
        self.window.inspector.setCurrentWidget(self.search)
        self.search.set_query(query)

    def open_hit(self, hit: dict[str, Any]) -> None:
        """Open a search hit where it is, with the matched words marked."""
        w = self.window
        words = sorted({m.strip() for m in _MARK.findall(str(hit.get("snippet") or ""))
                        if m.strip()}, key=len, reverse=True)
        words = [html.unescape(x) for x in words]
        kind, key = hit.get("kind"), str(hit.get("key") or "")
        query = str(hit.get("query") or "")
        page = hit.get("page")
        number = page.get("number") if isinstance(page, dict) else page
        if kind == "excerpt":
            self.navigate("excerpt", key, keep_inspector=True)
        elif kind == "page":
            self.centre.setCurrentWidget(w.viewer)
            w.open_document(str(hit.get("document")), int(number or 1), switch_inspector=False)
        elif kind == "note":
            self.open_note(key)
            mark_words(self.editor.editor, words, query=query)
            return
        elif kind == "source":
            self.show_source(key)
            return
        elif kind == "document":
            self.centre.setCurrentWidget(w.viewer)
            w.open_document(key, int(number or 1), switch_inspector=False)
        mark_words(w.viewer.text, words, query=query, keep=True)

    # -- inspector follow-ups ---------------------------------------------------------------

    def _follow_inspector(self, *_args: Any) -> None:
        """Backlinks and Copy citation for the excerpt (or else the source) being shown."""
        w = self.window
        ex = getattr(w.excerpts, "current", None)
        src = w.source_form.source
        if src is None:
            self._shown_source = None
        elif self._shown_source is None or self._shown_source.key != src.key:
            # From the notebook, not the form's object: the form edits that one in place.
            self._remember_source(src.key)
        if ex is not None and (self._shown_excerpt is None
                               or self._shown_excerpt["key"] != ex.key):
            self._remember_excerpt(ex.key)
        if ex is not None:
            self.cite_menu.set_key(ex.key)
            self.backlinks.show_for(ex.key)
        elif src is not None:
            self.cite_menu.set_key(src.key)
            self.backlinks.show_for(src.key)
        else:
            self.cite_menu.set_key(None)
            self.backlinks.show_for("")
        count = self.backlinks.list.count()
        at = w.inspector.indexOf(self.backlinks)
        w.inspector.setTabText(at, f"Backlinks ({count})" if count else "Backlinks")

    def _remember_excerpt(self, key: str) -> None:
        try:
            ex = self.window.nb.excerpts.get(key)
        except NotFound:
            self._shown_excerpt = None
            return
        self._shown_excerpt = {"key": key, **{f: _field(ex, f) for f in EXCERPT_FIELDS}}

    def _excerpt_baseline(self, doc: str) -> None:
        self._doc_excerpts = (doc, {e.key for e in self.window.viewer.excerpts})

    def _record_excerpt_changes(self) -> None:
        """Put what the excerpt form and the excerpt dialog saved on the undo stack.

        Part 1's forms save by themselves; after each change this compares the stored
        excerpt with what it was when selected, and the document's excerpts with the ones
        it had, and records the difference as an already-done command."""
        w = self.window
        own = self.undo.pending > 0        # our own undo/redo: nothing new to record
        before = self._shown_excerpt
        if before is not None:
            try:
                ex = w.nb.excerpts.get(before["key"])
            except NotFound:
                ex = None
            if ex is not None:
                now = {f: _field(ex, f) for f in EXCERPT_FIELDS}
                changed = [f for f in EXCERPT_FIELDS if now[f] != before[f]]
                if changed and not own:
                    self.undo.stack.push(RecordedExcerptEdit(
                        self.undo, ex.key, {f: before[f] for f in changed},
                        {f: now[f] for f in changed}))
                self._shown_excerpt = {"key": ex.key, **now}
        doc = w.viewer.doc.key if w.viewer.doc is not None else ""
        keys = {e.key for e in w.viewer.excerpts}
        last_doc, last_keys = self._doc_excerpts
        if doc and doc == last_doc and not own:
            for key in sorted(keys - last_keys):
                self.undo.stack.push(RecordedExcerptCreation(self.undo, key))
        self._doc_excerpts = (doc, keys)

    def _remember_source(self, key: str) -> None:
        try:
            self._shown_source = _copy_source(self.window.nb.sources.get(key))
        except NotFound:
            self._shown_source = None

    def _source_saved(self, src: Source) -> None:
        """Put a saved source-form edit on the undo stack (already done, so not redone)."""
        before = self._shown_source
        if before is None or before.key != src.key:
            self._shown_source = _copy_source(src)
            return
        names = [f.name for f in fields(Source) if f.name not in ("modified", "created")
                 and getattr(before, f.name) != getattr(src, f.name)]
        self._shown_source = _copy_source(src)
        if names and "creators" not in names:
            self.undo.stack.push(RecordedSourceEdit(self.undo, before, src, names))

    def _undo_done(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 3000)
        if self._shown_source is not None:
            self._remember_source(self._shown_source.key)

    def _changed(self, kinds: frozenset[str]) -> None:
        if "excerpts" in kinds:
            self._record_excerpt_changes()
        if kinds & {"notes", "sources", "excerpts"}:
            self.editor.completer.invalidate()
            self._follow_inspector()
        if self.trash_dialog is not None and self.trash_dialog.isVisible():
            self.trash_view.refresh()
        if "notes" in kinds and self.editor.key and not self.editor.has_unsaved_changes:
            try:
                self.window.nb.notes.get(self.editor.key)
            except NotFound:       # deleted (or undone) elsewhere: show nothing stale
                self.editor.new_note("")

    # -- excerpts ------------------------------------------------------------------------

    def delete_excerpt(self) -> None:
        ex = self.window.excerpts.current
        if ex is None:
            return
        self.undo.delete("excerpt", ex.key, ex.quote)

    # -- dialogs ---------------------------------------------------------------------------

    def open_export(self) -> ExportDialog:
        w = self.window
        note = self.editor.key if self.centre.currentWidget() is self.editor else None
        src = w.source_form.source
        dialog = ExportDialog(w.nb, w, selection=[src.key] if src is not None else None,
                              note=note)
        dialog.exported.connect(lambda text: w.statusBar().showMessage(text, 8000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def open_trash(self) -> QDialog:
        if self.trash_dialog is None:
            dialog = QDialog(self.window)
            dialog.setWindowTitle("Trash")
            dialog.setObjectName("trashDialog")
            self.trash_view = TrashView(self.window.nb, self.undo)
            lay = QVBoxLayout(dialog)
            lay.addWidget(QLabel("Deleted notes and excerpts stay here until you restore "
                                 "them; Ctrl+Z also brings back what you just deleted."))
            lay.addWidget(self.trash_view)
            dialog.resize(640, 420)
            self.trash_dialog = dialog
        self.trash_view.refresh()
        self.trash_dialog.show()
        self.trash_dialog.raise_()
        return self.trash_dialog

    def show_shortcuts(self) -> QDialog:
        return show_shortcuts(self.window)


def _insert(menu: QMenu, before: QAction | None, action: QAction, *,
            separator_after: bool = False) -> None:
    """Put an action before another in a menu (at the end when there is none)."""
    if before is None:
        menu.addAction(action)
        if separator_after:
            menu.addSeparator()
        return
    menu.insertAction(before, action)
    if separator_after:
        menu.insertSeparator(before)


def _field(ex: Any, name: str) -> Any:
    value = getattr(ex, name)
    return sorted(value, key=str.casefold) if name == "tags" else value


def _copy_source(src: Source) -> Source:
    return Source(**{f.name: getattr(src, f.name) for f in fields(Source)})


def query_terms(query: str) -> tuple[set[str], str]:
    """The stems a query searches for, and the folded last word (typed as a prefix)."""
    from ..search import analyzer
    words = [w for w in re.split(r"\s+", query) if w and ":" not in w
             and w not in ("AND", "OR", "NOT", "TO")]
    plain = " ".join(w.strip('"()[]*~^') for w in words)
    toks = analyzer.tokens(plain)
    return set(analyzer.terms(plain)), (toks[-1] if toks else "")


def matching_spans(text: str, query: str, words: list[str]) -> list[tuple[int, int]]:
    """Where a hit's words are in a text: every form sharing a stem with the query (so
    «рабочих» marks «рабочие» too), the last word also as a prefix, and the snippet's marks."""
    from ..search import analyzer
    stems, prefix = query_terms(query)
    spans = []
    for start, end, term in analyzer.token_spans(text):
        if term in stems or (len(prefix) >= 2 and analyzer.fold(text[start:end])
                             .startswith(prefix)):
            spans.append((start, end))
    if words:
        pattern = re.compile("|".join(re.escape(x) for x in words), re.IGNORECASE)
        spans += [(m.start(), m.end()) for m in pattern.finditer(text)]
    return sorted(set(spans))


def mark_words(edit: QTextEdit | Any, words: list[str], *, query: str = "",
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


def install_part2(window: Any) -> Part2:
    """Add the part-2 widgets, menus and shortcuts to a main window; returns them."""
    return Part2(window)
