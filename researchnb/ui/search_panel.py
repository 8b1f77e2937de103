"""Instant search: a field (Ctrl+K), results as you type grouped by kind, saved searches.

Queries run on a reader thread with its own read-only connection to the notebook, newest
query wins: while the historian types `рабочих` key by key, a query still running for `раб`
is simply not shown once `рабо` has been asked, so the GUI thread only ever draws results
(scripts/bench/ui_search.py measures the longest event-loop gap while typing).

Each hit shows its title, where it is (document, folio, source) and the snippet with the
matched words marked. Enter or a click emits `open_hit(hit)`; the hit carries the query so the
viewer can highlight the words in place.
"""

from __future__ import annotations

import html
import json
import queue
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QKeySequence,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from . import theme

LIMIT = 50
KIND_TITLES = {"excerpt": "Excerpts", "page": "Pages", "note": "Notes", "source": "Sources",
               "document": "Documents"}
KIND_ORDER = ["excerpt", "page", "note", "source", "document"]

SYNTAX_HELP = """<b>Search syntax</b><br>
<code>рабочих</code> — every form of the word (рабочие, рабочим…); ё and е, old spellings
(ѣ, і) match too<br>
<code>"cell bureau"</code> — the exact phrase<br>
<code>wages AND strike</code>, <code>wages OR salary</code>, <code>strike NOT Moscow</code><br>
<code>prolet*</code> — words starting with these letters<br>
<code>VICKSBURG~</code> — near spellings (OCR errors)<br>
<code>tag:inequality</code> <code>kind:excerpt</code> <code>source:KEY</code>
<code>archive:TsGAMO</code> <code>fond:415</code> <code>lang:ru</code><br>
<code>date:[1921 TO 1923]</code> — sources dated in that range<br>
As you type, the last word counts as the start of a word."""

_SYNTAX_CHARS = set('":()[]*~')
_SYNTAX_WORDS = {"AND", "OR", "NOT", "TO"}


def _get(hit: Any, name: str, default: Any = None) -> Any:
    if isinstance(hit, dict):
        return hit.get(name, default)
    return getattr(hit, name, default)


def hit_dict(hit: Any) -> dict[str, Any]:
    """A search hit as a plain dict, whatever the search module returns."""
    if isinstance(hit, dict):
        return dict(hit)
    if hasattr(hit, "__dataclass_fields__"):
        from dataclasses import asdict
        return asdict(hit)
    return dict(vars(hit))


def uses_syntax(text: str) -> bool:
    """Whether the text is a query with fields, phrases or operators (not plain words)."""
    return bool(_SYNTAX_CHARS & set(text)) or any(w in _SYNTAX_WORDS for w in text.split())


def location_text(hit: dict[str, Any]) -> str:
    """Where the hit is, in a historian's terms: source · document · page and folio."""
    parts = []
    if hit.get("source_title") and hit.get("kind") != "source":
        parts.append(str(hit["source_title"]))
    if hit.get("document_title") and hit.get("kind") in ("page", "excerpt"):
        parts.append(str(hit["document_title"]))
    page = hit.get("page")
    number, label = (page.get("number"), page.get("label")) if isinstance(page, dict) \
        else (page, hit.get("page_label"))
    if hit.get("kind") == "excerpt" and hit.get("locator"):
        parts.append(str(hit["locator"]))
    elif number:
        parts.append(f"p. {number}" + (f" (l. {label})" if label and str(label) != str(number)
                                       else ""))
    return " · ".join(parts)


def snippet_html(snippet: str) -> str:
    """The search module's snippet (escaped text with <mark>) with the marks made visible.

    Qt's rich text does not know <mark>, so it becomes a span with the palette's mark colour.
    """
    colour = theme.mark_colour().name()
    fg = "#000000" if not theme.is_dark() else "#ffffff"
    return (snippet.replace("<mark>", f'<span style="background-color:{colour}; color:{fg}">')
            .replace("</mark>", "</span>"))


# -- the reader thread ------------------------------------------------------------------------

