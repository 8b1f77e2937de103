"""The main window: sidebar (library, tags, notes, recent imports), document viewer and
inspector (source form, excerpts), with menus, toolbar, status-bar progress and settings.

The window is handed the writable Notebook; it gives that to the background runner's
writer thread and opens its own read-only Notebook on the same folder for the views.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QToolBar,
)

from ..domain import Excerpt, NotFound, Source
from ..notebook import Notebook
from . import icons
from .excerpt_dialog import ExcerptDialog
from .excerpt_panel import ExcerptPanel
from .importing import ImportController
from .ops import Op, ProgressPanel, Runner
from .sidebar import Sidebar
from .source_form import SourceForm
from .viewer import DocumentViewer, Selection

log = logging.getLogger(__name__)
EVERYTHING = frozenset({"sources", "documents", "pages", "excerpts", "tags", "notes"})
IMPORTERS = ("researchnb.importers.pdf", "researchnb.importers.pdfmeta",
             "researchnb.importers.image", "researchnb.importers.text")


_preloaded = False


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

        from .demo import demo_dir
        pdf = pdfium.PdfDocument(demo_dir() / "protokol-14-1922.pdf")
        pdf[0].get_textpage().get_text_range()
        pdf.close()


class MainWindow(QMainWindow):
    def __init__(self, notebook: Notebook, *, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        preload_importers()
        self.runner = Runner(notebook, self)
        self.nb = Notebook.open(notebook.path, read_only=True)
        self.settings = settings or QSettings()
        self.setWindowTitle(f"{notebook.path.stem} — researchnb")
        self.setWindowIcon(icons.icon("researchnb"))
        self.setAcceptDrops(True)
        self._closed = False

        self.sidebar = Sidebar(self.nb)
        self.viewer = DocumentViewer(self.nb)
        self.source_form = SourceForm()
        self.excerpts = ExcerptPanel(self.nb)
        self.inspector = QTabWidget()
        self.inspector.setObjectName("inspector")
        # Four tabs (Search, Excerpts, Source, Backlinks) must stay readable in a narrow
        # inspector: full names with scroll arrows rather than "Sea…", "Excer…".
        self.inspector.setElideMode(Qt.TextElideMode.ElideNone)
        self.inspector.setUsesScrollButtons(True)
        self.inspector.addTab(self.excerpts, icons.icon("excerpt"), "Excerpts")
        self.inspector.addTab(self.source_form, icons.icon("source"), "Source")
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("mainSplit")
        self.split.addWidget(self.sidebar)
        self.split.addWidget(self.viewer)
        self.split.addWidget(self.inspector)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setStretchFactor(2, 0)
        self.split.setSizes([260, 820, 440])
        self.setCentralWidget(self.split)

        self.progress = ProgressPanel(self.runner)
        self.statusBar().addPermanentWidget(self.progress)
        self.importer = ImportController(self)

        self._make_actions()
        self._make_menus()
        self.viewer.context_actions = [self.excerpt_action]
        self._connect()
        self.sidebar.expand_library()
        self.excerpts.set_tag_names([t.name for t in self.nb.tags.all()])
        # Notes editor, search, export, undo (issue 8) fit themselves in; see part2.py.
        from .part2 import install_part2
        self.part2 = install_part2(self)
        # Read-only banner, backup problems, File › Backups… (issue 9); see safety_ui.py.
        from .safety_ui import install_safety
        self.safety = install_safety(self, notebook)
        self._restore()

    # -- actions and menus -----------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: Any = None, icon: str = "",
                tip: str = "") -> QAction:
        act = QAction(icons.icon(icon) if icon else icons.icon("_none"), text, self)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        if tip:
            act.setStatusTip(tip)
        act.triggered.connect(slot)
        return act

    def _make_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.import_action = self._action("&Import Files…", self.importer.choose_files,
                                          "Ctrl+Shift+I", "import",
                                          "Import PDFs, photographs and text files")
        self.import_folder_action = self._action("Import &Folder…", self.importer.choose_folder,
                                                 icon="folder")
        self.new_source_action = self._action("&New Source…", self.new_source, std.New,
                                              "new-source",
                                              "A source without files: a book, an article…")
        self.move_action = self._action("&Move Document to Source…", self.move_document)
        self.quit_action = self._action("&Quit", self.close, std.Quit)
        self.excerpt_action = self._action("New &Excerpt from Selection", self.new_excerpt,
                                           "Ctrl+E", "excerpt",
                                           "Make an excerpt of the marked words or region")
        self.delete_excerpt_action = self._action("&Delete Excerpt", self.delete_excerpt,
                                                  std.Delete)
        self.delete_excerpt_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.excerpts.table.addAction(self.delete_excerpt_action)
        self.ocr_page_action = self._action("OCR This &Page", lambda: self.run_ocr(False),
                                            icon="ocr")
        self.ocr_doc_action = self._action("OCR This &Document", lambda: self.run_ocr(True))
        self.demo_action = self._action("Load the &Demo Notebook…", self.offer_demo)
        self.about_action = self._action("&About researchnb", self.about)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        for a in (self.new_source_action, self.import_action, self.import_folder_action):
            file.addAction(a)
        file.addSeparator()
        file.addAction(self.move_action)
        file.addSeparator()
        file.addAction(self.quit_action)
        edit = bar.addMenu("&Edit")
        edit.addAction(self.excerpt_action)
        edit.addAction(self.delete_excerpt_action)
        view = bar.addMenu("&View")
        for act in (self.viewer.prev_action, self.viewer.next_action):
            view.addAction(act)
        view.addSeparator()
        for act in self.viewer.zoom_actions.values():
            view.addAction(act)
        doc = bar.addMenu("&Document")
        doc.addAction(self.ocr_page_action)
        doc.addAction(self.ocr_doc_action)
        doc.addAction(self.viewer.region_action)
        helpm = bar.addMenu("&Help")
        helpm.addAction(self.demo_action)
        helpm.addAction(self.about_action)

        tools = QToolBar("Main")
        tools.setObjectName("mainToolbar")
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.import_action, self.new_source_action, self.excerpt_action):
            tools.addAction(a)
        self.addToolBar(tools)

    def _connect(self) -> None:
        self.runner.changed.connect(self.refresh)
        sb = self.sidebar
        sb.library_view.selectionModel().currentChanged.connect(self._library_current)
        sb.library_view.customContextMenuRequested.connect(self._library_menu)
        sb.tags_view.selectionModel().currentChanged.connect(self._tag_current)
        sb.recent_view.selectionModel().currentChanged.connect(
            lambda idx, _p: self.open_document(sb.recent.node(idx).key) if idx.isValid()
            else None)
        self.excerpts.excerpt_activated.connect(self.show_excerpt)
        self.viewer.page_changed.connect(self._page_changed)
        self.source_form.saved.connect(lambda _s: None)

    # -- navigation ------------------------------------------------------------------------

    def _library_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        node = self.sidebar.library.node(idx)
        if node.kind == "document":
            if self.viewer.doc is None or self.viewer.doc.key != node.key:
                self.open_document(node.key)
        elif node.kind == "source":
            self.show_source(node.key)
            self.inspector.setCurrentWidget(self.source_form)
            docs = [c.key for c in node.children if c.kind == "document"]
            if docs and (self.viewer.doc is None or self.viewer.doc.key not in docs):
                self.open_document(docs[0], switch_inspector=False)

    def _tag_current(self, idx: QModelIndex, _prev: QModelIndex) -> None:
        if not idx.isValid():
            return
        node = self.sidebar.tags.node(idx)
        self.excerpts.show_scope(("tag", node.key), f"Tagged {node.key}")
        self.inspector.setCurrentWidget(self.excerpts)

    def open_document(self, key: str, page: int = 1, *, switch_inspector: bool = True,
                      rescope: bool = True) -> None:
        if self._closed or not self.viewer.open_document(key, page):
            return
        doc = self.viewer.doc
        assert doc is not None
        if rescope:
            self.excerpts.show_scope(("document", key), doc.filename or key)
        found = self.sidebar.library.find("document", key)
        if found.isValid() and self.sidebar.library_view.currentIndex() != found:
            self.sidebar.library_view.setCurrentIndex(found)
        self.show_source(doc.source_key)
        if switch_inspector:
            self.inspector.setCurrentWidget(self.excerpts)
        self.settings.setValue("last/document", key)

    def _page_changed(self, key: str, page: int) -> None:
        self.settings.setValue("last/page", page)

    def show_source(self, key: str | None) -> None:
        src = None
        if key:
            try:
                src = self.nb.sources.get(key)
            except NotFound:
                src = None
        self.source_form.show_source(src)

    def show_excerpt(self, ex: Excerpt) -> None:
        """Show an excerpt on its page; a tag's excerpt list stays as it is."""
        if self.viewer.doc is None or self.viewer.doc.key != ex.document_key:
            scope = self.excerpts.model.scope
            keep = scope is not None and scope[0] == "tag"
            self.open_document(ex.document_key, ex.page_start, rescope=not keep)
            if not keep:
                self.excerpts.select(ex.key)
        self.viewer.go_to_excerpt(ex)

    def refresh(self, kinds: frozenset[str]) -> None:
        """Bring the views that show `kinds` up to date after a background change."""
        if self._closed:
            return
        self.sidebar.refresh_trees(kinds)
        if kinds & {"excerpts", "tags"}:
            self.excerpts.refresh()
            self.excerpts.set_tag_names([t.name for t in self.nb.tags.all()])
            self.viewer.reload_excerpts()
            self.viewer.mark_excerpts()
        if kinds & {"sources"} and self.source_form.source is not None:
            self.show_source(self.source_form.source.key)
        if kinds & {"documents"} and self.viewer.doc is not None:
            try:
                self.nb.documents.get(self.viewer.doc.key)
            except NotFound:
                self.viewer.close_document()

    # -- excerpts --------------------------------------------------------------------------

    def new_excerpt(self) -> None:
        sel = self.viewer.selection()
        if sel is None:
            self.statusBar().showMessage(
                "Select words in the page text, or mark a region of the page image "
                "(Document › Mark a region), then make the excerpt.", 6000)
            return
        dialog = ExcerptDialog(sel, [t.name for t in self.nb.tags.all()],
                               self.viewer.archival, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.save_excerpt(sel, dialog.values()))
        dialog.open()
        self.excerpt_dialog = dialog

    def save_excerpt(self, sel: Selection, values: dict[str, Any]) -> None:
        def work(nb: Notebook) -> Excerpt:
            return create_excerpt(nb, sel, values)

        def done(ex: Excerpt) -> None:
            self.statusBar().showMessage(f"Excerpt {ex.key} saved ({ex.locator}).", 4000)
            if self.excerpts.model.scope != ("document", sel.document_key):
                self.excerpts.show_scope(("document", sel.document_key))
            self.excerpts.select(ex.key)
            self.viewer.current_excerpt = ex.key
            self.viewer.mark_excerpts()

        Op(self, work).changes("excerpts", "tags").success(done).run()

    def delete_excerpt(self) -> None:
        ex = self.excerpts.current
        if ex is None:
            return
        key = ex.key
        Op(self, lambda nb: nb.excerpts.delete(key).value).changes("excerpts", "tags") \
            .success(lambda _r: self.statusBar().showMessage(
                f"Excerpt {key} moved to the trash.", 4000)).run()

    # -- sources ---------------------------------------------------------------------------

    def new_source(self) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("newSourceDialog")
        dialog.setWindowTitle("New source")
        dialog.setLabelText("Title of the book, article or archival file:")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.textValueSelected.connect(self._create_source)
        dialog.open()

    def _create_source(self, title: str) -> None:
        if not title.strip():
            return

        def done(src: Source) -> None:
            idx = self.sidebar.library.find("source", src.key)
            if idx.isValid():
                self.sidebar.library_view.setCurrentIndex(idx)
            self.show_source(src.key)
            self.inspector.setCurrentWidget(self.source_form)
            self.source_form.fields["title"].setFocus()

        Op(self, lambda nb: nb.sources.add(Source(kind="book", title=title.strip())).value) \
            .changes("sources").success(done).run()

    def move_document(self) -> None:
        doc = self.viewer.doc
        if doc is None:
            self.statusBar().showMessage("Open the document to move first.", 4000)
            return
        sources = sorted(self.nb.sources.all(), key=lambda s: s.title.casefold())
        titles = ["(no source)"] + [f"{s.title}  [{s.key}]" for s in sources]
        dialog = QInputDialog(self)
        dialog.setObjectName("moveDialog")
        dialog.setWindowTitle("Move document")
        dialog.setLabelText(f"Put {doc.filename} under:")
        dialog.setComboBoxItems(titles)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(text: str) -> None:
            target = None if text == titles[0] else sources[titles.index(text) - 1].key
            key = doc.key
            Op(self, lambda nb: nb.documents.move(key, target).value).changes("documents") \
                .success(lambda _r: self.open_document(key)).run()

        dialog.textValueSelected.connect(chosen)
        dialog.open()

    def _library_menu(self, pos: Any) -> None:
        idx = self.sidebar.library_view.indexAt(pos)
        node = self.sidebar.library.node(idx)
        menu = QMenu(self)
        if node.kind == "document":
            self.open_document(node.key)
            menu.addAction(self.move_action)
        menu.addAction(self.new_source_action)
        menu.addAction(self.import_action)
        menu.popup(self.sidebar.library_view.viewport().mapToGlobal(pos))

    # -- OCR -------------------------------------------------------------------------------

    def run_ocr(self, whole: bool) -> None:
        """OCR the current page (or every page without typed text) in the background."""
        from .ocr_job import ocr_pages
        doc = self.viewer.doc
        if doc is None:
            self.statusBar().showMessage("Open a document first.", 4000)
            return
        key, page = doc.key, self.viewer.page
        self.viewer.text.flush()
        pages = None if whole else [page]

        def done(result: dict[str, list[int]]) -> None:
            if self.viewer.doc is not None and self.viewer.doc.key == key:
                self.viewer.open_document(key, self.viewer.page or page)
            kept = result["kept"]
            self.statusBar().showMessage(
                f"Recognised {len(result['done'])} page(s)"
                + (f"; kept your transcription of {len(kept)}." if kept else "."), 6000)

        Op(self, lambda nb, progress: ocr_pages(nb, key, pages, progress)) \
            .progress("Recognising text").changes("pages", "excerpts").success(done).run()

    # -- demo ------------------------------------------------------------------------------

    def offer_demo(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, "Demo notebook",
                          "Fill this notebook with a small demo: the 1922–1925 papers of a "
                          "fictional factory party cell, with excerpts, tags, notes and "
                          "citations, so every part of researchnb has something to show?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("demoOffer")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.load_demo)
        box.open()
        self.demo_box = box

    def load_demo(self) -> None:
        from .demo import load_demo

        def done(first: str) -> None:
            self.statusBar().showMessage("The demo notebook is ready.", 5000)
            self.sidebar.expand_library()
            if first:
                self.open_document(first)

        Op(self, load_demo).progress("Making the demo notebook").changes(EVERYTHING) \
            .success(done).run()

    def about(self) -> None:
        from .. import __version__
        QMessageBox.about(self, "About researchnb",
                          f"<h3>researchnb {__version__}</h3><p>A research notebook for "
                          "historians working with archival sources. Everything stays on "
                          f"this computer.</p><p>Notebook: {self.nb.path}</p>")

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
        for name, splitter in (("window/split", self.split), ("window/sidebar", self.sidebar)):
            value = s.value(name)
            if isinstance(value, QByteArray):
                splitter.restoreState(value)
        self.viewer.restore_state(s)
        last = s.value("last/document")
        if last:
            # QSettings gives back what it stored (an int, or a str from an ini file).
            page = int(cast(int | str, s.value("last/page", 1) or 1))
            # After the window is shown, so the page renders at the final width.
            QTimer.singleShot(0, lambda: self.open_document(str(last), page))

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState())
        s.setValue("window/split", self.split.saveState())
        s.setValue("window/sidebar", self.sidebar.saveState())
        self.viewer.save_state(s)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self.viewer.text.flush()
            self.save_settings()
            self._closed = True
            self.viewer.close_document()
            self.runner.shutdown()
            self.nb.close()
        super().closeEvent(event)


def create_excerpt(nb: Notebook, sel: Selection, values: dict[str, Any]) -> Excerpt:
    """Store the excerpt and its tags; one call per area method, each its own transaction."""
    kw: dict[str, Any] = {k: values[k] for k in ("kind", "locator", "comment", "translation",
                                                 "tags")}
    if sel.region is not None:
        ex = nb.excerpts.add(sel.document_key, page=sel.page, region=sel.region,
                            quote=values["quote"], **kw).value
    else:
        ex = nb.excerpts.add(sel.document_key, page=sel.page, start=sel.char_start,
                            end=sel.char_end, **kw).value
    return ex

