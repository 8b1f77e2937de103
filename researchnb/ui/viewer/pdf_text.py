"""Where the stored page text lies on a PDF page as QtPdf (PDFium) draws it.

The stored text came from PDFium and QtPdf is PDFium too, so the characters agree; only line
ends and hyphen markers differ, which `offsets.offset_map` accounts for. Boxes are fractions
of the page (x, y, w, h), as excerpt regions are.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtPdf import QPdfDocument

from .offsets import offset_map

Box = tuple[float, float, float, float]


class PdfPageText:
    """One page's stored text against the open PDF, its offset map made once."""

    def __init__(self, pdf: QPdfDocument, index: int, stored: str) -> None:
        self.pdf = pdf
        self.index = index
        self.stored = stored
        self.size = pdf.pagePointSize(index)
        engine = pdf.getAllText(index).text()
        self.engine_length = len(engine)
        self.map = offset_map(stored, engine)

    def usable(self) -> bool:
        return self.size.width() > 0 and self.size.height() > 0

    def _rects(self, start: int, end: int) -> list[QRectF]:
        last = len(self.map) - 1
        a, b = self.map[min(start, last)], self.map[min(end, last)]
        if b <= a:
            return []
        return [poly.boundingRect() for poly in
                self.pdf.getSelectionAtIndex(self.index, a, b - a).bounds()]

    def boxes(self, start: int, end: int, pad: float = 1.5) -> list[Box]:
        """Where characters start..end lie: the glyph boxes merged into one box per line."""
        if not self.usable() or end <= start:
            return []
        lines: list[list[float]] = []
        for r in self._rects(start, end):
            line = next((ln for ln in lines if abs((ln[1] + ln[3]) / 2 - r.center().y())
                         < max(r.height(), ln[3] - ln[1]) * 0.6), None)
            if line is None:
                lines.append([r.left(), r.top(), r.right(), r.bottom()])
            else:
                line[0], line[1] = min(line[0], r.left()), min(line[1], r.top())
                line[2], line[3] = max(line[2], r.right()), max(line[3], r.bottom())
        w, h = self.size.width(), self.size.height()
        return [((x0 - pad) / w, (y0 - pad) / h, (x1 - x0 + 2 * pad) / w, (y1 - y0 + 2 * pad) / h)
                for x0, y0, x1, y1 in lines]

    def text_in(self, region: Box) -> str:
        """The stored text inside `region`: whole words, lines kept apart.

        Each printed line the region crosses is asked for the characters between the
        region's left and right edges (one QtPdf call a line: asking glyph by glyph costs
        seconds on a dense page); the engine's offsets are turned back into the stored
        text's, so the words are the notebook's own."""
        if not self.usable() or not self.engine_length:
            return ""
        w, h = self.size.width(), self.size.height()
        x, y, rw, rh = region
        left, top, right, bottom = x * w, y * h, (x + rw) * w, (y + rh) * h
        lines = [poly.boundingRect() for poly in
                 self.pdf.getSelectionAtIndex(self.index, 0, self.engine_length).bounds()]
        spans: list[tuple[int, int]] = []
        for line in lines:
            cy = line.center().y()
            x0, x1 = max(left, line.left() + 0.5), min(right, line.right() - 0.5)
            if not (top <= cy <= bottom) or x1 <= x0:
                continue
            found = self._between(x0, x1, cy)
            if found is not None:
                spans.append(found)
        return self._words(spans)

    def _between(self, x0: float, x1: float, cy: float) -> tuple[int, int] | None:
        """Stored offsets of the characters from x0 to x1 on the line at height cy."""
        for nudge in (0.0, 1.5, 3.0, -1.5):     # a point on a gap between words finds none
            sel = self.pdf.getSelection(self.index, QPointF(x0 + nudge, cy),
                                        QPointF(x1 - nudge, cy))
            if sel.endIndex() > sel.startIndex():
                return (bisect_left(self.map, sel.startIndex()),
                        bisect_left(self.map, sel.endIndex()))
        return None

    def _words(self, spans: list[tuple[int, int]]) -> str:
        """The stored text of `spans` widened to whole words, joined as the page has it."""
        text = self.stored
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            while a > 0 and text[a - 1].isalnum():
                a -= 1
            while b < len(text) and text[b].isalnum():
                b += 1
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        out: list[str] = []
        for n, (a, b) in enumerate(merged):
            if n:
                out.append("\n" if "\n" in text[merged[n - 1][1]:a] else " ")
            out.append(text[a:b].strip())
        return "".join(out).strip()
