"""Going places in the window: a document at a page, a source, an excerpt, a note, what a
link in a note points at, a search hit; and keeping the inspector (source form, backlinks,
Copy citation) on what is shown.

One `Navigator` per window, built by the window after its features; every feature that asks
to go somewhere (the sidebar, the notes editor's links, the search panel) is connected here.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QSettings, QTimer

from ..domain import Excerpt, NotFound
from .search.marking import mark_words

if TYPE_CHECKING:
    from .main_window import MainWindow

_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


class PlaceKeeper(QObject):
    """Where the reader is (document and page), remembered for the next start.

    Writing QSettings saves its whole file on the GUI thread (several ms, more on a slow
    disk), and the page changes on every turn of it: the place is kept in memory, written
    a few seconds after it last changed (one write for a burst of page turns) and at once
    when the window closes (`flush`). A crash loses at most the last few seconds' place."""

    DELAY_MS = 3000

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.pending: dict[str, object] = {}
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS)
        self.timer.timeout.connect(self.flush)

    def note(self, name: str, value: object) -> None:
        """Remember `last/<name>` (document, page) and write it soon."""
        self.pending[f"last/{name}"] = value
        self.timer.start()

    def flush(self) -> None:
        self.timer.stop()
        for key, value in self.pending.items():
            self.settings.setValue(key, value)
        self.pending.clear()


class Navigator(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window

    # -- documents, sources, excerpts --------------------------------------------------------

    def open_document(self, key: str, page: int = 1, *, switch_inspector: bool = True,
                      rescope: bool = True) -> None:
        w = self.w
        if w.closed or not w.viewer.open_document(key, page):
            return
        doc = w.viewer.doc
        assert doc is not None
        w.centre.setCurrentWidget(w.viewer)
        if rescope:
            w.excerpts.show_scope(("document", key), doc.filename or key)
        found = w.sidebar.library.find("document", key)
        if found.isValid() and w.sidebar.library_view.currentIndex() != found:
            w.sidebar.library_view.setCurrentIndex(found)
        self.show_source(doc.source_key)
        if switch_inspector:
            w.inspector.setCurrentWidget(w.excerpts)
        w.place.note("document", key)

    def show_source(self, key: str | None) -> None:
        """Show a source in the source form (or none)."""
        src = None
        if key:
            try:
                src = self.w.nb.sources.get(key)
            except NotFound:
                src = None
        self.w.source_form.show_source(src)
        self.follow_inspector()

    def go_to_source(self, key: str) -> None:
        """Select a source in the library and show its form."""
        w = self.w
        idx = w.sidebar.library.find("source", key)
        if idx.isValid():
            w.sidebar.library_view.setCurrentIndex(idx)
        self.show_source(key)
        w.centre.setCurrentWidget(w.viewer)
        w.inspector.setCurrentWidget(w.source_form)

    def show_excerpt(self, ex: Excerpt) -> None:
        """Show an excerpt on its page; a tag's excerpt list stays as it is."""
        w = self.w
        w.centre.setCurrentWidget(w.viewer)
        if w.viewer.doc is None or w.viewer.doc.key != ex.document_key:
            scope = w.excerpts.model.scope
            keep = scope is not None and scope[0] == "tag"
            self.open_document(ex.document_key, ex.page_start, rescope=not keep)
            if not keep:
                w.excerpts.select(ex.key)
        w.viewer.go_to_excerpt(ex)

    # -- notes -------------------------------------------------------------------------------

    def open_note(self, key: str) -> None:
        editor = self.w.editor
        if editor.key != key:
            try:
                editor.open_note(key)
            except NotFound:
                return
        self.w.centre.setCurrentWidget(editor)

    # -- the sidebar ------------------------------------------------------------------------

    def library_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        w = self.w
        node = w.sidebar.library.node(idx)
        if node.kind == "document":
            if w.viewer.doc is None or w.viewer.doc.key != node.key:
                self.open_document(node.key)
            else:
                w.centre.setCurrentWidget(w.viewer)     # shown already, behind the note
        elif node.kind == "source":
            self.show_source(node.key)
            w.inspector.setCurrentWidget(w.source_form)
            docs = [c.key for c in node.children if c.kind == "document"]
            if docs and (w.viewer.doc is None or w.viewer.doc.key not in docs):
                self.open_document(docs[0], switch_inspector=False)

    def library_clicked(self, idx: QModelIndex) -> None:
        """A click on the row already current (the document open behind the Note tab):
        show it again."""
        if idx.isValid() and idx == self.w.sidebar.library_view.currentIndex():
            self.library_current(idx, idx)

    def tag_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        if not idx.isValid():
            return
        w = self.w
        node = w.sidebar.tags.node(idx)
        w.excerpts.show_scope(("tag", node.key), self.tr("Tagged %1").replace("%1", node.key))
        w.tagged.show_tag(node.key)         # every kind the tag is on, as many as its count
        w.inspector.setCurrentWidget(w.tagged)

    def recent_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        if idx.isValid():
            self.open_document(self.w.sidebar.recent.node(idx).key)

    def note_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        if not idx.isValid():
            return
        node = self.w.sidebar.notes.node(idx)
        if node.kind == "note" and node.key:
            self.open_note(node.key)

    # -- links and hits -----------------------------------------------------------------------

    def navigate(self, kind: str, key: str, anchor: str = "", *,
                 keep_inspector: bool = False) -> None:
        """Go to what a link in a note points at (note, source, excerpt, page, citation).

        `keep_inspector` leaves the inspector on its tab (the search results, when a hit is
        opened, so the next hit is one click away)."""
        w = self.w
        try:
            if kind == "note":
                self.open_note(key)
            elif kind == "excerpt":
                ex = w.nb.excerpts.get(key)
                tab = w.inspector.currentWidget()
                self.show_excerpt(ex)
                w.excerpts.select(ex.key)
                w.inspector.setCurrentWidget(tab if keep_inspector else w.excerpts)
            elif kind == "page":
                self.open_document(key, int(anchor) if anchor.isdigit() else 1)
            elif kind in ("source", "citation"):
                if kind == "citation":
                    key = w.nb.sources.find(key, citekey_only=True) or ""
                self.go_to_source(key)
        except NotFound as exc:
            w.statusBar().showMessage(str(exc), 6000)

    def open_hit(self, hit: dict[str, Any]) -> None:
        """Open a search hit where it is, with the matched words marked."""
        w = self.w
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
            self.open_document(str(hit.get("document")), int(number or 1),
                               switch_inspector=False)
        elif kind == "note":
            self.open_note(key)
            mark_words(w.editor.editor, words, query=query)
            return
        elif kind == "source":
            self.go_to_source(key)
            return
        elif kind == "document":
            self.open_document(key, int(number or 1), switch_inspector=False)
        mark_words(w.viewer.text, words, query=query, keep=True)

    # -- the inspector follows what is shown -------------------------------------------------

    def follow_inspector(self, *_args: object) -> None:
        """Backlinks and Copy citation for the excerpt (or else the source) being shown."""
        w = self.w
        if w.closed:                 # a selection cleared while the window closes
            return
        ex = w.excerpts.current
        src = w.source_form.source
        key = ex.key if ex is not None else src.key if src is not None else ""
        w.cite_menu.set_key(key or None)
        w.backlinks.show_for(key)
        count = w.backlinks.list.count()
        at = w.inspector.indexOf(w.backlinks)
        w.inspector_tabs.rename(at, self.tr("Backlinks (%1)").replace("%1", str(count))
                               if count else self.tr("Backlinks"))
