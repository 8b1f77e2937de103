"""Noticing what other programs write to the open notebook (the command line, another window)
and showing it within a second.

Twice a second a timer asks SQLite, on the window's read connection, whether the notebook
changed (`PRAGMA data_version`: a counter read from memory, no query of the data). That
counter also moves for the app's own writes, which already refresh exactly what they changed
(their `Changes`), so it only raises a suspicion. Whose commit it was is known from the
writer's connection, whose counter moves only for other connections' commits: the writer
reads it at the start of each of its writes (`Core.external_commits`), and this watcher reads
it from the GUI thread when the writer is idle (it runs no job, so nothing else uses that
connection then). An external commit carries no `Changes`, so the window rereads what it
shows: the sidebar's trees, the open document's excerpts, the excerpt list, the open note
unless it is being typed in (the historian's unsaved typing is never overwritten; her next
save wins), the source form unless it is being edited, the trash.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from ..domain import NotFound
from ..notebook import Notebook
from ..store.connection import DatabaseError

if TYPE_CHECKING:
    from .main_window import MainWindow

log = logging.getLogger(__name__)

POLL_MS = 500


class ExternalChanges(QObject):
    """Emits `changed` when another program (or another connection) committed to the
    notebook since the last time it looked; `poll()` is what the timer calls."""

    changed = Signal()

    def __init__(self, reader: Notebook, writer: Notebook, writer_idle: Callable[[], bool],
                 parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._reader = reader
        self._writer = writer
        self._writer_idle = writer_idle
        self._version = self._read_version()
        self._suspect = False
        self._seen = writer.core.notice_external_commits() if writer_idle() \
            else writer.core.external_commits
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _read_version(self) -> int:
        return int(self._reader.conn.execute("PRAGMA data_version").fetchone()[0])

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        try:
            version = self._read_version()
            if version != self._version:
                self._version = version
                self._suspect = True       # ours or another program's: the writer knows
            if self._suspect and self._writer_idle():
                self._writer.core.notice_external_commits()
                self._suspect = False
        except DatabaseError as exc:       # the notebook was closed under us (quitting)
            log.info("stopped watching for other programs' changes: %s", exc)
            self.stop()
            return
        seen = self._writer.core.external_commits
        if seen != self._seen:
            self._seen = seen
            self.changed.emit()


def _typing_in(widget: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is widget or widget.isAncestorOf(focus))


def refresh_shown(w: MainWindow) -> None:
    """Reread what the window shows after another program's commits (see the module's doc)."""
    if w.closed:
        return
    w.sidebar.reload()
    w.excerpts.refresh()
    w.excerpts.set_tag_names([t.name for t in w.nb.tags.all()])
    viewer = w.viewer
    if viewer.doc is not None:
        try:
            w.nb.documents.get(viewer.doc.key)
        except NotFound:                   # deleted by the other program
            viewer.close_document()
        else:
            viewer.reload_excerpts()
            viewer.mark_excerpts()
    editor = w.editor
    if editor.key is not None and not editor.has_unsaved_changes and not _typing_in(editor):
        try:
            note = w.nb.notes.get(editor.key)
        except NotFound:
            editor.new_note("")
        else:
            if (note.title, note.body) != (editor.title.text(), editor.editor.toPlainText()):
                editor.open_note(editor.key)
    form = w.source_form
    if form.source is not None and not _typing_in(form):
        try:
            form.show_source(w.nb.sources.get(form.source.key))
        except NotFound:
            form.show_source(None)
    if w.trash is not None:
        w.trash.reload()