class SearchWorker(QObject):
    """Runs queries on its own thread and read-only notebook; only the newest query counts."""

    results = Signal(int, str, object, object)   # seq, text, hits, error

    def __init__(self, notebook_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = notebook_path
        self._queue: queue.Queue[tuple[int, str, bool] | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="researchnb-search",
                                        daemon=True)
        self._thread.start()

    def ask(self, seq: int, text: str, full: bool) -> None:
        self._queue.put((seq, text, full))

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        from ..notebook import Notebook
        nb = None
        try:
            while True:
                job = self._queue.get()
                # Newest wins: skip every query already superseded by a later one.
                while job is not None and not self._queue.empty():
                    nxt = self._queue.get()
                    job = nxt if nxt is not None else None
                if job is None:
                    return
                seq, text, full = job
                try:
                    if nb is None:
                        nb = Notebook.open(self.path, read_only=True)
                    hits = run_query(nb, text, full)
                    self.results.emit(seq, text, hits, None)
                except Exception as exc:  # noqa: BLE001 - shown in the panel, never raised
                    self.results.emit(seq, text, [], exc)
        finally:
            if nb is not None:
                nb.close()


def run_query(nb: Any, text: str, full: bool, limit: int = LIMIT) -> list[dict[str, Any]]:
    """Type-ahead for plain words as they are typed, the full query language otherwise."""
    if not text.strip():
        return []
    type_ahead = getattr(nb, "type_ahead", None)
    if full or uses_syntax(text) or type_ahead is None:
        found = nb.search(text, limit=limit)
    else:
        found = type_ahead(text, limit=limit)
    hits = _get(found, "hits", found) if not isinstance(found, list) else found
    return [_enrich(nb, hit_dict(h)) for h in hits]


def _enrich(nb: Any, hit: dict[str, Any]) -> dict[str, Any]:
    """Add the source's title and the document's file name (hits carry only their keys).

    Runs on the reader thread; the names are cached per notebook object."""
    cache: dict[str, str] = nb.__dict__.setdefault("_search_panel_names", {})
    src = hit.get("source")
    if isinstance(src, str) and src and "source_title" not in hit:
        if src not in cache:
            try:
                cache[src] = nb.get_source(src).title
            except Exception:  # noqa: BLE001 - a name is a nicety; the key will do
                cache[src] = src
        hit["source_title"] = cache[src]
    doc = hit.get("document")
    if isinstance(doc, str) and doc and "document_title" not in hit:
        if doc not in cache:
            cache.update({d.key: d.filename or d.key for d in nb.list_documents()})
        hit["document_title"] = cache.get(doc, doc)
    return hit


# -- drawing a hit ---------------------------------------------------------------------------

class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's text as rich text (title, location, snippet with marks).

    Laid-out documents are cached by (text, width): a view asks for the size of every row
    and paints the visible ones, and laying out rich text is the costly part."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int], QTextDocument] = {}

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
             ) -> QTextDocument:
        text = str(index.data(Qt.ItemDataRole.UserRole + 1) or
                   html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or "")))
        width = max(120, (option.rect.width() if option.rect.width() > 0 else 480) - 24)
        doc = self._cache.get((text, width))
        if doc is None:
            if len(self._cache) > 400:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(2)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._cache[(text, width)] = doc
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 opt.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        text_rect = (style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
                     if style is not None else opt.rect)
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """A fixed height (title line and three snippet lines) from the font alone: asking
        the height of 50 rows must not lay out 50 rich-text documents while someone types."""
        if not index.data(Qt.ItemDataRole.UserRole + 1):
            return super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(max(200, option.rect.width()), line * 4 + 8)


# -- the panel -------------------------------------------------------------------------------

