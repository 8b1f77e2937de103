"""Coloured strips above the window's panes (read-only notebook, failed backup), and making
widgets read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

WARN = ("QFrame#{name} {{ background: #fff3cd; border: 1px solid #d4a017; border-radius: 3px; }}"
        " QFrame#{name} QLabel {{ color: #3d2e00; }}")
ERROR = ("QFrame#{name} {{ background: #fde2e1; border: 1px solid #c62828; border-radius: 3px; }}"
         " QFrame#{name} QLabel {{ color: #5f1412; }}")


def make_banner(name: str, text: str, style: str, *, closable: bool = False) -> QFrame:
    """A coloured strip with a message (non-modal: the window stays usable)."""
    frame = QFrame()
    frame.setObjectName(name)
    frame.setStyleSheet(style.format(name=name))
    label = QLabel(text)
    label.setObjectName(f"{name}Text")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lay = QHBoxLayout(frame)
    lay.setContentsMargins(10, 6, 6, 6)
    lay.addWidget(label, 1)
    if closable:
        close = QToolButton()
        close.setObjectName(f"{name}Close")
        close.setText(frame.tr("Dismiss"))
        close.setAutoRaise(True)
        close.clicked.connect(frame.hide)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
    return frame


class BannerArea(QWidget):
    """The window's centre: a column of banners (empty most of the time) over the panes."""

    def __init__(self, centre: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("centreWithBanners")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.banners = QVBoxLayout()
        self.banners.setContentsMargins(6, 0, 6, 0)
        self.banners.setSpacing(4)
        lay.addLayout(self.banners)
        lay.addWidget(centre, 1)

    def add(self, banner: QFrame) -> QFrame:
        self.banners.setContentsMargins(6, 4, 6, 4)
        self.banners.addWidget(banner)
        return banner


def make_read_only(widgets: list[QWidget]) -> None:
    """Let these widgets (and their children) show and select, but not edit."""
    for top in widgets:
        for w in [top, *top.findChildren(QWidget)]:
            if isinstance(w, QTextBrowser):
                continue
            if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
                w.setReadOnly(True)
            elif isinstance(w, (QComboBox, QAbstractButton)):
                w.setEnabled(False)
            elif isinstance(w, QAbstractItemView):
                w.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
