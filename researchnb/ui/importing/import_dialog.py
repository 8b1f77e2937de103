"""Before an import: do these files belong to one source, and are these photos one document?

The dialog only asks; `ImportPlan` carries the answers to the background import.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import Source

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif"}
FOLDER_LIMIT = 20000   # files taken from one dropped folder, so a mistaken drop stays sane


@dataclass
class ImportPlan:
    paths: list[Path]                   # as chosen: files and folders (the importer recurses)
    one_source: bool = False
    source_key: str | None = None       # an existing source for all files
    new_source_title: str = ""           # or a new archival source (a delo) for all files
    one_document: bool = False
    ocr: bool = False
    passwords: dict[str, str] = field(default_factory=dict)


def expand(paths: list[Path]) -> list[Path]:
    """Files as given, and the files inside given folders (sorted, hidden ones skipped)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            found: list[Path] = []
            for folder, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(folder) / f for f in sorted(files) if not f.startswith("."))
                if len(found) >= FOLDER_LIMIT:
                    break
            out.extend(found[:FOLDER_LIMIT])
        else:
            out.append(p)
    return out


class ImportDialog(QDialog):
    """Shown with `open()`; read `plan()` after `accepted`."""

    def __init__(self, given: list[Path], paths: list[Path], sources: list[Source],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.given = given
        self.paths = paths
        images = [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]
        lay = QVBoxLayout(self)
        names = ", ".join(p.name for p in paths[:4]) + ("…" if len(paths) > 4 else "")
        n = len(paths)
        files = self.tr("%n file", "", n) if n == 1 else self.tr("%n files", "", n)
        head = QLabel(f"<b>{files}</b>: {names}")
        head.setWordWrap(True)
        lay.addWidget(head)

        self.each_own = QRadioButton(
            self.tr("Each file is its own source (described from the file)"))
        self.one_new = QRadioButton(self.tr("They all belong to one new source (a delo):"))
        self.one_existing = QRadioButton(
            self.tr("They all belong to a source already in the notebook:"))
        group = QButtonGroup(self)
        for b in (self.each_own, self.one_new, self.one_existing):
            group.addButton(b)
        self.each_own.setChecked(True)
        self.new_title = QLineEdit()
        self.new_title.setObjectName("newSourceTitle")
        self.new_title.setPlaceholderText(
            self.tr("Title, e.g. Minutes of the cell bureau, 1922"))
        self.existing = QComboBox()
        self.existing.setObjectName("existingSource")
        for src in sorted(sources, key=lambda s: s.title.casefold()):
            self.existing.addItem(src.title, src.key)
        self.one_existing.setEnabled(bool(sources))
        lay.addWidget(self.each_own)
        lay.addWidget(self.one_new)
        lay.addWidget(self.new_title)
        lay.addWidget(self.one_existing)
        lay.addWidget(self.existing)

        self.photos_one = QCheckBox(
            self.tr("The %n photos are the pages of one document", "", len(images)))
        self.photos_one.setObjectName("photosOneDocument")
        self.photos_one.setVisible(len(images) >= 2)
        self.photos_one.setChecked(len(images) >= 2 and len(images) == len(paths))
        lay.addWidget(self.photos_one)
        self.ocr = QCheckBox(self.tr("Recognise the text of pages without text (OCR; slower)"))
        lay.addWidget(self.ocr)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for w in (self.each_own, self.one_new, self.one_existing):
            w.toggled.connect(self._update)
        self.new_title.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.new_title.setEnabled(self.one_new.isChecked())
        self.existing.setEnabled(self.one_existing.isChecked())
        self.ok.setEnabled(not self.one_new.isChecked() or bool(self.new_title.text().strip()))

    def plan(self) -> ImportPlan:
        one_doc = not self.photos_one.isHidden() and self.photos_one.isChecked()
        return ImportPlan(
            paths=self.given,
            one_source=not self.each_own.isChecked() or one_doc,
            source_key=self.existing.currentData() if self.one_existing.isChecked() else None,
            new_source_title=self.new_title.text().strip() if self.one_new.isChecked() else "",
            one_document=one_doc,
            ocr=self.ocr.isChecked())
