"""The OCR languages: the ones tesseract has here, by their names, several at once, and
remembered per notebook (`nb.settings.ocr_languages`)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...importers.ocr import installed_languages

# Preferred when the notebook has no choice yet, as far as they are installed.
DEFAULT_LANGUAGES = ("rus", "eng")

# tesseract's codes and the names a historian knows them by (marked for Qt's translation
# tools here, translated where shown).

_NAMES = {
    "rus": QT_TRANSLATE_NOOP("OcrLanguages", "Russian"),
    "eng": QT_TRANSLATE_NOOP("OcrLanguages", "English"),
    "deu": QT_TRANSLATE_NOOP("OcrLanguages", "German"),
    "frk": QT_TRANSLATE_NOOP("OcrLanguages", "German Fraktur"),
    "deu_latf": QT_TRANSLATE_NOOP("OcrLanguages", "German Fraktur"),
    "fra": QT_TRANSLATE_NOOP("OcrLanguages", "French"),
    "ita": QT_TRANSLATE_NOOP("OcrLanguages", "Italian"),
    "spa": QT_TRANSLATE_NOOP("OcrLanguages", "Spanish"),
    "por": QT_TRANSLATE_NOOP("OcrLanguages", "Portuguese"),
    "nld": QT_TRANSLATE_NOOP("OcrLanguages", "Dutch"),
    "pol": QT_TRANSLATE_NOOP("OcrLanguages", "Polish"),
    "ukr": QT_TRANSLATE_NOOP("OcrLanguages", "Ukrainian"),
    "bel": QT_TRANSLATE_NOOP("OcrLanguages", "Belarusian"),
    "bul": QT_TRANSLATE_NOOP("OcrLanguages", "Bulgarian"),
    "ces": QT_TRANSLATE_NOOP("OcrLanguages", "Czech"),
    "slk": QT_TRANSLATE_NOOP("OcrLanguages", "Slovak"),
    "srp": QT_TRANSLATE_NOOP("OcrLanguages", "Serbian (Cyrillic)"),
    "srp_latn": QT_TRANSLATE_NOOP("OcrLanguages", "Serbian (Latin)"),
    "hrv": QT_TRANSLATE_NOOP("OcrLanguages", "Croatian"),
    "slv": QT_TRANSLATE_NOOP("OcrLanguages", "Slovenian"),
    "lit": QT_TRANSLATE_NOOP("OcrLanguages", "Lithuanian"),
    "lav": QT_TRANSLATE_NOOP("OcrLanguages", "Latvian"),
    "est": QT_TRANSLATE_NOOP("OcrLanguages", "Estonian"),
    "fin": QT_TRANSLATE_NOOP("OcrLanguages", "Finnish"),
    "swe": QT_TRANSLATE_NOOP("OcrLanguages", "Swedish"),
    "nor": QT_TRANSLATE_NOOP("OcrLanguages", "Norwegian"),
    "dan": QT_TRANSLATE_NOOP("OcrLanguages", "Danish"),
    "hun": QT_TRANSLATE_NOOP("OcrLanguages", "Hungarian"),
    "ron": QT_TRANSLATE_NOOP("OcrLanguages", "Romanian"),
    "lat": QT_TRANSLATE_NOOP("OcrLanguages", "Latin"),
    "ell": QT_TRANSLATE_NOOP("OcrLanguages", "Greek"),
    "grc": QT_TRANSLATE_NOOP("OcrLanguages", "Ancient Greek"),
    "heb": QT_TRANSLATE_NOOP("OcrLanguages", "Hebrew"),
    "yid": QT_TRANSLATE_NOOP("OcrLanguages", "Yiddish"),
    "ara": QT_TRANSLATE_NOOP("OcrLanguages", "Arabic"),
    "fas": QT_TRANSLATE_NOOP("OcrLanguages", "Persian"),
    "tur": QT_TRANSLATE_NOOP("OcrLanguages", "Turkish"),
    "aze": QT_TRANSLATE_NOOP("OcrLanguages", "Azerbaijani"),
    "kat": QT_TRANSLATE_NOOP("OcrLanguages", "Georgian"),
    "hye": QT_TRANSLATE_NOOP("OcrLanguages", "Armenian"),
    "kaz": QT_TRANSLATE_NOOP("OcrLanguages", "Kazakh"),
    "uzb": QT_TRANSLATE_NOOP("OcrLanguages", "Uzbek"),
    "tat": QT_TRANSLATE_NOOP("OcrLanguages", "Tatar"),
    "chi_sim": QT_TRANSLATE_NOOP("OcrLanguages", "Chinese (simplified)"),
    "chi_tra": QT_TRANSLATE_NOOP("OcrLanguages", "Chinese (traditional)"),
    "jpn": QT_TRANSLATE_NOOP("OcrLanguages", "Japanese"),
    "kor": QT_TRANSLATE_NOOP("OcrLanguages", "Korean"),
    "equ": QT_TRANSLATE_NOOP("OcrLanguages", "Mathematical formulas"),
}


def language_name(code: str) -> str:
    """`frk` -> "German Fraktur (frk)": the name, with the code that tells twins apart."""
    name = _NAMES.get(code)
    if name is None:
        return code
    return f"{QCoreApplication.translate('OcrLanguages', str(name))} ({code})"


def initial_choice(stored: list[str] | None, installed: list[str]) -> list[str]:
    """What is ticked when nothing was chosen yet or the stored choice is gone: the
    notebook's languages that are installed, else Russian and English, else the first."""
    for wanted in (stored or [], list(DEFAULT_LANGUAGES)):
        have = [c for c in wanted if c in installed]
        if have:
            return have
    return installed[:1]


class LanguageList(QListWidget):
    """Installed languages with a tick each; the ticked ones first, in the order given."""

    def __init__(self, installed: list[str], chosen: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ocrLanguages")
        rest = sorted((c for c in installed if c not in chosen), key=language_name)
        for code in [c for c in chosen if c in installed] + rest:
            item = QListWidgetItem(language_name(code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen
                               else Qt.CheckState.Unchecked)
            self.addItem(item)
        rows = max(1, min(self.count(), 5))
        self.setMaximumHeight(self.sizeHintForRow(0) * rows + 2 * self.frameWidth() + 4)

    def chosen(self) -> list[str]:
        return [str(self.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_chosen(self, codes: list[str]) -> None:
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in codes
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class OcrLanguagesDialog(QDialog):
    """Document › OCR Languages…: the notebook's languages for OCR; read `chosen()` after
    `accepted`."""

    def __init__(self, installed: list[str], chosen: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ocrLanguagesDialog")
        self.setWindowTitle(self.tr("OCR Languages"))
        lay = QVBoxLayout(self)
        if installed:
            text = self.tr("Recognise the text of this notebook's scans in these languages "
                           "(tick every language the pages are written in):")
        else:
            text = self.tr("The tesseract program, which recognises text, is not installed. "
                           "Install tesseract-ocr and its language packages "
                           "(tesseract-ocr-rus, tesseract-ocr-deu…), then choose here.")
        label = QLabel(text)
        label.setWordWrap(True)
        lay.addWidget(label)
        self.list = LanguageList(installed, chosen)
        self.list.setMaximumHeight(16777215)
        lay.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.list.itemChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(bool(self.list.chosen()))

    def chosen(self) -> list[str]:
        return self.list.chosen()


def find_installed() -> list[str]:
    """tesseract's languages here (asks the program: call once and keep the answer)."""
    return installed_languages()
