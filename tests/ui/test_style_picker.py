"""The citation style picker: filter as you type, a sample in the chosen style, and Copy
citation using the chosen style with rich text and plain text on the clipboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication
from support import OFFSCREEN_NOISE

from researchnb.domain import Creator, Source
from researchnb.ui.export.copy_citation import CitationMenu
from researchnb.ui.export.style_picker import StylePickerDialog, chosen_style

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def test_typing_filters_the_styles_by_title(qtbot):
    dialog = StylePickerDialog("chicago-notes-bibliography")
    qtbot.addWidget(dialog)
    everything = len(dialog.visible_titles())
    assert everything > 2000                       # the CSL repository, not a short list
    assert dialog.selected_style() == "chicago-notes-bibliography"
    assert "<i>Everyday Stalinism" in dialog.sample.text()
    qtbot.keyClicks(dialog.search, "gost r 7.0.5")
    titles = dialog.visible_titles()
    assert 1 <= len(titles) < 10 and all("GOST R 7.0.5" in t for t in titles)
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "no style is called this")
    assert dialog.visible_titles() == []
    assert "0 style" in dialog.count.text()


def test_the_chosen_style_is_remembered_and_used_by_copy_citation(qtbot, nb, settings):
    src = nb.sources.add(Source(kind="book", title="Everyday Stalinism", date="1999",
                                creators=[Creator("Fitzpatrick", "Sheila")],
                                publisher="Oxford University Press", language="en")).value
    menu = CitationMenu(nb, settings=settings)
    qtbot.addWidget(menu)
    assert chosen_style(settings) == "chicago-notes-bibliography"
    assert "Chicago Manual of Style 18th edition" in menu.style_actions["chosen"].text()
    menu.set_key(src.key, "p. 45")
    with qtbot.waitSignal(menu.copied):
        menu.style_actions["chosen"].trigger()
    data = QGuiApplication.clipboard().mimeData()
    assert data.text() == "Sheila Fitzpatrick, Everyday Stalinism (Oxford University Press, " \
                          "1999), 45."
    assert "<i>Everyday Stalinism</i>" in data.html()
    menu.set_style("apa")
    assert QSettings(settings.fileName(), QSettings.Format.IniFormat).value(
        "citations/style") == "apa"
    assert "APA" in menu.style_actions["chosen"].text()
    menu.style_actions["chosen"].trigger()
    assert QGuiApplication.clipboard().mimeData().text() == "(Fitzpatrick, 1999, p. 45)"


def test_without_a_record_the_copy_actions_are_off_but_the_style_can_be_chosen(qtbot, nb,
                                                                             settings):
    menu = CitationMenu(nb, settings=settings)
    qtbot.addWidget(menu)
    assert not menu.style_actions["chosen"].isEnabled()
    assert menu.pick_action.isEnabled()


def test_a_style_that_is_gone_falls_back_to_chicago(settings):
    settings.setValue("citations/style", "a-style-since-removed")
    assert chosen_style(settings) == "chicago-notes-bibliography"
