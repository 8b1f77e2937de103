"""Document › Number Pages…: folios from N with or without versos, page numbers from N, or
the PDF's own page labels, for all pages or a range, with a live preview of the first pages as
the page selector and excerpts will cite them. The labels come from foliation/ (the rule),
the citation form from locators.py; this dialog only asks."""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain import InvalidInput
from ...foliation import Numbering, preview
from ...locators import locator_for

PREVIEW_PAGES = 4


class NumberPagesDialog(QDialog):
    """Asks how to number a document of `page_count` pages; `numbering()` is the answer."""

    def __init__(self, title: str, page_count: int, labels: dict[int, str],
                 source_kind: str | None, pdf_labels: list[str] | None,
                 parent: QWidget | None = None, current_page: int = 1) -> None:
        super().__init__(parent)
        self.setObjectName("numberPagesDialog")
        self.setWindowTitle(self.tr("Number Pages"))
        self.page_count = page_count
        self.labels = dict(labels)
        self.source_kind = source_kind
        self.pdf_labels = pdf_labels

        heading = QLabel(self.tr("Number the pages of “%1” (%2 pages).")
                         .replace("%1", title).replace("%2", str(page_count)))
        heading.setWordWrap(True)

        self.folios = QRadioButton(self.tr("&Folios (leaves), from"))
        self.pages = QRadioButton(self.tr("&Page numbers, from"))
        self.own = QRadioButton(self.tr("The PDF's &own page labels"))
        self.scheme = QButtonGroup(self)
        for i, button in enumerate((self.folios, self.pages, self.own)):
            self.scheme.addButton(button, i)
        # Start where the first page's label does (a delo already foliated from 12).
        first = re.match(r"\D{0,3}(\d+)", labels.get(1, ""))
        start = min(100_000, max(1, int(first.group(1)))) if first else 1
        self.folio_start = self._spin(1, 100_000, start, "folioStart")
        self.page_start = self._spin(1, 100_000, start, "pageStart")
        self.versos = QCheckBox(self.tr("with &versos: 12, 12 ob., 13, 13 ob. …"))
        self.versos.setChecked(True)
        if pdf_labels is None:
            self.own.setEnabled(False)
            self.own.setToolTip(self.tr("This document has no page labels of its own (only "
                                        "PDFs can carry them)."))
        self.folios.setChecked(True)

        kind = QGroupBox(self.tr("Numbering"))
        grid = QFormLayout(kind)
        row = QHBoxLayout()
        row.addWidget(self.folio_start)
        row.addWidget(self.versos)
        row.addStretch(1)
        grid.addRow(self.folios, row)
        row = QHBoxLayout()
        row.addWidget(self.page_start)
        row.addStretch(1)
        grid.addRow(self.pages, row)
        grid.addRow(self.own)

        self.all_pages = QRadioButton(self.tr("&All pages"))
        self.some_pages = QRadioButton(self.tr("Pages f&rom"))
        self.range = QButtonGroup(self)
        self.range.addButton(self.all_pages, 0)
        self.range.addButton(self.some_pages, 1)
        self.first_page = self._spin(1, max(1, page_count), max(1, current_page), "firstPage")
        self.last_page = self._spin(1, max(1, page_count), max(1, page_count), "lastPage")
        self.all_pages.setChecked(True)
        where = QGroupBox(self.tr("Which pages"))
        rows = QHBoxLayout(where)
        rows.addWidget(self.all_pages)
        rows.addSpacing(12)
        rows.addWidget(self.some_pages)
        rows.addWidget(self.first_page)
        rows.addWidget(QLabel(self.tr("to")))
        rows.addWidget(self.last_page)
        rows.addStretch(1)

        self.preview = QLabel()
        self.preview.setObjectName("numberingPreview")
        self.preview.setTextFormat(self.preview.textFormat().PlainText)
        self.preview.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("numberingProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Number Pages"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(heading)
        lay.addWidget(kind)
        lay.addWidget(where)
        lay.addWidget(QLabel(self.tr("Preview (as excerpts will cite them):")))
        lay.addWidget(self.preview)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)

        for signal in (self.scheme.idToggled, self.range.idToggled):
            signal.connect(lambda *_: self.update_preview())
        for spin in (self.folio_start, self.page_start, self.first_page, self.last_page):
            spin.valueChanged.connect(lambda *_: self.update_preview())
        self.versos.toggled.connect(lambda *_: self.update_preview())
        self.update_preview()

    def _spin(self, low: int, high: int, value: int, name: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setValue(value)
        return spin

    def numbering(self) -> Numbering:
        scheme = ("folios", "pages", "pdf")[max(0, self.scheme.checkedId())]
        start = self.page_start.value() if scheme == "pages" else self.folio_start.value()
        whole = self.all_pages.isChecked()
        return Numbering(scheme, start, self.versos.isChecked(),
                         1 if whole else self.first_page.value(),
                         None if whole else self.last_page.value())

    def update_preview(self) -> None:
        """Show the first pages' citations under the numbering chosen, or what is wrong."""
        self.folio_start.setEnabled(self.folios.isChecked())
        self.versos.setEnabled(self.folios.isChecked())
        self.page_start.setEnabled(self.pages.isChecked())
        for spin in (self.first_page, self.last_page):
            spin.setEnabled(self.some_pages.isChecked())
        try:
            shown = preview(self.numbering(), self.page_count, self.pdf_labels, PREVIEW_PAGES)
        except InvalidInput as exc:
            self.preview.clear()
            self.problem.setText(str(exc))
            self.problem.show()
            self.ok.setEnabled(False)
            return
        self.problem.hide()
        self.ok.setEnabled(True)
        labels = {**self.labels, **dict(shown)}
        lines = [self.tr("page %1: %2").replace("%1", str(n))
                 .replace("%2", locator_for(labels, n, n, self.source_kind)) for n, _ in shown]
        last = self.numbering().last_page or self.page_count
        if shown and shown[-1][0] < last:
            lines.append("…")
        self.preview.setText("\n".join(lines))
