"""The citation style picker: every style of the CSL repository (and the hand-written
Russian forms) by title, filtered as you type, with a sample citation of the one chosen.

The chosen style is remembered in the settings (`citations/style`) and used by Copy
citation; `chosen_style(settings)` reads it back.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...citations.csl import DEFAULT_STYLE, format_citation, list_styles, style_info
from ...domain import Creator, Source, UserError

STYLE_SETTING = "citations/style"
_SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
_ID_ROLE = Qt.ItemDataRole.UserRole
SAMPLE = Source(kind="book", title="Everyday Stalinism: Ordinary Life in Extraordinary Times",
                date="1999", creators=[Creator("Fitzpatrick", "Sheila")], language="en",
                publisher="Oxford University Press", place="New York")


def chosen_style(settings: QSettings) -> str:
    """The style Copy citation uses: the one last chosen, else Chicago notes."""
    value = settings.value(STYLE_SETTING, DEFAULT_STYLE)
    style = str(value) if value else DEFAULT_STYLE
    try:
        style_info(style)
    except UserError:       # a style that is no longer installed
        return DEFAULT_STYLE
    return style


def remember_style(settings: QSettings, style: str) -> None:
    settings.setValue(STYLE_SETTING, style)


class StylePickerDialog(QDialog):
    """Pick a citation style by title; typing filters the list (title or id, any case)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stylePicker")
        self.setWindowTitle(self.tr("Citation Style"))
        self.resize(560, 520)
        self.model = QStandardItemModel(self)
        for info in list_styles():
            item = QStandardItem(info.title)
            item.setData(info.id, _ID_ROLE)
            item.setData(f"{info.title} {info.id}".casefold(), _SEARCH_ROLE)
            item.setToolTip(info.id)
            item.setEditable(False)
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(_SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setObjectName("styleSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search %n styles by name", "",
                                               self.model.rowCount()))
        self.search.textChanged.connect(self._filter)
        self.list = QListView()
        self.list.setObjectName("styleList")
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.list.doubleClicked.connect(lambda _index: self.accept())
        self.sample = QLabel()
        self.sample.setObjectName("styleSample")
        self.sample.setWordWrap(True)
        self.sample.setTextFormat(Qt.TextFormat.RichText)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.count)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(self.tr("Example:")))
        layout.addWidget(self.sample)
        layout.addWidget(self.buttons)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_sample())
        self._select(current)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip().casefold())
        shown = self.proxy.rowCount()
        self.count.setText(self.tr("%n style(s) shown", "", shown))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(shown > 0)
        if shown and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def _select(self, style: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(_ID_ROLE) == style:
                self.list.setCurrentIndex(index)
                self.list.scrollTo(index, QListView.ScrollHint.PositionAtCenter)
                return

    def visible_titles(self) -> list[str]:
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]

    def selected_style(self) -> str:
        index = self.list.currentIndex()
        return str(index.data(_ID_ROLE)) if index.isValid() else ""

    def _show_sample(self) -> None:
        style = self.selected_style()
        if not style:
            self.sample.clear()
            return
        try:
            self.sample.setText(format_citation(SAMPLE, "", "p. 45", style).html)
        except UserError as exc:
            self.sample.setText(str(exc))
