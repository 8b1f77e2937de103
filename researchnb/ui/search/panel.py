"""Instant search: a field (Ctrl+K), results as you type grouped by kind, saved searches.

Queries run in a helper process with its own read-only connection to the notebook (a thread
would share Python's interpreter lock with the GUI and stall it), newest query wins: while
the historian types `рабочих` key by key, a query for `раб` still waiting is skipped once
`рабо` has been asked, so the GUI thread only ever draws results (scripts/bench/ui_search.py
measures the longest event-loop gap while typing).

Each hit shows its title, where it is (document, folio, source) and the snippet with the
matched words marked. Enter or a click emits `open_hit(hit)`; the hit carries the query so the
viewer can highlight the words in place.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import subprocess
import sys
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
from .search_query import LIMIT

# Ask once typing pauses this long: every key of a typist (~120 ms apart), not every key
# of a held-down key (30 ms apart), whose results nobody could read.
DEBOUNCE_MS = 60
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
    """Hands queries to the search helper process and brings the answers back as a signal.

    The process (`search_server.py`) has its own read-only connection and answers only the
    newest query waiting; a reader thread here blocks on its output (holding nothing the
    GUI needs) and emits `results`, delivered on the GUI thread.
    """

    results = Signal(int, str, object, object)   # seq, text, hits, error

    def __init__(self, notebook_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(notebook_path)
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the helper (once). Done when the field gets focus, so it is ready by the
        first key; never at window creation, which must stay quick."""
        if self.proc is not None:
            return
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ, PYTHONIOENCODING="utf-8",
                   PYTHONPATH=os.pathsep.join(
                       p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p))
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "researchnb.ui.search_server", str(self.path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, bufsize=0)
        self._reader = threading.Thread(target=self._read, args=(self.proc,),
                                        name="researchnb-search-reader", daemon=True)
        self._reader.start()

    def ask(self, seq: int, text: str, full: bool) -> None:
        self.start()
        assert self.proc is not None
        line = json.dumps({"seq": seq, "text": text, "full": full}, ensure_ascii=False)
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(line.encode("utf-8") + b"\n")
        except (BrokenPipeError, OSError, ValueError):
            self.results.emit(seq, text, [], "the search helper stopped; reopen the notebook")

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            with contextlib.suppress(OSError):
                assert self.proc.stdin is not None
                self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)      # it has read the end of the helper's output
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def _read(self, proc: subprocess.Popen[bytes]) -> None:
        out = proc.stdout
        assert out is not None
        for raw in iter(out.readline, b""):
            try:
                answer = json.loads(raw.decode("utf-8"))
            except ValueError:
                continue
            self.results.emit(int(answer["seq"]), str(answer["text"]), answer["hits"],
                              answer["error"])


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
        """A fixed height (title, place, three snippet lines) from the font alone: asking
        the height of 50 rows must not lay out 50 rich-text documents while someone types."""
        if not index.data(Qt.ItemDataRole.UserRole + 1):
            return super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(max(200, option.rect.width()), line * 5 + 3)


# -- the panel -------------------------------------------------------------------------------

class SearchField(QLineEdit):
    """The query field: Down moves into the results, Enter opens the top hit."""

    down = Signal()
    focused = Signal()

    def focusInEvent(self, event: Any) -> None:
        self.focused.emit()
        super().focusInEvent(event)

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
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.ask(full=False))
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(self._return)
        self.field.down.connect(self._focus_results)
        self.field.focused.connect(self.worker.start)

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
        """Title (one line), where it is (muted), then the snippet with its marks."""
        raw_title = " ".join(str(hit.get("title") or hit.get("key") or "").split())
        title = html.escape(raw_title if len(raw_title) <= 44 else raw_title[:43] + "…")
        private = " 🔒" if hit.get("private") else ""
        shown = dict(hit)
        if shown.get("source_title") == hit.get("title"):
            shown.pop("source_title")      # the title already says which source
        where = html.escape(location_text(shown))
        snippet = snippet_html(str(hit.get("snippet") or ""))
        muted = theme.muted().name()
        return (f'<p style="white-space:nowrap; margin:0"><b>{title}</b>{private}</p>'
                f'<p style="margin:0">'
                + (f'<span style="color:{muted}">{where}</span>' if where else "")
                + (f"<br>{snippet}" if snippet else "") + "</p>")

    def _groups(self) -> list[QTreeWidgetItem]:
        found = (self.results.topLevelItem(i) for i in range(self.results.topLevelItemCount()))
        return [g for g in found if g is not None]

    def result_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for group in self._groups():
            out.extend(c for c in (group.child(j) for j in range(group.childCount()))
                       if c is not None)
        return out

    def group_titles(self) -> list[str]:
        return [g.text(0) for g in self._groups()]

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
