"""The app's side of the log: Qt's own messages go to it, and an uncaught exception (in a
slot, an event handler, a thread) is logged and then shown in the error box.

`install_error_handling()` is called once by the app's entry (researchnb.launcher), after
`logs.setup_logging()`. It returns a function that undoes it (tests).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication

from ..logs import install_excepthooks, shutdown_excepthooks
from .error_box import ErrorBox, show_error_box

qt_log = logging.getLogger("researchnb.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_to_log(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """A Qt message handler: qWarning and friends become records of `researchnb.qt`."""
    where = f" ({context.category})" if context.category not in (None, "", "default") else ""
    qt_log.log(_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


class _ErrorShower(QObject):
    """Brings an exception from any thread to the GUI thread and shows the error box there."""

    raised = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.raised.connect(self._show)
        self._boxes: set[ErrorBox] = set()  # parentless boxes live while they are open

    def __call__(self, exc_type: type[BaseException], exc: BaseException,
                 tb: TracebackType | None) -> None:
        self.raised.emit((exc_type, exc, tb))  # queued when called off the GUI thread

    def _show(self, info: tuple[type[BaseException], BaseException, TracebackType | None]
              ) -> None:
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            sys.__excepthook__(*info)  # no app (yet, or any more): print as Python would
            return
        try:
            box = show_error_box(*info, parent=app.activeWindow())
            if box.parent() is None and box not in self._boxes:
                self._boxes.add(box)
                box.finished.connect(lambda _result: self._boxes.discard(box))
        except Exception:  # the box itself failed: do not loop through the excepthook
            logging.getLogger("researchnb").exception("The error box could not be shown")
            sys.__excepthook__(*info)


def install_error_handling() -> Callable[[], None]:
    """Install the Qt message handler and the excepthooks that show the error box."""
    previous = qInstallMessageHandler(qt_message_to_log)
    shower = _ErrorShower()
    install_excepthooks(on_error=shower)

    def undo() -> None:
        qInstallMessageHandler(previous)
        shutdown_excepthooks()
        shower.deleteLater()

    return undo
