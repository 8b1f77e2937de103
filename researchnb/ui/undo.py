"""Undo and redo (Ctrl+Z / Ctrl+Shift+Z) for edits, tagging, excerpts and deletions.

Every form pushes a command here for what it changes (the source form, the excerpt form, the
excerpt dialog, Delete): the command's first `redo` does the change, so nothing is inferred
afterwards by comparing records. Each command calls `Notebook` methods that do or undo the
change in one transaction, on the background runner, and returns their `Changes`, from which
the views refresh. The runner runs jobs one at a time in order, so an undo queued right after
its redo always sees what the redo did: a command records what it needs to undo (the key of a
new excerpt, the tags that were really new) inside the job itself, on the writer thread,
never in a GUI callback that might come later.

Deleting is soft everywhere (notes, excerpts, sources go to the trash), so undoing a
deletion is a restore, and the Trash (ui/safety/trash.py) lists what can be brought back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ..domain import Changes, Creator, Excerpt, Source
from ..notebook import Notebook
from ..notebook.excerpts import Excerpts
from ..notebook.notes import Notes
from ..notebook.sources import Sources
from . import theme
from .ops import Op, show_error

Job = Callable[[Notebook], Changes[Any]]
Done = Callable[[Any], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("undo", text)


class NotebookCommand(QUndoCommand):
    """A command whose redo and undo are Notebook calls run by the background runner.

    `on_done(value)` runs after the first redo has committed (the form that pushed the
    command selects what it made); `on_failed(error)` if it was refused."""

    def __init__(self, controller: UndoController, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self.on_done: Done | None = None
        self.on_failed: Callable[[BaseException], None] | None = None
        self._first = True

    def do(self, nb: Notebook) -> Changes[Any]:  # pragma: no cover - every command overrides
        raise NotImplementedError

    def undo_in(self, nb: Notebook) -> Changes[Any]:  # pragma: no cover
        raise NotImplementedError

    def redo(self) -> None:
        first, self._first = self._first, False
        self.controller.submit(self.do, self.text(), self,
                               self.on_done if first else None,
                               self.on_failed if first else None)

    def undo(self) -> None:
        self.controller.submit(self.undo_in, _tr("Undo %1").replace("%1", self.text()), self)


class EditSourceCommand(NotebookCommand):
    """Change some fields (or the creators) of a source; undo puts the old values back."""

    def __init__(self, controller: UndoController, source: Source,
                 changes: dict[str, Any], creators: list[Creator] | None = None) -> None:
        what = ", ".join(sorted(changes) + (["creators"] if creators is not None else []))
        super().__init__(controller, _tr("Edit %1 of “%2”").replace("%1", what)
                         .replace("%2", _short(source.title)))
        self.key = source.key
        self.new = dict(changes)
        names = {f.name for f in fields(Source)}
        self.old = {k: getattr(source, k) for k in changes if k in names}
        self.new_creators = creators
        self.old_creators = list(source.creators) if creators is not None else None

    def do(self, nb: Notebook) -> Changes[Any]:
        return nb.sources.edit(self.key, self.new, creators=self.new_creators)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        return nb.sources.edit(self.key, self.old, creators=self.old_creators)


class EditExcerptCommand(NotebookCommand):
    """Change an excerpt's tags, comment, translation, kind, locator…; undo restores them."""

    def __init__(self, controller: UndoController, excerpt: Excerpt,
                 changes: dict[str, Any]) -> None:
        what = ", ".join(sorted(changes))
        super().__init__(controller, _tr("Edit %1 of an excerpt").replace("%1", what))
        self.key = excerpt.key
        self.new = dict(changes)
        self.old = {k: getattr(excerpt, k) for k in changes}

    def do(self, nb: Notebook) -> Changes[Any]:
        return nb.excerpts.edit(self.key, self.new)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        return nb.excerpts.edit(self.key, self.old)


class TagCommand(NotebookCommand):
    """Add (or remove) tags on a record; undo touches only the tags this command changed."""

    def __init__(self, controller: UndoController, key: str, names: list[str], *,
                 remove: bool = False) -> None:
        text = _tr("Remove tag %1") if remove else _tr("Tag with %1")
        super().__init__(controller, text.replace("%1", ", ".join(names)))
        self.key, self.names, self.remove = key, list(names), remove
        self.changed: list[str] = []

    def do(self, nb: Notebook) -> Changes[Any]:
        done = (nb.tags.remove if self.remove else nb.tags.add)(self.key, self.names)
        self.changed = list(done.value)
        return done

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        if not self.changed:
            return Changes()
        if self.remove:
            return nb.tags.add(self.key, self.changed)
        return nb.tags.remove(self.key, self.changed)


