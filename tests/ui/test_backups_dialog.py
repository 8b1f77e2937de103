"""Issue 9 in the app: the read-only banner, and File › Backups… (list, back up now, restore)."""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton
from support import open_window, settle

from researchnb.domain import Source
from researchnb.notebook import Notebook
from researchnb.ui.ops import Op
from researchnb.ui.safety.backups_dialog import BackupsDialog

# -- making a folder read-only even for root ------------------------------------------------


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


@contextlib.contextmanager
def _permissions_bind():
    """As root, take CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH out of this thread's effective
    capabilities (kept in the permitted set, so they come back afterwards); the threads the
    window starts inherit that. As anyone else, file modes bind already."""
    if os.geteuid() != 0:
        yield
        return
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(0x20080522, 0)          # _LINUX_CAPABILITY_VERSION_3, this thread
    saved = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), saved) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    dropped = (_CapData * 2)(*[_CapData(d.effective, d.permitted, d.inheritable)
                               for d in saved])
    dropped[0].effective &= ~((1 << 1) | (1 << 2))
    if libc.capset(ctypes.byref(header), dropped) != 0:
        raise OSError(ctypes.get_errno(), "capset")
    try:
        yield
    finally:
        header = _CapHeader(0x20080522, 0)
        libc.capset(ctypes.byref(header), saved)


def _set_read_only(folder: Path, read_only: bool) -> None:
    for p in [folder, *folder.rglob("*")]:
        if p.is_dir():
            p.chmod(0o555 if read_only else 0o755)
        else:
            p.chmod(0o444 if read_only else 0o644)


