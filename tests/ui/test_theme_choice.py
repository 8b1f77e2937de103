"""View › Theme (System, Light, Dark), kept in the settings; excerpt highlights readable in
both themes (WCAG AA); toolbar and viewer icons visible on a dark toolbar."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction, QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QToolButton
from support import open_window, seed_letters

from researchnb.notebook import Notebook
from researchnb.ui import theme


@pytest.fixture(autouse=True)
def _system_theme_after():
    yield
    theme.apply_theme(QApplication.instance(), "system")


def _theme_action(window, choice: str) -> QAction:
    menu = window.findChild(QMenu, "themeMenu")
    assert menu is not None
    found = [a for a in menu.actions() if a.data() == choice]
    assert len(found) == 1
    return found[0]


def test_contrast_ratio_follows_wcag():
    assert theme.contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # The WCAG example: #767676 on white is just AA.
    assert theme.contrast_ratio(QColor("#767676"), QColor("#ffffff")) == pytest.approx(4.54,
                                                                                      abs=0.01)


@pytest.mark.parametrize("palette", [theme.light_palette, theme.dark_palette])
def test_excerpt_highlight_colours_pass_wcag_aa_in_both_themes(qtbot, palette):
    for current in (False, True):
        background, ink = theme.excerpt_colours(current, palette())
        assert theme.contrast_ratio(background, ink) >= 4.5, (background.name(), ink.name())
    # The highlight still stands out from the page text's own background.
    base = palette().color(QPalette.ColorRole.Base)
    assert theme.contrast_ratio(theme.excerpt_colours(False, palette())[0], base) >= 1.3


def test_the_theme_menu_switches_to_dark_and_back_and_is_remembered(qtbot, nb, tmp_path,
                                                                     fixture_file):
    seeded = seed_letters(nb, fixture_file)
    window = open_window(qtbot, nb, tmp_path)
    app = QGuiApplication.instance()
    assert _theme_action(window, "system").isChecked()

    _theme_action(window, "dark").trigger()
    assert theme.is_dark(app.palette())
    assert _theme_action(window, "dark").isChecked()
    assert not _theme_action(window, "system").isChecked()
    assert window.settings.value(theme.THEME_SETTING) == "dark"

    # The excerpt's words on the page text: readable on their highlight in the dark theme.
    window.nav.navigate("excerpt", seeded.excerpt)
    qtbot.waitUntil(lambda: bool(window.viewer.text.extraSelections()))
    for sel in window.viewer.text.extraSelections():
        background = sel.format.background().color()
        ink = sel.format.foreground().color()
        assert background.lightness() < 128          # not the pale yellow of the light theme
        assert theme.contrast_ratio(background, ink) >= 4.5

    _theme_action(window, "light").trigger()
    assert not theme.is_dark(app.palette())
    for sel in window.viewer.text.extraSelections():
        assert theme.contrast_ratio(sel.format.background().color(),
                                    sel.format.foreground().color()) >= 4.5
    _theme_action(window, "dark").trigger()
    window.close()

    # The next window (the next start) comes up dark.
    theme.apply_theme(app, "system")
    again = open_window(qtbot, Notebook.open(nb.path), tmp_path)
    assert theme.is_dark(app.palette())
    assert _theme_action(again, "dark").isChecked()


def _most_contrast(image, background: QColor) -> float:
    """The strongest contrast any opaque pixel of `image` has with `background`."""
    best = 1.0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 200:
                best = max(best, theme.contrast_ratio(pixel, background))
    return best


def test_toolbar_and_viewer_icons_show_on_a_dark_toolbar(qtbot, nb, tmp_path, fixture_file):
    seeded = seed_letters(nb, fixture_file)
    window = open_window(qtbot, nb, tmp_path)
    window.open_document(seeded.document, 1)
    _theme_action(window, "dark").trigger()
    toolbar = window.findChild(QToolBar, "mainToolbar")
    # The toolbars take the new palette when its change event reaches them.
    qtbot.waitUntil(lambda: toolbar.palette().color(QPalette.ColorRole.Window).lightness() < 80)
    background = toolbar.palette().color(QPalette.ColorRole.Window)
    for bar, action in ((toolbar, window.acts.import_files), (toolbar, window.acts.new_source),
                        (window.viewer.toolbar, window.viewer.next_action),
                        (window.viewer.toolbar, window.viewer.zoom_actions["fit-width"])):
        button = bar.widgetForAction(action)
        assert isinstance(button, QToolButton) and action.isEnabled(), action.text()
        image = action.icon().pixmap(button.iconSize()).toImage()
        # Non-text contrast (WCAG 1.4.11): the ink of the icon against the toolbar.
        assert _most_contrast(image, background) >= 3.0, action.text()
    # And on screen: the toolbar's pixels hold the light ink of its icons.
    shot = toolbar.grab().toImage()
    assert _most_contrast(shot, background) >= 3.0
