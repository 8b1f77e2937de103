"""Starting the desktop app: QApplication, the notebook, the main window, the demo offer."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain import UserError
from ..notebook import Notebook
from ..notebook.backups import explain_damage
from . import theme
from .main_window import MainWindow
from .notebooks.switcher import WindowKeeper
from .ops import Op


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("researchnb")
    app.setOrganizationName("researchnb")
    app.setDesktopFileName("researchnb")
    app.setWindowIcon(theme.icon("researchnb"))
    return app


def is_empty(nb: Notebook) -> bool:
    info = nb.info()
    return not any(info.get(k) for k in ("sources", "documents", "excerpts", "notes"))


def run(path: Path, *, is_default: bool = False) -> int:
    app = make_app()
    try:
        # Like the CLI: a notebook on a read-only folder opens read-only, with the reason
        # kept for the window's banner (see safety/safety.py).
        nb = Notebook.open_for_user(path, create=is_default, defer_upkeep=True)
    except UserError as exc:
        QMessageBox.critical(None, "researchnb", str(exc))
        return 1
    # Start-up makes many objects at once (the library tree of thousands of delos); the
    # collector would walk everything imported so far each time. Imported modules live as
    # long as the app: freeze them out of collection, and collect again once shown.
    gc.freeze()
    gc.disable()
    try:
        window = MainWindow(nb)
        # Kept with the app: File › Open Notebook… replaces it by another window.
        WindowKeeper.of(app).keep(window)
        if os.environ.get("RESEARCHNB_QUIT_AFTER_FIRST_PAINT"):
            QuitAfterFirstPaint(window)
        window.show()
    except Exception as exc:
        damaged = explain_damage(nb.path, exc)   # pages overwritten: a message, not a crash
        if damaged is None:
            raise
        nb.close()
        QMessageBox.critical(None, "researchnb", damaged)
        return 1
    finally:
        gc.enable()
    # The daily backup copies the whole database (a second or more on a large notebook):
    # it runs on the writer thread once the window is up, and finishes before the app quits.
    QTimer.singleShot(0, lambda: run_upkeep(window))
    if is_default and is_empty(window.nb):
        # First run on an empty default notebook: offer something to look at.
        QTimer.singleShot(300, window.offer_demo)
    return app.exec()


def run_upkeep(window: MainWindow) -> None:
    """The deferred daily backup, on the writer thread; a failure shows as a banner."""
    def upkeep(nb: Notebook) -> str | None:
        nb.upkeep()
        return nb.backups.problem

    def done(problem: str | None) -> None:
        if problem:
            window.safety.show_backup_problem(problem)

    Op(window, upkeep).success(done).run()


def _process_age() -> float:
    """Seconds since this process started (Linux /proc; elsewhere since Python started)."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _STARTED


_STARTED = time.monotonic()


class QuitAfterFirstPaint(QObject):
    """Test hook for the cold-start benchmark (scripts/bench/scale.py): once the main window
    has painted and the event loop has come round again (the window answers input), print
    `first-paint SECONDS` (time since the process started) and quit."""

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {_process_age():.3f}", flush=True)
        app = QApplication.instance()
        if app is not None:
            app.quit()
