"""The inspector's excerpt tab: the excerpts of the open document (or of a tag) and the form
of the selected one, whose edits are pushed on the undo stack on leaving a field; a write's
`Changes` updates the rows it names (and the form, when it names the selected excerpt)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import EXCERPT_KINDS, Changes, Excerpt, NotFound
from ...notebook import Notebook
from ..ops import Op
from ..undo import UndoController
from .excerpt_dialog import TagCompleter, parse_tags
from .table_model import ExcerptTableModel


class _LeaveSaving(QPlainTextEdit):
    """A multi-line field that reports when the cursor leaves it."""

    left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class ExcerptPanel(QWidget):
    excerpt_activated = Signal(object)      # Excerpt: show it on its page

    def __init__(self, nb: Notebook, undo: UndoController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.undo = undo
        self.current: Excerpt | None = None
        self.title = QLabel(self.tr("Excerpts"))
        self.title.setObjectName("excerptScope")
        self._heading = self.tr("Excerpts")
        self._want: str | None = None
        self.model = ExcerptTableModel(nb, self, loader=self._load)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("excerptTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Fixed widths: ResizeToContents would read every row (all 100,000) to measure them.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("l. 888 ob.–889") + 12)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(2, 120)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda idx: self._activate(idx.row()))
        self.table.clicked.connect(lambda idx: self._activate(idx.row()))

        self.form = QGroupBox(self.tr("Selected excerpt"))
        form = QFormLayout(self.form)
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.quote)
        self.tags = QLineEdit()
        self.tags.setObjectName("excerptFormTags")
        self.tags.editingFinished.connect(self._save_tags)
        form.addRow(self.tr("Tags"), self.tags)
        self.kind = QComboBox()
        self.kind.addItems(EXCERPT_KINDS)
        self.kind.activated.connect(lambda _i: self._save("kind", self.kind.currentText()))
        form.addRow(self.tr("Kind"), self.kind)
        self.locator = QLineEdit()
        self.locator.editingFinished.connect(
            lambda: self._save("locator", self.locator.text().strip()))
        form.addRow(self.tr("Locator"), self.locator)
        self.comment = _LeaveSaving()
        self.comment.setMaximumHeight(80)
        self.comment.left.connect(
            lambda: self._save("comment", self.comment.toPlainText().strip()))
        form.addRow(self.tr("Comment"), self.comment)
        self.translation = _LeaveSaving()
        self.translation.setMaximumHeight(80)
        self.translation.left.connect(
            lambda: self._save("translation", self.translation.toPlainText().strip()))
        form.addRow(self.tr("Translation"), self.translation)
        self.form.setEnabled(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.table, 3)
        lay.addWidget(self.form, 2)

    # -- scope -----------------------------------------------------------------------------

    def show_scope(self, scope: tuple[str, str] | None, title: str = "") -> None:
        self._heading = title or self.tr("Excerpts")
        self._want = None
        self._show(None)
        self.model.show(scope)

    def refresh(self) -> None:
        """Reread the scope, keeping the selected excerpt selected."""
        self._want = self.current.key if self.current else self._want
        self.model.refresh()

    def apply(self, changes: Changes[object]) -> None:
        """After a write: excerpts made or deleted reread the list (keeping the selection);
        edited ones are updated on their rows, and in the form when selected."""
        scope = self.model.scope
        came_or_went = changes.created.get("excerpt") or changes.deleted.get("excerpt")
        # A tag's list changes with the tags of its excerpts; a document's does not.
        if came_or_went or (scope is not None and scope[0] == "tag"
                            and changes.updated.get("excerpt")):
            self.refresh()
            return
        updated = changes.updated.get("excerpt", frozenset())
        if updated:
            self.model.update_rows(updated)
            if self.current is not None and self.current.key in updated:
                try:
                    self._show(self.nb.excerpts.get(self.current.key))
                except NotFound:
                    self._show(None)

    def _loaded(self) -> None:
        self.title.setText(f"<b>{_html(self._heading)}</b> — {self.model.total}")
        want, self._want = self._want, None
        if want:
            self.select(want)
        else:
            self._show(None)

    def set_tag_names(self, names: list[str]) -> None:
        self.tags.setCompleter(TagCompleter(names, self.tags))

    def select(self, key: str) -> bool:
        """Select an excerpt (once the list has loaded, if it is loading)."""
        if self.model.loading:
            self._want = key
            return True
        row = self.model.row_of(key)
        if row < 0:
            self._show(None)
            return False
        idx = self.model.index(row, 0)
        self.table.selectRow(row)
        self.table.scrollTo(idx)
        self._show(self.model.excerpt(row))
        return True

    def _load(self, fn: Callable[[Notebook], Any], done: Callable[[Any], None]) -> None:
        Op(self, fn).read_only().success(done).run()

    # -- selection -------------------------------------------------------------------------

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        self._show(self.model.excerpt(min(rows)) if rows else None)

    def _activate(self, row: int) -> None:
        ex = self.model.excerpt(row)
        if ex is not None:
            self.excerpt_activated.emit(ex)

    def _show(self, ex: Excerpt | None) -> None:
        self.current = ex
        self.form.setEnabled(ex is not None)
        if ex is None:
            self.quote.setText("")
            for w in (self.tags, self.locator):
                w.clear()
            self.comment.clear()
            self.translation.clear()
            return
        warn = ("<p style='color:#b3261e'>" + self.tr("The quoted words are no longer on the "
                "page; the excerpt is kept as it was.") + "</p>" if ex.anchor != "ok" else "")
        quote = " ".join(ex.quote.split())
        self.quote.setText(f"{warn}«{_html(quote[:600])}»<br><small>"
                           + self.tr("key %1").replace("%1", ex.key) + "</small>")
        self.tags.setText(", ".join(ex.tags))
        self.tags.setCursorPosition(0)       # show the first tags, not the end of the list
        self.kind.setCurrentText(ex.kind)
        self.locator.setText(ex.locator)
        self.comment.setPlainText(ex.comment)
        self.translation.setPlainText(ex.translation)

    # -- saving ----------------------------------------------------------------------------

    def _save(self, name: str, value: Any) -> None:
        ex = self.current
        if ex is None or getattr(ex, name) == value:
            return
        self.undo.edit_excerpt(ex, {name: value})
        setattr(ex, name, value)         # so leaving the field twice saves once

    def _save_tags(self) -> None:
        ex = self.current
        if ex is None:
            return
        wanted = parse_tags(self.tags.text())
        if [t.casefold() for t in wanted] == [t.casefold() for t in ex.tags]:
            return
        self.undo.edit_excerpt(ex, {"tags": wanted})
        ex.tags = wanted


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
