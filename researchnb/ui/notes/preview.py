"""The notes preview, updated piece by piece so typing in a long note never stalls the window.

Rendering a 2,000-line note whole takes about 0.3 s of markdown-it and 70 ms of
`QTextBrowser.setHtml`, both on the GUI thread. The body is cut into top-level pieces
(`split_chunks`: blank lines outside code); each piece's HTML is remembered, so a keystroke
re-renders one piece. When the pieces that changed are single paragraphs or headings (what
typing inside a paragraph gives), only their blocks of the shown document are rewritten in
place; anything else (a piece added or removed, a list, a table) sets the whole HTML again,
from the remembered pieces. After a whole setting, the block of each single-block piece is
found from a named anchor at its start.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextBrowser

from ...notes.render import render_html, split_chunks

_SIMPLE = re.compile(r"^<(p|h[1-6])>(.*)</\1>\n$", re.DOTALL)
_BLOCK_TAGS = re.compile(r"<(?:p|h[1-6]|ul|ol|li|table|pre|blockquote|hr|div)[\s>/]")
_MARK = "rnb-piece-"
REMEMBERED = 20_000          # pieces whose HTML is kept (a few long notes' worth)
IN_PLACE_MOST = 8            # more changed pieces than this: set the whole (another note)

Cite = Callable[[str, str], str]


def _simple(html: str) -> tuple[str, str] | None:
    """(tag, inner HTML) of a piece that renders as one paragraph or heading, else None."""
    m = _SIMPLE.match(html)
    if m is None or _BLOCK_TAGS.search(m.group(2)):
        return None
    return m.group(1), m.group(2)


class PiecewisePreview:
    """Shows note bodies in `browser`, rewriting only what changed since the last `show`."""

    def __init__(self, browser: QTextBrowser) -> None:
        self.browser = browser
        self._html: dict[str, str] = {}
        self._pieces: list[str] = []
        self._blocks: list[int | None] = []      # block number of each single-block piece
        self.whole_settings = 0                  # how often the whole HTML was set (tests)
        self._pending: tuple[list[str], list[str]] | None = None

    def forget(self) -> None:
        """Render everything anew next time (citations or styles changed)."""
        self._html.clear()
        self._pieces = []

    def show(self, body: str, cite: Cite | None) -> None:
        """Render `body` and show it, now."""
        self.prepare(body, cite)
        self.apply()

    def prepare(self, body: str, cite: Cite | None) -> None:
        """The Markdown half of `show` (the pieces that changed are rendered); `apply` then
        changes the document. The editor runs the two in separate turns of the event loop,
        so neither holds the window for long."""
        pieces = split_chunks(body)
        self._pending = (pieces, [self._render(p, cite) for p in pieces])

    def apply(self) -> None:
        """Show what `prepare` rendered (nothing when it was shown already)."""
        if self._pending is None:
            return
        pieces, html = self._pending
        self._pending = None
        if not self._in_place(pieces, html):
            self._set_whole(pieces, html)
        self._pieces = pieces

    def _render(self, piece: str, cite: Cite | None) -> str:
        found = self._html.get(piece)
        if found is None:
            found = render_html(piece, cite)
            if len(self._html) >= REMEMBERED:
                self._html.clear()
            self._html[piece] = found
        return found

    def _in_place(self, pieces: list[str], html: list[str]) -> bool:
        """Rewrite the changed pieces' blocks if each is one paragraph or heading, as before."""
        if len(pieces) != len(self._pieces) or len(self._blocks) != len(pieces):
            return False
        changed = [i for i, (a, b) in enumerate(zip(self._pieces, pieces, strict=True))
                   if a != b]
        if not changed:
            return True
        if len(changed) > IN_PLACE_MOST:
            return False
        edits = []
        for i in changed:
            new, old = _simple(html[i]), _simple(self._html.get(self._pieces[i], ""))
            number = self._blocks[i]
            if new is None or old is None or new[0] != old[0] or number is None:
                return False
            edits.append((number, new))
        doc = self.browser.document()
        for number, (tag, inner) in edits:
            block = doc.findBlockByNumber(number)
            if not block.isValid():
                return False
            cursor = QTextCursor(block)
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.insertHtml(inner if tag == "p" else f"<{tag}>{inner}</{tag}>")
            cursor.endEditBlock()
        return True

    def _set_whole(self, pieces: list[str], html: list[str]) -> None:
        marked = []
        for i, h in enumerate(html):
            simple = _simple(h)
            if simple is not None:
                tag, inner = simple
                h = f'<{tag}><a name="{_MARK}{i}"></a>{inner}</{tag}>\n'
            marked.append(h)
        bar = self.browser.verticalScrollBar()
        scroll = bar.value()
        self.browser.setHtml("".join(marked))
        bar.setValue(scroll)
        self.whole_settings += 1
        self._blocks = [None] * len(pieces)
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            if not it.atEnd():
                for name in it.fragment().charFormat().anchorNames():
                    if name.startswith(_MARK):
                        self._blocks[int(name[len(_MARK):])] = block.blockNumber()
            block = block.next()

    def html(self) -> str:
        """The shown document as HTML (what tests read)."""
        return self.browser.toHtml()
