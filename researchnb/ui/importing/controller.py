"""Import from the window: choose or drop files, answer the import dialog, run in the
background with progress and Cancel, then one summary of what failed and why. A PDF that
needs a password asks for it and is imported again on its own."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMainWindow,
)

from ...domain import Changes
from ...importers.result import ImportResult
from ...notebook import Notebook
from ...notebook.settings import OCR_LANGUAGES
from ...progress import Cancelled, Progress
from .. import file_dialogs
from ..ops import Op, show_error
from .failures import FailuresDialog
from .import_dialog import ImportDialog, ImportPlan, expand
from .languages import OcrLanguagesDialog, find_installed, initial_choice

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
    """The background half: import every file, under the new source if one was asked for
    (made with the first file stored, so a cancelled or wholly failed import leaves no
    empty source), in the OCR languages chosen (remembered by the notebook)."""
    changes: Changes[None] = Changes()
    new_source = plan.new_source() if plan.source_key is None else None
    if plan.ocr and plan.ocr_languages and plan.ocr_languages != nb.settings.ocr_languages:
        changes = changes.merged(nb.settings.set_ocr_languages(plan.ocr_languages))
    password = next(iter(plan.passwords.values()), None) if plan.passwords else None
    imported = nb.documents.import_files(plan.paths, source_key=plan.source_key,
                                         new_source=new_source, password=password,
                                         ocr=plan.ocr, lang="+".join(plan.ocr_languages) or None,
                                         one_document=plan.one_document, progress=progress)
    out = outcome_of(imported.value)
    out.source_key = plan.source_key
    if new_source is not None:
        out.source_key = next((i.source for i in imported.value.imported if i.source), None)
    out.changes = changes.merged(imported)
    return out


class ImportController(QObject):
    """The import feature of a window: `open_document(key)` shows the first new document."""

    def __init__(self, window: QMainWindow, nb: Notebook,
                 open_document: Callable[[str], None], *,
                 settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings if settings is not None else QSettings()  # the dialogs' folder
        self.nb = nb
        self.open_document = open_document
        self.dialog: QDialog | None = None
        self.last: Outcome | None = None
        self.opening: str | None = None       # a new document about to be shown
        self._installed: list[str] | None = None   # tesseract's languages, once known
        # Document › OCR Languages… (menus.py puts it there).
        self.languages_action = QAction(self.tr("OCR &Languages…"), window)
        self.languages_action.setObjectName("ocrLanguagesAction")
        self.languages_action.setToolTip(self.tr("The languages this notebook's pages are "
                                                 "recognised in"))
        self.languages_action.triggered.connect(self.choose_ocr_languages)

    def choose_files(self) -> None:
        dialog = QFileDialog(self.window, self.tr("Import files"))
        dialog.setObjectName("importFilesDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        # Documents or the folder used last, never the working directory (file_dialogs.py).
        settings = self.settings
        dialog.setDirectory(str(file_dialogs.start_folder(settings, "import")))
        dialog.setNameFilters(file_dialogs.import_filters())

        def chosen(files: list[str]) -> None:
            if files:
                file_dialogs.remember_folder(settings, "import", Path(files[0]).parent)
            self.ask([Path(f) for f in files])

        dialog.filesSelected.connect(chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def choose_folder(self) -> None:
        dialog = QFileDialog(self.window, self.tr("Import a folder"))
        dialog.setObjectName("importFolderDialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        settings = self.settings
        dialog.setDirectory(str(file_dialogs.start_folder(settings, "import")))

        def chosen(folder: str) -> None:
            file_dialogs.remember_folder(settings, "import", Path(folder).parent)
            self.ask([Path(folder)])

        dialog.fileSelected.connect(chosen)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def ask(self, paths: list[Path]) -> ImportDialog | None:
        files = expand(paths)
        if not files:
            self.window.statusBar().showMessage(self.tr("There are no files to import there."),
                                                5000)
            return None
        installed = self.installed_languages()
        dialog = ImportDialog(paths, files, self.nb.sources.all(), self.window,
                              languages=installed, chosen_languages=initial_choice(
                                  self._stored_languages(), installed))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.start(dialog.plan()))
        dialog.open()
        self.dialog = dialog
        return dialog

    def installed_languages(self) -> list[str]:
        """tesseract's languages, asked once per window (the program is run for it)."""
        if self._installed is None:
            self._installed = find_installed()
        return self._installed

    def _stored_languages(self) -> list[str] | None:
        return self.nb.settings.ocr_languages if self.nb.settings.is_set(
            OCR_LANGUAGES) else None

    def choose_ocr_languages(self) -> OcrLanguagesDialog:
        """Document › OCR Languages…: the notebook's languages, for imports and "OCR This
        Page" alike."""
        installed = self.installed_languages()
        dialog = OcrLanguagesDialog(installed, initial_choice(self._stored_languages(),
                                                              installed), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen() -> None:
            codes = dialog.chosen()
            Op(self.window, lambda nb: nb.settings.set_ocr_languages(codes)).run()

        dialog.accepted.connect(chosen)
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
        keeper = getattr(getattr(self.window, "viewer", None), "passwords", None)
        if plan.passwords and keeper is not None:
            # The password just given shows the pages too (in memory, this session only).
            for key in out.documents:
                keeper.remember(key, next(iter(plan.passwords.values())))
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
                               ocr_languages=plan.ocr_languages,
                               passwords={str(path): password})
            if plan.source_key is None:      # the new delo was not made: make it now
                again.new_source_title = plan.new_source_title
                again.new_source_shelfmark = plan.new_source_shelfmark
            self.start(again)

        dialog.textValueSelected.connect(entered)
        dialog.open()
        self.dialog = dialog
