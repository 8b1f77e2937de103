"""The main window: import a PDF, excerpt words on page 2 with tags, edit the source form,
and check every item model with qtmodeltester."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextCursor
from support import import_through_ui, open_window, settle

from researchnb.domain import Source
from researchnb.ui.excerpts.table_model import ExcerptTableModel
from researchnb.ui.library.models import LibraryModel, TagModel

_ROOT = QModelIndex()   # the invisible root; Qt passes it by value


def _labels(model, parent=_ROOT) -> list[str]:
    out = []
    for row in range(model.rowCount(parent)):
        idx = model.index(row, 0, parent)
        out.append(model.node(idx).label)
        out.extend(_labels(model, idx))
    return out


def _select(window, start: int, end: int) -> None:
    pane = window.viewer.text
    cur = pane.textCursor()
    cur.setPosition(start)
    cur.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    pane.setTextCursor(cur)


def test_main_window_opens_on_an_empty_notebook(qtbot, nb, tmp_path):
    window = open_window(qtbot, nb, tmp_path)
    assert nb.path.stem in window.windowTitle()
    assert window.viewer.stack.currentWidget() is window.viewer.empty
    assert window.sidebar.library.rowCount() == 0


def test_pdf_imported_then_words_on_page_2_become_a_tagged_excerpt(qtbot, nb, tmp_path,
                                                                     fixture_file):
    window = open_window(qtbot, nb, tmp_path)
    import_through_ui(qtbot, window, [fixture_file("report-1923.pdf")])
    assert window.viewer.doc is not None and len(window.viewer.doc.pages) == 4
    assert window.viewer.view.has_image(), "the PDF page is rendered"

    window.viewer.folio.activated.emit(1)          # choose the second folio in the box
    assert window.viewer.page == 2
    text = window.viewer.text.toPlainText()
    start = text.index("six hundred sacks of maize")
    end = start + len("six hundred sacks of maize")
    _select(window, start, end)
    window.viewer.text.setFocus()
    qtbot.keyClick(window.viewer.text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.excerpt_commands.dialog is not None
                    and window.excerpt_commands.dialog.isVisible())
    dialog = window.excerpt_commands.dialog
    # No locator is typed for the historian: the notebook derives it from the page labels
    # (locators.py), and the field shows that one as its placeholder.
    assert dialog.locator.text() == ""
    assert dialog.locator.placeholderText() == "2"
    dialog.tags.setText("theme/supply, person/storekeeper")
    dialog.comment.setPlainText("The larger warehouse, kept as a test.")
    dialog.accept()
    settle(qtbot, window)

    excerpts = nb.excerpts.all(document=window.viewer.doc.key)
    assert len(excerpts) == 1
    ex = excerpts[0]
    assert ex.quote == "six hundred sacks of maize"
    assert ex.page_start == 2 and (ex.char_start, ex.char_end) == (start, end)
    assert sorted(ex.tags) == ["person/storekeeper", "theme/supply"]
    assert ex.locator == "2"
    # in the document's excerpt list
    table = window.excerpts.model
    assert table.rowCount() == 1 and table.key_at(0) == ex.key
    assert "six hundred sacks of maize" in table.data(table.index(0, 0))
    # under the tag in the sidebar, and clicking the tag lists it
    tags = window.sidebar.tags
    assert "supply  (1)" in [tags.data(tags.index(r, 0, idx))
                                 for idx in [tags.find("tag", "theme")]
                                 for r in range(tags.rowCount(idx))]
    window.sidebar.tags_view.setCurrentIndex(tags.find("tag", "theme/supply"))
    settle(qtbot, window)       # a tag's list is read on the reader thread
    assert window.excerpts.model.scope == ("tag", "theme/supply")
    assert window.excerpts.model.key_at(0) == ex.key
    # highlighted on the page
    assert len(window.viewer.text.extraSelections()) == 1
    # and found by the notebook's search
    hits = nb.search.query("sacks of maize", kind="excerpt")["hits"]
    assert [(h["kind"], h["key"]) for h in hits] == [("excerpt", ex.key)]


def test_source_form_edit_of_fond_regroups_the_library(qtbot, nb, tmp_path):
    key = nb.sources.add(Source(kind="archival", title="Minutes of the cell bureau",
                               archive_abbr="TsGAMO", fond="415", opis="16", delo="312")).value.key
    window = open_window(qtbot, nb, tmp_path)
    lib = window.sidebar.library
    assert "f. 415" in _labels(lib)
    window.sidebar.library_view.setCurrentIndex(lib.find("source", key))
    form = window.source_form
    assert form.source is not None and form.source.key == key
    fond = form.fields["fond"]
    fond.setFocus()
    fond.selectAll()
    qtbot.keyClicks(fond, "1886")
    qtbot.keyClick(fond, Qt.Key.Key_Return)        # editingFinished: saved on leaving
    settle(qtbot, window)
    assert nb.sources.get(key).fond == "1886"
    labels = _labels(lib)
    assert "f. 1886" in labels and "f. 415" not in labels
    assert lib.find("source", key).isValid()


def test_invalid_date_in_the_source_form_explains_and_saves_nothing(qtbot, nb, tmp_path):
    key = nb.sources.add(Source(kind="archival", title="Protocol", date="1922-06")).value.key
    window = open_window(qtbot, nb, tmp_path)
    window.nav.show_source(key)
    date = window.source_form.fields["date"]
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, "June 1922")
    qtbot.keyClick(date, Qt.Key.Key_Return)
    assert window.source_form.date_message.isVisibleTo(window.source_form)
    assert "EDTF" in window.source_form.date_message.text()
    settle(qtbot, window)
    assert nb.sources.get(key).date == "1922-06"


def test_creators_list_saves_roles(qtbot, nb, tmp_path):
    key = nb.sources.add(Source(kind="book", title="Istoriia fabriki")).value.key
    window = open_window(qtbot, nb, tmp_path)
    window.nav.show_source(key)
    form = window.source_form
    form.add_creator_row()
    form.creators.item(0, 1).setText("Ivanova, Maria")
    settle(qtbot, window)
    form.add_creator_row()
    form.creators.cellWidget(1, 0).setCurrentText("editor")
    form.creators.item(1, 1).setText("Petrov, Ilya")
    settle(qtbot, window)
    creators = nb.sources.get(key).creators
    assert [(c.family, c.given, c.role) for c in creators] == [
        ("Ivanova", "Maria", "author"), ("Petrov", "Ilya", "editor")]


def test_every_item_model_passes_the_model_tester(qtbot, qtmodeltester, nb, tmp_path,
                                                  fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    nb.sources.add(Source(kind="archival", title="Delo", archive_abbr="RGASPI", fond="17",
                         opis="84", delo="1"))
    for n in range(5):
        nb.excerpts.add(doc, 1, start=n * 10, end=n * 10 + 8, tags=[f"theme/t{n}", "all"])
    window = open_window(qtbot, nb, tmp_path)
    sb = window.sidebar
    for model in (sb.library, sb.tags, sb.notes, sb.recent):
        qtmodeltester.check(model)
    table = window.excerpts.model
    table.show(("tag", "all"))
    settle(qtbot, window)
    qtmodeltester.check(table)
    assert isinstance(sb.library, LibraryModel) and isinstance(sb.tags, TagModel)
    assert isinstance(table, ExcerptTableModel) and table.rowCount() == 5


def test_excerpt_table_fetches_rows_in_batches(qtbot, nb, tmp_path, fixture_file):
    nb.documents.import_files([fixture_file("report-1923.pdf")])
    doc = nb.documents.all()[0].key
    for n in range(450):
        # within every page of the report (its shortest page holds about 250 characters)
        nb.excerpts.add(doc, 1 + n % 4, start=n % 200, end=n % 200 + 5, tags=["many"])
    model = ExcerptTableModel(nb)
    model.show(("tag", "many"))
    assert model.rowCount() == model.BATCH < 450
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 450


def test_tag_completion_completes_the_tag_after_the_last_comma(qtbot):
    from researchnb.ui.excerpts.excerpt_dialog import ExcerptDialog, parse_tags
    from researchnb.ui.viewer.viewer import Selection

    sel = Selection("DOC", 3, "12 ob.", 0, 5, "words")
    dialog = ExcerptDialog(sel, ["person/Kuleshova", "theme/wages"], "l. 12 ob.")
    qtbot.addWidget(dialog)
    # The derived locator is a placeholder: left empty, the excerpt follows the page labels.
    assert dialog.locator.text() == "" and dialog.locator.placeholderText() == "l. 12 ob."
    assert dialog.values()["locator"] == ""
    completer = dialog.tags.completer()
    dialog.tags.setText("theme/wages, Kul")
    assert completer.splitPath(dialog.tags.text()) == ["Kul"]
    index = completer.model().index(0, 0)          # person/Kuleshova
    assert completer.pathFromIndex(index) == "theme/wages, person/Kuleshova, "
    assert parse_tags("theme/wages, person/Kuleshova, , Theme/Wages") == [
        "theme/wages", "person/Kuleshova"]
