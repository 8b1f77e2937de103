"""Icons are drawn from SVG at the asked scale and in the palette's colours; dark palettes
are recognised."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from researchnb.ui import theme


def _ink(image) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(image.width())
            for y in range(image.height()) if image.pixelColor(x, y).alpha() > 200}


def test_icons_are_drawn_at_full_resolution_on_a_hidpi_screen(qtbot):
    engine = theme.SvgIconEngine("search")
    pm = engine.scaledPixmap(QSize(16, 16), QIcon.Mode.Normal, QIcon.State.Off, 2.0)
    assert (pm.width(), pm.height()) == (32, 32)
    assert pm.devicePixelRatio() == 2.0
    # A stroke drawn at 32 px has solid pixels a 16 px bitmap scaled up would smear.
    assert len(_ink(pm.toImage())) >= 1
    assert not theme.icon("search").isNull()


def test_icons_take_the_palette_text_colour_so_they_show_on_dark_palettes(qtbot):
    app = QGuiApplication.instance()
    old = app.palette()
    try:
        app.setPalette(theme.dark_palette())
        assert theme.is_dark()
        pm = theme.SvgIconEngine("note").scaledPixmap(QSize(24, 24), QIcon.Mode.Normal,
                                                      QIcon.State.Off, 1.0)
        light_ink = [QColor(c).lightness() for c in _ink(pm.toImage())]
        assert light_ink and max(light_ink) > 180
        assert theme.mark_colour().lightness() < 128
    finally:
        app.setPalette(old)
    assert not theme.is_dark(QPalette(QColor("#f0f0f0")))
