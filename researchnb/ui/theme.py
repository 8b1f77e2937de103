"""Looks: follow the system's light or dark palette, and icons drawn from SVG at any scale.

The app sets no palette of its own: Qt's platform theme gives the system's light or dark
colours, and everything here reads colours from the current palette, so a switch of the
system theme while the app runs is followed (`QEvent.PaletteChange` -> widgets repaint and
the icon engine below redraws in the new text colour).

Icons (the one icon module of the app) are small SVGs drawn by `QSvgRenderer` at the exact
pixel size asked for, device pixel ratio included: crisp on HiDPI screens, never a scaled
bitmap. Two sets, one look: the stroke paths below (Feather-style, written for this project)
and the files under resources/icons/ (toolbar and viewer icons). `currentColor` in the first,
and the files' stroke colour, become the palette's text colour (or highlighted text colour
for selected items); the app's own logo keeps its colours.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QRectF, QSettings, QSize, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QMenu, QWidget

from ..resources_path import package_data_dir

_STROKE = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
           'stroke="currentColor" stroke-width="2" stroke-linecap="round" '
           'stroke-linejoin="round">{}</svg>')

# One path set per icon name; the kinds of records double as icon names.
ICONS: dict[str, str] = {
    "note": '<path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z"/>'
            '<path d="M14 2v6h6M8 13h8M8 17h6"/>',
    "source": '<path d="M4 19.5A2.5 2.5 0 0 1 6.5 17H20V3H6.5A2.5 2.5 0 0 0 4 5.5z"/>'
              '<path d="M4 19.5A2.5 2.5 0 0 0 6.5 22H20v-5"/>',
    "excerpt": '<path d="M7 7h4v4c0 3-2 5-4 6M15 7h4v4c0 3-2 5-4 6"/>',
    "page": '<rect x="5" y="3" width="14" height="18" rx="1"/><path d="M9 8h6M9 12h6M9 16h4"/>',
    "document": '<rect x="5" y="3" width="14" height="18" rx="1"/><path d="M9 8h6M9 12h6"/>',
    "citekey": '<path d="M4 7h16M4 12h10M4 17h13"/><circle cx="19" cy="16" r="2"/>',
    "locator": '<path d="M12 21s-6-5.5-6-10a6 6 0 0 1 12 0c0 4.5-6 10-6 10z"/>'
               '<circle cx="12" cy="11" r="2"/>',
    "search": '<circle cx="11" cy="11" r="7"/><path d="M21 21l-4.3-4.3"/>',
    "lock": '<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>',
    "unlock": '<rect x="4" y="11" width="16" height="10" rx="2"/>'
              '<path d="M8 11V7a4 4 0 0 1 7.8-1.2"/>',
    "export": '<path d="M12 3v12M7 8l5-5 5 5"/>'
              '<path d="M5 15v4a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-4"/>',
    "copy": '<rect x="9" y="9" width="12" height="12" rx="2"/>'
            '<path d="M5 15H4a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2h9a2 2 0 0 1 2 2v1"/>',
    "trash": '<path d="M3 6h18M8 6V4h8v2M6 6l1 15h10l1-15M10 11v6M14 11v6"/>',
    "restore": '<path d="M3 12a9 9 0 1 0 3-6.7L3 8"/><path d="M3 3v5h5"/>',
    "undo": '<path d="M9 14L4 9l5-5"/><path d="M4 9h11a5 5 0 0 1 0 10h-3"/>',
    "redo": '<path d="M15 14l5-5-5-5"/><path d="M20 9H9a5 5 0 0 0 0 10h3"/>',
    "saved-search": '<circle cx="10" cy="10" r="6"/><path d="M20 20l-5.6-5.6"/>'
                    '<path d="M10 7v6M7 10h6"/>',
    "keyboard": '<rect x="2" y="6" width="20" height="12" rx="2"/>'
                '<path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10"/>',
    "tag": '<path d="M20.6 13.4l-7.2 7.2a2 2 0 0 1-2.8 0L3 13V3h10l7.6 7.6a2 2 0 0 1 0 2.8z"/>'
           '<circle cx="7.5" cy="7.5" r="1.5"/>',
    "help": '<circle cx="12" cy="12" r="9"/><path d="M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3"/>'
            '<path d="M12 17h.01"/>',
    "citation": '<path d="M7 7h4v4c0 3-2 5-4 6M15 7h4v4c0 3-2 5-4 6"/>',
    "unresolved": '<circle cx="12" cy="12" r="9"/><path d="M12 8v5M12 16h.01"/>',
}


# The stroke colour the files under resources/icons/ were drawn with (recoloured like
# `currentColor`, so they follow a dark palette too).
_FILE_STROKE = "#3b4252"


def _icon_file(name: str) -> Path:
    return package_data_dir("resources") / "icons" / f"{name}.svg"


@cache
def _file_svg(name: str) -> str:
    path = _icon_file(name)
    return path.read_text(encoding="utf-8") if path.is_file() else ""


def svg_text(name: str, colour: QColor) -> str:
    """The SVG of icon `name` drawn in `colour` (a note for a name that has none)."""
    if name not in ICONS and _file_svg(name):
        return _file_svg(name).replace(_FILE_STROKE, colour.name())
    body = ICONS.get(name, ICONS["note"])
    return _STROKE.format(body).replace("currentColor", colour.name())


class SvgIconEngine(QIconEngine):
    """Draws one icon from SVG at whatever size and scale Qt asks, in the palette's colour."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        # Drawn pixmaps by (width, height, colour): parsing and rendering the SVG on every
        # paint of every toolbar button and tab was a good part of a window repaint. The
        # colour is in the key, so a palette change (dark mode) draws afresh.
        # Images, not pixmaps: the engines live as long as the process (icon() is cached),
        # and a QPixmap must not outlive the application.
        self.drawn: dict[tuple[int, int, int], QImage] = {}

    @staticmethod
    def colour(mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        return palette.color(QPalette.ColorRole.Text)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        scale = painter.device().devicePixelRatioF() if painter.device() else 1.0
        painter.drawImage(rect, self.image(rect.size(), mode, scale))

    def _render(self, painter: QPainter, rect: QRect, colour: QColor) -> None:
        renderer = QSvgRenderer(QByteArray(svg_text(self.name, colour).encode()))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pm = QPixmap.fromImage(self.image(size, mode, scale))
        pm.setDevicePixelRatio(scale)
        return pm

    def image(self, size: QSize, mode: QIcon.Mode, scale: float) -> QImage:
        """The icon drawn at `size` x `scale` device pixels in `mode`'s colour (cached)."""
        colour = self.colour(mode)
        width, height = round(size.width() * scale), round(size.height() * scale)
        key = (width, height, colour.rgba())
        img = self.drawn.get(key)
        if img is None:
            img = QImage(max(1, width), max(1, height),
                         QImage.Format.Format_ARGB32_Premultiplied)
            img.fill(Qt.GlobalColor.transparent)
            painter = QPainter(img)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._render(painter, QRect(0, 0, img.width(), img.height()), colour)
            painter.end()
            if len(self.drawn) > 32:         # sizes and colours seen are few; bound it anyway
                self.drawn.clear()
            self.drawn[key] = img
        return img

    def clone(self) -> SvgIconEngine:
        return SvgIconEngine(self.name)

    def key(self) -> str:
        return "researchnb-svg"


@cache
def icon(name: str) -> QIcon:
    """The named icon (ICONS, or a file under resources/icons/), drawn at any size.

    A file drawn in colours of its own (the app's logo) is shown as drawn; "" or "_none"
    gives an empty icon (an action that shows its text alone); any other unknown name
    gets a note."""
    if not name or name == "_none":
        return QIcon()
    if name not in ICONS and _file_svg(name) and _FILE_STROKE not in _file_svg(name):
        return QIcon(str(_icon_file(name)))
    return QIcon(SvgIconEngine(name))


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the current (system) palette is a dark one: text lighter than the window."""
    palette = palette or QGuiApplication.palette()
    return (palette.color(QPalette.ColorRole.WindowText).lightness()
            > palette.color(QPalette.ColorRole.Window).lightness())


def accent() -> QColor:
    """Link colour that reads on the current background (the palette's own link colour)."""
    colour = QGuiApplication.palette().color(QPalette.ColorRole.Link)
    if is_dark() and colour.lightness() < 110:
        return QColor("#8ab4f8")
    return colour


def muted() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


def mark_colour() -> QColor:
    """Background of search matches, the same in the results and on the page: a cyan that
    stays distinct from the yellow and orange of excerpt highlights."""
    return QColor("#005f7a") if is_dark() else QColor("#9fe6ff")


def page_colours() -> dict[str, QColor]:
    """The document viewer's page: the surround it lies on, the sheet (paper stays white in
    a dark theme too: a PDF's ink is black), its edge and the shadow under it."""
    if is_dark():
        return {"surround": QColor("#3a3b3e"), "sheet": QColor("#ffffff"),
                "edge": QColor("#111214"), "shadow": QColor(0, 0, 0, 110)}
    return {"surround": QColor("#8a8b90"), "sheet": QColor("#ffffff"),
            "edge": QColor("#55575c"), "shadow": QColor(0, 0, 0, 70)}


# -- the theme: the system's, or light or dark whatever the system says --------------------

THEMES = ("system", "light", "dark")
THEME_SETTING = "appearance/theme"
_CHOICE = "researchnbTheme"          # QApplication properties: the theme in force,
_FOLLOWING = "researchnbFollowing"   # whether the system's scheme changes are followed,
_PLATFORM_STYLE = "researchnbStyle"  # and the platform's own style, for "system"


def theme_choice(app: QGuiApplication) -> str:
    """The theme in force in this application ("system" until one is chosen)."""
    value = app.property(_CHOICE)
    return str(value) if value in THEMES else "system"


def apply_theme(app: QGuiApplication, choice: str) -> str:
    """Use the system's colours ("system"), or light or dark ones whatever the system says.

    Light and dark are drawn by the Fusion style, which honours a palette on every platform;
    "system" gives back the platform's style and palette, and keeps following the system's
    scheme while the app runs (Qt ≥ 6.5 reports it in `styleHints().colorScheme()`).
    An unknown choice (a settings file edited by hand) is "system". Returns the choice
    applied."""
    from PySide6.QtWidgets import QApplication
    choice = choice if choice in THEMES else "system"
    if not isinstance(app, QApplication):
        return choice
    if app.property(_PLATFORM_STYLE) is None:
        app.setProperty(_PLATFORM_STYLE, app.style().name())
    app.setProperty(_CHOICE, choice)
    hints = app.styleHints()
    if not app.property(_FOLLOWING) and hasattr(hints, "colorScheme"):
        app.setProperty(_FOLLOWING, True)
        hints.colorSchemeChanged.connect(
            lambda _scheme: _apply_system(app) if theme_choice(app) == "system" else None)
    if choice == "system":
        _apply_system(app)
    else:
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if choice == "dark" else light_palette())
    return choice


def _apply_system(app: QGuiApplication) -> None:
    from PySide6.QtWidgets import QApplication
    if not isinstance(app, QApplication):
        return
    style = str(app.property(_PLATFORM_STYLE) or "")
    if style and app.style().name().casefold() != style.casefold():
        app.setStyle(style)
    app.setPalette(QPalette())          # an empty palette: the platform's own again
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None and scheme() == Qt.ColorScheme.Dark and not is_dark(app.palette()):
        # The system is dark but its style draws light: Fusion draws the dark palette.
        app.setStyle("Fusion")
        app.setPalette(dark_palette())


def follow_system(app: QGuiApplication) -> None:
    """Use the system's colour scheme (light or dark) and keep following it."""
    apply_theme(app, "system")


# -- colours that must stay readable in both themes -------------------------------------------

def luminance(colour: QColor) -> float:
    """The relative luminance of a colour (WCAG 2), 0 for black to 1 for white."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white); body text
    needs 4.5 for level AA."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def excerpt_colours(current: bool = False,
                    palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """(background, text) of an excerpt's words on the page text: amber in both themes,
    pale with black text on a light palette, deep with white text on a dark one, the
    current excerpt a stronger shade. Every pair passes WCAG AA (≥ 4.5:1)."""
    if is_dark(palette):
        return (QColor("#8a5a00"), QColor("#ffffff")) if current else \
            (QColor("#5e4300"), QColor("#fff4d6"))
    return (QColor("#ffaa28"), QColor("#000000")) if current else \
        (QColor("#ffd666"), QColor("#000000"))


def light_palette() -> QPalette:
    """The light palette of the Light theme (Fusion's colours, a blue selection)."""
    p = QPalette()
    window, base, text = QColor("#efefef"), QColor("#ffffff"), QColor("#1d1d1f")
    for role, colour in ((QPalette.ColorRole.Window, window),
                         (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base),
                         (QPalette.ColorRole.AlternateBase, QColor("#f5f5f5")),
                         (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Button, window),
                         (QPalette.ColorRole.ButtonText, text),
                         (QPalette.ColorRole.ToolTipBase, QColor("#ffffdc")),
                         (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.PlaceholderText, QColor("#6e6e73")),
                         (QPalette.ColorRole.Highlight, QColor("#2f65ca")),
                         (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
                         (QPalette.ColorRole.Link, QColor("#0b57d0"))):
        p.setColor(role, colour)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#a0a0a0"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#a0a0a0"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#a0a0a0"))
    return p


def dark_palette() -> QPalette:
    """A dark palette for platforms that report a dark scheme but do not supply one."""
    p = QPalette()
    window, base, text = QColor("#202124"), QColor("#17181a"), QColor("#e8eaed")
    for role, colour in ((QPalette.ColorRole.Window, window),
                         (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, base),
                         (QPalette.ColorRole.AlternateBase, QColor("#26272a")),
                         (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Button, QColor("#2b2c2f")),
                         (QPalette.ColorRole.ButtonText, text),
                         (QPalette.ColorRole.ToolTipBase, QColor("#2b2c2f")),
                         (QPalette.ColorRole.ToolTipText, text),
                         (QPalette.ColorRole.PlaceholderText, QColor("#9aa0a6")),
                         (QPalette.ColorRole.Highlight, QColor("#3d6fb6")),
                         (QPalette.ColorRole.HighlightedText, QColor("#ffffff")),
                         (QPalette.ColorRole.Link, QColor("#8ab4f8"))):
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6e72"))
    return p


def theme_menu(parent: QWidget, settings: QSettings,
               changed: Callable[[str], object] | None = None) -> QMenu:
    """View › Theme: System, Light, Dark (one checked), the choice kept in `settings` under
    THEME_SETTING; `changed(choice)` after one is applied."""
    menu = QMenu(QCoreApplication.translate("theme", "&Theme"), parent)
    menu.setObjectName("themeMenu")
    group = QActionGroup(menu)
    group.setExclusive(True)
    app = QGuiApplication.instance()
    current = theme_choice(app) if isinstance(app, QGuiApplication) else "system"
    names = {"system": QCoreApplication.translate("theme", "&System"),
             "light": QCoreApplication.translate("theme", "&Light"),
             "dark": QCoreApplication.translate("theme", "&Dark")}
    for choice in THEMES:
        act = QAction(names[choice], menu)
        act.setObjectName(f"theme-{choice}")
        act.setCheckable(True)
        act.setChecked(choice == current)
        act.setData(choice)
        group.addAction(act)
        menu.addAction(act)

    def chosen(act: QAction) -> None:
        choice = str(act.data())
        if isinstance(app, QGuiApplication):
            apply_theme(app, choice)
        settings.setValue(THEME_SETTING, choice)
        if changed is not None:
            changed(choice)

    group.triggered.connect(chosen)
    return menu
