"""Import from the window: choose or drop files, answer the import dialog, run in the
background with progress and Cancel, then one summary of what failed and why. A PDF that
needs a password asks for it and is imported again on its own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import Changes, Source
from ...importers.result import ImportResult
from ...notebook import Notebook
from ...progress import Cancelled, Progress
from ..ops import Op, show_error
from .import_dialog import ImportDialog, ImportPlan, expand

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What an import did, in the form the window needs."""
    documents: list[str] = field(default_factory=list)     # keys of new documents
    failures: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)
    cancelled: bool = False
    source_key: str | None = None     # the source the files went to, if one was chosen
    changes: Changes[None] = field(default_factory=Changes)   # what the views refresh


def outcome_of(result: ImportResult) -> Outcome:
    """What the window shows of an import: new documents, and every file left out and why."""
    out = Outcome(cancelled=result.cancelled)
    out.documents = [i.document for i in result.imported if i.document]
    at_line = QCoreApplication.translate("ImportController", "line {line}: {error}")
    out.failures = [(f.file, f.error if f.line is None
                     else at_line.format(line=f.line, error=f.error))
                    for f in result.failed]
    out.failures += [(s.file, s.reason) for s in result.skipped]
    return out


def needs_password(reason: str) -> bool:
    return "password" in reason.casefold()


def run_import(nb: Notebook, plan: ImportPlan, progress: Progress) -> Outcome:
    """The background half: make the new source if asked, then import every file."""
    source_key = plan.source_key
    changes: Changes[None] = Changes()
    if plan.new_source_title and source_key is None:
        made = nb.sources.add(Source(kind="archival", title=plan.new_source_title))
        source_key, changes = made.value.key, changes.merged(made)
    password = next(iter(plan.passwords.values()), None) if plan.passwords else None
    imported = nb.documents.import_files(plan.paths, source_key=source_key, password=password,
                                         ocr=plan.ocr, one_document=plan.one_document,
                                         progress=progress)
    out = outcome_of(imported.value)
    out.source_key = source_key
    out.changes = changes.merged(imported)
    return out


class FailuresDialog(QDialog):
    """One dialog listing every file that was not imported and why, in plain words."""

    def __init__(self, failures: list[tuple[str, str]], imported: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importFailures")
        self.setWindowTitle(self.tr("Some files were not imported"))
        lay = QVBoxLayout(self)
        n = len(failures)
        # English singular and plural are two numerus sources until English gets its own
        # translation file (then one "%n file(s)" source will do).
        failed = (self.tr("%n file could not be imported", "", n) if n == 1
                  else self.tr("%n files could not be imported", "", n))
        rest = (self.tr(". Nothing else was changed.") if not imported
                else self.tr("; %n document was imported.", "", imported) if imported == 1
                else self.tr("; %n documents were imported.", "", imported))
        self.heading = QLabel(f"<b>{failed}</b>{rest}")
        self.heading.setWordWrap(True)
        lay.addWidget(self.heading)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.tree.setRootIsDecorated(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        for name, reason in failures:
            item = QTreeWidgetItem([Path(name).name, reason])
            item.setToolTip(0, name)
            item.setToolTip(1, reason)
            self.tree.addTopLevelItem(item)
        lay.addWidget(self.tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay.addWidget(buttons)
        self.resize(760, 380)


class ImportController(QObject):
    """The import feature of a window: `open_document(key)` shows the first new document."""

    def __init__(self, window: QMainWindow, nb: Notebook,
                 open_document: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.nb = nb
        self.open_document = open_document
        self.dialog: QDialog | None = None
        self.last: Outcome | None = None
        self.opening: str | None = None       # a new document about to be shown

    def choose_files(self) -> None:
        dialog = QFileDialog(self.window, self.tr("Import files"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Documents") + " (*.pdf *.png *.jpg *.jpeg *.tif *.tiff "
                               "*.txt *.md)", self.tr("All files") + " (*)"])
        dialog.filesSelected.connect(lambda files: self.ask([Path(f) for f in files]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self.window, self.tr("Import a folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.fileSelected.connect(lambda folder: self.ask([Path(folder)]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def ask(self, paths: list[Path]) -> ImportDialog | None:
        files = expand(paths)
        if not files:
            self.window.statusBar().showMessage(self.tr("There are no files to import there."),
                                                5000)
            return None
        dialog = ImportDialog(paths, files, self.nb.sources.all(), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start(dialog.plan()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def start(self, plan: ImportPlan) -> None:
        n = len(plan.paths)
        label = (self.tr("Importing %n file", "", n) if n == 1
                 else self.tr("Importing %n files", "", n))
        Op(self.window, lambda nb, progress: run_import(nb, plan, progress)) \
            .progress(label) \
            .success(lambda out: self.finished(plan, out)) \
            .failure(self.failed).run()

    def failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            self.window.statusBar().showMessage(
                self.tr("Import stopped; the files finished before Cancel are in the notebook."),
                6000)
            return
        show_error(self.window, error)

    def finished(self, plan: ImportPlan, out: Outcome) -> None:
        self.last = out
        bar = self.window.statusBar()
        locked = [(f, r) for f, r in out.failures if needs_password(r)
                  and "wrong" not in r.casefold() and f not in plan.passwords]
        others = [(f, r) for f, r in out.failures if (f, r) not in locked]
        if out.documents:
            # On the next turn of the event loop: the views refreshing for the import and
            # opening a long document are each short, but together they would be one stall.
            self.opening = out.documents[0]
            QTimer.singleShot(0, self._open_imported)
        n = len(out.documents)
        if out.cancelled:
            bar.showMessage(
                self.tr("Import stopped: %n document imported before Cancel.", "", n) if n == 1
                else self.tr("Import stopped: %n documents imported before Cancel.", "", n),
                6000)
        else:
            bar.showMessage(self.tr("Imported %n document.", "", n) if n == 1
                            else self.tr("Imported %n documents.", "", n), 6000)
        if others:
            dialog = FailuresDialog(others, len(out.documents), self.window)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.open()
            self.dialog = dialog
        if locked:
            plan.source_key = out.source_key
            self.ask_password(plan, locked[0][0])

    def _open_imported(self) -> None:
        key, self.opening = self.opening, None
        if key:
            self.open_document(key)

    def ask_password(self, plan: ImportPlan, file: str) -> None:
        dialog = QInputDialog(self.window)
        dialog.setObjectName("passwordDialog")
        dialog.setWindowTitle(self.tr("Password needed"))
        dialog.setLabelText(self.tr("{name} is protected by a password. Enter it to import "
                                    "the file (it is used once and not stored):")
                            .format(name=Path(file).name))
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = next((p for p in plan.paths if str(p) == file or p.name == Path(file).name),
                    Path(file))

        def entered(password: str) -> None:
            again = ImportPlan(paths=[path], one_source=plan.one_source,
                               source_key=plan.source_key, ocr=plan.ocr,
                               passwords={str(path): password})
            self.start(again)

        dialog.textValueSelected.connect(entered)
        dialog.open()
        self.dialog = dialog