class CreateExcerptCommand(NotebookCommand):
    """Make an excerpt; undo sends it to the trash, redo brings that same excerpt back."""

    def __init__(self, controller: UndoController, document: str, page: int,
                 **options: Any) -> None:
        super().__init__(controller, _tr("New excerpt"))
        self.document, self.page, self.options = document, page, options
        self.key: str | None = None

    def do(self, nb: Notebook) -> Changes[Any]:
        if self.key is None:
            made = nb.excerpts.add(self.document, self.page, **self.options)
            self.key = made.value.key
            return made
        return nb.excerpts.restore(self.key)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        if self.key is not None:
            return nb.excerpts.delete(self.key)
        return Changes()


class DeleteCommand(NotebookCommand):
    """Send a note, excerpt or source to the trash; undo restores it (with its tags)."""

    def __init__(self, controller: UndoController, kind: str, key: str, label: str) -> None:
        super().__init__(controller, _tr("Delete %1 “%2”").replace("%1", _kind_name(kind))
                         .replace("%2", _short(label)))
        self.kind, self.key = kind, key

    @staticmethod
    def _area(nb: Notebook, kind: str) -> Sources | Notes | Excerpts:
        areas: dict[str, Sources | Notes | Excerpts] = {
            "note": nb.notes, "excerpt": nb.excerpts, "source": nb.sources}
        return areas[kind]

    def do(self, nb: Notebook) -> Changes[Any]:
        return self._area(nb, self.kind).delete(self.key)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        return self._area(nb, self.kind).restore(self.key)


class RestoreCommand(DeleteCommand):
    """Take a record out of the trash (from the Trash view); undo sends it back."""

    def __init__(self, controller: UndoController, kind: str, key: str, label: str) -> None:
        super().__init__(controller, kind, key, label)
        self.setText(_tr("Restore %1 “%2”").replace("%1", _kind_name(kind))
                     .replace("%2", _short(label)))

    def do(self, nb: Notebook) -> Changes[Any]:
        return super().undo_in(nb)

    def undo_in(self, nb: Notebook) -> Changes[Any]:
        return super().do(nb)


def _kind_name(kind: str) -> str:
    names = {"note": _tr("note"), "excerpt": _tr("excerpt"), "source": _tr("source")}
    return names.get(kind, kind)


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
        self.parent_widget = parent
        self.stack = QUndoStack(self)
        self.undo_action: QAction = self.stack.createUndoAction(self, self.tr("&Undo"))
        # Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y too) everywhere: the platform's extra bindings
        # (Alt+Backspace, the keyboard's own Undo and Redo keys) are left out, so menus and
        # the shortcut list show each key once (⌘ for Ctrl on macOS).
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.setIcon(theme.icon("undo"))
        self.redo_action: QAction = self.stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(theme.icon("redo"))
        self.pending = 0

    def submit(self, fn: Job, text: str, command: NotebookCommand | None = None,
               on_done: Done | None = None,
               on_failed: Callable[[BaseException], None] | None = None) -> None:
        self.pending += 1

        def ok(result: Changes[Any]) -> None:
            self.pending -= 1
            self.done.emit(text)
            if on_done is not None:
                on_done(result.value)

        def bad(error: BaseException) -> None:
            self.pending -= 1
            if command is not None:
                command.setObsolete(True)    # refused: nothing to undo
            self.failed.emit(text, error)
            if on_failed is not None:
                on_failed(error)
            show_error(self.parent_widget, error)

        Op(self.parent_widget, fn).success(ok).failure(bad).run()

    def push(self, command: NotebookCommand, on_done: Done | None = None,
             on_failed: Callable[[BaseException], None] | None = None) -> NotebookCommand:
        """Do `command` (its first redo) and keep it for Undo."""
        command.on_done, command.on_failed = on_done, on_failed
        self.stack.push(command)
        return command

    # -- the undoable changes ----------------------------------------------------------------

    def edit_source(self, source: Source, changes: dict[str, Any], *,
                    creators: list[Creator] | None = None, on_done: Done | None = None,
                    on_failed: Callable[[BaseException], None] | None = None) -> None:
        self.push(EditSourceCommand(self, source, changes, creators), on_done, on_failed)

    def edit_excerpt(self, excerpt: Excerpt, changes: dict[str, Any], *,
                     on_done: Done | None = None) -> None:
        self.push(EditExcerptCommand(self, excerpt, changes), on_done)

    def add_tags(self, key: str, names: list[str]) -> None:
        self.push(TagCommand(self, key, names))

    def remove_tags(self, key: str, names: list[str]) -> None:
        self.push(TagCommand(self, key, names, remove=True))

    def create_excerpt(self, document: str, page: int, *, on_done: Done | None = None,
                       **options: Any) -> NotebookCommand:
        return self.push(CreateExcerptCommand(self, document, page, **options), on_done)

    def delete(self, kind: str, key: str, label: str = "") -> None:
        """Send a note, excerpt or source to the trash (undoable)."""
        self.push(DeleteCommand(self, kind, key, label or key))

    def restore(self, kind: str, key: str, label: str = "") -> None:
        self.push(RestoreCommand(self, kind, key, label or key))
