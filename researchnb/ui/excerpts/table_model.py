"""The excerpt table's model: the excerpts of one document or one tag, keys in memory,
records fetched on demand in batches (`canFetchMore`/`fetchMore`) and cached, so a tag with
100,000 excerpts opens at once and scrolls smoothly; a write's `Changes` updates the rows it
names in place."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ...domain import Excerpt, NotFound
from ...locators import shown_locator
from ...notebook import Notebook

_ROOT = QModelIndex()   # the invisible root; Qt passes it by value
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("excerpts", text)


def list_scope(nb: Notebook, scope: tuple[str, str] | None, first: int
               ) -> tuple[list[str], list[Excerpt]]:
    """The keys of a scope's excerpts in reading order, and the first `first` records."""
    if scope is None:
        return [], []
    kind, value = scope
    # Keys only, in the notebook's reading order (documents as imported, then page and
    # place): building every record of a 79,000-excerpt tag took 2.3 s and 165 MB.
    try:
        keys = (nb.excerpts.keys(document=value) if kind == "document"
                else nb.excerpts.keys(tag=value))
    except NotFound:    # the document or tag went away meanwhile
        return [], []
    records = []
    for key in keys[:first]:
        try:
            records.append(nb.excerpts.get(key))
        except NotFound:
            pass
    return keys, records


Loader = Callable[[Callable[[Notebook], Any], Callable[[Any], None]], None]


class ExcerptTableModel(QAbstractTableModel):
    """Excerpts of one document or one tag: keys in memory, records fetched on demand.

    With a `loader` (the window passes one that runs on the runner's reader thread) the key
    list of a large scope is read in the background and `loaded` fires when it is in;
    without one (tests of the model alone) it is read at once.
    """

    COLUMNS = ("Quote", "Where", "Tags")      # shown translated (headerData)
    BATCH = 200
    CACHE = 2000
    loaded = Signal()

    def __init__(self, nb: Notebook, parent: Any = None, loader: Loader | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.loader = loader
        self._keys: list[str] = []
        self._shown = 0
        self._cache: OrderedDict[str, Excerpt] = OrderedDict()
        self._generation = 0
        self.loading = False
        self.scope: tuple[str, str] | None = None   # ("document", key) or ("tag", name)

    def show(self, scope: tuple[str, str] | None) -> None:
        self.scope = scope
        self.refresh()

    def refresh(self) -> None:
        self._generation += 1
        generation, scope = self._generation, self.scope
        if self.loader is None or scope is None:
            self._fill(generation, list_scope(self.nb, scope, self.BATCH))
            return
        self.loading = True
        self.loader(lambda nb: list_scope(nb, scope, self.BATCH),
                    lambda result: self._fill(generation, result))

    def _fill(self, generation: int, result: tuple[list[str], list[Excerpt]]) -> None:
        if generation != self._generation:
            return      # a newer scope was asked for meanwhile
        keys, first = result
        self.beginResetModel()
        self._cache.clear()
        self._keys = keys
        for e in first:
            self._cache[e.key] = e
        self._shown = min(len(self._keys), self.BATCH)
        self.endResetModel()
        self.loading = False
        self.loaded.emit()

    def update_rows(self, keys: frozenset[str]) -> None:
        """Reread these excerpts where they are shown (one `dataChanged` per row)."""
        for key in keys:
            self._cache.pop(key, None)
            try:
                row = self._keys.index(key)
            except ValueError:
                continue
            if row < self._shown:
                self.dataChanged.emit(self.index(row, 0),
                                      self.index(row, len(self.COLUMNS) - 1))

    @property
    def total(self) -> int:
        return len(self._keys)

    def key_at(self, row: int) -> str:
        return self._keys[row]

    def row_of(self, key: str) -> int:
        try:
            row = self._keys.index(key)
        except ValueError:
            return -1
        while row >= self._shown:
            self.fetchMore(QModelIndex())
        return row

    def excerpt(self, row: int) -> Excerpt | None:
        key = self._keys[row]
        ex = self._cache.get(key)
        if ex is None:
            try:
                ex = self.nb.excerpts.get(key)
            except NotFound:
                return None
            self._cache[key] = ex
            if len(self._cache) > self.CACHE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(key)
        return ex

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._keys)

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> None:
        if parent.isValid():
            return
        more = min(self.BATCH, len(self._keys) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return (_tr("Quote"), _tr("Where"), _tr("Tags"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._shown:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return self._keys[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        ex = self.excerpt(index.row())
        if ex is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = ex.quote
            if ex.anchor != "ok":
                tip = _tr("The quoted words are no longer on the page.") + "\n\n" + tip
            return tip or None
        if col == 0:
            quote = " ".join(ex.quote.split()) or _tr("(region of the page image)")
            flag = "⚠ " if ex.anchor != "ok" else ""
            return flag + (quote[:120] + "…" if len(quote) > 120 else quote)
        if col == 1:
            return shown_locator(ex.locator, page=ex.page_start)   # the one rule
        return ", ".join(ex.tags)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
