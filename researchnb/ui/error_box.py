"""The box shown for a bug: what happened in plain words, "Copy details", "Open log folder".

Errors a user can cause (`UserError`) are not shown here but in a plain message (ops.py).
The box opens without blocking (`open()`, not `exec()`): it is shown from an excepthook, in the
middle of whatever failed, where a nested event loop would run more of the broken code.
While one is open, further errors are added to it rather than piling up boxes.
"""

from __future__ import annotations

import platform
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..logs import log_file


def describe(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> str:
    """The traceback with the versions a bug report needs."""
    header = (f"researchnb {__version__}, Python {platform.python_version()}, "
              f"PySide6 {pyside_version}, {platform.platform()}\n\n")
    return header + "".join(traceback.format_exception(exc_type, exc, tb))


class ErrorBox(QDialog):
    """Tells the historian that something broke that is not her fault, and how to report it."""

    def __init__(self, summary: str, details: str, log_path: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBox")
        self.setWindowTitle(self.tr("researchnb: something went wrong"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.log_path = log_path
        self.details = details

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size, size))
        self.message = QLabel(self.tr(
            "Something went wrong inside researchnb. This is a bug, not your doing.\n"
            "What was saved before stays saved. If it happens again, please send the "
            "details (the \"Copy details\" button) or the log file with a few words on what "
            "you were doing.\n\nThe log file is {path}").format(path=log_path))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(details)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy details"))
        self.copy_button.setObjectName("copyDetails")
        self.open_button = QPushButton(self.tr("Open log folder"))
        self.open_button.setObjectName("openLogFolder")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.open_button.clicked.connect(self.open_log_folder)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        words.addWidget(self.message)
        words.addWidget(self.summary)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def add(self, summary: str, details: str) -> None:
        """Another error while the box is open: one box, every traceback in it."""
        self.details += "\n" + "-" * 72 + "\n" + details
        self.text.setPlainText(self.details)
        self.summary.setText(self.summary.text() + "\n" + summary)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))


def show_error_box(exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None, parent: QWidget | None = None) -> ErrorBox:
    """Show the error box for an unexpected exception (or add it to the one already open).

    Without a parent, the box belongs to the caller: keep the returned box referenced while it
    is open (Qt deletes a parentless widget once Python forgets it)."""
    summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    details = describe(exc_type, exc, tb)
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ErrorBox) and widget.isVisible():
            widget.add(summary, details)
            return widget
    box = ErrorBox(summary, details, log_file(), parent)
    box.open()
    return box
