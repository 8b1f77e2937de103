"""The page image: a PDF page rendered by QtPdf (PDFium) or a photograph, with zoom,
rotation, excerpt outlines and rectangle selection for image excerpts."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QPainter,
    QPen,
    QPixmap,
    QTransform,
)
from PySide6.QtPdf import QPdfDocument, QPdfPageRenderer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QRubberBand,
    QStyleOptionGraphicsItem,
    QWidget,
)

from .. import theme

FIT_WIDTH, FIT_PAGE, ACTUAL = "fit-width", "fit-page", "100%"
HIGHLIGHT = QColor(230, 160, 0)


class PageSource(QObject):
    """Where page images come from: one PDF, or one image file per page (photos).

    PDF pages are rendered by QtPdf on its own thread (`request_pdf`); `rendered` brings
    the image back, so turning pages never holds up the window.
    """

    rendered = Signal(int, QImage)      # page index, image

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pdf: QPdfDocument | None = None
        self.pdf_path: Path | None = None
        self._password: str | None = None
        self.locked = False         # the open PDF needs a password it was not given
        self.renderer = QPdfPageRenderer(self)
        self.renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self.renderer.pageRendered.connect(self._rendered)

    def close(self) -> None:
        self.locked = False
        if self.pdf is not None:
            # Qt takes a null document (render nothing); the stubs do not allow None.
            self.renderer.setDocument(cast(QPdfDocument, None))
            self.pdf.close()
            self.pdf.deleteLater()
            self.pdf = None
            self.pdf_path = None

    def load_pdf(self, path: Path, password: str | None = None) -> QPdfDocument | None:
        """The PDF at `path`, open; None when it cannot be shown (`locked` tells whether a
        password is missing or wrong)."""
        if self.pdf_path != path or self._password != password:
            self.close()
            self.pdf = QPdfDocument(self)
            if password is not None:
                self.pdf.setPassword(password)
            self.pdf.load(str(path))
            self.pdf_path = path
            self._password = password
            self.locked = self.pdf.error() == QPdfDocument.Error.IncorrectPassword
            self.renderer.setDocument(self.pdf)
        if self.pdf is None or self.pdf.status() != QPdfDocument.Status.Ready:
            return None
        return self.pdf

    def request_pdf(self, path: Path, index: int, width_px: int,
                    password: str | None = None) -> bool:
        """Ask for page `index` at `width_px`; False when the PDF cannot show it."""
        pdf = self.load_pdf(path, password)
        if pdf is None or index >= pdf.pageCount():
            return False
        size = pdf.pagePointSize(index)
        if size.width() <= 0:
            return False
        scale = width_px / size.width()
        self.renderer.requestPage(index, QSize(int(size.width() * scale),
                                               int(size.height() * scale)))
        return True

    def _rendered(self, index: int, _size: QSize, image: QImage, *_rest: object) -> None:
        self.rendered.emit(index, image)

    @staticmethod
    def read_image(path: Path, frame: int = 0) -> QImage:
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        if frame:
            reader.jumpToImage(frame)
        return reader.read()


class PageSheet(QGraphicsItem):
    """The paper under a page image: white, with an edge and a soft shadow. A PDF page is
    rendered with a transparent background (and a blank page is all transparent), so the
    sheet is what makes it a white page."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        self.page = QRectF()

    def shadow(self) -> float:
        """How far the shadow reaches beyond the page, in page pixels."""
        return 0.0 if self.page.isEmpty() else max(3.0, self.page.width() * 0.012)

    def set_page(self, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.page = QRectF(rect)

    def boundingRect(self) -> QRectF:
        m = self.shadow()
        return self.page.adjusted(-m, -m, m, m)

    def _band(self, reach: float) -> list[QRectF]:
        """The shadow `reach` deep (more to the right and below) outside the page, as
        four rectangles that do not overlap."""
        p = self.page
        left, top, right, bottom = reach * 0.5, reach * 0.3, reach, reach
        return [QRectF(p.left() - left, p.top() - top, p.width() + left + right, top),
                QRectF(p.left() - left, p.bottom(), p.width() + left + right, bottom),
                QRectF(p.left() - left, p.top(), left, p.height()),
                QRectF(p.right(), p.top(), right, p.height())]

    def paint(self, painter: QPainter, _option: QStyleOptionGraphicsItem,
              _widget: QWidget | None = None) -> None:
        if self.page.isEmpty():
            return
        colours = theme.page_colours()
        m = self.shadow()
        painter.setPen(Qt.PenStyle.NoPen)
        shade = QColor(colours["shadow"])
        steps = 4
        for k in range(steps, 0, -1):        # wide and faint outside, dark near the page
            reach = m * k / steps
            shade.setAlpha(max(1, colours["shadow"].alpha() // (k + 1)))
            painter.setBrush(shade)
            # Only the band around the page: the sheet covers the rest, and filling the
            # whole page four times over with a translucent colour was most of this paint.
            painter.drawRects(self._band(reach))
        painter.setBrush(colours["sheet"])
        edge = QPen(colours["edge"], 1)
        edge.setCosmetic(True)
        painter.setPen(edge)
        painter.drawRect(self.page)


class PageView(QGraphicsView):
    """Shows one page image. Emits `region_selected(x, y, w, h)` as fractions of the page
    after a rectangle is dragged while region mode is on."""

    region_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageView")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.SmoothPixmapTransform
                            | QPainter.RenderHint.Antialiasing)
        self.setBackgroundBrush(theme.page_colours()["surround"])
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pixmap_item = QGraphicsPixmapItem()
        self.pixmap_item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.pixmap_item)
        self.sheet = PageSheet(self.pixmap_item)
        self.outlines: list[QGraphicsRectItem] = []
        self.zoom_mode = FIT_WIDTH
        self.rotation = 0
        self.region_mode = False
        self._band = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._origin: QPointF | None = None
        self.placeholder = ""

    # -- content ---------------------------------------------------------------------------

    def set_image(self, image: QImage) -> None:
        pix = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self.pixmap_item.setPixmap(pix)
        self.pixmap_item.setTransformOriginPoint(pix.width() / 2, pix.height() / 2)
        self.sheet.set_page(QRectF(0, 0, pix.width(), pix.height()))
        self.set_outlines([])
        self._apply_zoom()

    def has_image(self) -> bool:
        return not self.pixmap_item.pixmap().isNull()

    def set_outlines(self, regions: list[tuple[float, float, float, float]],
                     current: int = -1) -> None:
        """Outline excerpt regions given as fractions of the page."""
        for item in self.outlines:
            self.scene().removeItem(item)
        self.outlines = []
        pix = self.pixmap_item.pixmap()
        for n, (x, y, w, h) in enumerate(regions):
            rect = QRectF(x * pix.width(), y * pix.height(), w * pix.width(), h * pix.height())
            item = QGraphicsRectItem(rect, self.pixmap_item)
            pen = QPen(HIGHLIGHT, 3 if n == current else 2)
            pen.setCosmetic(True)
            item.setPen(pen)
            fill = QColor(HIGHLIGHT)
            fill.setAlpha(60 if n == current else 35)
            item.setBrush(fill)
            self.outlines.append(item)

    # -- zoom and rotation -----------------------------------------------------------------

    def set_zoom(self, mode: str) -> None:
        self.zoom_mode = mode
        self._apply_zoom()

    def rotate_by(self, degrees: int) -> None:
        self.rotation = (self.rotation + degrees) % 360
        self.pixmap_item.setRotation(self.rotation)
        self._apply_zoom()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:     # light <-> dark
            self.setBackgroundBrush(theme.page_colours()["surround"])
            self.sheet.update()

    def _apply_zoom(self) -> None:
        m = self.sheet.shadow()
        rect = self.pixmap_item.sceneBoundingRect().adjusted(-m, -m, m, m)
        self.scene().setSceneRect(rect)
        if rect.isEmpty():
            return
        view = self.viewport().size()
        if self.zoom_mode == ACTUAL:
            scale = 1.0 / max(self.devicePixelRatioF(), 1.0)
        elif self.zoom_mode == FIT_PAGE:
            scale = min((view.width() - 8) / rect.width(), (view.height() - 8) / rect.height())
        else:
            scale = (view.width() - 8) / rect.width()
        self.setTransform(QTransform.fromScale(max(scale, 0.02), max(scale, 0.02)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_zoom()

    def render_width(self) -> int:
        """How many pixels wide to render a PDF page so it is sharp at the current zoom."""
        ratio = max(self.devicePixelRatioF(), 1.0)
        return int(max(self.viewport().width(), 600) * ratio * 1.25)

    # -- region selection ------------------------------------------------------------------

    def set_region_mode(self, on: bool) -> None:
        self.region_mode = on
        self.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
        self.setDragMode(QGraphicsView.DragMode.NoDrag if on
                         else QGraphicsView.DragMode.ScrollHandDrag)

    def mousePressEvent(self, event) -> None:
        if self.region_mode and event.button() == Qt.MouseButton.LeftButton and self.has_image():
            self._origin = event.position()
            self._band.setGeometry(int(self._origin.x()), int(self._origin.y()), 0, 0)
            self._band.show()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        if self._origin is not None:
            a, b = self._origin, event.position()
            self._band.setGeometry(int(min(a.x(), b.x())), int(min(a.y(), b.y())),
                                   int(abs(a.x() - b.x())), int(abs(a.y() - b.y())))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        if self._origin is not None:
            self._band.hide()
            a, b = self._origin, event.position()
            self._origin = None
            region = self.region_from_view(a, b)
            if region is not None:
                self.region_selected.emit(region)
            return
        super().mouseReleaseEvent(event)

    def region_from_view(self, a: QPointF, b: QPointF
                         ) -> tuple[float, float, float, float] | None:
        """Two viewport points -> (x, y, w, h) as fractions of the unrotated page."""
        pix = self.pixmap_item.pixmap()
        if pix.isNull():
            return None
        pa = self.pixmap_item.mapFromScene(self.mapToScene(a.toPoint()))
        pb = self.pixmap_item.mapFromScene(self.mapToScene(b.toPoint()))
        x0, x1 = sorted((pa.x() / pix.width(), pb.x() / pix.width()))
        y0, y1 = sorted((pa.y() / pix.height(), pb.y() / pix.height()))
        x0, y0 = max(0.0, x0), max(0.0, y0)
        x1, y1 = min(1.0, x1), min(1.0, y1)
        if x1 - x0 < 0.005 or y1 - y0 < 0.005:
            return None
        return (x0, y0, x1 - x0, y1 - y0)