class SearchField(QLineEdit):
    """The query field: Down moves into the results, Enter opens the top hit."""

    down = Signal()

    def keyPressEvent(self, event: Any) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class SearchPanel(QWidget):
    """Search field and results; `open_hit(hit)` when the historian picks one."""

    open_hit = Signal(dict)
    results_shown = Signal(str, int)      # the text the results are for, how many hits
    search_saved = Signal(str, str)

    def __init__(self, nb: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.field = SearchField()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText("Search notes, excerpts, pages and sources  (Ctrl+K)")
        self.field.setClearButtonEnabled(True)
        self.field.addAction(theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.setToolTip(SYNTAX_HELP)
        self.help = QToolButton()
        self.help.setIcon(theme.icon("help"))
        self.help.setObjectName("searchHelp")
        self.help.setToolTip(SYNTAX_HELP)
        self.help.setAutoRaise(True)
        self.help.clicked.connect(self.show_help)
        self.save = QToolButton()
        self.save.setIcon(theme.icon("saved-search"))
        self.save.setObjectName("saveSearch")
        self.save.setToolTip("Save this search (it appears under Saved searches)")
        self.save.setAutoRaise(True)
        self.save.clicked.connect(self._save_clicked)
        self.summary = QLabel("")
        self.summary.setObjectName("searchSummary")
        self.summary.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.results = QTreeWidget()
        self.results.setObjectName("searchResults")
        self.results.setHeaderHidden(True)
        self.results.setRootIsDecorated(False)
        self.results.setIndentation(8)
        self.results.setUniformRowHeights(False)
        self.results.setWordWrap(True)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)

        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.help)
        top.addWidget(self.save)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(top)
        lay.addWidget(self.summary)
        lay.addWidget(self.results, 1)

        self._seq = 0
        self._shown_seq = 0
        self.hits: list[dict[str, Any]] = []
        self.shown_text = ""
        self.worker = SearchWorker(Path(nb.path), self)
        self.worker.results.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._debounce = QTimer(self, singleShot=True, interval=30)
        self._debounce.timeout.connect(lambda: self.ask(full=False))
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(self._return)
        self.field.down.connect(self._focus_results)

    # -- asking ---------------------------------------------------------------------------

    def focus_field(self) -> None:
        """What Ctrl+K does: put the cursor in the field with its text selected."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def set_query(self, text: str, *, full: bool = True) -> None:
        """Show the results of a query (a saved search, say) as if typed."""
        self.field.blockSignals(True)
        self.field.setText(text)
        self.field.blockSignals(False)
        self.ask(full=full)

    def ask(self, *, full: bool) -> None:
        self._seq += 1
        text = self.field.text()
        if not text.strip():
            self._show(self._seq, text, [], None)
            return
        self.worker.ask(self._seq, text, full)

    def _return(self) -> None:
        if self.hits and self.shown_text == self.field.text():
            self.open_hit.emit(self._with_query(self.hits[0]))
        else:
            self._open_first_when_shown = True
            self.ask(full=True)

    _open_first_when_shown = False

    # -- showing --------------------------------------------------------------------------

    def _show(self, seq: int, text: str, hits: list[dict[str, Any]], error: Any) -> None:
        if seq < self._shown_seq:
            return      # an answer older than what is shown (the newest query wins)
        self._shown_seq = seq
        self.hits = hits
        self.shown_text = text
        self.results.setUpdatesEnabled(False)
        self.results.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        counts: dict[str, int] = {}
        for hit in hits:
            counts[hit.get("kind", "")] = counts.get(hit.get("kind", ""), 0) + 1
        for kind in sorted(counts, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 9):
            group = QTreeWidgetItem([f"{KIND_TITLES.get(kind, kind.title())} ({counts[kind]})"])
            group.setIcon(0, theme.icon(kind))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = group.font(0)
            f.setBold(True)
            group.setFont(0, f)
            self.results.addTopLevelItem(group)
            groups[kind] = group
        for hit in hits:
            item = QTreeWidgetItem([str(hit.get("title") or hit.get("key"))])
            item.setData(0, Qt.ItemDataRole.UserRole, hit)
            item.setData(0, Qt.ItemDataRole.UserRole + 1, self._hit_html(hit))
            item.setToolTip(0, location_text(hit))
            groups[hit.get("kind", "")].addChild(item)
        self.results.expandAll()
        self.results.setUpdatesEnabled(True)
        if error is not None:
            self.summary.setText(f"The search could not run: {error}")
        elif not text.strip():
            self.summary.setText("")
        else:
            self.summary.setText(f"{len(hits)} hit{'s' if len(hits) != 1 else ''}"
                                 + (" (the best shown)" if len(hits) >= LIMIT else ""))
        self.results_shown.emit(text, len(hits))
        if self._open_first_when_shown and seq == self._seq:
            self._open_first_when_shown = False
            if hits:
                self.open_hit.emit(self._with_query(hits[0]))

    def _hit_html(self, hit: dict[str, Any]) -> str:
        title = html.escape(str(hit.get("title") or hit.get("key") or ""))
        private = " 🔒" if hit.get("private") else ""
        where = html.escape(location_text(hit))
        snippet = snippet_html(str(hit.get("snippet") or ""))
        muted = theme.muted().name()
        return (f"<b>{title}</b>{private}"
                + (f' <span style="color:{muted}">— {where}</span>' if where else "")
                + (f"<br>{snippet}" if snippet else ""))

    def result_items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.results.topLevelItemCount()):
            group = self.results.topLevelItem(i)
            out.extend(group.child(j) for j in range(group.childCount()))
        return out

    def group_titles(self) -> list[str]:
        return [self.results.topLevelItem(i).text(0)
                for i in range(self.results.topLevelItemCount())]

    # -- opening, help, saving ----------------------------------------------------------------

    def _with_query(self, hit: dict[str, Any]) -> dict[str, Any]:
        return {**hit, "query": self.shown_text}

    def _activated(self, item: QTreeWidgetItem) -> None:
        hit = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(hit, dict):
            self.open_hit.emit(self._with_query(hit))

    def _focus_results(self) -> None:
        items = self.result_items()
        if items:
            self.results.setFocus()
            self.results.setCurrentItem(items[0])

    def show_help(self) -> None:
        from PySide6.QtWidgets import QToolTip
        QToolTip.showText(self.help.mapToGlobal(self.help.rect().bottomLeft()), SYNTAX_HELP,
                          self.help)

    def _save_clicked(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name of this search:", text=text)
        if ok and name.strip():
            self.search_saved.emit(name.strip(), text)

    def closeEvent(self, event: Any) -> None:
        self.worker.stop()
        super().closeEvent(event)


class SavedSearches(QListWidget):
    """Saved searches for the sidebar, kept per notebook in the app's settings.

    A click runs the search (signal `run(query)`); Delete removes the selected one.
    """

    run = Signal(str)

    def __init__(self, notebook_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("savedSearches")
        self.settings_key = f"saved_searches/{Path(notebook_path).resolve()}"
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)
        self.reload()

    def entries(self) -> list[tuple[str, str]]:
        raw = QSettings().value(self.settings_key, "[]")
        try:
            return [(str(n), str(q)) for n, q in json.loads(str(raw))]
        except (ValueError, TypeError):
            return []

    def add(self, name: str, query: str) -> None:
        entries = [e for e in self.entries() if e[0] != name] + [(name, query)]
        QSettings().setValue(self.settings_key, json.dumps(entries, ensure_ascii=False))
        self.reload()

    def remove(self, name: str) -> None:
        entries = [e for e in self.entries() if e[0] != name]
        QSettings().setValue(self.settings_key, json.dumps(entries, ensure_ascii=False))
        self.reload()

    def reload(self) -> None:
        self.clear()
        for name, query in self.entries():
            item = QListWidgetItem(theme.icon("saved-search"), name)
            item.setToolTip(query)
            item.setData(Qt.ItemDataRole.UserRole, query)
            self.addItem(item)

    def keyPressEvent(self, event: Any) -> None:
        item = self.currentItem()
        if item is not None and event.matches(QKeySequence.StandardKey.Delete):
            self.remove(item.text())
            return
        super().keyPressEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.run.emit(str(item.data(Qt.ItemDataRole.UserRole)))
