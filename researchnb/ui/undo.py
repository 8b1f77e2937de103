"""Undo and redo (Ctrl+Z / Ctrl+Shift+Z) for edits, tagging, excerpts and note deletion.

Each command calls `Notebook` methods that do or undo the change in one transaction, on the
background runner. The runner runs jobs one at a time in order, so an undo queued right
after its redo always sees what the redo did: a command records what it needs to undo
(the key of a new excerpt, the tags that were really new) inside the job itself, on the
writer thread, never in a GUI callback that might come later.

Deleting is soft everywhere (notes, excerpts, sources go to the trash), so undoing a
deletion is a restore, and the Trash view lists what can still be brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any, ClassVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import Source
from ..notebook import Notebook
from ..notebook.excerpts import Excerpts
from ..notebook.notes import Notes
from ..notebook.sources import Sources
from . import theme
from .ops import Op

Job = Callable[[Any], Any]


class NotebookCommand(QUndoCommand):
    """A command whose redo and undo are Notebook calls run by the background runner."""

    kinds: tuple[str, ...] = ()

    def __init__(self, controller: UndoController, text: str) -> None:
        super().__init__(text)
        self.controller = controller

    def do(self, nb: Any) -> Any:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def undo_in(self, nb: Any) -> Any:  # pragma: no cover
        raise NotImplementedError

    def redo(self) -> None:
        self.controller.submit(self.do, self.kinds, self.text())

    def undo(self) -> None:
        self.controller.submit(self.undo_in, self.kinds, f"Undo {self.text()}")


class EditSourceCommand(NotebookCommand):
    """Change some fields of a source; undo puts the old values back."""

    kinds = ("sources",)

    def __init__(self, controller: UndoController, source: Source,
                 changes: dict[str, Any]) -> None:
        super().__init__(controller, f"Edit {', '.join(sorted(changes))} of "
                                     f"“{_short(source.title)}”")
        self.key = source.key
        self.new = dict(changes)
        names = {f.name for f in fields(Source)}
        self.old = {k: getattr(source, k) for k in changes if k in names}

    def do(self, nb: Any) -> Any:
        return nb.sources.edit(self.key, self.new).value

    def undo_in(self, nb: Any) -> Any:
        return nb.sources.edit(self.key, self.old).value


class EditExcerptCommand(NotebookCommand):
    """Change an excerpt's comment, translation, kind, locator…; undo restores them."""

    kinds = ("excerpts",)

    def __init__(self, controller: UndoController, excerpt: Any,
                 changes: dict[str, Any]) -> None:
        super().__init__(controller, f"Edit {', '.join(sorted(changes))} of an excerpt")
        self.key = excerpt.key
        self.new = dict(changes)
        self.old = {k: getattr(excerpt, k) for k in changes}

    def do(self, nb: Any) -> Any:
        return nb.excerpts.edit(self.key, self.new).value

    def undo_in(self, nb: Any) -> Any:
        return nb.excerpts.edit(self.key, self.old).value


class TagCommand(NotebookCommand):
    """Add (or remove) tags on a record; undo touches only the tags this command changed."""

    kinds = ("tags", "excerpts", "sources", "notes")

    def __init__(self, controller: UndoController, key: str, names: list[str], *,
                 remove: bool = False) -> None:
        verb = "Remove tag" if remove else "Tag with"
        super().__init__(controller, f"{verb} {', '.join(names)}")
        self.key, self.names, self.remove = key, list(names), remove
        self.changed: list[str] = []

    def do(self, nb: Any) -> Any:
        if self.remove:
            self.changed = nb.tags.remove(self.key, self.names).value
        else:
            self.changed = nb.tags.add(self.key, self.names).value
        return self.changed

    def undo_in(self, nb: Any) -> Any:
        if not self.changed:
            return []
        if self.remove:
            return nb.tags.add(self.key, self.changed).value
        return nb.tags.remove(self.key, self.changed).value


class CreateExcerptCommand(NotebookCommand):
    """Make an excerpt; undo sends it to the trash, redo brings that same excerpt back."""

    kinds = ("excerpts", "tags")

    def __init__(self, controller: UndoController, document: str, page: int,
                 **options: Any) -> None:
        super().__init__(controller, "New excerpt")
        self.document, self.page, self.options = document, page, options
        self.key: str | None = None

    def do(self, nb: Any) -> Any:
        if self.key is None:
            ex = nb.excerpts.add(self.document, self.page, **self.options).value
            self.key = ex.key
            return ex
        return nb.excerpts.restore(self.key).value

    def undo_in(self, nb: Any) -> Any:
        if self.key is not None:
            return nb.excerpts.delete(self.key).value
        return None


class DeleteCommand(NotebookCommand):
    """Send a note, excerpt or source to the trash; undo restores it (with its tags)."""

    _KINDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "note": ("notes",), "excerpt": ("excerpts", "tags"), "source": ("sources",)}

    def __init__(self, controller: UndoController, kind: str, key: str, label: str) -> None:
        super().__init__(controller, f"Delete {kind} “{_short(label)}”")
        self.kind, self.key = kind, key
        self.kinds = self._KINDS[kind]

    @staticmethod
    def _area(nb: Notebook, kind: str) -> Sources | Notes | Excerpts:
        return {"note": nb.notes, "excerpt": nb.excerpts, "source": nb.sources}[kind]

    def do(self, nb: Notebook) -> Any:
        return self._area(nb, self.kind).delete(self.key).value

    def undo_in(self, nb: Notebook) -> Any:
        return self._area(nb, self.kind).restore(self.key).value


