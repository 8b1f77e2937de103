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

import html
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...notebook import Notebook
from ...search.answers import LIMIT
from .. import theme
from .delegate import HtmlDelegate, location_text, snippet_html
from .worker import SearchWorker

# Ask once typing pauses this long: every key of a typist (~120 ms apart), not every key
# of a held-down key (30 ms apart), whose results nobody could read.
DEBOUNCE_MS = 60
# Typing has settled when no key came for this long (a pause, not the gap between two keys
# of a word). Until then an answer of no hits for a half-typed word is held back: the
# results of the last query that found something stay, with "Searching…" under the field,
# so "0 hits" does not flash at every letter of a word not yet complete.
SETTLE_MS = 500
KIND_TITLES = {"excerpt": cast(str, QT_TRANSLATE_NOOP("SearchPanel", "Excerpts")),
               "page": cast(str, QT_TRANSLATE_NOOP("SearchPanel", "Pages")),
               "note": cast(str, QT_TRANSLATE_NOOP("SearchPanel", "Notes")),
               "source": cast(str, QT_TRANSLATE_NOOP("SearchPanel", "Sources")),
               "document": cast(str, QT_TRANSLATE_NOOP("SearchPanel", "Documents"))}
KIND_ORDER = ["excerpt", "page", "note", "source", "document"]

SYNTAX_HELP = cast(str, QT_TRANSLATE_NOOP("SearchPanel", """<b>Search syntax</b><br>
<code>рабочих</code> — every form of the word (рабочие, рабочим…); ё and е, old spellings
(ѣ, і) match too<br>
<code>"cell bureau"</code> — the exact phrase<br>
<code>wages AND strike</code>, <code>wages OR salary</code>, <code>strike NOT Moscow</code><br>
<code>prolet*</code> — words starting with these letters<br>
<code>VICKSBURG~</code> — near spellings (OCR errors)<br>
<code>tag:inequality</code> <code>kind:excerpt</code> <code>source:KEY</code>
<code>archive:TsGAMO</code> <code>fond:415</code> <code>lang:ru</code><br>
<code>date:[1921 TO 1923]</code> — sources dated in that range<br>
As you type, the last word counts as the start of a word."""))


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

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.field = SearchField()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText(self.tr("Search notes, excerpts, pages and sources  "
                                              "(Ctrl+K)"))
        self.field.setClearButtonEnabled(True)
        self.field.addAction(theme.icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.setToolTip(self.tr(SYNTAX_HELP))
        self.help = QToolButton()
        self.help.setIcon(theme.icon("help"))
        self.help.setObjectName("searchHelp")
        self.help.setToolTip(self.tr(SYNTAX_HELP))
        self.help.setAutoRaise(True)
        self.help.clicked.connect(self.show_help)
        self.save = QToolButton()
        self.save.setIcon(theme.icon("saved-search"))
        self.save.setObjectName("saveSearch")
        self.save.setToolTip(self.tr("Save this search (it appears under Saved searches)"))
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
        self._full: dict[int, bool] = {}          # seq of each query waiting: asked in full?
        self._held: tuple[Any, ...] | None = None  # an empty answer held while typing
        self.hits: list[dict[str, Any]] = []
        self.shown_text = ""
        self.worker = SearchWorker(Path(nb.path), self)
        self.worker.results.connect(self._show, Qt.ConnectionType.QueuedConnection)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.ask(full=False))
        self._settle = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self.field.textChanged.connect(self._typed)
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

    def _typed(self, _text: str) -> None:
        self._debounce.start()
        self._settle.start()

    def _settled(self) -> None:
        """Typing paused: an empty answer held back is shown if it is still the newest."""
        held, self._held = self._held, None
        if held is not None and held[0] == self._seq:
            self._show(*held)

    def ask(self, *, full: bool) -> None:
        self._seq += 1
        self._full[self._seq] = full
        self._held = None
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

    def _show(self, seq: int, text: str, hits: list[dict[str, Any]], error: Any,
              note: str | None = None) -> None:
        if seq < self._shown_seq:
            return      # an answer older than what is shown (the newest query wins)
        full = self._full.pop(seq, True)
        for old in [s for s in self._full if s < seq]:
            del self._full[old]         # answers the helper skipped (typed past)
        if (not hits and error is None and not full and text.strip()
                and self._settle.isActive()):
            # A word still being typed found nothing: keep what is shown until typing
            # settles (`_settled`) or a later answer comes.
            self._held = (seq, text, hits, error, note)
            self.summary.setText(self.tr("Searching…"))
            return
        self._held = None
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
            title = self.tr(KIND_TITLES[kind]) if kind in KIND_TITLES else kind.title()
            group = QTreeWidgetItem([f"{title} ({counts[kind]})"])
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
            self.summary.setText(self.tr("The search could not run: %1").replace("%1",
                                                                                  str(error)))
        elif not text.strip():
            self.summary.setText("")
        else:
            # Numerus forms come with the translation files (issue on translations); until
            # then English singular and plural are told apart here.
            n = len(hits)
            self.summary.setText((self.tr("1 hit") if n == 1
                                  else self.tr("%1 hits").replace("%1", str(n)))
                                 + (self.tr(" (the best shown)") if len(hits) >= LIMIT else "")
                                 + (f" {note}" if note else ""))
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
        QToolTip.showText(self.help.mapToGlobal(self.help.rect().bottomLeft()),
                          self.tr(SYNTAX_HELP),
                          self.help)

    def _save_clicked(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        name, ok = QInputDialog.getText(self, self.tr("Save search"),
                                        self.tr("Name of this search:"), text=text)
        if ok and name.strip():
            self.search_saved.emit(name.strip(), text)

    def closeEvent(self, event: Any) -> None:
        self.worker.stop()
        super().closeEvent(event)
