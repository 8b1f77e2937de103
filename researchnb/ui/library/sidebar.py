"""The left sidebar: Library, Tags, Notes and Recent imports, each a titled tree, and the
panes other features give it (saved searches).

`apply(changes)` brings the trees up to date after a write: only the trees showing a kind
the write touched are reread, in place when their rows are the same (a renamed source, a
tag's new count), with a reset only when rows came or went; a saved note's title is changed
on its row alone. A notes autosave therefore resets no tree at all."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
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
        self.sections: list[QWidget] = []
        for title, view in ((self.tr("Library"), self.library_view),
                            (self.tr("Tags"), self.tags_view),
                            (self.tr("Notes"), self.notes_view),
                            (self.tr("Recent imports"), self.recent_view), *panes):
            section = titled_pane(title, view)
            self.sections.append(section)
            self.addWidget(section)
        # The library takes what the window gains; the other sections keep their height.
        self.setChildrenCollapsible(False)
        self.views = [self.library_view, self.tags_view, self.notes_view, self.recent_view,
                      *(view for _title, view in panes)]
        for i, section in enumerate(self.sections):
            self.setStretchFactor(i, 1 if i == 0 else 0)
            if i:
                section.setMinimumHeight(self._section_height(i, 1))   # heading and a row
        # Heights follow the sections' rows until the user drags a handle; then hers stay.
        # `user_sized` is kept in the settings with the heights (the window saves the state
        # only then).
        self.user_sized = False
        self.splitterMoved.connect(self._dragged)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.timeout.connect(self._auto_fit)
        for view in self.views:
            model = view.model() if isinstance(view, QAbstractItemView) else None
            if model is not None:
                for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset,
                               model.layoutChanged):
                    signal.connect(self._refit.start)
            if isinstance(view, QTreeView):
                view.expanded.connect(self._refit.start)
                view.collapsed.connect(self._refit.start)

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

    # -- heights ---------------------------------------------------------------------------

    def restoreState(self, state: QByteArray | bytes | bytearray | memoryview) -> bool:
        restored = super().restoreState(state)
        self.user_sized = self.user_sized or restored
        return restored

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._auto_fit()

    def _auto_fit(self) -> None:
        if not self.user_sized:
            self.fit_sections()

    def _dragged(self, _pos: int, _index: int) -> None:
        self.user_sized = True

    def fit_sections(self, *, shrink_only: bool = False) -> None:
        """Each section below the library as tall as its rows (up to SECTION_ROWS; an
        empty one shows its heading and one row), the library the rest. `shrink_only`
        keeps heights the user chose, making only sections taller than their rows smaller."""
        sizes = self.sizes()
        total = sum(sizes)
        if total <= 0 or len(sizes) != len(self.views):
            return
        new = list(sizes)
        for i in range(1, len(sizes)):
            want = self._section_height(i)
            new[i] = min(sizes[i], want) if shrink_only else want
        new[0] = max(total - sum(new[1:]), total // 3)
        if new != sizes:
            self.setSizes(new)

    def _section_height(self, i: int, rows: int | None = None) -> int:
        """Height of section `i` showing its rows (at most SECTION_ROWS; at least one)."""
        section, view = self.sections[i], self.views[i]
        rows = _visible_rows(view, SECTION_ROWS) if rows is None else rows
        row = max(view.fontMetrics().height() + 6,
                  view.sizeHintForRow(0) if rows and isinstance(view, QAbstractItemView)
                  else 0)
        frame = 2 * view.frameWidth() if isinstance(view, QFrame) else 0
        chrome = section.sizeHint().height() - view.sizeHint().height()
        return chrome + frame + max(1, rows) * row + 4

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


SECTION_ROWS = 6    # rows a section below the library shows before it scrolls


def _visible_rows(view: QWidget, cap: int) -> int:
    """How many rows `view` shows (open branches included), counted up to `cap`."""
    if isinstance(view, QTreeView):
        model = view.model()
        if model is None or model.rowCount() == 0:
            return 0
        n, idx = 0, model.index(0, 0)
        while idx.isValid() and n < cap:
            n += 1
            idx = view.indexBelow(idx)
        return n
    if isinstance(view, QAbstractItemView) and view.model() is not None:
        return min(cap, view.model().rowCount())
    return cap


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
