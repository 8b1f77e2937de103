"""Where file dialogs open and what they offer: the folder used last for the same purpose
(kept in the settings), else the user's Documents folder, never the folder the program was
started from; and import filters made from the kinds of file researchnb reads."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

from ..importers.kinds import BIBTEX, CSLJSON, IMAGE, MARKDOWN, PDF, TEXT, suffixes

FOLDER_SETTING = "folders/{}"       # per purpose: "import", "export", "notebooks"


def _tr(text: str) -> str:
    return QCoreApplication.translate("file_dialogs", text)


def documents_folder() -> Path:
    """The user's Documents folder (their home when the platform has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(settings: QSettings, purpose: str) -> Path:
    """The folder a dialog for `purpose` opens in: the one used last, if it is still there,
    else Documents."""
    last = settings.value(FOLDER_SETTING.format(purpose))
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return documents_folder()


def remember_folder(settings: QSettings, purpose: str, folder: Path) -> None:
    """Keep the folder chosen (a file's folder: pass `path.parent`)."""
    if str(folder) and Path(folder).is_dir():
        settings.setValue(FOLDER_SETTING.format(purpose), str(Path(folder).resolve()))


def _pattern(endings: list[str]) -> str:
    return " ".join(f"*{e}" for e in endings)


def import_filters() -> list[str]:
    """Name filters of the import dialog: everything researchnb reads first, then each kind
    (references too: BibTeX `.bib` and CSL-JSON `.json`), then all files."""
    groups = [(_tr("PDF documents"), suffixes(PDF)),
              (_tr("Images and scans"), suffixes(IMAGE)),
              (_tr("Text files"), suffixes(TEXT, MARKDOWN)),
              (_tr("References (BibTeX, CSL-JSON)"), suffixes(BIBTEX, CSLJSON))]
    every = [e for _name, endings in groups for e in endings]
    return ([f"{_tr('Everything researchnb can import')} ({_pattern(every)})"]
            + [f"{name} ({_pattern(endings)})" for name, endings in groups]
            + [f"{_tr('All files')} (*)"])
