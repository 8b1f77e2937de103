"""Opening another notebook from the app: File › New Notebook…, Open Notebook…, Open Recent.

A window shows one notebook for its whole life (its views, background runner and watcher
are made for it), so switching opens the other notebook in a new window, placed where the
old one was, and then closes the old one the ordinary way (edits saved, threads stopped,
notebook closed). If the other notebook cannot be opened, the old window stays as it was
and a message says why. The windows are kept alive by a `WindowKeeper` owned by the
application object (no module-level state).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ...domain import UserError
from ...notebook import Notebook
from ...notebook.core import DB_NAME
from .. import file_dialogs
from . import recent

if TYPE_CHECKING:
    from ..main_window import MainWindow

def _tr(text: str) -> str:
    return QCoreApplication.translate("notebooks", text)


class WindowKeeper(QObject):
    """Holds the app's open main windows (a window made from Python needs a reference)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("researchnbWindowKeeper")
        self.windows: list[QWidget] = []

    @staticmethod
    def of(app: QCoreApplication) -> WindowKeeper:
        found = app.findChild(WindowKeeper, "researchnbWindowKeeper")
        return found if isinstance(found, WindowKeeper) else WindowKeeper(app)

    def keep(self, window: QWidget) -> None:
        self.windows.append(window)
        window.destroyed.connect(lambda *_a: self.windows.remove(window)
                                 if window in self.windows else None)

    def release(self, window: QWidget) -> None:
        """Forget a closed window; it is deleted once the event loop comes round."""
        if window in self.windows:
            self.windows.remove(window)
            window.deleteLater()


def open_notebook(window: MainWindow, path: Path, *, create: bool = False) -> MainWindow | None:
    """Open (or make, with `create`) the notebook at `path` in place of the window's.

    The new window, or None when it could not be opened (a message said why; the old
    window is untouched). The notebook already shown gives the same window."""
    path = Path(path).expanduser()
    if not create and _same(path, window.nb.path):
        window.statusBar().showMessage(_tr("This notebook is already open."), 5000)
        return window
    settings = window.settings
    try:
        if create and _holds_other_files(path):
            raise UserError(_tr("The folder %1 already holds other files; choose a new name "
                                "for the notebook.").replace("%1", str(path)))
        nb = Notebook.create(path) if create else Notebook.open_for_user(path, defer_upkeep=True)
    except UserError as exc:
        entry = recent.find(settings, path)
        if entry is not None and not entry.exists:
            recent.remove(settings, path)
        box = QMessageBox(QMessageBox.Icon.Warning, _tr("Open Notebook"), str(exc),
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("notebookOpenFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return None
    # The old window's place, sizes and document go to the settings the new one reads
    # (each notebook's own document: its entry in Open Recent).
    window.flush_edits()
    window.save_settings()
    from ..app import run_upkeep
    from ..main_window import MainWindow
    try:
        new = MainWindow(nb, settings=settings)
    except Exception:
        nb.close()
        raise
    app = QCoreApplication.instance()
    if app is not None:
        keeper = WindowKeeper.of(app)
        keeper.keep(new)
    new.show()
    QTimer.singleShot(0, lambda: run_upkeep(new))
    window.close()
    if app is not None:
        WindowKeeper.of(app).release(window)
    return new


def _holds_other_files(path: Path) -> bool:
    """A folder with files in it that is not a notebook (a new notebook goes in a folder
    of its own; an existing notebook is refused by `Notebook.create`)."""
    try:
        return (path.is_dir() and not (path / DB_NAME).exists()
                and any(True for _ in path.iterdir()))
    except OSError:
        return False


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


# -- File › New Notebook…, Open Notebook…, Open Recent ----------------------------------------

def choose_new(window: MainWindow) -> QFileDialog:
    """Ask where the new notebook goes (a new folder), then make and open it there."""
    dialog = QFileDialog(window, _tr("New Notebook"))
    dialog.setObjectName("newNotebookDialog")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _tr("Create"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, _tr("Notebook name:"))
    dialog.setDirectory(str(file_dialogs.start_folder(window.settings, "notebooks")))
    dialog.selectFile(_tr("My research"))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(name: str) -> None:
        file_dialogs.remember_folder(window.settings, "notebooks", Path(name).parent)
        open_notebook(window, Path(name), create=True)

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


def choose_existing(window: MainWindow) -> QFileDialog:
    """Ask for a notebook folder and open it."""
    dialog = QFileDialog(window, _tr("Open Notebook"))
    dialog.setObjectName("openNotebookDialog")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setDirectory(str(file_dialogs.start_folder(window.settings, "notebooks")))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def chosen(name: str) -> None:
        file_dialogs.remember_folder(window.settings, "notebooks", Path(name).parent)
        open_notebook(window, Path(name))

    dialog.fileSelected.connect(chosen)
    dialog.open()
    return dialog


class RecentMenu(QMenu):
    """File › Open Recent: the remembered notebooks, newest first, refilled each time it
    opens. One that is gone (moved, deleted, on a disk not plugged in) is greyed, with
    where it was; Clear Menu forgets them."""

    def __init__(self, window: MainWindow, opener: Callable[[Path], object]) -> None:
        super().__init__(_tr("Open &Recent"), window)
        self.setObjectName("openRecentMenu")
        self.window_ = window
        self.opener = opener
        self.aboutToShow.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        self.clear()
        current = self.window_.nb.path
        entries = [e for e in recent.load(self.window_.settings) if not _same(e.path, current)]
        for n, entry in enumerate(entries, 1):
            name = (entry.path.name or str(entry.path)).replace("&", "&&")
            text = f"&{n} {name}" if n < 10 else name
            if not entry.exists:
                text = _tr("%1 (not found)").replace("%1", text)
            act = QAction(text, self)
            act.setToolTip(str(entry.path))
            act.setStatusTip(str(entry.path))
            act.setData(str(entry.path))
            act.setEnabled(entry.exists)
            act.triggered.connect(lambda _c=False, p=entry.path: self.opener(p))
            self.addAction(act)
        if not entries:
            empty = self.addAction(_tr("No Other Notebooks Yet"))
            empty.setEnabled(False)
        self.addSeparator()
        clear = self.addAction(_tr("&Clear Menu"))
        clear.setObjectName("clearRecentAction")
        clear.setEnabled(bool(entries))
        clear.triggered.connect(lambda: recent.clear(self.window_.settings, keep=current))

    def paths(self) -> list[tuple[str, bool]]:
        """(label, enabled) of each notebook listed (tests and screen readers)."""
        return [(a.text(), a.isEnabled()) for a in self.actions() if a.data()]

