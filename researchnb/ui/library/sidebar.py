"""The left sidebar: Library, Tags, Notes and Recent imports, each a titled tree, and the
panes other features give it (saved searches).

`apply(changes)` brings the trees up to date after a write: only the trees showing a kind
the write touched are reread, in place when their rows are the same (a renamed source, a
tag's new count), with a reset only when rows came or went; a saved note's title is changed
on its row alone. A notes autosave therefore resets no tree at all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...domain import Changes, NotFound
from ...notebook import Notebook
from .models import LibraryModel, NotesModel, RecentImportsModel, TagModel
from .tree import TreeModel


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
    def __init__(self, nb: Notebook, panes: tuple[tuple[str, QWidget], ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.nb = nb
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
        for title, view in ((self.tr("Library"), self.library_view),
                            (self.tr("Tags"), self.tags_view),
                            (self.tr("Notes"), self.notes_view),
                            (self.tr("Recent imports"), self.recent_view), *panes):
            self.addWidget(titled_pane(title, view))
        self.setStretchFactor(0, 5)
        self.setStretchFactor(1, 3)
        self.setStretchFactor(2, 2)
        self.setStretchFactor(3, 2)

    def apply(self, changes: Changes[object]) -> None:
        """Update the trees that show what this write changed (see the module's doc)."""
        if changes.touches("source", "document"):
            _keep_expanded(self.library_view, self.library.update)
        if changes.touches("document"):
            self.recent.update()
        came_or_went = any(changes.created.get(k) or changes.deleted.get(k)
                           for k in ("source", "document", "note"))
        if changes.touches("tag", "excerpt") or came_or_went:
            _keep_expanded(self.tags_view, self.tags.update)
        if changes.created.get("note") or changes.deleted.get("note"):
            self.notes.update()
        elif changes.updated.get("note"):
            titles = {}
            for key in changes.updated["note"]:
                try:
                    titles[key] = self.nb.notes.get(key).title or self.tr("(untitled)")
                except NotFound:
                    continue
            self.notes.relabel("note", titles)

    def reload(self) -> None:
        """Reread every tree (after a restore, or work cancelled half-way)."""
        _keep_expanded(self.library_view, self.library.update)
        self.recent.update()
        _keep_expanded(self.tags_view, self.tags.update)
        self.notes.update()

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


def _keep_expanded(view: QTreeView, update: Callable[[], bool]) -> None:
    """Run `update`; if it reset the model, open again what was open (by label path)."""
    model = view.model()
    assert isinstance(model, TreeModel)
    open_paths: set[tuple[str, ...]] = set()

    def walk(parent: QModelIndex, path: tuple[str, ...]) -> None:
        for row in range(model.rowCount(parent)):
            idx = model.index(row, 0, parent)
            node = model.node(idx)
            p = (*path, node.kind + ":" + (node.key or node.label))
            if view.isExpanded(idx):
                open_paths.add(p)
                walk(idx, p)

    walk(QModelIndex(), ())
    first = not open_paths and model.rowCount() == 0
    if not update():
        return

    def reopen(parent: QModelIndex, path: tuple[str, ...]) -> None:
        for row in range(model.rowCount(parent)):
            idx = model.index(row, 0, parent)
            node = model.node(idx)
            p = (*path, node.kind + ":" + (node.key or node.label))
            if first or p in open_paths or node.kind == "group":
                view.expand(idx)
                reopen(idx, p)

    reopen(QModelIndex(), ())
