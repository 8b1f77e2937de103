"""Before an import: do these files belong to one source, and are these photos one document?

The dialog only asks; `ImportPlan` carries the answers to the background import. The answers
stay consistent: photos can be one document only when the files share one source (a new
delo, or a source already in the notebook), so with "each file its own source" that choice
is off and greyed. A new delo is asked as an archive cites it: archive, fond, opis, delo,
and a title.
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
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import Source
from .languages import LanguageList

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp", ".bmp", ".gif"}
FOLDER_LIMIT = 20000   # files taken from one dropped folder, so a mistaken drop stays sane


@dataclass
class ImportPlan:
    paths: list[Path]                   # as chosen: files and folders (the importer recurses)
    one_source: bool = False
    source_key: str | None = None       # an existing source for all files
    new_source_title: str = ""           # or a new archival source (a delo) for all files,
    new_source_shelfmark: dict[str, str] = field(default_factory=dict)   # archive, fond…
    one_document: bool = False
    ocr: bool = False
    ocr_languages: list[str] = field(default_factory=list)   # tesseract codes; [] = notebook's
    passwords: dict[str, str] = field(default_factory=dict)

    def new_source(self) -> Source | None:
        """The archival source (a delo) to make for the files, when one was asked for."""
        if not self.new_source_title and not any(self.new_source_shelfmark.values()):
            return None
        mark = {k: v for k, v in self.new_source_shelfmark.items()
                if k in SHELFMARK_FIELDS and v}
        return Source(kind="archival", title=self.new_source_title or shelfmark_title(mark),
                      archive=mark.get("archive", ""), fond=mark.get("fond", ""),
                      opis=mark.get("opis", ""), delo=mark.get("delo", ""))


SHELFMARK_FIELDS = ("archive", "fond", "opis", "delo")


def shelfmark_title(mark: dict[str, str]) -> str:
    """A delo's title when the historian gave only its shelfmark: `GARF, f. 17, op. 3,
    d. 45` (the abbreviations of Russian archival citation)."""
    parts = [mark["archive"]] if mark.get("archive") else []
    parts += [f"{abbr} {mark[name]}" for name, abbr in
              (("fond", "f."), ("opis", "op."), ("delo", "d.")) if mark.get(name)]
    return ", ".join(parts)


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
    """Shown with `open()`; read `plan()` after `accepted`. `languages` are the OCR
    languages installed (none: OCR is offered without a choice), `chosen_languages` the
    notebook's."""

    def __init__(self, given: list[Path], paths: list[Path], sources: list[Source],
                 parent: QWidget | None = None, *, languages: list[str] | None = None,
                 chosen_languages: list[str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import"))
        self.given = given
        self.paths = paths
        images = [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]
        all_photos = len(images) >= 2 and len(images) == len(paths)
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
        # Photographs of one delo are the common case: then the delo is the default.
        (self.one_new if all_photos else self.each_own).setChecked(True)

        self.delo = QWidget()
        self.delo.setObjectName("newDelo")
        form = QFormLayout(self.delo)
        form.setContentsMargins(24, 0, 0, 0)
        self.archive = QLineEdit()
        self.archive.setObjectName("newSourceArchive")
        self.archive.setPlaceholderText(self.tr("e.g. GARF or RGASPI"))
        self.fond, self.opis, self.delo_no = QLineEdit(), QLineEdit(), QLineEdit()
        shelf = QHBoxLayout()
        for edit, name, label in ((self.fond, "newSourceFond", self.tr("Fond")),
                                  (self.opis, "newSourceOpis", self.tr("Opis")),
                                  (self.delo_no, "newSourceDelo", self.tr("Delo"))):
            edit.setObjectName(name)
            edit.setPlaceholderText(label)
            edit.setAccessibleName(label)
            shelf.addWidget(edit)
        self.new_title = QLineEdit()
        self.new_title.setObjectName("newSourceTitle")
        self.new_title.setPlaceholderText(
            self.tr("Title, e.g. Minutes of the cell bureau, 1922"))
        folder = _common_folder(paths)
        if all_photos and folder:
            self.new_title.setText(folder)
        form.addRow(self.tr("Archive:"), self.archive)
        form.addRow(self.tr("Fond, opis, delo:"), shelf)
        form.addRow(self.tr("Title:"), self.new_title)

        self.existing = QComboBox()
        self.existing.setObjectName("existingSource")
        for src in sorted(sources, key=lambda s: s.title.casefold()):
            self.existing.addItem(src.title, src.key)
        self.one_existing.setEnabled(bool(sources))
        lay.addWidget(self.each_own)
        lay.addWidget(self.one_new)
        lay.addWidget(self.delo)
        lay.addWidget(self.one_existing)
        lay.addWidget(self.existing)

        self.photos_one = QCheckBox(
            self.tr("The %n photos are the pages of one document", "", len(images)))
        self.photos_one.setObjectName("photosOneDocument")
        self.photos_one.setVisible(len(images) >= 2)
        self.photos_one.setChecked(all_photos)
        self._photos_wanted = all_photos      # restored when a shared source is chosen again
        self.photos_one.toggled.connect(self._photos_toggled)
        lay.addWidget(self.photos_one)
        self.ocr = QCheckBox(self.tr("Recognise the text of pages without text (OCR; slower)"))
        self.ocr.setObjectName("ocrCheck")
        lay.addWidget(self.ocr)
        self.languages = LanguageList(languages or [], chosen_languages or [])
        self.languages.setAccessibleName(self.tr("OCR languages"))
        self.languages.setToolTip(self.tr("Tick every language the pages are written in"))
        langs = QWidget()
        langs_lay = QVBoxLayout(langs)
        langs_lay.setContentsMargins(24, 0, 0, 0)       # under the OCR choice it belongs to
        langs_lay.addWidget(self.languages)
        langs.setVisible(bool(languages))
        lay.addWidget(langs)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        for w in (self.each_own, self.one_new, self.one_existing, self.ocr):
            w.toggled.connect(self._update)
        for edit in (self.new_title, self.archive, self.fond, self.opis, self.delo_no):
            edit.textChanged.connect(self._update)
        self.languages.itemChanged.connect(self._update)
        self._update()

    def _photos_toggled(self, on: bool) -> None:
        if self.photos_one.isEnabled():
            self._photos_wanted = on

    def _shelfmark(self) -> dict[str, str]:
        return {"archive": self.archive.text().strip(), "fond": self.fond.text().strip(),
                "opis": self.opis.text().strip(), "delo": self.delo_no.text().strip()}

    def _update(self) -> None:
        new, shared = self.one_new.isChecked(), not self.each_own.isChecked()
        self.delo.setEnabled(new)
        self.existing.setEnabled(self.one_existing.isChecked())
        # One document of several photos needs one source for them: off with "each its own".
        self.photos_one.setEnabled(shared)
        self.photos_one.blockSignals(True)
        self.photos_one.setChecked(shared and self._photos_wanted)
        self.photos_one.blockSignals(False)
        self.languages.setEnabled(self.ocr.isChecked())
        described = bool(self.new_title.text().strip()) or any(self._shelfmark().values())
        languages_ok = not (self.ocr.isChecked() and self.languages.count()
                            and not self.languages.chosen())
        self.ok.setEnabled((not new or described) and languages_ok)

    def plan(self) -> ImportPlan:
        one_doc = (not self.photos_one.isHidden() and self.photos_one.isEnabled()
                   and self.photos_one.isChecked())
        new = self.one_new.isChecked()
        return ImportPlan(
            paths=self.given,
            one_source=not self.each_own.isChecked(),
            source_key=self.existing.currentData() if self.one_existing.isChecked() else None,
            new_source_title=self.new_title.text().strip() if new else "",
            new_source_shelfmark=self._shelfmark() if new else {},
            one_document=one_doc,
            ocr=self.ocr.isChecked(),
            ocr_languages=self.languages.chosen() if self.ocr.isChecked() else [])


def _common_folder(paths: list[Path]) -> str:
    """The name of the one folder all the files are in ("" when they are in several)."""
    parents = {p.parent for p in paths}
    return next(iter(parents)).name if len(parents) == 1 else ""
