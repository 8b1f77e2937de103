"""Item models over the read-only Notebook: library, tags, notes, recent imports, excerpts.

All are id-backed: a node or row holds a key; details are fetched when a view asks. The
excerpt table additionally loads its rows in batches (`canFetchMore`/`fetchMore`) and caches
the records it has shown, so a tag with 100,000 excerpts opens at once and scrolls smoothly.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..domain import Excerpt, NotFound, Source
from ..notebook import Notebook
from .tree import Index, Node, TreeModel

_ROOT = QModelIndex()   # the invisible root; Qt passes it by value

UNFILED = "Documents without a source"
PUBLISHED = "Books, articles and other sources"


def archival_path(src: Source) -> list[str]:
    """The group labels above an archival source: archive › fond › opis."""
    path = [src.archive_abbr or src.archive or "Archive not given"]
    if src.fond:
        path.append(f"f. {src.fond}")
        if src.opis:
            path.append(f"op. {src.opis}")
    return path


def source_label(src: Source) -> str:
    if src.kind == "archival" and src.delo:
        return f"d. {src.delo} — {src.title}"
    return src.title


class NotebookTreeModel(TreeModel):
    """A tree built from the notebook by `build()`, filled at once and on `refresh()`."""

    def __init__(self, nb: Notebook, parent: Any = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.refresh()


class LibraryModel(NotebookTreeModel):
    """Sources grouped archive › fond › opis › delo, with their documents beneath."""

    def build(self) -> Node:
        root = Node("root", "")
        docs_by_source: dict[str | None, list[Any]] = {}
        for doc in self.nb.documents.all():
            docs_by_source.setdefault(doc.source_key, []).append(doc)
        sources = sorted(self.nb.sources.all(),
                         key=lambda s: (s.kind != "archival", archival_path(s),
                                        _natural(s.delo), s.title.casefold()))
        published: Node | None = None
        for src in sources:
            if src.kind == "archival":
                parent = root
                for label in archival_path(src):
                    parent = parent.child("group", label)
            else:
                if published is None:
                    published = Node("group", PUBLISHED)
                parent = published
            node = parent.add(Node("source", source_label(src), src.key,
                                   tooltip=_source_tooltip(src)))
            for doc in docs_by_source.get(src.key, []):
                node.add(Node("document", doc.filename or doc.key, doc.key,
                              tooltip=f"{doc.page_count} pages · {doc.media_type}"))
            node.count = len(node.children)
        if published is not None:
            root.add(published)
        unfiled = docs_by_source.get(None, [])
        if unfiled:
            group = root.add(Node("group", UNFILED))
            for doc in unfiled:
                group.add(Node("document", doc.filename or doc.key, doc.key,
                               tooltip=f"{doc.page_count} pages · {doc.media_type}"))
        _count_groups(root)
        return root


def _count_groups(node: Node) -> int:
    """A group's count: the sources and documents filed directly in groups at or below it
    (one pass over the tree; counting each group's subtree anew was quadratic)."""
    total = 0
    for child in node.children:
        if child.kind in ("source", "document") and node.kind == "group":
            total += 1
        total += _count_groups(child) if child.children else 0
    if node.kind == "group":
        node.count = total
    return total


def _natural(text: str) -> tuple[int, str]:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (int(digits) if digits else 0, text)


def _source_tooltip(src: Source) -> str:
    bits = [src.title]
    if src.date:
        bits.append(src.date)
    if src.citekey:
        bits.append(f"@{src.citekey}")
    return " · ".join(bits)


class TagModel(NotebookTreeModel):
    """Tags as a tree of their `a/b` names; each node's key is the full tag name."""

    def build(self) -> Node:
        root = Node("root", "")
        for tag in sorted(self.nb.tags.all(), key=lambda t: t.name.casefold()):
            parent = root
            parts = tag.name.split("/")
            for depth, part in enumerate(parts):
                parent = parent.child("tag", part, "/".join(parts[: depth + 1]))
            parent.count = tag.count
            parent.tooltip = tag.name
        return root


class NotesModel(NotebookTreeModel):
    """The notes, newest first (a flat tree so it shares the sidebar's view class)."""

    def build(self) -> Node:
        root = Node("root", "")
        for key, title in self.nb.notes.titles():   # keys and titles: bodies stay on disk
            root.add(Node("note", title or "(untitled)", key))
        return root


class RecentImportsModel(NotebookTreeModel):
    """The most recently imported documents."""

    LIMIT = 30

    def build(self) -> Node:
        root = Node("root", "")
        docs = sorted(self.nb.documents.all(), key=lambda d: d.imported_at, reverse=True)
        for doc in docs[: self.LIMIT]:
            root.add(Node("document", doc.filename or doc.key, doc.key,
                          tooltip=f"imported {doc.imported_at[:16].replace('T', ' ')}"))
        return root


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

    COLUMNS = ("Quote", "Where", "Tags")
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
            return self.COLUMNS[section]
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
                tip = "The quoted words are no longer on the page.\n\n" + tip
            return tip or None
        if col == 0:
            quote = " ".join(ex.quote.split()) or "(region of the page image)"
            flag = "⚠ " if ex.anchor != "ok" else ""
            return flag + (quote[:120] + "…" if len(quote) > 120 else quote)
        if col == 1:
            return ex.locator or f"p. {ex.page_start}"
        return ", ".join(ex.tags)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