class RestoreCommand(DeleteCommand):
    """Take a record out of the trash (from the Trash view); undo sends it back."""

    def __init__(self, controller: UndoController, kind: str, key: str, label: str) -> None:
        super().__init__(controller, kind, key, label)
        self.setText(f"Restore {kind} “{_short(label)}”")

    def do(self, nb: Any) -> Any:
        return super().undo_in(nb)

    def undo_in(self, nb: Any) -> Any:
        return super().do(nb)


def _short(text: str, n: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[:n - 1] + "…"


class UndoController(QObject):
    """The window's undo stack, its Undo/Redo actions, and one method per undoable change.

    `done(text)` after each command's job has committed (for the status bar and tests);
    `failed(text, error)` when one could not be done.
    """

    done = Signal(str)
    failed = Signal(str, object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.stack = QUndoStack(self)
        self.undo_action: QAction = self.stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(theme.icon("undo"))
        self.redo_action: QAction = self.stack.createRedoAction(self, "&Redo")
        # Ctrl+Shift+Z everywhere (the issue asks for it), plus the platform's own key.
        redo_keys = [QKeySequence("Ctrl+Shift+Z")]
        redo_keys += [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                      if k not in redo_keys]
        self.redo_action.setShortcuts(redo_keys)
        self.redo_action.setIcon(theme.icon("redo"))
        self.pending = 0

    def submit(self, fn: Job, kinds: tuple[str, ...], text: str) -> None:
        self.pending += 1

        def ok(_result: Any) -> None:
            self.pending -= 1
            self.done.emit(text)

        def bad(error: BaseException) -> None:
            self.pending -= 1
            self.failed.emit(text, error)
            from .ops import show_error
            show_error(self.window, error)

        Op(self.window, fn).changes(*kinds).success(ok).failure(bad).run()

    # -- the undoable changes ----------------------------------------------------------------

    def edit_source(self, source: Source, changes: dict[str, Any]) -> None:
        self.stack.push(EditSourceCommand(self, source, changes))

    def edit_excerpt(self, excerpt: Any, changes: dict[str, Any]) -> None:
        self.stack.push(EditExcerptCommand(self, excerpt, changes))

    def add_tags(self, key: str, names: list[str]) -> None:
        self.stack.push(TagCommand(self, key, names))

    def remove_tags(self, key: str, names: list[str]) -> None:
        self.stack.push(TagCommand(self, key, names, remove=True))

    def create_excerpt(self, document: str, page: int, **options: Any) -> CreateExcerptCommand:
        cmd = CreateExcerptCommand(self, document, page, **options)
        self.stack.push(cmd)
        return cmd

    def delete(self, kind: str, key: str, label: str = "") -> None:
        """Send a note, excerpt or source to the trash (undoable)."""
        self.stack.push(DeleteCommand(self, kind, key, label or key))

    def restore(self, kind: str, key: str, label: str = "") -> None:
        self.stack.push(RestoreCommand(self, kind, key, label or key))


class TrashView(QWidget):
    """What has been deleted and can still be restored: notes, excerpts, sources."""

    def __init__(self, nb: Any, controller: UndoController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashView")
        self.nb = nb
        self.controller = controller
        self.tree = QTreeWidget()
        self.tree.setObjectName("trashList")
        self.tree.setHeaderLabels(["Deleted", "Kind", "Deleted at"])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.restore_button = QPushButton(theme.icon("restore"), "Restore")
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.restore_selected)
        self.empty = QLabel("The trash is empty.")
        row = QHBoxLayout()
        row.addWidget(self.empty, 1)
        row.addWidget(self.restore_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tree, 1)
        lay.addLayout(row)
        self.tree.itemSelectionChanged.connect(self._selection)
        controller.done.connect(lambda _t: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        for kind, key, label, when in self.entries():
            item = QTreeWidgetItem([label, kind, when[:16].replace("T", " ")])
            item.setIcon(0, theme.icon(kind))
            item.setData(0, Qt.ItemDataRole.UserRole, (kind, key, label))
            self.tree.addTopLevelItem(item)
        self.tree.resizeColumnToContents(1)
        self.empty.setVisible(self.tree.topLevelItemCount() == 0)
        self._selection()

    def entries(self) -> list[tuple[str, str, str, str]]:
        """(kind, key, label, deleted-at) of everything in the trash, newest first."""
        out: list[tuple[str, str, str, str]] = []
        for n in self.nb.notes.all(trash=True):
            out.append(("note", n.key, n.title, str(getattr(n, "deleted", "") or
                                                    n.modified or "")))
        for e in self.nb.excerpts.all(trash=True):
            quote = " ".join(e.quote.split()) or f"region on page {e.page_start}"
            out.append(("excerpt", e.key, _short(quote, 80),
                        str(getattr(e, "deleted", "") or e.modified or "")))
        for s in self.nb.sources.trashed():
            out.append(("source", s.key, s.title, str(s.modified or "")))
        return sorted(out, key=lambda e: e[3], reverse=True)

    def labels(self) -> list[str]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.text(0) for item in found if item is not None]

    def _selection(self) -> None:
        self.restore_button.setEnabled(bool(self.tree.selectedItems()))

    def restore_selected(self) -> None:
        for item in self.tree.selectedItems():
            kind, key, label = item.data(0, Qt.ItemDataRole.UserRole)
            self.controller.restore(kind, key, label)
