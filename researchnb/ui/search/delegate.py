"""How a search hit is shown: where it is in a historian's terms, its snippet with the
matched words marked, drawn as rich text in the results list."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...locators import shown_locator
from .. import theme


def location_text(hit: dict[str, Any]) -> str:
    """Where the hit is, in a historian's terms: source · document · page and folio."""
    parts = []
    if hit.get("source_title") and hit.get("kind") != "source":
        parts.append(str(hit["source_title"]))
    if hit.get("document_title") and hit.get("kind") in ("page", "excerpt"):
        parts.append(str(hit["document_title"]))
    page = hit.get("page")
    number, label = (page.get("number"), page.get("label")) if isinstance(page, dict) \
        else (page, hit.get("page_label"))
    if hit.get("kind") == "excerpt" and hit.get("locator"):
        parts.append(str(hit["locator"]))
    elif label and str(label) != str(number):
        parts.append(shown_locator(None, str(label)))      # l. 12 ob., p. 45, xiv
    elif number:
        parts.append(QCoreApplication.translate("search", "p. %1").replace("%1", str(number)))
    return " · ".join(parts)


def snippet_html(snippet: str) -> str:
    """The search module's snippet (escaped text with <mark>) with the marks made visible.

    Qt's rich text does not know <mark>, so it becomes a span with the palette's mark colour.
    """
    colour = theme.mark_colour().name()
    fg = "#000000" if not theme.is_dark() else "#ffffff"
    return (snippet.replace("<mark>", f'<span style="background-color:{colour}; color:{fg}">')
            .replace("</mark>", "</span>"))


class HtmlDelegate(QStyledItemDelegate):
    """Draws an item's text as rich text (title, location, snippet with marks).

    Laid-out documents are cached by (text, width): a view asks for the size of every row
    and paints the visible ones, and laying out rich text is the costly part."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int], QTextDocument] = {}

    def _doc(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
             ) -> QTextDocument:
        text = str(index.data(Qt.ItemDataRole.UserRole + 1) or
                   html.escape(str(index.data(Qt.ItemDataRole.DisplayRole) or "")))
        width = max(120, (option.rect.width() if option.rect.width() > 0 else 480) - 24)
        doc = self._cache.get((text, width))
        if doc is None:
            if len(self._cache) > 400:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(2)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._cache[(text, width)] = doc
        return doc

    def paint(self, painter: Any, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = self._doc(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(QPalette.ColorRole.Text,
                                 opt.palette.color(QPalette.ColorRole.HighlightedText))
        painter.save()
        text_rect = (style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, opt.widget)
                     if style is not None else opt.rect)
        painter.translate(text_rect.topLeft())
        painter.setClipRect(QRectF(0, 0, text_rect.width(), text_rect.height()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        """A fixed height (title, place, three snippet lines) from the font alone: asking
        the height of 50 rows must not lay out 50 rich-text documents while someone types."""
        if not index.data(Qt.ItemDataRole.UserRole + 1):
            return super().sizeHint(option, index)
        line = option.fontMetrics.lineSpacing()
        return QSize(max(200, option.rect.width()), line * 5 + 3)
