"""Copy citation: a source's or an excerpt's formatted citation onto the clipboard.

For an excerpt the citations module cites its source with the excerpt's own locator
(`l. 12 ob.`), so what lands on the clipboard is ready for a footnote:
`TsGAMO, f. 415, op. 16, d. 312, l. 12 ob.` (Russian) or `ЦГАМО. Ф. 415. Оп. 16. Д. 312.
Л. 12 об.` (GOST). Formatting is a fast read, done on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from ...domain import UserError
from ...notebook import Notebook
from .. import theme

# The styles offered in the menu, with the names a historian knows them by.
# (Marked for translation here, translated when the menu is built.)
STYLES = (("chicago-note", QT_TRANSLATE_NOOP("CitationMenu", "Chicago (note)")),
          ("russian", QT_TRANSLATE_NOOP("CitationMenu", "Russian archival (transliterated)")),
          ("gost", QT_TRANSLATE_NOOP("CitationMenu", "GOST R 7.0.5 (Cyrillic)")))


def citation_text(nb: Notebook, key: str, style: str, locator: str | None = None) -> str:
    """The formatted citation of a source or excerpt (its locator by default)."""
    result = nb.citations.cite(key, locator=locator, style=style)
    if isinstance(result, dict):
        return str(result.get("text", ""))
    return str(result)


def copy_citation(nb: Notebook, key: str, style: str, locator: str | None = None) -> str:
    """Put the citation on the clipboard and return it; raises UserError when impossible."""
    text = citation_text(nb, key, style, locator)
    QGuiApplication.clipboard().setText(text)
    return text


class CitationMenu(QMenu):
    """"Copy citation ›" with one entry per style, for the record set by `set_key`.

    `copied(text)` after a copy (the window shows it in the status bar); `failed(message)`
    when the record cannot be cited (an excerpt of a document without a source, say).
    """

    copied = Signal(str)
    failed = Signal(str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Copy citation"))
        self.setObjectName("copyCitationMenu")
        self.setIcon(theme.icon("copy"))
        self.nb = nb
        self.key = ""
        self.locator: str | None = None
        self.style_actions: dict[str, QAction] = {}
        for style, label in STYLES:
            action = self.addAction(self.tr(str(label)))
            action.setData(style)
            action.triggered.connect(lambda _=False, s=style: self.copy(s))
            self.style_actions[style] = action
        self.setEnabled(False)

    def set_key(self, key: str | None, locator: str | None = None) -> None:
        """The source or excerpt the menu cites (None disables it)."""
        self.key = key or ""
        self.locator = locator
        self.setEnabled(bool(key))

    def copy(self, style: str) -> str | None:
        if not self.key:
            return None
        try:
            text = copy_citation(self.nb, self.key, style, self.locator)
        except UserError as exc:
            self.failed.emit(str(exc))
            return None
        self.copied.emit(text)
        return text

