"""The left sidebar: Library, Tags, Notes and Recent imports, each a titled tree."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..notebook import Notebook
from .models import LibraryModel, NotesModel, RecentImportsModel, TagModel


def titled_pane(title: str, view: QWidget) -> QWidget:
    """A sidebar section: a small muted heading over its view."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(4, 4, 4, 0)
    lay.setSpacing(2)
    label = QLabel(title.upper())
    label.setObjectName("sidebarHeading")
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    label.setEnabled(False)    # the palette's muted colour, in light and dark themes
    lay.addWidget(label)
    lay.addWidget(view)
    return box


def _tree(name: str) -> QTreeView:
    view = QTreeView()
    view.setObjectName(name)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    return view


EXPAND_ALL_UP_TO = 400   # library rows (groups, sources, documents) opened at start-up


class Sidebar(QSplitter):
    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("sidebar")
        self.library = LibraryModel(nb, self)
        self.tags = TagModel(nb, self)
        self.notes = NotesModel(nb, self)
        self.recent = RecentImportsModel(nb, self)
        self.library_view = _tree("libraryView")
        self.library_view.setModel(self.library)
        self.tags_view = _tree("tagsView")
        self.tags_view.setModel(self.tags)
        self.notes_view = _tree("notesView")
        self.notes_view.setModel(self.notes)
        self.notes_view.setRootIsDecorated(False)
        self.recent_view = _tree("recentView")
        self.recent_view.setModel(self.recent)
        self.recent_view.setRootIsDecorated(False)
        for title, view in (("Library", self.library_view), ("Tags", self.tags_view),
                            ("Notes", self.notes_view), ("Recent imports", self.recent_view)):
            self.addWidget(titled_pane(title, view))
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.setStretchFactor(3, 2)

    def refresh_trees(self, kinds: frozenset[str]) -> None:
        """Rebuild the trees that show what changed, keeping what was expanded."""
        if kinds & {"sources", "documents"}:
            _keep_expanded(self.library_view, self.library.refresh)
            self.recent.refresh()
        if kinds & {"tags", "excerpts", "sources", "documents", "notes"}:
            _keep_expanded(self.tags_view, self.tags.refresh)
        if kinds & {"notes"}:
            self.notes.refresh()

    def expand_library(self) -> None:
        # Open down to the opisi when that is a screenful or two; a library of thousands of
        # delos opens at its archives (expanding 6,000 rows cost 0.3 s of start-up).
        if sum(1 for _ in self.library.root_walk()) <= EXPAND_ALL_UP_TO:
            self.library_view.expandToDepth(2)
        elif sum(len(n.children) for n in self.library.root_children()) <= EXPAND_ALL_UP_TO:
            self.library_view.expandToDepth(0)
        # else: thousands of fonds; the archives stay closed (the view lays out every
        # open row through Python calls at start-up)
        self.tags_view.expandAll()


def _keep_expanded(view: QTreeView, refresh) -> None:
    model = view.model()
    open_paths: set[tuple[str, ...]] = set()

    def walk(parent, path):
        for row in range(model.rowCount(parent)):
            idx = model.index(row, 0, parent)
            node = model.node(idx)
            p = (*path, node.kind + ":" + (node.key or node.label))
            if view.isExpanded(idx):
                open_paths.add(p)
                walk(idx, p)

    from PySide6.QtCore import QModelIndex
    walk(QModelIndex(), ())
    first = not open_paths and model.rowCount() == 0
    refresh()

    def reopen(parent, path):
        for row in range(model.rowCount(parent)):
            idx = model.index(row, 0, parent)
            node = model.node(idx)
            p = (*path, node.kind + ":" + (node.key or node.label))
            if first or p in open_paths or node.kind == "group":
                view.expand(idx)
                reopen(idx, p)

    reopen(QModelIndex(), ())
