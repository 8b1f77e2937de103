"""The window's actions, menus and toolbar, in one place: what each menu holds and in which
order, which actions change the notebook (disabled on a read-only one), and their keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from . import theme
from .notebooks import switcher

if TYPE_CHECKING:
    from .main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("menus", text)


@dataclass
class Actions:
    """Every action of the main window's own (features keep theirs: the viewer's page and
    zoom actions, the undo stack's Undo/Redo, the citation menu's styles)."""

    import_files: QAction
    import_folder: QAction
    new_source: QAction
    move_document: QAction
    delete_source: QAction
    export: QAction
    quit: QAction
    new_excerpt: QAction
    delete_excerpt: QAction
    find: QAction
    new_note: QAction
    delete_note: QAction
    ocr_page: QAction
    ocr_document: QAction
    trash: QAction
    shortcuts: QAction
    demo: QAction
    about: QAction
    new_notebook: QAction
    open_notebook: QAction

    # The actions that change the notebook.
    WRITES = ("import_files", "import_folder", "new_source", "move_document", "delete_source",
              "new_excerpt", "delete_excerpt", "new_note", "delete_note", "ocr_page",
              "ocr_document")

    def writes(self) -> list[QAction]:
        return [getattr(self, name) for name in self.WRITES]

    def all(self) -> list[QAction]:
        return [getattr(self, f.name) for f in fields(self)]


def _action(w: MainWindow, text: str, slot: Callable[[], object],
            shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
            icon: str = "", tip: str = "", name: str = "") -> QAction:
    act = QAction(theme.icon(icon), text, w)
    if name:
        act.setObjectName(name)
    if shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setStatusTip(tip)
    act.triggered.connect(lambda _checked=False: slot())
    return act


def make_actions(w: MainWindow) -> Actions:
    std = QKeySequence.StandardKey
    a = Actions(
        import_files=_action(w, _tr("&Import Files…"), w.importer.choose_files,
                             "Ctrl+Shift+I", "import",
                             _tr("Import PDFs, photographs and text files")),
        import_folder=_action(w, _tr("Import &Folder…"), w.importer.choose_folder,
                              icon="folder"),
        new_source=_action(w, _tr("&New Source…"), w.library_commands.new_source, std.New,
                           "new-source", _tr("A source without files: a book, an article…")),
        move_document=_action(w, _tr("&Move Document to Source…"),
                              w.library_commands.move_document, name="moveDocumentAction"),
        delete_source=_action(w, _tr("&Delete Source"), w.library_commands.delete_source,
                              icon="trash", tip=_tr("Move the selected source to the trash"),
                              name="deleteSourceAction"),
        export=_action(w, _tr("&Export…"), w.open_export, "Ctrl+Shift+E", "export"),
        quit=_action(w, _tr("&Quit"), w.close, std.Quit),
        new_excerpt=_action(w, _tr("New &Excerpt from Selection"),
                            w.excerpt_commands.new_excerpt, "Ctrl+E", "excerpt",
                            _tr("Make an excerpt of the marked words or region")),
        delete_excerpt=_action(w, _tr("&Delete Excerpt"), w.excerpt_commands.delete_excerpt,
                               std.Delete),
        find=_action(w, _tr("&Find…"), w.focus_search, "Ctrl+K", "search"),
        new_note=_action(w, _tr("&New Note"), w.new_note, "Ctrl+Shift+N", "note"),
        delete_note=_action(w, _tr("&Delete Note…"), w.delete_note, icon="trash",
                            tip=_tr("Move the open note to the trash (asks first)"),
                            name="deleteNoteAction"),
        ocr_page=_action(w, _tr("OCR This &Page"), lambda: w.run_ocr(False), icon="ocr"),
        ocr_document=_action(w, _tr("OCR This &Document"), lambda: w.run_ocr(True)),
        trash=_action(w, _tr("&Trash…"), w.open_trash, icon="trash", name="trashAction"),
        shortcuts=_action(w, _tr("&Keyboard Shortcuts"), w.show_shortcuts, "Ctrl+/",
                          "keyboard"),
        demo=_action(w, _tr("Open the &Demo Notebook"), w.load_demo, name="demoAction",
                     tip=_tr("A notebook of its own to try things in; yours is not touched")),
        about=_action(w, _tr("&About researchnb"), w.about),
        new_notebook=_action(w, _tr("New &Notebook…"), lambda: switcher.choose_new(w),
                             name="newNotebookAction",
                             tip=_tr("Make a new, empty notebook and open it")),
        open_notebook=_action(w, _tr("&Open Notebook…"), lambda: switcher.choose_existing(w),
                              std.Open, name="openNotebookAction",
                              tip=_tr("Open another notebook in place of this one")),
    )
    # Delete acts on the excerpt list only (elsewhere Delete edits text).
    a.delete_excerpt.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.excerpts.table.addAction(a.delete_excerpt)
    return a


def build_menus(w: MainWindow, a: Actions) -> None:
    """The menu bar and the toolbar."""
    bar = w.menuBar()
    file = bar.addMenu(_tr("&File"))
    file.addAction(a.new_notebook)
    file.addAction(a.open_notebook)
    file.addMenu(switcher.RecentMenu(w, lambda path: switcher.open_notebook(w, path)))
    file.addSeparator()
    for act in (a.new_source, a.import_files, a.import_folder, a.export):
        file.addAction(act)
    file.addSeparator()
    file.addAction(a.move_document)
    file.addAction(a.delete_source)
    file.addSeparator()
    file.addAction(w.safety.backups_action)
    file.addSeparator()
    file.addAction(a.quit)

    edit = bar.addMenu(_tr("&Edit"))
    edit.addAction(w.undo.undo_action)
    edit.addAction(w.undo.redo_action)
    edit.addSeparator()
    edit.addAction(a.new_excerpt)
    edit.addAction(a.delete_excerpt)
    edit.addSeparator()
    edit.addMenu(w.cite_menu)
    edit.addAction(a.find)

    view = bar.addMenu(_tr("&View"))
    view.addAction(w.viewer.prev_action)
    view.addAction(w.viewer.next_action)
    view.addSeparator()
    for act in w.viewer.zoom_actions.values():
        view.addAction(act)
    view.addSeparator()
    for act in w.split.make_hide_actions(w, w.settings):   # Ctrl+Shift+L, Ctrl+Shift+R
        view.addAction(act)
        w.addAction(act)
    view.addMenu(theme.theme_menu(w, w.settings, lambda _choice: w.viewer.reload()))
    view.addSeparator()
    view.addAction(a.trash)

    doc = bar.addMenu(_tr("&Document"))
    doc.addAction(a.ocr_page)
    doc.addAction(a.ocr_document)
    doc.addAction(w.importer.languages_action)     # OCR Languages… (ui/importing/)
    doc.addAction(w.viewer.region_action)
    doc.addSeparator()
    for act in w.foliation.actions():       # Number Pages…, Edit Page Label (ui/foliation/)
        doc.addAction(act)

    notes = bar.addMenu(_tr("&Notes"))
    notes.addAction(a.new_note)
    notes.addSeparator()                 # away from New Note: it deletes (after asking)
    notes.addAction(a.delete_note)

    help_menu = bar.addMenu(_tr("&Help"))
    help_menu.addAction(a.shortcuts)
    help_menu.addAction(a.demo)
    help_menu.addAction(a.about)

    # Window-wide keys, whichever pane has the focus.
    for act in (w.undo.undo_action, w.undo.redo_action, a.find, a.export, a.new_note,
                a.shortcuts):
        w.addAction(act)
    for style, key in (("chosen", "Ctrl+Shift+C"), ("russian", None), ("gost", None)):
        act = w.cite_menu.style_actions[style]
        if key:
            act.setShortcut(QKeySequence(key))
        w.addAction(act)

    tools = QToolBar(_tr("Main"))
    tools.setObjectName("mainToolbar")
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    for act in (a.import_files, a.new_source, a.new_excerpt):
        tools.addAction(act)
    w.addToolBar(tools)
