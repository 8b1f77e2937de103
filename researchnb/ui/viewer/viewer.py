"""The document viewer: page image on the left, page text on the right, a page toolbar.

Reads come from the read-only Notebook on the GUI thread (one page at a time is fast);
text edits are saved through the background runner. A PDF page lies on a white sheet
(page_view.py); an encrypted PDF asks for its password (unlock.py); a text document has no
image pane, its text takes the width.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QImage, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ...domain import Changes, Document, Excerpt, NotFound, UserError
from ...locators import derive_locator, foliated
from ...notebook import Notebook
from .. import theme
from ..ops import Op
from .offsets import offset_map
from .page_view import ACTUAL, FIT_PAGE, FIT_WIDTH, PageSource, PageView
from .pdf_text import PdfPageText
from .region_ocr import RegionWords
from .selection import Selection
from .text_pane import TextPane
from .text_side import TextSide, document_kind
from .unlock import LockedPage, PasswordKeeper

log = logging.getLogger(__name__)

__all__ = ["DocumentViewer", "Selection", "document_kind", "offset_map"]


class DocumentViewer(QWidget):
    page_changed = Signal(str, int)          # document key, page number
    excerpt_clicked = Signal(str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.doc: Document | None = None
        self.page = 0
        self.source_kind: str | None = None
        self.excerpts: list[Excerpt] = []
        self.current_excerpt = ""
        self.region: tuple[float, float, float, float] | None = None
        self.pages = PageSource(self)
        self.pages.rendered.connect(self._pdf_rendered)
        self._pdf_requested = False
        self.rendering = False        # a PDF page is being rendered
        self.kind = "text"            # of the open document: pdf, image or text
        self._pdf_text: PdfPageText | None = None
        self.passwords = PasswordKeeper(self)    # this session's PDF passwords, in memory
        self.passwords.unlocked.connect(self._unlocked)
        self.region_words = RegionWords(self)    # the words inside the marked region

        self.toolbar = QToolBar(self.tr("Page"))
        self.toolbar.setObjectName("pageToolbar")
        self.prev_action = self._action("go-previous", self.tr("Previous Page"),
                                        QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage),
                                        lambda: self.show_page(self.page - 1))
        self.folio = QComboBox()
        self.folio.setObjectName("folioBox")
        self.folio.setToolTip(self.tr("Go to a folio (page label)"))
        self.folio.setMinimumContentsLength(8)
        self.folio.activated.connect(lambda i: self.show_page(i + 1))
        self.toolbar.addWidget(self.folio)
        self.next_action = self._action("go-next", self.tr("Next Page"),
                                        QKeySequence(QKeySequence.StandardKey.MoveToNextPage),
                                        lambda: self.show_page(self.page + 1))
        self.toolbar.addSeparator()
        zoom = QActionGroup(self)
        self.zoom_actions = {}
        for mode, text, shortcut in ((FIT_WIDTH, self.tr("Fit Width"), "Ctrl+2"),
                                     (FIT_PAGE, self.tr("Fit Page"), "Ctrl+3"),
                                     (ACTUAL, self.tr("Actual Size (100 %)"), "Ctrl+0")):
            act = self._action(f"zoom-{mode.replace('%', '')}", text, QKeySequence(shortcut),
                               lambda _c=False, m=mode: self.set_zoom(m))
            act.setCheckable(True)
            zoom.addAction(act)
            self.zoom_actions[mode] = act
        self.zoom_actions[FIT_WIDTH].setChecked(True)
        self.rotate_action = self._action("rotate", self.tr("Rotate Clockwise"),
                                          QKeySequence("Ctrl+R"), lambda: self.view.rotate_by(90))
        self.toolbar.addSeparator()
        self.region_action = self._action("region", self.tr("Mark a Region of the Image"),
                                          QKeySequence("Ctrl+Shift+M"), self._toggle_region)
        self.region_action.setCheckable(True)

        self.view: PageView = PageView()
        self.view.region_selected.connect(self._region_marked)
        self.text = TextPane()
        self.text.save_requested.connect(self._save_text)
        self.context_actions: list[QAction] = []     # put first in the right-click menus
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._text_menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._image_menu)
        self.locked = LockedPage()
        self.locked.button.clicked.connect(self.ask_password)
        self.left = QStackedWidget()          # the page image, or the locked PDF's message
        self.left.addWidget(self.view)
        self.left.addWidget(self.locked)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("viewerSplit")
        self.split.addWidget(self.left)
        self.text_side = TextSide(self.text)
        self.origin_label = self.text_side.origin_label
        self.split.addWidget(self.text_side)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([600, 380])

        self.empty = QLabel(self.tr("<h2>No document open</h2><p>Choose a document in the "
                                    "library, or import files with <b>File › Import</b> (or "
                                    "drop them here).</p>"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.split)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.toolbar)
        lay.addWidget(self.stack)
        self._enable(False)

    def _action(self, icon: str, text: str, shortcut: QKeySequence,
                slot: Callable[..., object]) -> QAction:
        act = QAction(theme.icon(icon), text, self)
        act.setShortcut(shortcut)
        act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        act.setToolTip(f"{text} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})")
        act.triggered.connect(slot)
        self.toolbar.addAction(act)
        return act

    def _enable(self, on: bool) -> None:
        for act in self.toolbar.actions():
            act.setEnabled(on)
        self.folio.setEnabled(on)
        image = on and self.kind != "text"       # a text document has no image to mark
        for act in (self.rotate_action, self.region_action):
            act.setEnabled(image)
        self.stack.setCurrentIndex(1 if on else 0)

    # -- opening ---------------------------------------------------------------------------

    def open_document(self, key: str, page: int = 1) -> bool:
        self.text.flush()
        try:
            doc = self.nb.documents.get(key)
        except NotFound:
            self.close_document()
            return False
        self.passwords.dismiss()
        self.doc = doc
        self.kind = document_kind(doc)
        # A text document has no page image: its text takes the whole width.
        self.left.setVisible(self.kind != "text")
        if self.kind != "text" and self.split.sizes()[0] == 0:
            self.split.setSizes([600, 380])       # left at no width by a text document
        self.left.setCurrentWidget(self.view)
        self.source_kind = None
        if doc.source_key:
            try:
                self.source_kind = self.nb.sources.get(doc.source_key).kind
            except NotFound:
                pass
        self.folio.blockSignals(True)
        self.folio.clear()
        labels = {p.number: p.label for p in doc.pages if p.label}
        # The folio as a citation gives it: the one locator rule (locators.py), whether the
        # labels count leaves asked once for the document, not once per page (quadratic).
        is_foliated = foliated(labels)
        self.folio.addItems([derive_locator(labels.get(p.number) or str(p.number),
                                            labels.get(p.number) or str(p.number),
                                            self.source_kind, is_foliated)
                             for p in doc.pages])
        self.folio.blockSignals(False)
        self._enable(bool(doc.pages))
        self.reload_excerpts()
        self.page = 0
        self.show_page(max(1, min(page, len(doc.pages))))
        return True

    def page_surface(self) -> QWidget:
        """What shows the open page: the page image, or a text document's text."""
        return self.view.viewport() if self.kind != "text" else self.text.viewport()

    def close_document(self) -> None:
        self.text.flush()
        self.passwords.dismiss()
        self.doc = None
        self.page = 0
        self.pages.close()
        self.view.set_image(QImage())
        self.text.load("")
        self._enable(False)

    def reload_excerpts(self) -> None:
        if self.doc is None:
            self.excerpts = []
            return
        self.excerpts = self.nb.excerpts.all(document=self.doc.key)

    # -- pages -----------------------------------------------------------------------------

    def show_page(self, number: int) -> None:
        if self.doc is None or not (1 <= number <= len(self.doc.pages)):
            return
        self.text.flush()
        changed = number != self.page
        self.page = number
        page = self.doc.pages[number - 1]
        self.folio.setCurrentIndex(number - 1)
        self.prev_action.setEnabled(number > 1)
        self.next_action.setEnabled(number < len(self.doc.pages))
        self.view.set_image(self._render(page.file_position, page.frame, number))
        self.rendering = self._pdf_requested
        fresh = self.nb.pages.get(self.doc.key, number)     # OCR may have run since opening
        page.text_origin, page.ocr_confidence = fresh.text_origin, fresh.ocr_confidence
        self.text.load(fresh.text)
        self._show_origin()
        self.region = None
        self.region_words.clear()
        self.mark_excerpts()
        if changed:
            self.page_changed.emit(self.doc.key, number)

    def _show_origin(self) -> None:
        assert self.doc is not None
        self.text_side.describe(self.doc.pages[self.page - 1], self.kind)

    def _render(self, position: int, frame: int, number: int) -> QImage:
        """The page image now (photos), or an empty one while QtPdf renders a PDF page."""
        assert self.doc is not None
        self._pdf_requested = False
        try:
            path = Path(self.nb.documents.original_path(self.doc.key, position))
        except (UserError, OSError) as exc:
            log.info("no original for %s: %s", self.doc.key, exc)
            return QImage()
        if self.kind == "pdf":
            self._pdf_requested = self.pages.request_pdf(
                path, number - 1, self.view.render_width(), self.passwords.password(self.doc.key))
            if self.pages.locked:
                self.left.setCurrentWidget(self.locked)
                if not self.passwords.asked(self.doc.key):
                    QTimer.singleShot(0, self.ask_password)     # once the page is shown
            else:
                self.left.setCurrentWidget(self.view)
            return QImage()
        if self.kind == "image":
            return PageSource.read_image(path, frame)
        return QImage()   # a text document has no page image

    # -- encrypted PDFs --------------------------------------------------------------------

    def ask_password(self) -> None:
        """Ask for the open PDF's password (the dialog says when one was wrong)."""
        path = self.pages.pdf_path
        if self.doc is not None and self.kind == "pdf" and self.pages.locked and path:
            self.passwords.ask(self.doc.key, self.doc.filename,
                               lambda password: self.pages.load_pdf(path, password) is not None)

    def _unlocked(self, key: str) -> None:
        if self.doc is not None and self.doc.key == key:
            self._pdf_text = None
            self.show_page(self.page)

    def _pdf_rendered(self, index: int, image: QImage) -> None:
        if self.doc is None or index != self.page - 1 or not self.rendering:
            return      # a page the historian has already left
        self.rendering = False
        self.view.set_image(image)
        self.mark_excerpts()
        if self.current_excerpt:
            self._reveal_current()

    def page_spans(self, number: int) -> tuple[list[tuple[int, int]], list[Excerpt]]:
        """Character spans of the excerpts that touch page `number`."""
        spans, which = [], []
        length = len(self.text.toPlainText())
        for ex in self.excerpts:
            if ex.char_start is None or not (ex.page_start <= number <= ex.page_end):
                continue
            start = ex.char_start if ex.page_start == number else 0
            end = ex.char_end if ex.page_end == number and ex.char_end is not None else length
            spans.append((start, end))
            which.append(ex)
        return spans, which

    def mark_excerpts(self) -> None:
        """Highlight excerpts in the page text and outline them on the page image."""
        spans, which = self.page_spans(self.page)
        current = next((n for n, ex in enumerate(which) if ex.key == self.current_excerpt), -1)
        self.text.highlight(spans, current)
        outlines: list[tuple[float, float, float, float]] = []
        cur_outline = -1
        for n, (start, end) in enumerate(spans):
            boxes = self._text_boxes(start, end)
            if n == current and boxes:
                cur_outline = len(outlines)
            outlines.extend(boxes)
        for ex in self.excerpts:
            if ex.region is not None and ex.page_start <= self.page <= ex.page_end:
                if ex.key == self.current_excerpt:
                    cur_outline = len(outlines)
                outlines.append(ex.region)
        self.view.set_outlines(outlines, cur_outline)

    def _page_text(self) -> PdfPageText | None:
        """The open PDF page's text against the stored text (its offset map made once)."""
        pdf = self.pages.pdf
        if pdf is None or self.doc is None or self.kind != "pdf" or self.pages.locked:
            return None
        index = self.page - 1
        if index >= pdf.pageCount():
            return None
        stored = self.text.stored_text()
        cached = self._pdf_text
        if (cached is None or cached.pdf is not pdf or cached.index != index
                or cached.stored != stored):
            cached = self._pdf_text = PdfPageText(pdf, index, stored)
        return cached

    def _text_boxes(self, start: int, end: int) -> list[tuple[float, float, float, float]]:
        """Where characters start..end of the page text lie on a PDF page, as fractions."""
        page = self._page_text()
        return page.boxes(start, end) if page is not None else []

    def go_to_excerpt(self, ex: Excerpt) -> None:
        """Open the excerpt's page and scroll its words (or its region) into view."""
        if self.doc is None or self.doc.key != ex.document_key:
            self.open_document(ex.document_key, ex.page_start)
        elif self.page != ex.page_start:
            self.show_page(ex.page_start)
        self.current_excerpt = ex.key
        self.mark_excerpts()
        if ex.char_start is not None:
            self.text.scroll_to(ex.char_start)
        self._reveal_current()

    def _reveal_current(self) -> None:
        """Scroll the page image to the current excerpt's outline (drawn thicker)."""
        for item in self.view.outlines:
            if item.pen().width() == 3:
                self.view.ensureVisible(item)
                break

    # -- selection for excerpts ------------------------------------------------------------

    def selection(self) -> Selection | None:
        if self.doc is None or not self.page:
            return None
        page = self.doc.pages[self.page - 1]
        label = page.label or str(page.number)
        marked = self.text.selection_offsets()
        if marked is not None:
            start, end, quote = marked
            return Selection(self.doc.key, self.page, label, start, end, quote)
        if self.region is not None:
            return Selection(self.doc.key, self.page, label, quote=self.region_words.text,
                             region=self.region)
        return None

    def _text_menu(self, pos: QPoint) -> None:
        menu = self.text.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        for act in self.context_actions:
            # Qt appends when `before` is null; the stubs do not allow None.
            menu.insertAction(cast(QAction, first), act)
        if first is not None:
            menu.insertSeparator(first)
        menu.addSeparator()
        menu.addAction(self.text.reflow_action)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.text.viewport().mapToGlobal(pos))

    def _image_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        for act in [*self.context_actions, self.region_action, self.zoom_actions[FIT_WIDTH],
                    self.zoom_actions[FIT_PAGE], self.zoom_actions[ACTUAL]]:
            menu.addAction(act)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _toggle_region(self, on: bool) -> None:
        self.view.set_region_mode(on)

    def _region_marked(self, region: tuple[float, float, float, float]) -> None:
        self.region = region
        self.text.setTextCursor(self.text.cursorForPosition(self.text.rect().topLeft()))
        self.view.set_outlines([ex.region for ex in self.excerpts if ex.region is not None
                                and ex.page_start <= self.page <= ex.page_end] + [region],
                               current=-1)
        if self.doc is not None:
            image = self.view.pixmap_item.pixmap().toImage() if self.view.has_image() else None
            self.region_words.find(region, self.doc, self.doc.pages[self.page - 1],
                                   self._page_text(), image)

    # -- saving text -----------------------------------------------------------------------

    def _save_text(self, text: str) -> None:
        if self.doc is None:
            return
        key, number = self.doc.key, self.page
        page = self.doc.pages[number - 1]
        page.text_origin = "transcribed"
        self._show_origin()
        Op(self, lambda nb: nb.pages.set_text(key, number, text, origin="transcribed")) \
            .success(lambda _r: self._text_saved(key)).run()

    def _text_saved(self, key: str) -> None:
        self._pdf_text = None
        if self.doc is not None and self.doc.key == key:
            self.reload_excerpts()
            self.mark_excerpts()

    # -- after a write -------------------------------------------------------------------

    def apply(self, changes: Changes[object]) -> None:
        """Follow a write: the open document gone, its pages relabelled or its source's kind
        changed (the folio box), or its excerpts changed (the marks)."""
        if self.doc is None:
            return
        doc = self.doc
        if doc.key in changes.deleted.get("document", ()):
            self.close_document()
            return
        page_keys = {p.key for p in doc.pages}
        if (doc.key in changes.updated.get("document", ())
                or (doc.source_key and doc.source_key in changes.keys("source"))
                or (page_keys & changes.updated.get("page", frozenset())
                    and self._labels_changed())):
            self.text.flush()
            self.open_document(doc.key, self.page or 1)
        elif changes.touches("excerpt"):
            self.reload_excerpts()
            self.mark_excerpts()

    def _labels_changed(self) -> bool:
        """Whether the open document's page labels are no longer the ones shown (a saved
        page text changes the page too, and must not reload the page being typed in)."""
        assert self.doc is not None
        try:
            fresh = self.nb.documents.get(self.doc.key)
        except NotFound:
            return True
        return [p.label for p in fresh.pages] != [p.label for p in self.doc.pages]

    def reload(self) -> None:
        """Reread the open document (after a restore)."""
        if self.doc is not None:
            self.open_document(self.doc.key, self.page or 1)

    # -- settings --------------------------------------------------------------------------

    def set_zoom(self, mode: str) -> None:
        self.view.set_zoom(mode)
        self.zoom_actions[mode].setChecked(True)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("viewer/split", self.split.saveState())
        settings.setValue("viewer/zoom", self.view.zoom_mode)
        settings.setValue("viewer/reflow", self.text.reflowing)

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("viewer/split")
        if state is not None:
            self.split.restoreState(state)
        zoom = settings.value("viewer/zoom", FIT_WIDTH)
        if zoom in self.zoom_actions:
            self.set_zoom(str(zoom))
        self.text.set_reflowing(str(settings.value("viewer/reflow", True)).lower()
                                not in ("false", "0"))
