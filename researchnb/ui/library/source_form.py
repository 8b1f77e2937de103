"""The source form of the inspector: every field of a source, saved on leaving the field.

A field whose value changed is pushed on the undo stack as an edit of the source when the
cursor leaves it (editingFinished), so Ctrl+Z takes it back; an EDTF date is checked as it
is typed and an invalid one says why under the field instead of being saved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...dates import date_bounds
from ...domain import CREATOR_ROLES, SOURCE_KINDS, Changes, Creator, InvalidInput, Source
from ...notebook import Notebook
from ..undo import UndoController


def _tr(text: str) -> str:
    return QCoreApplication.translate("SourceForm", text)


# Field labels, marked for translation here (QT_TRANSLATE_NOOP) and translated when the form
# is built (`_tr` at import would run before the translator is installed).
GENERAL = (("title", QT_TRANSLATE_NOOP("SourceForm", "Title")),
           ("date", QT_TRANSLATE_NOOP("SourceForm", "Date (EDTF)")),
           ("language", QT_TRANSLATE_NOOP("SourceForm", "Language")),
           ("citekey", QT_TRANSLATE_NOOP("SourceForm", "Citekey")))
ARCHIVAL = (("archive", QT_TRANSLATE_NOOP("SourceForm", "Archive")),
            ("archive_abbr", QT_TRANSLATE_NOOP("SourceForm", "Archive (short)")),
            ("archive_place", QT_TRANSLATE_NOOP("SourceForm", "Archive place")),
            ("fond", QT_TRANSLATE_NOOP("SourceForm", "Fond")),
            ("fond_title", QT_TRANSLATE_NOOP("SourceForm", "Fond title")),
            ("opis", QT_TRANSLATE_NOOP("SourceForm", "Opis")),
            ("delo", QT_TRANSLATE_NOOP("SourceForm", "Delo")),
            ("folio", QT_TRANSLATE_NOOP("SourceForm", "Folios (listy)")),
            ("call_number", QT_TRANSLATE_NOOP("SourceForm", "Call number")),
            ("genre", QT_TRANSLATE_NOOP("SourceForm", "Genre")))
PUBLISHED = (("publisher", QT_TRANSLATE_NOOP("SourceForm", "Publisher")),
             ("place", QT_TRANSLATE_NOOP("SourceForm", "Place")),
             ("container_title", QT_TRANSLATE_NOOP("SourceForm", "In (journal, book)")),
             ("volume", QT_TRANSLATE_NOOP("SourceForm", "Volume")),
             ("issue", QT_TRANSLATE_NOOP("SourceForm", "Issue")),
             ("pages", QT_TRANSLATE_NOOP("SourceForm", "Pages")),
             ("url", QT_TRANSLATE_NOOP("SourceForm", "URL")),
             ("doi", QT_TRANSLATE_NOOP("SourceForm", "DOI")))


class SourceForm(QScrollArea):
    """Shows one source; `saved` fires with the source after each stored change."""

    saved = Signal(object)

    def __init__(self, nb: Notebook, undo: UndoController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nb = nb
        self.undo = undo
        self.setWidgetResizable(True)
        self.source: Source | None = None
        self.fields: dict[str, QLineEdit] = {}
        body = QWidget()
        outer = QVBoxLayout(body)

        self.heading = QLabel(self.tr("No source selected"))
        self.heading.setWordWrap(True)
        self.heading.setObjectName("inspectorHeading")
        outer.addWidget(self.heading)

        general = QGroupBox(self.tr("Source"))
        form = QFormLayout(general)
        self.kind = QComboBox()
        self.kind.addItems(SOURCE_KINDS)
        self.kind.activated.connect(lambda _i: self._save("kind", self.kind.currentText()))
        form.addRow(self.tr("Kind"), self.kind)
        self._add_fields(form, GENERAL)
        self.date_message = QLabel()
        self.date_message.setObjectName("dateMessage")
        self.date_message.setWordWrap(True)
        self.date_message.setStyleSheet("color: #b3261e;")
        self.date_message.hide()
        form.insertRow(3, "", self.date_message)        # right under the date
        self.fields["date"].textEdited.connect(self._check_date)
        outer.addWidget(general)

        creators = QGroupBox(self.tr("Creators"))
        cl = QVBoxLayout(creators)
        self.creators = QTableWidget(0, 2)
        self.creators.setObjectName("creatorsTable")
        self.creators.setHorizontalHeaderLabels([self.tr("Role"), self.tr("Name")])
        self.creators.setToolTip(self.tr("Family, Given — or an organisation's full name"))
        self.creators.horizontalHeader().setStretchLastSection(True)
        self.creators.verticalHeader().hide()
        self.creators.setMinimumHeight(90)
        self.creators.setMaximumHeight(150)
        self.creators.itemChanged.connect(lambda _item: self._save_creators())
        cl.addWidget(self.creators)
        buttons = QHBoxLayout()
        add = QPushButton(self.tr("Add creator"))
        add.clicked.connect(self.add_creator_row)
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_creator)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        cl.addLayout(buttons)
        outer.addWidget(creators)

        archival = QGroupBox(self.tr("Archival reference"))
        archival_form = QFormLayout(archival)
        self._add_fields(archival_form, ARCHIVAL)
        outer.addWidget(archival)
        published = QGroupBox(self.tr("Publication"))
        published_form = QFormLayout(published)
        self._add_fields(published_form, PUBLISHED)
        outer.addWidget(published)
        self.forms = (form, archival_form, published_form)
        align_label_columns(self.forms)
        outer.addStretch()
        self.setWidget(body)
        self.setEnabled(False)

    def _add_fields(self, form: QFormLayout, specs: tuple[tuple[str, object], ...]) -> None:
        for name, label in specs:
            edit = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.editingFinished.connect(lambda n=name: self._field_left(n))
            self.fields[name] = edit
            form.addRow(_tr(str(label)), edit)

    # -- showing ---------------------------------------------------------------------------

    def show_source(self, src: Source | None) -> None:
        self.source = src
        self.setEnabled(src is not None)
        self.date_message.hide()
        if src is None:
            self.heading.setText(self.tr("No source selected"))
            for edit in self.fields.values():
                edit.clear()
            self.creators.setRowCount(0)
            return
        self.heading.setText(f"<b>{_html(src.title)}</b><br><small>"
                             + self.tr("key %1").replace("%1", src.key) + "</small>")
        self.kind.setCurrentText(src.kind)
        for name, edit in self.fields.items():
            value = getattr(src, name) or ""
            if edit.text() != value:
                edit.setText(value)
            edit.setCursorPosition(0)
        self.creators.blockSignals(True)
        self.creators.setRowCount(0)
        for c in src.creators:
            self._append_creator(c.role, c.display if c.literal else
                                 (f"{c.family}, {c.given}" if c.given else c.family))
        self.creators.blockSignals(False)

    def add_creator_row(self) -> None:
        self.creators.blockSignals(True)
        self._append_creator("author", "")
        self.creators.blockSignals(False)
        row = self.creators.rowCount() - 1
        self.creators.setCurrentCell(row, 1)
        item = self.creators.item(row, 1)
        assert item is not None    # _append_creator has just put it there
        self.creators.editItem(item)

    def _append_creator(self, role: str, name: str) -> None:
        row = self.creators.rowCount()
        self.creators.insertRow(row)
        combo = QComboBox()
        combo.addItems(CREATOR_ROLES)
        combo.setCurrentText(role)
        combo.activated.connect(lambda _i: self._save_creators())
        self.creators.setCellWidget(row, 0, combo)
        self.creators.setItem(row, 1, QTableWidgetItem(name))

    def _remove_creator(self) -> None:
        row = self.creators.currentRow()
        if row >= 0:
            self.creators.removeRow(row)
            self._save_creators()

    # -- saving ----------------------------------------------------------------------------

    def _check_date(self, text: str) -> bool:
        try:
            date_bounds(text)
        except InvalidInput as exc:
            self.date_message.setText(str(exc))
            self.date_message.show()
            return False
        self.date_message.hide()
        return True

    def _field_left(self, name: str) -> None:
        if self.source is None:
            return
        value = self.fields[name].text().strip()
        if value == (getattr(self.source, name) or ""):
            return
        if name == "date" and not self._check_date(value):
            return
        self._save(name, value)

    def _save(self, name: str, value: Any) -> None:
        if self.source is None or getattr(self.source, name) == value:
            return
        before = replace(self.source)
        setattr(self.source, name, value)   # so leaving the field twice saves once
        self.undo.edit_source(before, {name: value}, on_done=self._stored,
                              on_failed=self._refused)

    def creators_entered(self) -> list[Creator]:
        out = []
        for row in range(self.creators.rowCount()):
            item = self.creators.item(row, 1)
            text = item.text().strip() if item else ""
            if not text:
                continue
            combo = self.creators.cellWidget(row, 0)
            role = combo.currentText() if isinstance(combo, QComboBox) else "author"
            out.append(Creator.parse(text, role))
        return out

    def _save_creators(self) -> None:
        if self.source is None:
            return
        creators = self.creators_entered()
        self.undo.edit_source(replace(self.source), {}, creators=creators,
                              on_done=self._stored, on_failed=self._refused)

    def _stored(self, src: Source) -> None:
        if self.source is not None and src.key == self.source.key:
            self.source = src
        self.saved.emit(src)

    def _refused(self, _error: BaseException) -> None:
        """Put the stored values back so the form never shows what was not saved (the
        undo stack has shown the reason)."""
        if self.source is not None:
            self.show_source(self.nb.sources.get(self.source.key))

    def apply(self, changes: Changes[object]) -> None:
        """Show the stored values again when a write changed the source shown (an undo)."""
        if self.source is not None and self.source.key in changes.updated.get("source", ()):
            self.show_source(self.nb.sources.get(self.source.key))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def align_label_columns(forms: tuple[QFormLayout, ...]) -> None:
    """Give the label column of every form the width of the widest label, so the fields of
    the Source, Archival reference and Publication boxes line up."""
    items = [form.itemAt(row, QFormLayout.ItemRole.LabelRole)
             for form in forms for row in range(form.rowCount())]
    labels = [w for item in items if item is not None and (w := item.widget()) is not None]
    widest = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(widest)
