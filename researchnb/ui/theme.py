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

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer

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

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            colour = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        elif mode == QIcon.Mode.Selected:
            colour = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            colour = palette.color(QPalette.ColorRole.Text)
        renderer = QSvgRenderer(QByteArray(svg_text(self.name, colour).encode()))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        pm = QPixmap(size * scale)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(0, 0, pm.width(), pm.height()), mode, state)
        painter.end()
        pm.setDevicePixelRatio(scale)
        return pm

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


def follow_system(app: QGuiApplication) -> None:
    """Use the system's colour scheme (light or dark) and keep following it.

    Qt ≥ 6.5 reports the scheme in `styleHints().colorScheme()`; the Fusion style draws the
    dark palette properly on every platform, so it is chosen when the system is dark and the
    platform style would ignore it.
    """
    hints = app.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is None:
        return
    def apply() -> None:
        if hints.colorScheme() == Qt.ColorScheme.Dark and not is_dark(app.palette()):
            from PySide6.QtWidgets import QApplication, QStyleFactory
            if isinstance(app, QApplication):
                app.setStyle(QStyleFactory.create("Fusion"))
                app.setPalette(dark_palette())
    apply()
    hints.colorSchemeChanged.connect(lambda _scheme: apply())


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
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6b6e72"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6b6e72"))
    return p
