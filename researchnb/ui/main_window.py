"""The main window: it composes the features, each given what it needs when it is made.

Left the sidebar (ui/library: library, tags, notes, recent imports; saved searches from
ui/search); in the centre the document viewer (ui/viewer) and the notes editor (ui/notes) as
tabs; on the right the inspector: search, excerpts (ui/excerpts), the source form, backlinks.
Banners (ui/safety) sit above the panes. Actions and menus are in menus.py, going places in
navigation.py, undo in undo.py. No feature changes another after it is made: the window
connects their signals, and hands every write's `Changes` to each view (`apply`).

The window is handed the writable Notebook; it gives that to the background runner's
writer thread and opens its own read-only Notebook on the same folder for the views.
"""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QTabWidget

from ..domain import Changes
from ..notebook import Notebook
from . import theme
from .excerpts.commands import ExcerptCommands
from .excerpts.excerpt_panel import ExcerptPanel
from .export.copy_citation import CitationMenu
from .export.export_dialog import ExportDialog
from .external_changes import ExternalChanges, refresh_shown
from .help.shortcuts_dialog import show_shortcuts
from .importing.controller import ImportController
from .importing.ocr_job import OcrOutcome, ocr_pages
from .library.commands import LibraryCommands
from .library.sidebar import Sidebar
from .library.source_form import SourceForm
from .menus import build_menus, make_actions
from .navigation import Navigator, PlaceKeeper
from .notebooks import recent
from .notes.backlinks import BacklinksPanel
from .notes.editor import NotesEditor
from .ops import Op, ProgressPanel, Runner
from .panes import MainSplit
from .safety.banners import BannerArea
from .safety.reopen import ReopenGuard
from .safety.safety import Safety
from .safety.trash import TrashDialog
from .search.panel import SearchPanel
from .search.saved import SavedSearches
from .tab_labels import CompactTabs
from .tags.tagged_panel import TaggedPanel
from .undo import UndoController
from .viewer.viewer import DocumentViewer

IMPORTERS = ("researchnb.importers.pdf", "researchnb.importers.pdfmeta",
             "researchnb.importers.image", "researchnb.importers.text")
_preloaded = False
LAST_NOTEBOOK = "last/notebook"     # whose document "last/document" is


def preload_importers() -> None:
    """Load the PDF and image libraries before the window shows. Loading them (PDFium's
    shared library among them) holds Python's GIL for 100 ms or more; left to the first
    import on the writer thread, that would freeze the window mid-import."""
    global _preloaded
    if _preloaded:
        return
    _preloaded = True
    for name in IMPORTERS:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    # PDFium's first text extraction in a process sets up its fonts (~60 ms); do it now.
    with contextlib.suppress(Exception):
        import pypdfium2 as pdfium

        from .help.demo import demo_dir
        pdf = pdfium.PdfDocument(demo_dir() / "protokol-14-1922.pdf")
        pdf[0].get_textpage().get_text_range()
        pdf.close()


