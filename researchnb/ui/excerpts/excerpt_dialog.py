"""The dialog that makes an excerpt from what is marked on the page.

Tags are typed comma-separated with a completer over existing tags (new ones are allowed).
The locator is left empty: the notebook derives it from the page labels (locators.py, as for
an excerpt made on the command line), so it follows a relabelling of the pages; the field
shows that derived locator as its placeholder, and a locator typed there is kept as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ...domain import EXCERPT_KINDS
from ..viewer.viewer import Selection


class TagCompleter(QCompleter):
    """Completes the tag after the last comma, keeping the ones before it."""

    def __init__(self, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The model is parented to the completer: an unparented one is collected at once.
        self.setModel(QStringListModel(names, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path.split(",")[-1].strip()]

    def pathFromIndex(self, index: Any) -> str:
        widget = self.widget()
        before = widget.text().split(",")[:-1] if isinstance(widget, QLineEdit) else []
        chosen = str(self.model().data(index))
        return ", ".join([b.strip() for b in before if b.strip()] + [chosen]) + ", "


def parse_tags(text: str) -> list[str]:
    seen: dict[str, str] = {}
    for part in text.split(","):
        name = part.strip()
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class ExcerptDialog(QDialog):
    """Shown with `open()`; read `values()` after `accepted`."""

    def __init__(self, sel: Selection, tag_names: list[str], suggested_locator: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("excerptDialog")
        self.setWindowTitle(self.tr("New excerpt"))
        self.selection = sel
        form = QFormLayout(self)
        if sel.region is None:
            quote = QLabel(_shorten(sel.quote))
            quote.setWordWrap(True)
            quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(self.tr("Quote"), quote)
            self.transcription: QPlainTextEdit | None = None
        else:
            self.transcription = QPlainTextEdit()
            self.transcription.setPlaceholderText(
                self.tr("What the marked region says (optional)"))
            self.transcription.setMaximumHeight(80)
            self.transcription.setPlainText(sel.quote)    # the words found in the region
            form.addRow(self.tr("Region text"), self.transcription)
        self.tags = QLineEdit()
        self.tags.setObjectName("excerptTags")
        self.tags.setPlaceholderText(self.tr("theme/wages, person/Ivanov  (comma between "
                                             "tags)"))
        self.tags.setCompleter(TagCompleter(tag_names, self.tags))
        form.addRow(self.tr("Tags"), self.tags)
        self.kind = QComboBox()
        self.kind.addItems(EXCERPT_KINDS)
        if sel.region is not None:
            self.kind.setCurrentText("transcription")
        form.addRow(self.tr("Kind"), self.kind)
        self.locator = QLineEdit()
        self.locator.setObjectName("excerptLocator")
        self.locator.setPlaceholderText(suggested_locator)
        self.locator.setToolTip(self.tr("Left empty, the locator follows the page labels "
                                        "(also when they are changed later)."))
        form.addRow(self.tr("Locator"), self.locator)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("excerptComment")
        self.comment.setMaximumHeight(90)
        form.addRow(self.tr("Comment"), self.comment)
        self.translation = QPlainTextEdit()
        self.translation.setMaximumHeight(90)
        form.addRow(self.tr("Translation"), self.translation)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())
        self.tags.setFocus()

    def values(self) -> dict[str, Any]:
        return {
            "tags": parse_tags(self.tags.text()),
            "kind": self.kind.currentText(),
            "locator": self.locator.text().strip(),
            "comment": self.comment.toPlainText().strip(),
            "translation": self.translation.toPlainText().strip(),
            "quote": (self.transcription.toPlainText().strip() if self.transcription
                      else self.selection.quote),
        }


def _shorten(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"
