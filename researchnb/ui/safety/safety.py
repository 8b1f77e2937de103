"""Nothing lost, in the window: the read-only banner, a failed automatic backup, and
File › Backups… (with the window reloading after a restore).

`install_safety(window, notebook)` is the one call the main window makes. `notebook` is the
Notebook handed to the window (the writer's): `Notebook.open_for_user` sets its
`read_only_reason` when the folder cannot be written to, and `backup_problem` when the
automatic backup on opening failed.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
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

from ..domain import NotFound
from .backups_dialog import BackupsDialog

# The window's actions that change the notebook (by attribute name, on the window and on
# its part-2 additions); on a read-only notebook they are disabled.
WRITE_ACTIONS = ("import_action", "import_folder_action", "new_source_action", "move_action",
                 "excerpt_action", "delete_excerpt_action", "ocr_page_action",
                 "ocr_doc_action", "demo_action")
PART2_WRITE_ACTIONS = ("new_note_action", "delete_note_action")
READ_ONLY_TIP = "Not available: this notebook is open read-only."

_WARN = ("QFrame#{name} {{ background: #fff3cd; border: 1px solid #d4a017; border-radius: 3px; }}"
         " QFrame#{name} QLabel {{ color: #3d2e00; }}")
_ERROR = ("QFrame#{name} {{ background: #fde2e1; border: 1px solid #c62828; border-radius: 3px; }}"
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
        close.setText("Dismiss")
        close.setAutoRaise(True)
        close.clicked.connect(frame.hide)
        lay.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
    return frame


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


class Safety(QObject):
    """What issue 9 adds to one main window (kept as `window.safety`)."""

    def __init__(self, window: Any, notebook: Any) -> None:
        super().__init__(window)
        self.window = window
        self.read_only_reason: str | None = notebook.read_only_reason
        self.backup_problem: str | None = notebook.backups.problem
        self.banners: QVBoxLayout | None = None
        self.read_only_banner: QFrame | None = None
        self.backup_banner: QFrame | None = None
        self.dialog: BackupsDialog | None = None

        self.backups_action = QAction("&Backups…", window)
        self.backups_action.setObjectName("backupsAction")
        self.backups_action.setStatusTip("The notebook's backups: take one now, or go back "
                                         "to one")
        self.backups_action.triggered.connect(self.open_backups)
        self._add_to_file_menu()

        if self.read_only_reason:
            self.read_only_banner = self.add_banner(make_banner(
                "readOnlyBanner", f"<b>This notebook is read-only.</b> "
                f"{self.read_only_reason}", _WARN))
            self.disable_writing()
        if self.backup_problem:
            self.show_backup_problem(self.backup_problem)

    # -- banners ---------------------------------------------------------------------------

    def add_banner(self, banner: QFrame) -> QFrame:
        """Put a banner above the window's panes (wrapping them on first use)."""
        if self.banners is None:
            w = self.window
            centre = w.takeCentralWidget()
            box = QWidget()
            box.setObjectName("centreWithBanners")
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(0)
            self.banners = QVBoxLayout()
            self.banners.setContentsMargins(6, 4, 6, 4)
            self.banners.setSpacing(4)
            lay.addLayout(self.banners)
            lay.addWidget(centre, 1)
            w.setCentralWidget(box)
        self.banners.addWidget(banner)
        return banner

    def show_backup_problem(self, problem: str) -> None:
        text = (f"<b>The automatic backup failed.</b> {problem} Your notebook works as "
                "usual; free some space and use File › Backups… › Back up now.")
        if self.backup_banner is None:
            self.backup_banner = self.add_banner(make_banner("backupProblemBanner", text,
                                                             _ERROR, closable=True))
        else:
            label = self.backup_banner.findChild(QLabel, "backupProblemBannerText")
            if label is not None:
                label.setText(text)
            self.backup_banner.show()
        self.window.statusBar().showMessage("The automatic backup failed (see the banner).",
                                            10000)

    # -- read-only -------------------------------------------------------------------------

    def write_actions(self) -> list[QAction]:
        w = self.window
        found = [getattr(w, n, None) for n in WRITE_ACTIONS]
        part2 = getattr(w, "part2", None)
        if part2 is not None:
            found += [getattr(part2, n, None) for n in PART2_WRITE_ACTIONS]
        return [a for a in found if isinstance(a, QAction)]

    def disable_writing(self) -> None:
        """Disable every action and field that would change the notebook (the writer would
        refuse anyway, with a message; this says so before anyone tries)."""
        w = self.window
        for act in self.write_actions():
            act.setEnabled(False)
            act.setStatusTip(READ_ONLY_TIP)
            act.setToolTip(READ_ONLY_TIP)
        w.setAcceptDrops(False)              # dropping files would import them
        fields: list[QWidget] = [w.source_form, w.excerpts.form, w.viewer.text]
        part2 = getattr(w, "part2", None)
        if part2 is not None:
            ed = part2.editor
            fields += [ed.title, ed.editor, ed.private]
        make_read_only(fields)
        w.setWindowTitle(f"{w.windowTitle()} (read-only)")

    # -- backups ---------------------------------------------------------------------------

    def _add_to_file_menu(self) -> None:
        w = self.window
        quit_action = getattr(w, "quit_action", None)
        for act in w.menuBar().actions():
            menu = act.menu()
            if menu is not None and menu.title().replace("&", "") == "File":
                if quit_action is not None and quit_action in menu.actions():
                    menu.insertAction(quit_action, self.backups_action)
                    menu.insertSeparator(quit_action)
                else:
                    menu.addAction(self.backups_action)
                return

    def open_backups(self) -> BackupsDialog:
        if self.dialog is None:
            self.dialog = BackupsDialog(self.window, read_only_reason=self.read_only_reason)
            self.dialog.about_to_restore.connect(self.save_open_edits)
            self.dialog.restored.connect(self.after_restore)
            self.dialog.backed_up.connect(self._backed_up)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog

    def _backed_up(self, name: str) -> None:
        if self.backup_banner is not None:
            self.backup_banner.hide()
        self.window.statusBar().showMessage(f"Backup taken: {name}.", 6000)

    def save_open_edits(self) -> None:
        """Queue the saves of open edits before the restore, so the before-restore backup
        holds them (the writer runs jobs in order)."""
        w = self.window
        w.viewer.text.flush()
        part2 = getattr(w, "part2", None)
        if part2 is not None:
            part2.editor.flush()

    def after_restore(self, result: dict[str, Any]) -> None:
        """Show the restored notebook. The lists have refreshed already (the restore's
        `changed` signal names every kind); what remains is what the window holds open:
        the page text, the open note, and an undo history that no longer applies."""
        w = self.window
        part2 = getattr(w, "part2", None)
        if part2 is not None:
            part2.undo.stack.clear()
            editor = part2.editor
            if editor.key is not None:
                try:
                    editor.open_note(editor.key)
                except NotFound:
                    editor.new_note("")
        doc = w.viewer.doc
        if doc is not None:
            key, page = doc.key, w.viewer.page or 1
            with contextlib.suppress(NotFound):
                w.open_document(key, page)
        w.statusBar().showMessage(
            f"The notebook is back as it was in {result['restored']}; the state before is "
            f"kept as the backup {result['previous_state']}.", 10000)


def install_safety(window: Any, notebook: Any) -> Safety:
    """Add the banners and File › Backups… to a main window; returns them."""
    return Safety(window, notebook)
