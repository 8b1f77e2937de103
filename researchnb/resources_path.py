"""Where the files shipped with the program (migrations, icons, demo notebook) are.

In a wheel, `db/` and `resources/` are installed inside the package (setup.cfg maps them);
in a source checkout they sit beside the package folder.
"""

from __future__ import annotations

from pathlib import Path


def package_data_dir(name: str) -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"researchnb is installed without its {name}/ folder")
