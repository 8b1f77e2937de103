"""Copy citation: a source's or an excerpt's formatted citation onto the clipboard.

The citation is written in the style the historian chose (Edit › Copy Citation › Citation
Style…, remembered in the settings) or in one of the two hand-written Russian forms, and
goes onto the clipboard twice: as HTML, so a paste into Word or LibreOffice keeps the
italics, and as plain text for everything else. For an excerpt its source is cited with the
excerpt's own locator (`l. 12 ob.`). Formatting is a fast read, done on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QSettings, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from ...citations.csl import Formatted, style_info
from ...domain import UserError
from ...notebook import Notebook
from .. import theme
from .style_picker import StylePickerDialog, chosen_style, remember_style

# The hand-written forms offered beside the chosen style, with the names a historian knows.
# (Marked for translation here, translated when the menu is built.)
STYLES = (("russian", QT_TRANSLATE_NOOP("CitationMenu", "Russian archival (transliterated)")),
          ("gost", QT_TRANSLATE_NOOP("CitationMenu", "GOST R 7.0.5 (Cyrillic)")))
CHOSEN = "chosen"
OURS = "researchnb-citation"     # the name of the mime data a copy puts on the clipboard


def citation_text(nb: Notebook, key: str, style: str, locator: str | None = None) -> str:
    """The formatted citation of a source or excerpt (its locator by default)."""
    return nb.citations.cite_formatted(key, locator, style).text


def copy_citation(nb: Notebook, key: str, style: str, locator: str | None = None) -> Formatted:
    """Put the citation on the clipboard (HTML and plain text) and return it; raises
    UserError when impossible."""
    made = nb.citations.cite_formatted(key, locator, style)
    data = QMimeData()
    data.setObjectName(OURS)
    data.setHtml(made.html)
    data.setText(made.text)
    QGuiApplication.clipboard().setMimeData(data)
    _keep_plain_text_at_quit()
    return made


def _keep_plain_text_at_quit() -> None:
    """Qt crashes at exit when the clipboard still holds mime data made in Python; before
    the application quits, leave the citation there as plain text instead (once per app)."""
    app = QCoreApplication.instance()
    if app is None or app.property("researchnb_clipboard_guard"):
        return
    app.setProperty("researchnb_clipboard_guard", True)
    app.aboutToQuit.connect(release_clipboard)


def release_clipboard() -> None:
    """Replace mime data made in Python by its plain text (see `_keep_plain_text_at_quit`)."""
    clipboard = QGuiApplication.clipboard()
    data = clipboard.mimeData()
    if data is not None and data.objectName() == OURS:
        clipboard.setText(data.text())


class CitationMenu(QMenu):
    """"Copy Citation ›": the chosen style first, the Russian forms, then Citation Style….

    `style_actions` holds the copy actions by style ("chosen" copies in the chosen style;
    "chicago-note" is the same action, for the shortcut's old name). `copied(text)` after a
    copy; `failed(message)` when the record cannot be cited or the style is missing.
    """

    copied = Signal(str)
    failed = Signal(str)
    style_changed = Signal(str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None,
                 settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Copy Citation"))
        self.setObjectName("copyCitationMenu")
        self.setIcon(theme.icon("copy"))
        self.nb = nb
        self.settings = settings if settings is not None else (
            getattr(parent, "settings", None) or QSettings())
        self.key = ""
        self.locator: str | None = None
        self.style_actions: dict[str, QAction] = {}
        chosen = self.addAction("")
        chosen.triggered.connect(lambda _=False: self.copy(CHOSEN))
        self.style_actions[CHOSEN] = chosen
        self.style_actions["chicago-note"] = chosen
        for style, label in STYLES:
            action = self.addAction(self.tr(str(label)))
            action.setData(style)
            action.triggered.connect(lambda _=False, s=style: self.copy(s))
            self.style_actions[style] = action
        self.addSeparator()
        self.pick_action = QAction(self.tr("Citation Style…"), self)
        self.pick_action.setObjectName("citationStyleAction")
        self.pick_action.triggered.connect(lambda _=False: self.pick_style())
        self.addAction(self.pick_action)
        self._label_chosen()
        self.set_key(None)

    @property
    def citation_style(self) -> str:
        return chosen_style(self.settings)

    def _label_chosen(self) -> None:
        title = style_info(self.citation_style).title
        self.style_actions[CHOSEN].setText(self.tr("In %1").replace("%1", title))
        self.style_actions[CHOSEN].setData(self.citation_style)

    def set_style(self, style: str) -> None:
        remember_style(self.settings, style)
        self._label_chosen()
        self.style_changed.emit(style)

    def pick_style(self) -> str | None:
        """Ask for a style (the picker dialog); the chosen one is remembered."""
        dialog = StylePickerDialog(self.citation_style, self.parentWidget())
        if dialog.exec() != StylePickerDialog.DialogCode.Accepted or not dialog.selected_style():
            return None
        self.set_style(dialog.selected_style())
        return self.citation_style

    def set_key(self, key: str | None, locator: str | None = None) -> None:
        """The source or excerpt the menu cites (None disables the copy actions)."""
        self.key = key or ""
        self.locator = locator
        for action in self.style_actions.values():
            action.setEnabled(bool(key))

    def copy(self, style: str) -> str | None:
        if not self.key:
            return None
        try:
            wanted = self.citation_style if style == CHOSEN else style
            made = copy_citation(self.nb, self.key, wanted, self.locator)
        except UserError as exc:
            self.failed.emit(str(exc))
            return None
        self.copied.emit(made.text)
        return made.text
