"""A small id-backed tree for item models.

Qt's internal pointers must not point at Python objects (their lifetime is not Qt's
business), so every node gets an integer id that `QModelIndex.internalId()` carries and a
dict maps back. Nodes hold keys and labels only; views fetch record details on demand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

_ROOT = QModelIndex()   # the invisible root; Qt passes it by value

Index = QModelIndex | QPersistentModelIndex


@dataclass
class Node:
    kind: str                 # "group", "source", "document", "tag", …
    label: str
    key: str = ""             # record key (source, document) or tag name
    count: int = 0            # shown after the label when > 0
    tooltip: str = ""
    id: int = 0
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)

    _by_label: dict[tuple[str, str], Node] = field(default_factory=dict, repr=False)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        self._by_label.setdefault((child.kind, child.label), child)
        return child

    def child(self, kind: str, label: str, key: str = "") -> Node:
        """The child with that kind and label, made if missing (a dict lookup: a library
        of 2,000 delos under a few hundred fonds was quadratic with a scan)."""
        found = self._by_label.get((kind, label))
        return found if found is not None else self.add(Node(kind, label, key))

    def walk(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            yield from c.walk()


def _shape(root: Node) -> list[tuple[str, str, int]]:
    """The rows of a tree as identities (kind, key or group label, number of children),
    depth first: two trees with equal shapes have the same rows in the same places."""
    return [(n.kind, n.key or n.label, len(n.children)) for n in root.walk()]


class TreeModel(QAbstractItemModel):
    """A read-only tree over `Node`s; subclasses build the nodes in `build()`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = Node("root", "")
        self._by_id: dict[int, Node] = {0: self._root}

    # -- building --------------------------------------------------------------------------

    def build(self) -> Node:  # pragma: no cover - subclasses
        raise NotImplementedError

    def refresh(self) -> None:
        """Rebuild from the notebook with a model reset (views keep their expanded groups
        by label path, see sidebar.py)."""
        self._reset(self.build())

    def update(self) -> bool:
        """Rebuild from the notebook, in place when the rows are still the same ones (a
        renamed source, a tag's new count: one `dataChanged` per changed row, selection
        and scrolling untouched); with a reset only when rows came or went. Returns
        whether the model was reset."""
        root = self.build()
        if _shape(self._root) != _shape(root):
            self._reset(root)
            return True
        changed = []
        for old, new in zip(self._root.walk(), root.walk(), strict=True):
            if (old.label, old.count, old.tooltip) != (new.label, new.count, new.tooltip):
                old.label, old.count, old.tooltip = new.label, new.count, new.tooltip
                changed.append(old)
        for node in changed:
            idx = self.index_of(node)
            self.dataChanged.emit(idx, idx)
        return False

    def relabel(self, kind: str, labels: dict[str, str]) -> None:
        """Give the rows of these keys new labels, in place (a saved note's title)."""
        for node in self._root.walk():
            if node.kind == kind and node.key in labels and node.label != labels[node.key]:
                node.label = labels[node.key]
                idx = self.index_of(node)
                self.dataChanged.emit(idx, idx)

    def _reset(self, root: Node) -> None:
        self.beginResetModel()
        self._root = root
        self._by_id = {}
        for n, node in enumerate(root.walk()):
            node.id = n
            self._by_id[n] = node
        self.endResetModel()

    def root_walk(self) -> Iterator[Node]:
        """Every node below the root, depth first."""
        it = self._root.walk()
        next(it)
        return it

    def root_children(self) -> list[Node]:
        return list(self._root.children)

    def node(self, index: Index) -> Node:
        if not index.isValid():
            return self._root
        return self._by_id[index.internalId()]

    def index_of(self, node: Node) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.children.index(node), 0, node.id)

    def find(self, kind: str, key: str) -> QModelIndex:
        for node in self._root.walk():
            if node.kind == kind and node.key == key:
                return self.index_of(node)
        return QModelIndex()

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _ROOT) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        p = self.node(parent)
        if row >= len(p.children):
            return QModelIndex()
        return self.createIndex(row, 0, p.children[row].id)

    def parent(self, index: Index = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self.node(index)
        if node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.index_of(node.parent)

    def rowCount(self, parent: Index = _ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{node.label}  ({node.count})" if node.count else node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip or None
        if role == Qt.ItemDataRole.UserRole:
            return node.key
        return self.extra_data(node, role)

    def extra_data(self, node: Node, role: int) -> Any:
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
