"""Encrypted PDFs in the viewer: ask for the password, keep it for this session only.

A password-protected PDF imports with its password (its text is in the notebook), but the
original file stays encrypted, so showing its pages needs the password again. The viewer asks
once when the document is opened; the password is kept in memory, for that document, until
researchnb quits (never written anywhere). A wrong password is said to be wrong and asked
again; Cancel leaves a message in place of the page with a button to try again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import theme


class LockedPage(QWidget):
    """What stands in place of the page image while the PDF is locked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockedPage")
        self.setAutoFillBackground(True)
        lay = QVBoxLayout(self)
        lay.addStretch(1)
        icon = QLabel()
        icon.setPixmap(theme.icon("lock").pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(icon)
        self.message = QLabel(self.tr("<b>This PDF is locked.</b><br>Its text is in the "
                                      "notebook; to see its pages, open it with its "
                                      "password."))
        self.message.setObjectName("lockedMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.message)
        self.button = QPushButton(self.tr("Open with Password…"))
        self.button.setObjectName("openWithPassword")
        lay.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addStretch(2)


class PasswordKeeper(QObject):
    """The session's PDF passwords (document key -> password) and the dialog asking them.

    `ask(key, name, try_password)` opens the dialog; `try_password(password)` says whether it
    opens the PDF. `unlocked(key)` follows a right password; `cancelled(key)` a Cancel."""

    unlocked = Signal(str)
    cancelled = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._passwords: dict[str, str] = {}
        self._asked: set[str] = set()
        self.dialog: QInputDialog | None = None

    def password(self, key: str) -> str | None:
        return self._passwords.get(key)

    def remember(self, key: str, password: str) -> None:
        """Keep a password given elsewhere this session (at import) for document `key`."""
        self._passwords[key] = password

    def dismiss(self) -> None:
        """Close an open password dialog (another document was opened)."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()

    def asked(self, key: str) -> bool:
        """Whether the password was already asked for this document (Cancel is an answer)."""
        return key in self._asked

    def ask(self, key: str, name: str, try_password: Callable[[str], bool],
            wrong: bool = False) -> QInputDialog:
        self._asked.add(key)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("pdfPasswordDialog")
        dialog.setWindowTitle(self.tr("Password needed"))
        text = self.tr("{name} is protected by a password. Enter it to see its pages; it is "
                       "kept until you quit researchnb and never saved.").replace("{name}", name)
        if wrong:
            text = self.tr("That password is wrong. Try again.") + "\n\n" + text
        dialog.setLabelText(text)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def entered(password: str) -> None:
            if try_password(password):
                self._passwords[key] = password
                self.unlocked.emit(key)
            else:
                self.ask(key, name, try_password, wrong=True)

        dialog.textValueSelected.connect(entered)
        dialog.rejected.connect(lambda: self.cancelled.emit(key))
        dialog.destroyed.connect(lambda *_a, d=dialog: self._closed(d))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QInputDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
