"""The child of tests/ui/test_typing_during_import.py: the real MainWindow (offscreen) imports
images with OCR while a timer types a word into a new note every 50 ms; the parent SIGKILLs
it. Each word typed is written to a side file with the time it was typed (flushed at once),
so the parent knows exactly what had been typed when.

    python typing_during_import_child.py NOTEBOOK SETTINGS.ini SIDEFILE [--one-document]
        [--no-yield] IMAGE...

`--no-yield` turns off the writer's interleaving (to show the finding: saves wait for the
whole import).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

WORDS = ("протокол", "заседания", "бюро", "ячейки", "report", "of", "the", "factory",
         "committee", "1922")
TYPE_EVERY_MS = 50


def main(argv: list[str]) -> int:
    flags = {a for a in argv if a.startswith("--")}
    args = [a for a in argv if not a.startswith("--")]
    notebook, settings_path, side = Path(args[0]), args[1], Path(args[2])
    images = [Path(a) for a in args[3:]]
    app = QApplication([])
    from researchnb.notebook import Notebook
    from researchnb.ui import ops
    from researchnb.ui.importing.import_dialog import ImportPlan
    from researchnb.ui.main_window import MainWindow

    if "--no-yield" in flags:
        ops._Worker.run_short_jobs = lambda self: None  # type: ignore[method-assign]
    nb = Notebook.open(notebook)
    window = MainWindow(nb, settings=QSettings(settings_path, QSettings.Format.IniFormat))
    window.show()
    out = side.open("w", encoding="utf-8", buffering=1)
    editor = window.editor
    state = {"n": 0}

    def type_word() -> None:
        word = WORDS[state["n"] % len(WORDS)] + " "
        state["n"] += 1
        cursor = editor.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        editor.editor.setTextCursor(cursor)
        editor.editor.insertPlainText(word)
        out.write(f"{time.time():.4f}\t{word}\n")

    def begin() -> None:
        window.new_note()
        editor.editor.setFocus()
        window.importer.start(ImportPlan(paths=images, ocr=True,
                                         one_document="--one-document" in flags))
        out.write(f"{time.time():.4f}\tSTART\n")
        typer.start()

    typer = QTimer(interval=TYPE_EVERY_MS)
    typer.timeout.connect(type_word)
    QTimer.singleShot(200, begin)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
