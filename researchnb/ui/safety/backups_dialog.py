"""File › Backups…: the notebook's snapshots, "Back up now", and "Restore…".

Listing reads the `backups/` folder (a directory listing, quick enough for the GUI thread);
taking a backup and restoring one are writes, so they run on the background writer, which
owns the writable Notebook. A restore copies the snapshot into the live database through
SQLite (one write, see `store/backups.copy_into`), so the window's read-only connections
stay valid and simply read the restored state from their next query on: the dialog only
asks the window to reload what it shows (`restored`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...notebook.backups import DAILY_REASON, KEEP_DAILY, BackupInfo, backups_in
from ..ops import Op, show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsDialog", text)


def describe_reasons(backups: list[BackupInfo]) -> dict[str, str]:
    """Why each backup was taken, in words: the automatic ones of the last KEEP_DAILY days
    are "daily", older automatic ones (kept one a week by rotation) "weekly"."""
    words: dict[str, str] = {}
    days: list[object] = []
    for b in sorted(backups, key=lambda b: b.created, reverse=True):
        if b.reason == DAILY_REASON:
            day = b.created.date()
            if day not in days:
                days.append(day)
            words[b.name] = (_tr("Daily (automatic)") if days.index(day) < KEEP_DAILY
                             else _tr("Weekly (automatic)"))
        elif b.reason == "manual":
            words[b.name] = _tr("Taken by hand")
        elif b.reason == "before-restore":
            words[b.name] = _tr("Before a restore")
        elif b.reason.startswith("before-schema"):
            words[b.name] = _tr("Before an update of the notebook's format")
        elif b.reason == "damaged":
            words[b.name] = _tr("Damaged file set aside")
        else:       # a reason this version does not know: its own words, as on disk
            words[b.name] = b.reason.replace("-", " ").capitalize()
    return words


def human_size(size: int) -> str:
    if size < 1024:
        return _tr("{size} bytes").format(size=size)
    value = size / 1024
    for unit in (_tr("KB"), _tr("MB")):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} {_tr('GB')}"


def local_time(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S")


class BackupsDialog(QDialog):
    """Lists the backups; `about_to_restore` fires just before a restore is queued (so the
    window saves open edits first), `restored(result)` once it is done."""

    about_to_restore = Signal()
    restored = Signal(object)         # restore_backup's result dict
    backed_up = Signal(str)           # the new backup's file name

    def __init__(self, parent: QWidget, notebook_path: Path, *,
                 read_only_reason: str | None = None) -> None:
        super().__init__(parent)
        self.path = notebook_path
        self.setObjectName("backupsDialog")
        self.setWindowTitle(self.tr("Backups"))
        self.backups: list[BackupInfo] = []
        self.busy = False
        self.confirm_box: QMessageBox | None = None

        intro = QLabel(self.tr("researchnb keeps a copy of this notebook's database when you "
                               "open it (once a day), before it updates the notebook's "
                               "format, before a restore, and whenever you ask. Your imported "
                               "files are never changed, so they need no copy."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("backupsTable")
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Why"),
                                              self.tr("Size")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel("")
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setObjectName("backupNowButton")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore…"))
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.clicked.connect(self.confirm_restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addLayout(buttons)
        self.resize(640, 420)

        self.read_only_reason = read_only_reason
        if read_only_reason:
            self.status.setText(self.tr("This notebook is open read-only, so no backup can "
                                        "be taken or restored here."))
        self.refresh()

    # -- the list ----------------------------------------------------------------------

    def refresh(self) -> None:
        """Read backups/ again (newest first)."""
        chosen = self.selected()
        self.backups = backups_in(self.path)
        why = describe_reasons(self.backups)
        self.table.setRowCount(len(self.backups))
        for row, b in enumerate(self.backups):
            cells = (local_time(b.created), why[b.name], human_size(b.size))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(b.name)
                item.setData(Qt.ItemDataRole.UserRole, b.name)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        if chosen is not None:
            names = [b.name for b in self.backups]
            if chosen.name in names:
                self.table.selectRow(names.index(chosen.name))
        self._update_buttons()

    def selected(self) -> BackupInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        if len(rows) != 1 or not self.backups:
            return None
        row = rows.pop()
        return self.backups[row] if row < len(self.backups) else None

    def _update_buttons(self) -> None:
        writable = not self.read_only_reason and not self.busy
        self.backup_button.setEnabled(writable)
        self.restore_button.setEnabled(writable and self.selected() is not None)

    def _set_busy(self, busy: bool, message: str = "") -> None:
        self.busy = busy
        if message:
            self.status.setText(message)
        self._update_buttons()

    # -- back up now -------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._set_busy(True, self.tr("Taking a backup…"))

        def done(path: Any) -> None:
            self._set_busy(False, self.tr("Backup taken: {name}.").format(name=path.name))
            self.refresh()
            self.backed_up.emit(path.name)

        def failed(exc: BaseException) -> None:
            self._set_busy(False, self.tr("No backup was taken."))
            show_error(self, exc)

        Op(self, lambda nb: nb.backups.take()).success(done).failure(failed).run()

    # -- restore -----------------------------------------------------------------------

    def confirm_restore(self) -> QMessageBox | None:
        chosen = self.selected()
        if chosen is None:
            return None
        question = self.tr(
            "Put the notebook back as it was on {when}?\n\nWhat you have added or changed "
            "since then will no longer be in the notebook. Nothing is lost: the notebook as it "
            "is now is first kept as a backup (“{before}”), so you can come back to it.")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Restore a backup"),
                          question.format(when=local_time(chosen.created),
                                          before=_tr("Before a restore")),
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("restoreConfirm")
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("confirmRestoreButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        name = chosen.name
        box.buttonClicked.connect(lambda b: self.restore(name) if b is restore else None)
        box.open()
        self.confirm_box = box
        return box

    def restore(self, name: str) -> None:
        """Restore backup `name` on the writer thread (the current state is kept first)."""
        self.about_to_restore.emit()
        self._set_busy(True, self.tr("Restoring… (the notebook as it is now is kept as a "
                                     "backup first)"))

        def done(result: dict[str, Any]) -> None:
            self._set_busy(False, self.tr("Restored {restored}. The notebook as it was is "
                                          "kept as {previous}.")
                           .format(restored=result["restored"],
                                   previous=result["previous_state"]))
            self.refresh()
            self.restored.emit(result)

        def failed(exc: BaseException) -> None:
            self._set_busy(False, self.tr("Nothing was restored."))
            self.refresh()
            show_error(self, exc)

        Op(self, lambda nb: nb.backups.restore(name)).progress(self.tr("Restoring a backup")) \
            .reloads_all().success(done).failure(failed).run()
