"""The document viewer: page image on the left, page text on the right, a page toolbar.

Reads come from the read-only Notebook on the GUI thread (one page at a time is fast);
text edits are saved through the background runner.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from PySide6.QtCore import QPoint, QSettings, Qt, Signal
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
from ...locators import locator_for
from ...notebook import Notebook
from .. import theme
from ..ops import Op
from .page_view import ACTUAL, FIT_PAGE, FIT_WIDTH, PageSource, PageView
from .text_pane import TextPane

log = logging.getLogger(__name__)


@dataclass
class Selection:
    """What the user has marked on the current page, for a new excerpt."""
    document_key: str
    page: int
    label: str
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""
    region: tuple[float, float, float, float] | None = None


def offset_map(stored: str, engine: str) -> list[int]:
    """For each offset in the stored page text, the offset of that character in the text
    QtPdf reports (which may carry \\r before each \\n); one extra entry for the end."""
    out, j = [], 0
    for ch in stored:
        while j < len(engine) and engine[j] != ch and engine[j] in "\r\n":
            j += 1
        out.append(j)
        if j < len(engine) and engine[j] == ch:
            j += 1
    out.append(j)
    return out


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
        self._pdf_map: list[int] = [0]
        self._pdf_map_page: tuple[str, int] | None = None

        self.toolbar = QToolBar(self.tr("Page"))
        self.toolbar.setObjectName("pageToolbar")
        self.prev_action = self._action("go-previous", self.tr("Previous page"),
                                        QKeySequence(QKeySequence.StandardKey.MoveToPreviousPage),
                                        lambda: self.show_page(self.page - 1))
        self.folio = QComboBox()
        self.folio.setObjectName("folioBox")
        self.folio.setToolTip(self.tr("Go to a folio (page label)"))
        self.folio.setMinimumContentsLength(8)
        self.folio.activated.connect(lambda i: self.show_page(i + 1))
        self.toolbar.addWidget(self.folio)
        self.next_action = self._action("go-next", self.tr("Next page"),
                                        QKeySequence(QKeySequence.StandardKey.MoveToNextPage),
                                        lambda: self.show_page(self.page + 1))
        self.toolbar.addSeparator()
        zoom = QActionGroup(self)
        self.zoom_actions = {}
        for mode, text, shortcut in ((FIT_WIDTH, self.tr("Fit width"), "Ctrl+2"),
                                     (FIT_PAGE, self.tr("Fit page"), "Ctrl+3"),
                                     (ACTUAL, self.tr("Actual size (100 %)"), "Ctrl+0")):
            act = self._action(f"zoom-{mode.replace('%', '')}", text, QKeySequence(shortcut),
                               lambda _c=False, m=mode: self.set_zoom(m))
            act.setCheckable(True)
            zoom.addAction(act)
            self.zoom_actions[mode] = act
        self.zoom_actions[FIT_WIDTH].setChecked(True)
        self._action("rotate", self.tr("Rotate clockwise"), QKeySequence("Ctrl+R"),
                     lambda: self.view.rotate_by(90))
        self.toolbar.addSeparator()
        self.region_action = self._action("region", self.tr("Mark a region of the image"),
                                          QKeySequence("Ctrl+Shift+R"), self._toggle_region)
        self.region_action.setCheckable(True)
        self.origin_label = QLabel()
        self.origin_label.setObjectName("originLabel")
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.origin_label)

        self.view: PageView = PageView()
        self.view.region_selected.connect(self._region_marked)
        self.text = TextPane()
        self.text.save_requested.connect(self._save_text)
        self.context_actions: list[QAction] = []     # put first in the right-click menus
        self.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.text.customContextMenuRequested.connect(self._text_menu)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._image_menu)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("viewerSplit")
        self.split.addWidget(self.view)
        self.split.addWidget(self.text)
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
        self.stack.setCurrentIndex(1 if on else 0)

    # -- opening ---------------------------------------------------------------------------

    def open_document(self, key: str, page: int = 1) -> bool:
        self.text.flush()
        try:
            doc = self.nb.documents.get(key)
        except NotFound:
            self.close_document()
            return False
        self.doc = doc
        self.source_kind = None
        if doc.source_key:
            try:
                self.source_kind = self.nb.sources.get(doc.source_key).kind
            except NotFound:
                pass
        self.folio.blockSignals(True)
        self.folio.clear()
        labels = {p.number: p.label for p in doc.pages if p.label}
        for p in doc.pages:
            # The folio as a citation gives it: the one locator rule (locators.py).
            self.folio.addItem(locator_for(labels, p.number, p.number, self.source_kind))
        self.folio.blockSignals(False)
        self._enable(bool(doc.pages))
        self.reload_excerpts()
        self.page = 0
        self.show_page(max(1, min(page, len(doc.pages))))
        return True

    def close_document(self) -> None:
        self.text.flush()
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
        text = self.nb.pages.text(self.doc.key, number)
        self.text.load(text)
        self._show_origin()
        self.region = None
        self.mark_excerpts()
        if changed:
            self.page_changed.emit(self.doc.key, number)

    def _show_origin(self) -> None:
        assert self.doc is not None
        page = self.doc.pages[self.page - 1]
        names = {"extracted": self.tr("text from the PDF"), "ocr": self.tr("text by OCR"),
                 "transcribed": self.tr("your transcription"), "none": self.tr("no text yet")}
        self.origin_label.setText(f"  {names.get(page.text_origin, page.text_origin)}")

    def _render(self, position: int, frame: int, number: int) -> QImage:
        """The page image now (photos), or an empty one while QtPdf renders a PDF page."""
        assert self.doc is not None
        self._pdf_requested = False
        try:
            path = Path(self.nb.documents.original_path(self.doc.key, position))
        except (UserError, OSError) as exc:
            log.info("no original for %s: %s", self.doc.key, exc)
            return QImage()
        media = self.doc.media_type
        if media == "application/pdf" or path.suffix.lower() == ".pdf":
            self._pdf_requested = self.pages.request_pdf(path, number - 1,
                                                         self.view.render_width())
            return QImage()
        if media.startswith("image/") or path.suffix.lower() in (".png", ".jpg", ".jpeg",
                                                                  ".tif", ".tiff"):
            return PageSource.read_image(path, frame)
        return QImage()   # a text document has no page image

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

    def _text_boxes(self, start: int, end: int) -> list[tuple[float, float, float, float]]:
        """Where characters start..end of the page text lie on a PDF page, as fractions.

        The stored text came from PDFium and QtPdf is PDFium too, so the characters agree;
        only line ends differ (PDFium says \\r\\n, the notebook stores \\n), which
        `offset_map` accounts for. Glyph boxes are merged into one box per line."""
        pdf = self.pages.pdf
        if pdf is None or self.doc is None or end <= start:
            return []
        index = self.page - 1
        if index >= pdf.pageCount():
            return []
        size = pdf.pagePointSize(index)
        if size.width() <= 0 or size.height() <= 0:
            return []
        if self._pdf_map_page != (self.doc.key, self.page):
            self._pdf_map = offset_map(self.text.toPlainText(), pdf.getAllText(index).text())
            self._pdf_map_page = (self.doc.key, self.page)
        mapping = self._pdf_map
        a = mapping[min(start, len(mapping) - 1)]
        b = mapping[min(end, len(mapping) - 1)]
        rects = [poly.boundingRect() for poly in
                 pdf.getSelectionAtIndex(index, a, max(0, b - a)).bounds()]
        lines: list[list[float]] = []
        for r in rects:
            line = next((ln for ln in lines if abs((ln[1] + ln[3]) / 2 - r.center().y())
                         < max(r.height(), ln[3] - ln[1]) * 0.6), None)
            if line is None:
                lines.append([r.left(), r.top(), r.right(), r.bottom()])
            else:
                line[0], line[1] = min(line[0], r.left()), min(line[1], r.top())
                line[2], line[3] = max(line[2], r.right()), max(line[3], r.bottom())
        pad = 1.5
        return [((x0 - pad) / size.width(), (y0 - pad) / size.height(),
                 (x1 - x0 + 2 * pad) / size.width(), (y1 - y0 + 2 * pad) / size.height())
                for x0, y0, x1, y1 in lines]

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
            return Selection(self.doc.key, self.page, label, region=self.region)
        return None

    def _text_menu(self, pos: QPoint) -> None:
        menu = self.text.createStandardContextMenu(pos)
        first = menu.actions()[0] if menu.actions() else None
        for act in self.context_actions:
            # Qt appends when `before` is null; the stubs do not allow None.
            menu.insertAction(cast(QAction, first), act)
        if first is not None:
            menu.insertSeparator(first)
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
        self._pdf_map_page = None
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

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("viewer/split")
        if state is not None:
            self.split.restoreState(state)
        zoom = settings.value("viewer/zoom", FIT_WIDTH)
        if zoom in self.zoom_actions:
            self.set_zoom(str(zoom))
