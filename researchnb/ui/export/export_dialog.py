"""File › Export: references (BibTeX, BibLaTeX, CSL-JSON, RIS), a formatted bibliography
(.html/.md/.docx, in the citation style chosen for Copy citation) or the notes as Markdown.

References can be the whole notebook, the sources under a tag, the sources selected in the
window, or the sources a note cites. The Markdown folder holds every shared note; private
notes are never exported, and the dialog says how many it left out. The writing runs on the
background runner with progress; the dialog stays responsive.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...citations.csl import DEFAULT_STYLE, style_info
from ...notebook import Notebook
from .. import file_dialogs, theme
from ..ops import Op
from .style_picker import StylePickerDialog, chosen_style, remember_style

# The labels are translated where they are shown (ExportDialog's context).
FORMATS = (("bibtex", QT_TRANSLATE_NOOP("ExportDialog", "BibTeX (.bib)"), ".bib"),
           ("biblatex", QT_TRANSLATE_NOOP("ExportDialog", "BibLaTeX (.bib)"), ".bib"),
           ("csl-json", QT_TRANSLATE_NOOP("ExportDialog",
                                          "CSL-JSON (.json, for Zotero and pandoc)"), ".json"),
           ("ris", QT_TRANSLATE_NOOP("ExportDialog", "RIS (.ris, for EndNote and others)"),
            ".ris"),
           ("bibliography", QT_TRANSLATE_NOOP(
               "ExportDialog", "Formatted bibliography (.html, .md or .docx)"), ".html"),
           ("markdown", QT_TRANSLATE_NOOP("ExportDialog",
                                          "Markdown notes folder (with references.bib)"), ""))
SCOPES = ("all", "tag", "selection", "cited")


def export_work(fmt: str, destination: Path, *, scope: str, tag: str | None = None,
                selection: list[str] | None = None, note: str | None = None,
                style: str = DEFAULT_STYLE):
    """The function the runner calls: write the file (or folder) and say what was done."""

    def work(nb: Any, progress: Any = None) -> dict[str, Any]:
        if fmt == "markdown":
            result = dict(nb.notes.export_markdown(destination, progress=progress))
            result.setdefault("private_left_out", 0)
            result["path"] = str(destination)
            return result
        kwargs: dict[str, Any] = {}
        if scope == "tag":
            kwargs["tag"] = tag
        elif scope == "selection":
            kwargs["sources"] = list(selection or [])
        elif scope == "cited":
            kwargs["cited_in"] = note
        destination.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "bibliography":
            result = nb.citations.export_bibliography(style, destination, **kwargs)
            return {"path": result["file"], "sources": result["sources"],
                    "private_left_out": result["private_left_out"]}
        # The same safe write and the same count of private notes as `researchnb export`.
        result = nb.citations.export_to_file(fmt, destination, **kwargs)
        return {"path": result["file"], "sources": result["sources"],
                "private_left_out": result["private_left_out"]}

    return work


class ExportDialog(QDialog):
    """Choose a format, what to export, and where; `exported(summary)` when it is written."""

    exported = Signal(str)

    def __init__(self, nb: Notebook, parent: QWidget | None = None, *,
                 selection: list[str] | None = None, note: str | None = None,
                 tag: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self.setObjectName("exportDialog")
        self.setWindowIcon(theme.icon("export"))
        self.nb = nb
        self.selection = list(selection or [])
        self.result_summary = ""

        fmt_box = QGroupBox(self.tr("Format"))
        fmt_lay = QVBoxLayout(fmt_box)
        self.formats = QButtonGroup(self)
        self.format_buttons: dict[str, QRadioButton] = {}
        for i, (name, label, _ext) in enumerate(FORMATS):
            b = QRadioButton(self.tr(str(label)))
            b.setObjectName(f"format_{name}")
            self.formats.addButton(b, i)
            self.format_buttons[name] = b
            fmt_lay.addWidget(b)
        self.format_buttons["bibtex"].setChecked(True)

        scope_box = QGroupBox(self.tr("What"))
        grid = QGridLayout(scope_box)
        self.scopes = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("exportTag")
        for t in nb.tags.all():
            self.tag_combo.addItem(f"{t.name} ({t.count})", t.name)
        self.note_combo = QComboBox()
        self.note_combo.setObjectName("exportNote")
        notes = nb.notes.all()
        self.private_notes = sum(1 for n in notes if n.private)
        for n in notes:
            if not n.private:
                self.note_combo.addItem(n.title, n.key)
        chosen = len(self.selection)
        labels = {"all": self.tr("The whole notebook"), "tag": self.tr("Sources with the tag"),
                  "selection": (self.tr("The selection (%n source)", "", chosen) if chosen == 1
                                else self.tr("The selection (%n sources)", "", chosen)),
                  "cited": self.tr("Sources cited in the note")}
        for row, scope in enumerate(SCOPES):
            b = QRadioButton(labels[scope])
            b.setObjectName(f"scope_{scope}")
            self.scopes.addButton(b, row)
            self.scope_buttons[scope] = b
            grid.addWidget(b, row, 0)
        grid.addWidget(self.tag_combo, 1, 1)
        grid.addWidget(self.note_combo, 3, 1)
        self.scope_buttons["all"].setChecked(True)
        self.scope_buttons["selection"].setEnabled(bool(self.selection))
        self.scope_buttons["tag"].setEnabled(self.tag_combo.count() > 0)
        self.scope_buttons["cited"].setEnabled(self.note_combo.count() > 0)
        if tag is not None and self.tag_combo.findData(tag) >= 0:
            self.tag_combo.setCurrentIndex(self.tag_combo.findData(tag))
            self.scope_buttons["tag"].setChecked(True)
        if note is not None and self.note_combo.findData(note) >= 0:
            self.note_combo.setCurrentIndex(self.note_combo.findData(note))
            self.scope_buttons["cited"].setChecked(True)
        if self.selection:
            self.scope_buttons["selection"].setChecked(True)
        self.private_label = QLabel(self._private_text())
        self.private_label.setObjectName("privateLeftOut")
        self.private_label.setWordWrap(True)

        self.destination = QLineEdit()
        self.destination.setObjectName("exportDestination")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        dest = QHBoxLayout()
        dest.addWidget(self.destination, 1)
        dest.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Save to:"), dest)
        settings = getattr(parent, "settings", None)
        self.settings = settings if isinstance(settings, QSettings) else QSettings()
        self.style_label = QLabel()
        self.style_label.setObjectName("exportStyle")
        choose_style = QPushButton(self.tr("Citation Style…"))
        choose_style.clicked.connect(self._choose_style)
        style_row = QHBoxLayout()
        style_row.addWidget(self.style_label, 1)
        style_row.addWidget(choose_style)
        self.style_row = QWidget()
        self.style_row.setLayout(style_row)
        form.addRow(self.style_row)
        self._show_style()

        self.summary = QLabel("")
        self.summary.setObjectName("exportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(self.tr("Export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("exportButton")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(fmt_box)
        top.addWidget(scope_box)
        lay.addLayout(top)
        lay.addWidget(self.private_label)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.buttons)
        self.formats.idToggled.connect(lambda _i, _on: self._update())
        self.scopes.idToggled.connect(lambda _i, _on: self._update())
        self._update()

    # -- state ---------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return FORMATS[self.formats.checkedId()][0]

    @property
    def scope(self) -> str:
        return SCOPES[self.scopes.checkedId()]

    def _private_text(self) -> str:
        n = self.private_notes
        if not n:
            return ""
        # English singular and plural are two sources until the translations bring numerus
        # forms for English too; each is a numerus string (%n), so a language with more forms
        # than two gets them all.
        if n == 1:
            return self.tr("%n private note is left out of every export "
                           "(and not offered under “cited in”).", "", n)
        return self.tr("%n private notes are left out of every export "
                       "(and not offered under “cited in”).", "", n)

    def _show_style(self) -> None:
        self.style_label.setText(self.tr("Style: %1").replace(
            "%1", style_info(chosen_style(self.settings)).title))

    def _choose_style(self) -> None:
        dialog = StylePickerDialog(chosen_style(self.settings), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.selected_style():
            remember_style(self.settings, dialog.selected_style())
            self._show_style()

    def _update(self) -> None:
        markdown = self.fmt == "markdown"
        self.style_row.setVisible(self.fmt == "bibliography")
        for scope, b in self.scope_buttons.items():
            b.setVisible(not markdown or scope == "all")
        self.tag_combo.setVisible(not markdown)
        self.note_combo.setVisible(not markdown)
        if markdown:
            self.scope_buttons["all"].setChecked(True)
        self.tag_combo.setEnabled(self.scope == "tag")
        self.note_combo.setEnabled(self.scope == "cited")
        current = self.destination.text().strip()
        ext = FORMATS[self.formats.checkedId()][2]
        stem = "notes" if markdown else "bibliography" if self.fmt == "bibliography" \
            else "references"
        if not current or Path(current).stem in ("references", "notes", "bibliography"):
            # Documents or the export folder used last (file_dialogs.py), not the home.
            base = (Path(current).parent if current
                    else file_dialogs.start_folder(QSettings(), "export"))
            self.destination.setText(str(base / f"{stem}{ext}"))
        elif not markdown and Path(current).suffix != ext and not (
                self.fmt == "bibliography" and Path(current).suffix in (".md", ".docx")):
            self.destination.setText(str(Path(current).with_suffix(ext)))

    def _browse(self) -> None:
        if self.fmt == "markdown":
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Folder for the notes"),
                                                      self.destination.text())
        else:
            _fmt, label, ext = FORMATS[self.formats.checkedId()]
            pattern = "*.html *.md *.docx" if self.fmt == "bibliography" else f"*{ext}"
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export references"), self.destination.text(),
                f"{QCoreApplication.translate('ExportDialog', str(label))} ({pattern});;"
                + self.tr("All files") + " (*)")
        if chosen:
            self.destination.setText(chosen)
            file_dialogs.remember_folder(QSettings(), "export",
                                         Path(chosen) if self.fmt == "markdown"
                                         else Path(chosen).parent)

    # -- exporting -------------------------------------------------------------------------

    def start(self) -> None:
        """Write the export in the background; the summary says what was written."""
        target = Path(self.destination.text().strip()).expanduser()
        if not self.destination.text().strip():
            self.summary.setText(self.tr("Choose where to save the export first."))
            return
        work = export_work(self.fmt, target, scope=self.scope,
                           tag=self.tag_combo.currentData(), selection=self.selection,
                           note=self.note_combo.currentData(),
                           style=chosen_style(self.settings))
        self.export_button.setEnabled(False)
        self.summary.setText(self.tr("Exporting…"))
        op = Op(self, work).success(self._done).failure(self._failed)
        if self.fmt == "markdown":
            op = op.progress(self.tr("Exporting notes as Markdown"))
        op.run()

    def _done(self, result: dict[str, Any]) -> None:
        self.export_button.setEnabled(True)
        left = result.get("private_left_out") or 0
        path = str(result["path"])
        if self.fmt == "markdown":
            n = result.get("notes")
            text = (self.tr("The notes written to {path}.") if n is None
                    else self.tr("%n note written to {path}.", "", n) if n == 1
                    else self.tr("%n notes written to {path}.", "", n))
        else:
            n = result.get("sources")
            text = (self.tr("Written to {path}.") if n is None
                    else self.tr("%n source written to {path}.", "", n) if n == 1
                    else self.tr("%n sources written to {path}.", "", n))
        text = text.format(path=path)
        if left:
            text += " " + (self.tr("%n private note was left out.", "", left) if left == 1
                           else self.tr("%n private notes were left out.", "", left))
        self.result_summary = text
        self.summary.setText(text)
        self.exported.emit(text)

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.summary.setText(self.tr("Nothing was exported: {error}").format(error=error))
