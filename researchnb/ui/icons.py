"""Icons drawn for researchnb (SVG under resources/icons/), crisp at any screen scale."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ..resources_path import package_data_dir


@cache
def icon(name: str) -> QIcon:
    """The icon `name`.svg, or an empty icon (the action still shows its text)."""
    path = package_data_dir("resources") / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
