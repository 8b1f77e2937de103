"""The search panel: results as you type, grouped by kind, marks shown, Enter opens a hit."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from support import OFFSCREEN_NOISE, seed_letters, type_text

from researchnb.ui.search.panel import SYNTAX_HELP, SearchPanel
from researchnb.ui.search.saved import SavedSearches

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def panel(qtbot, nb, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    panel = SearchPanel(nb)
    qtbot.addWidget(panel)
    panel.resize(600, 700)
    panel.show()
    yield panel, seeded
    panel.close()


def test_an_inflected_russian_word_typed_key_by_key_finds_its_page(qtbot, panel):
    panel, s = panel
    panel.focus_field()
    # The page says «учительницу»; the historian types another case of the word.
    type_text(panel.field, "учительницей")
    qtbot.waitUntil(lambda: panel.shown_text == "учительницей", timeout=5000)
    pages = [h for h in panel.hits if h["kind"] == "page"]
    assert [h["page"]["number"] for h in pages] == [2]
    assert "<mark>учительницу</mark>" in pages[0]["snippet"]
    assert panel.group_titles()[0].startswith("Pages")
    item_html = panel.result_items()[0].data(0, Qt.ItemDataRole.UserRole + 1)
    assert "учительницу</span>" in item_html and "p. 2" in item_html
    with qtbot.waitSignal(panel.open_hit) as sig:
        panel.field.returnPressed.emit()
    hit = sig.args[0]
    assert (hit["document"], hit["page"]["number"], hit["query"]) == \
        (s.document, 2, "учительницей")


def test_results_are_grouped_by_kind_and_a_click_opens_the_excerpt(qtbot, panel):
    panel, s = panel
    panel.set_query("журнал")
    qtbot.waitUntil(lambda: panel.shown_text == "журнал", timeout=5000)
    titles = panel.group_titles()
    assert titles[0].startswith("Excerpts (1)") and titles[1].startswith("Pages")
    first = panel.result_items()[0]
    with qtbot.waitSignal(panel.open_hit) as sig:
        panel.results.itemClicked.emit(first, 0)
    assert (sig.args[0]["kind"], sig.args[0]["key"]) == ("excerpt", s.excerpt)


def test_hostile_query_text_shows_an_answer_not_an_error(qtbot, panel):
    panel, _s = panel
    for text in ['"unbalanced', "tag:", "NEAR(", "a AND", "date:[1921 TO"]:
        panel.set_query(text)
        qtbot.waitUntil(lambda t=text: panel.shown_text == t, timeout=5000)
        assert "could not run" not in panel.summary.text()


def test_a_query_shortened_to_the_caps_says_so_under_the_results(qtbot, panel):
    panel, _s = panel
    text = " ".join(f"word{i}~" for i in range(12))      # more fuzzy terms than searched
    panel.set_query(text)
    qtbot.waitUntil(lambda: panel.shown_text == text, timeout=5000)
    assert "shortened" in panel.summary.text()
    panel.set_query("журнал")
    qtbot.waitUntil(lambda: panel.shown_text == "журнал", timeout=5000)
    assert "shortened" not in panel.summary.text()


def test_the_syntax_is_explained_in_the_tooltip(panel):
    panel, _s = panel
    assert panel.field.toolTip() == SYNTAX_HELP
    for example in ("tag:", "date:[1921 TO 1923]", "~", '"cell bureau"'):
        assert example in SYNTAX_HELP


def test_saved_searches_are_kept_per_notebook_and_run_on_click(qtbot, nb, tmp_path):
    saved = SavedSearches(nb.path)
    qtbot.addWidget(saved)
    saved.add("Instructor excerpts", "tag:people/instructor")
    again = SavedSearches(nb.path)
    qtbot.addWidget(again)
    assert again.item(0).text() == "Instructor excerpts"
    other = SavedSearches(tmp_path / "other.rnb")
    qtbot.addWidget(other)
    assert other.count() == 0
    with qtbot.waitSignal(again.run) as sig:
        again.itemClicked.emit(again.item(0))
    assert sig.args == ["tag:people/instructor"]
