"""After an import: one dialog listing every file that was not imported and why, each
reason in full (wrapped, never cut off), the whole list scrollable, selectable and copied
with one button, so it can be pasted into a note or an e-mail."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class FailuresDialog(QDialog):
    """`failures` are (file as given, reason) pairs; `imported` how many documents were."""

    def __init__(self, failures: list[tuple[str, str]], imported: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFailures")
        self.setWindowTitle(self.tr("Some files were not imported"))
        self.failures = list(failures)
        lay = QVBoxLayout(self)
        n = len(failures)
        # English singular and plural are two numerus sources until English gets its own
        # translation file (then one "%n file(s)" source will do).
        failed = (self.tr("%n file could not be imported", "", n) if n == 1
                  else self.tr("%n files could not be imported", "", n))
        rest = (self.tr(". Nothing else was changed.") if not imported
                else self.tr("; %n document was imported.", "", imported) if imported == 1
                else self.tr("; %n documents were imported.", "", imported))
        self.heading = QLabel(f"<b>{failed}</b>{rest}")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.list = QTextBrowser()
        self.list.setObjectName("importFailureList")
        self.list.setOpenLinks(False)
        self.list.setHtml("".join(self._entry(name, reason) for name, reason in failures))
        lay.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy = buttons.addButton(self.tr("Copy List"),
                                      QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(760, 420)

    @staticmethod
    def _entry(name: str, reason: str) -> str:
        path = Path(name)
        folder = str(path.parent) if str(path.parent) not in ("", ".") else ""
        where = f' <span style="color: palette(mid)">{html.escape(folder)}</span>' \
            if folder else ""
        return (f"<p style='margin-bottom: 8px'><b>{html.escape(path.name or name)}</b>{where}"
                f"<br>{html.escape(reason)}</p>")

    def rows(self) -> list[tuple[str, str]]:
        """(file name, reason) as listed, in order."""
        return [(Path(name).name or name, reason) for name, reason in self.failures]

    def as_text(self) -> str:
        """The list as plain text: one file a paragraph, its path, then its reason."""
        return "\n\n".join(f"{name}\n{reason}" for name, reason in self.failures) + "\n"

    def copy_all(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.as_text())