def _tree_state(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(sys.platform != "linux", reason="uses Linux capabilities when root")
def test_a_read_only_folder_shows_a_banner_and_disables_writing(qtbot, tmp_path):
    path = tmp_path / "archive-copy.rnb"
    with Notebook.create(path) as made:
        kept = made.sources.add(Source(kind="book", title="Protocols of the party cell")).value
    _set_read_only(path, True)
    before = _tree_state(path)
    try:
        with _permissions_bind():
            nb = Notebook.open_for_user(path)       # as the app opens it
            try:
                assert nb.read_only and nb.read_only_reason
                window = open_window(qtbot, nb, tmp_path)

                banner = window.findChild(QFrame, "readOnlyBanner")
                assert banner is not None and banner.isVisible()
                text = banner.findChild(QLabel, "readOnlyBannerText").text()
                assert "read-only" in text and str(path) in text
                bottom = banner.mapTo(window, banner.rect().bottomLeft()).y()
                assert bottom <= window.split.mapTo(window, window.split.rect().topLeft()).y()

                for act in (window.acts.import_files, window.acts.import_folder,
                            window.acts.new_source, window.acts.new_excerpt,
                            window.acts.new_note):
                    assert not act.isEnabled(), act.text()
                assert not window.acceptDrops()
                assert window.editor.editor.isReadOnly()
                assert window.editor.title.isReadOnly()
                assert window.source_form.fields["title"].isReadOnly()
                # Reading still works: the library shows the source.
                assert window.sidebar.library.find("source", kept.key).isValid()
                # Backups can be looked at, not taken or restored.
                dialog = window.safety.open_backups()
                assert not dialog.backup_button.isEnabled()
                assert not dialog.restore_button.isEnabled()
                dialog.close()
                window.close()
            finally:
                nb.close()
        assert _tree_state(path) == before
    finally:
        _set_read_only(path, False)


def test_a_writable_notebook_has_no_banner_and_can_write(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    assert window.findChild(QFrame, "readOnlyBanner") is None
    assert window.acts.import_files.isEnabled() and window.acts.new_source.isEnabled()
    assert not window.editor.editor.isReadOnly()


def test_a_failed_automatic_backup_is_shown(qtbot, nb, tmp_path):
    nb.backups.problem = "The backup to /full/disk failed: database or disk is full."
    window = open_window(qtbot, nb, tmp_path)
    banner = window.findChild(QFrame, "backupProblemBanner")
    assert banner is not None and banner.isVisible()
    assert "disk is full" in banner.findChild(QLabel, "backupProblemBannerText").text()


# -- File › Backups… ------------------------------------------------------------------------

def _rows(dialog: BackupsDialog) -> dict[str, list[str]]:
    t = dialog.table
    return {t.item(r, 0).data(Qt.ItemDataRole.UserRole):
            [t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())}


def _open_dialog(qtbot, window) -> BackupsDialog:
    window.safety.backups_action.trigger()
    dialog = window.findChild(BackupsDialog, "backupsDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_the_dialog_lists_backups_and_backs_up_now(qtbot, nb, tmp_path):
    nb.sources.add(Source(kind="book", title="Minutes, 1922"))
    made = nb.backups.take()
    window = open_window(qtbot, nb, tmp_path)
    file_menu = next(a.menu() for a in window.menuBar().actions()
                     if a.menu() is not None and a.menu().title().replace("&", "") == "File")
    assert window.safety.backups_action in file_menu.actions()

    dialog = _open_dialog(qtbot, window)
    rows = _rows(dialog)
    assert made.name in rows
    assert rows[made.name][1] == "Taken by hand"
    assert rows[made.name][2].endswith("KB")

    with qtbot.waitSignal(dialog.backed_up, timeout=20000) as taken:
        dialog.backup_button.click()
    settle(qtbot, window)
    after = _rows(dialog)
    assert len(after) == len(rows) + 1
    assert taken.args[0] in after and (nb.path / "backups" / taken.args[0]).is_file()


def test_restore_brings_back_a_deleted_source_and_keeps_the_present_as_a_backup(
        qtbot, nb, tmp_path):
    gone = nb.sources.add(Source(kind="book", title="Protocols of the party cell")).value
    stays = nb.sources.add(Source(kind="book", title="Factory newspaper")).value
    note = nb.notes.add("Cell meetings", "First draft of the argument.").value
    made = nb.backups.take()
    nb.sources.delete(gone.key)
    nb.notes.edit(note.key, body="Second thoughts.")
    window = open_window(qtbot, nb, tmp_path)
    assert not window.sidebar.library.find("source", gone.key).isValid()
    window.nav.open_note(note.key)
    assert window.editor.editor.toPlainText() == "Second thoughts."

    dialog = _open_dialog(qtbot, window)
    names = list(_rows(dialog))
    dialog.table.selectRow(names.index(made.name))
    assert dialog.restore_button.isEnabled()
    # Cancel changes nothing.
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert box is not None
    with qtbot.waitSignal(box.finished, timeout=5000):
        box.button(box.StandardButton.Cancel).click()
    assert list(_rows(dialog)) == names
    assert not dialog.busy
    dialog.restore_button.click()
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    assert "kept as a backup" in box.text()
    with qtbot.waitSignal(dialog.restored, timeout=30000) as restored:
        box.findChild(QPushButton, "confirmRestoreButton").click()
    settle(qtbot, window)

    # The window's own (read-only) connection and its library show the restored state.
    assert {s.key for s in window.nb.sources.all()} == {gone.key, stays.key}
    assert window.sidebar.library.find("source", gone.key).isValid()
    # The open note shows its restored text (so typing on cannot save the old one back).
    assert window.editor.editor.toPlainText() == "First draft of the argument."
    # The present state was kept first, as a new backup the dialog lists.
    previous = restored.args[0]["previous_state"]
    rows = _rows(dialog)
    assert previous in rows and rows[previous][1] == "Before a restore"
    assert made.name in rows

    # The writer still writes, and the window sees it.
    with qtbot.waitSignal(window.runner.changed, timeout=10000):
        Op(window, lambda w: w.sources.add(Source(kind="book", title="After the restore"))) \
            .run()
    settle(qtbot, window)
    assert "After the restore" in {s.title for s in window.nb.sources.all()}
    dialog.close()
    window.close()
    with Notebook.open(nb.path, read_only=True) as again:
        assert again.check()["ok"]
        assert gone.key in {s.key for s in again.sources.all()}
