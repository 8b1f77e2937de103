"""Making and deleting excerpts from the window: Ctrl+E opens the excerpt dialog on what is
marked on the page; OK pushes the new excerpt on the undo stack (Ctrl+Z sends it to the
trash); Delete sends the selected excerpt to the trash, undoably."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow

from ...domain import Excerpt, NotFound
from ...notebook import Notebook
from ..undo import UndoController
from ..viewer.viewer import DocumentViewer, Selection
from .excerpt_dialog import ExcerptDialog
from .excerpt_panel import ExcerptPanel


class ExcerptCommands(QObject):
    def __init__(self, window: QMainWindow, nb: Notebook, undo: UndoController,
                 viewer: DocumentViewer, panel: ExcerptPanel) -> None:
        super().__init__(window)
        self.window = window
        self.nb = nb
        self.undo = undo
        self.viewer = viewer
        self.panel = panel
        self.dialog: ExcerptDialog | None = None

    def _status(self, text: str, ms: int = 4000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def new_excerpt(self) -> ExcerptDialog | None:
        sel = self.viewer.selection()
        if sel is None:
            self._status(self.tr("Select words in the page text, or mark a region of the page "
                                 "image (Document › Mark a Region of the Image), then make the "
                                 "excerpt."), 6000)
            return None
        try:
            suggested = self.nb.excerpts.suggest_locator(sel.document_key, sel.page)
        except NotFound:
            suggested = ""
        dialog = ExcerptDialog(sel, [t.name for t in self.nb.tags.all()], suggested,
                               self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_excerpt(sel, dialog.values()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def save_excerpt(self, sel: Selection, values: dict[str, Any]) -> None:
        """Store the excerpt and its tags, through the undo stack."""
        options: dict[str, Any] = {k: values[k] for k in ("kind", "locator", "comment",
                                                         "translation", "tags")}
        if sel.region is not None:
            options.update(region=sel.region, quote=values["quote"])
        else:
            options.update(start=sel.char_start, end=sel.char_end)

        def done(ex: Excerpt) -> None:
            self._status(self.tr("Excerpt %1 saved (%2).").replace("%1", ex.key)
                         .replace("%2", ex.locator))
            if self.panel.model.scope != ("document", sel.document_key):
                self.panel.show_scope(("document", sel.document_key))
            self.panel.select(ex.key)
            self.viewer.current_excerpt = ex.key
            self.viewer.mark_excerpts()

        self.undo.create_excerpt(sel.document_key, sel.page, on_done=done, **options)

    def delete_excerpt(self) -> None:
        ex = self.panel.current
        if ex is None:
            return
        self.undo.delete("excerpt", ex.key, ex.quote)
        self._status(self.tr("Excerpt %1 moved to the trash.").replace("%1", ex.key))