class MainWindow(QMainWindow):
    def __init__(self, notebook: Notebook, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        preload_importers()
        self.settings = settings or QSettings()
        app = QApplication.instance()
        if isinstance(app, QApplication):      # View › Theme, kept in the settings
            # Settings without a theme (a second window's own) keep the app's as it is.
            chosen = self.settings.value(theme.THEME_SETTING) or theme.theme_choice(app)
            theme.apply_theme(app, str(chosen))
        self.runner = Runner(notebook, self)
        self.nb = nb = Notebook.open(notebook.path, read_only=True)
        self.setWindowTitle(self.tr("%1 — researchnb").replace("%1", notebook.path.stem))
        self.setWindowIcon(theme.icon("researchnb"))
        self.setAcceptDrops(True)
        self.closed = False

        # -- the features ------------------------------------------------------------------
        self.undo = UndoController(self)
        self.saved_searches = SavedSearches(nb.path)
        self.sidebar = Sidebar(nb, panes=((self.tr("Saved searches"), self.saved_searches),))
        self.viewer = DocumentViewer(nb)
        self.editor = NotesEditor(nb)
        self.source_form = SourceForm(nb, self.undo)
        self.excerpts = ExcerptPanel(nb, self.undo)
        self.search = SearchPanel(nb)
        self.backlinks = BacklinksPanel(nb)
        self.tagged = TaggedPanel(nb)          # what a tag chosen in the sidebar is on
        self.cite_menu = CitationMenu(nb, self)
        self.trash: TrashDialog | None = None

        self.centre = QTabWidget()
        self.centre.setObjectName("centreTabs")
        self.centre.setDocumentMode(True)
        self.centre.addTab(self.viewer, theme.icon("document"), self.tr("Document"))
        self.centre.addTab(self.editor, theme.icon("note"), self.tr("Note"))
        self.inspector = QTabWidget()
        self.inspector.setObjectName("inspector")
        # Four tabs in a narrow inspector: elide their labels rather than hide tabs.
        self.inspector.tabBar().setElideMode(Qt.TextElideMode.ElideRight)
        self.inspector.setUsesScrollButtons(False)
        self.inspector.addTab(self.search, theme.icon("search"), self.tr("Search"))
        self.inspector.addTab(self.excerpts, theme.icon("excerpt"), self.tr("Excerpts"))
        self.inspector.addTab(self.source_form, theme.icon("source"), self.tr("Source"))
        self.inspector.addTab(self.backlinks, theme.icon("note"), self.tr("Backlinks"))
        self.inspector.addTab(self.tagged, theme.icon("tag"), self.tr("Tagged"))
        self.inspector.setCurrentWidget(self.excerpts)
        self.inspector_tabs = CompactTabs(self.inspector)   # icons only when too narrow
        # Side panes give way before the page, and can be hidden (panes.py).
        self.split = MainSplit(self.sidebar, self.centre, self.inspector)
        self.banners = BannerArea(self.split)
        self.setCentralWidget(self.banners)
        self.progress = ProgressPanel(self.runner)
        self.statusBar().addPermanentWidget(self.progress)

        self.nav = Navigator(self)
        self.place = PlaceKeeper(self.settings, self)   # last/document, last/page
        self.importer = ImportController(self, nb, self.nav.open_document,
                                         settings=self.settings)
        self.library_commands = LibraryCommands(
            self, nb, self.undo, self.sidebar, self.viewer, self.source_form,
            self.nav.go_to_source, self.nav.open_document)
        self.excerpt_commands = ExcerptCommands(self, nb, self.undo, self.viewer, self.excerpts)
        self.safety = Safety(self, banners=self.banners, status=self.statusBar(),
                             notebook_path=notebook.path,
                             read_only_reason=notebook.read_only_reason,
                             backup_problem=notebook.backups.problem)
        # Document › Number Pages… and the page label edited in place (ui/foliation/).
        from .foliation.commands import FoliationCommands
        self.foliation = FoliationCommands(self)

        self.acts = make_actions(self)
        build_menus(self, self.acts)
        a = self.acts
        self.viewer.context_actions = [a.new_excerpt]
        self.library_commands.menu_actions = [a.move_document, a.delete_source, a.new_source,
                                              a.import_files]
        if self.safety.read_only:
            self.safety.disable_writing(a.writes(), [
                self.source_form, self.excerpts.form, self.viewer.text, self.editor.title,
                self.editor.editor, self.editor.private])
            self.setAcceptDrops(False)          # dropping files would import them
            self.setWindowTitle(self.tr("%1 (read-only)").replace("%1", self.windowTitle()))
        # Other programs (the command line) may write this notebook too: show their work.
        self.external = ExternalChanges(nb, notebook, lambda: not self.runner.busy, self)
        self.external.changed.connect(lambda: refresh_shown(self))
        self._connect()
        self.sidebar.expand_library()
        self.excerpts.set_tag_names([t.name for t in nb.tags.all()])
        self._restore()

    def _connect(self) -> None:
        nav, sb = self.nav, self.sidebar
        self.runner.changed.connect(self.apply)
        self.runner.reloaded.connect(self.reload)
        self.undo.done.connect(lambda text: self.statusBar().showMessage(text, 3000))
        sb.library_view.selectionModel().currentChanged.connect(nav.library_current)
        sb.library_view.clicked.connect(nav.library_clicked)
        sb.library_view.customContextMenuRequested.connect(self.library_commands.library_menu)
        sb.tags_view.selectionModel().currentChanged.connect(nav.tag_current)
        sb.recent_view.selectionModel().currentChanged.connect(nav.recent_current)
        sb.notes_view.selectionModel().currentChanged.connect(nav.note_current)
        self.excerpts.excerpt_activated.connect(nav.show_excerpt)
        self.excerpts.excerpt_activated.connect(nav.follow_inspector)
        self.excerpts.table.selectionModel().selectionChanged.connect(nav.follow_inspector)
        self.viewer.page_changed.connect(lambda _doc, page: self.place.note("page", page))
        self.editor.navigate.connect(nav.navigate)
        self.backlinks.navigate.connect(nav.navigate)
        self.tagged.navigate.connect(nav.navigate)
        self.search.open_hit.connect(nav.open_hit)
        self.search.search_saved.connect(self.saved_searches.add)
        self.saved_searches.run.connect(self.run_saved_search)
        self.cite_menu.copied.connect(
            lambda text: self.statusBar().showMessage(self.tr("Copied: %1").replace("%1", text),
                                                      6000))
        self.cite_menu.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.editor.use_citation_style(self.cite_menu.citation_style)
        self.cite_menu.style_changed.connect(self.editor.use_citation_style)
        self.safety.about_to_restore.connect(self.flush_edits)
        self.safety.restored.connect(lambda _result: self.undo.stack.clear())

    # -- after a write ---------------------------------------------------------------------

    def apply(self, changes: Changes[object]) -> None:
        """Hand a write's Changes to every view; each refreshes only what it shows of them."""
        if self.closed:
            return
        self.sidebar.apply(changes)
        self.excerpts.apply(changes)
        self.viewer.apply(changes)
        self.source_form.apply(changes)
        self.editor.apply(changes)
        if changes.touches("tag"):
            self.excerpts.set_tag_names([t.name for t in self.nb.tags.all()])
        if changes.touches("tag", "source", "document", "excerpt", "note"):
            self.tagged.refresh()
        src = self.source_form.source
        if src is not None and src.key in changes.deleted.get("source", ()):
            self.source_form.show_source(None)
        if changes.touches("note", "source", "excerpt"):
            self.nav.follow_inspector()

    def reload(self) -> None:
        """Reread everything shown (a restore, or work cancelled half-way)."""
        if self.closed:
            return
        self.sidebar.reload()
        self.excerpts.refresh()
        self.tagged.refresh()
        self.excerpts.set_tag_names([t.name for t in self.nb.tags.all()])
        self.viewer.reload()
        self.nav.show_source(self.source_form.source.key if self.source_form.source else None)
        editor = self.editor
        if editor.key is not None:
            try:
                editor.open_note(editor.key)
            except Exception:  # noqa: BLE001 - the note is not in the restored notebook
                editor.new_note("")
        if self.trash is not None:
            self.trash.reload()

    def flush_edits(self) -> None:
        """Queue the saves of open edits (the writer runs jobs in order)."""
        self.viewer.text.flush()
        self.editor.flush()

    # -- notes, search, dialogs ------------------------------------------------------------

    def new_note(self) -> None:
        self.editor.new_note("")
        self.centre.setCurrentWidget(self.editor)
        self.editor.title.setFocus()

    def delete_note(self) -> QMessageBox | None:
        """Ask first, then send the open note to the trash (Undo and View › Trash bring it
        back). The question box (None when no note is open)."""
        key = self.editor.key
        if key is None:
            return None
        title = self.editor.title.text().strip() or self.tr("(untitled)")
        yes, cancel = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Cancel
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete Note"),
                          self.tr("Move the note “%1” to the trash? Edit › Undo or View › "
                                  "Trash brings it back.").replace("%1", title),
                          yes | cancel, self)
        box.setObjectName("deleteNoteQuestion")
        box.button(yes).setText(self.tr("Move to Trash"))
        box.setDefaultButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self._delete_note(key, title))
        box.open()
        self.delete_note_box = box
        return box

    def _delete_note(self, key: str, title: str) -> None:
        if self.closed:
            return
        if self.editor.key == key:
            self.editor.flush()
        self.undo.delete("note", key, title)
        if self.editor.key == key:
            self.editor.new_note("")
            self.centre.setCurrentWidget(self.viewer)

    def focus_search(self) -> None:
        self.inspector.setCurrentWidget(self.search)
        self.search.focus_field()

    def run_saved_search(self, query: str) -> None:
        self.inspector.setCurrentWidget(self.search)
        self.search.set_query(query)

    def open_export(self) -> ExportDialog:
        note = self.editor.key if self.centre.currentWidget() is self.editor else None
        src = self.source_form.source
        dialog = ExportDialog(self.nb, self, selection=[src.key] if src is not None else None,
                              note=note)
        dialog.exported.connect(lambda text: self.statusBar().showMessage(text, 8000))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def open_trash(self) -> TrashDialog:
        if self.trash is None:
            self.trash = TrashDialog(self.nb, self.undo, self)
        self.trash.view.refresh()
        self.trash.show()
        self.trash.raise_()
        return self.trash

    def show_shortcuts(self) -> QDialog:
        return show_shortcuts(self)

    # -- OCR -------------------------------------------------------------------------------

    def run_ocr(self, whole: bool) -> None:
        """OCR the current page (or every page without typed text) in the background."""
        doc = self.viewer.doc
        if doc is None:
            self.statusBar().showMessage(self.tr("Open a document first."), 4000)
            return
        key, page = doc.key, self.viewer.page
        self.viewer.text.flush()
        pages = None if whole else [page]

        def done(result: OcrOutcome) -> None:
            if self.viewer.doc is not None and self.viewer.doc.key == key:
                self.viewer.open_document(key, self.viewer.page or page)
            message = self.tr("Recognised %1 page(s)").replace("%1", str(len(result.done)))
            if result.kept:
                message += self.tr("; kept your transcription of %1.").replace(
                    "%1", str(len(result.kept)))
            self.statusBar().showMessage(message, 6000)

        Op(self, lambda nb, progress: ocr_pages(nb, key, pages, progress)) \
            .progress(self.tr("Recognising text")).success(done).run()

    # -- demo, about -----------------------------------------------------------------------

    def offer_demo(self) -> None:
        """Offer the demo notebook (its own notebook: ui/help/demo_window.py)."""
        from .help.demo_window import demo_opener
        self.demo_box = demo_opener(self).offer()

    def load_demo(self) -> None:
        """Open the demo notebook in a window of its own (made the first time)."""
        from .help.demo_window import demo_opener
        demo_opener(self).open()

    def about(self) -> None:
        from .. import __version__
        QMessageBox.about(self, self.tr("About researchnb"),
                          f"<h3>researchnb {__version__}</h3><p>"
                          + self.tr("A research notebook for historians working with archival "
                                    "sources. Everything stays on this computer.")
                          + "</p><p>" + self.tr("Notebook: %1").replace("%1", str(self.nb.path))
                          + "</p>")

    # -- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.importer.ask(paths)

    # -- settings and closing --------------------------------------------------------------

    def open_document(self, key: str, page: int = 1, **kw: Any) -> None:
        """Open a document at a page (see Navigator.open_document)."""
        self.nav.open_document(key, page, **kw)

    def _restore(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1480, 900)
        state = s.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        value = s.value("window/sidebar")
        if isinstance(value, QByteArray):
            self.sidebar.restoreState(value)
        self.split.restore(s.value("window/split"))
        self.viewer.restore_state(s)
        last = s.value("last/document")
        # QSettings gives back what it stored (an int, or a str from an ini file).
        page = int(cast(int | str, s.value("last/page", 1) or 1))
        # The last document was another notebook's (File › Open Notebook…): this one's
        # comes from its entry in Open Recent (notebooks/recent.py).
        mine = recent.find(s, self.nb.path)
        left_in = str(s.value(LAST_NOTEBOOK) or "")
        if left_in and Path(left_in) != self.nb.path.resolve():
            last, page = (mine.document, mine.page) if mine is not None else (None, 1)
        s.setValue(LAST_NOTEBOOK, str(self.nb.path.resolve()))
        recent.add(s, self.nb.path)
        # Not the document whose opening crashed the app last time (safety/reopen.py).
        self.reopen = ReopenGuard(s, self.viewer, self.banners, self.nb, self)
        self.reopen.reopen(str(last) if last else None, page, self.nav.open_document)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/split", self.split.saveState())
        if self.sidebar.user_sized:     # else the sections' heights follow their rows
            s.setValue("window/sidebar", self.sidebar.saveState())
        else:
            s.remove("window/sidebar")
        self.viewer.save_state(s)
        self.place.flush()
        doc = self.viewer.doc        # where this notebook was left, for Open Recent
        recent.note_place(s, self.nb.path, doc.key if doc is not None else "",
                          self.viewer.page or 1)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.closed:
            self.flush_edits()
            self.editor.stop()
            self.search.worker.stop()
            self.save_settings()
            self.closed = True
            self.viewer.close_document()
            self.external.stop()
            self.runner.shutdown()
            self.nb.close()
        super().closeEvent(event)
