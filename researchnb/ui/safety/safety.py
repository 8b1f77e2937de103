"""Nothing lost, in the window: the read-only banner, a failed automatic backup, and
File › Backups… .

The main window builds one `Safety` with what it needs: the banner area, the status bar,
the notebook's folder, and the writable Notebook's `read_only_reason` (set by
`Notebook.open_for_user` when the folder cannot be written to) and `backups.problem` (when
the automatic backup on opening failed). The window asks `disable_writing` for the actions
and fields it has, and connects `about_to_restore` / `restored` to its own reloading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QLabel, QStatusBar, QWidget

from .backups_dialog import BackupsDialog
from .banners import ERROR, WARN, BannerArea, make_banner, make_read_only


class Safety(QObject):
    """The read-only state, the backup banners and the Backups dialog of one window."""

    about_to_restore = Signal()
    restored = Signal(object)          # the restore's result dict

    def __init__(self, parent: QWidget, *, banners: BannerArea, status: QStatusBar,
                 notebook_path: Path, read_only_reason: str | None,
                 backup_problem: str | None) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.banners = banners
        self.status = status
        self.path = notebook_path
        self.read_only_reason = read_only_reason
        self.backup_problem = backup_problem
        self.read_only_banner: QFrame | None = None
        self.backup_banner: QFrame | None = None
        self.dialog: BackupsDialog | None = None

        self.backups_action = QAction(self.tr("&Backups…"), parent)
        self.backups_action.setObjectName("backupsAction")
        self.backups_action.setStatusTip(self.tr("The notebook's backups: take one now, or go "
                                                 "back to one"))
        self.backups_action.triggered.connect(self.open_backups)

        if read_only_reason:
            self.read_only_banner = banners.add(make_banner(
                "readOnlyBanner", "<b>" + self.tr("This notebook is read-only.") + "</b> "
                + read_only_reason, WARN))
        if backup_problem:
            self.show_backup_problem(backup_problem)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def show_backup_problem(self, problem: str) -> None:
        text = ("<b>" + self.tr("The automatic backup failed.") + "</b> " + problem + " "
                + self.tr("Your notebook works as usual; free some space and use File › "
                          "Backups… › Back up now."))
        if self.backup_banner is None:
            self.backup_banner = self.banners.add(make_banner("backupProblemBanner", text,
                                                              ERROR, closable=True))
        else:
            label = self.backup_banner.findChild(QLabel, "backupProblemBannerText")
            if label is not None:
                label.setText(text)
            self.backup_banner.show()
        self.status.showMessage(self.tr("The automatic backup failed (see the banner)."),
                                10000)

    def disable_writing(self, actions: list[QAction], fields: list[QWidget]) -> None:
        """Disable the actions and fields that would change the notebook (the writer would
        refuse anyway, with a message; this says so before anyone tries)."""
        tip = self.tr("Not available: this notebook is open read-only.")
        for act in actions:
            act.setEnabled(False)
            act.setStatusTip(tip)
            act.setToolTip(tip)
        make_read_only(fields)

    def open_backups(self) -> BackupsDialog:
        if self.dialog is None:
            self.dialog = BackupsDialog(self.parent_widget, self.path,
                                        read_only_reason=self.read_only_reason)
            self.dialog.about_to_restore.connect(self.about_to_restore)
            self.dialog.restored.connect(self._restored)
            self.dialog.backed_up.connect(self._backed_up)
        else:
            self.dialog.refresh()
        self.dialog.show()
        self.dialog.activateWindow()
        return self.dialog

    def _backed_up(self, name: str) -> None:
        if self.backup_banner is not None:
            self.backup_banner.hide()
        self.status.showMessage(self.tr("Backup taken: %1.").replace("%1", name), 6000)

    def _restored(self, result: dict[str, Any]) -> None:
        self.restored.emit(result)
        self.status.showMessage(
            self.tr("The notebook is back as it was in %1; the state before is kept as the "
                    "backup %2.").replace("%1", str(result["restored"]))
            .replace("%2", str(result["previous_state"])), 10000)
