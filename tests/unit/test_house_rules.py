"""The architecture rules of DESIGN.md §3, enforced."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "researchnb"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules():
    return [p for p in PACKAGE.rglob("*.py")]


def test_nothing_outside_ui_imports_qt():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules()
                 if "PySide6" in _imports(p) and "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert offenders == []


def test_nothing_outside_store_imports_sqlite():
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules()
                 if {"sqlite3", "sqlite_utils"} & _imports(p)
                 and p.relative_to(PACKAGE).parts[0] != "store"]
    assert offenders == []


def test_no_network_modules_in_the_product():
    banned = {"socket", "requests", "httpx", "aiohttp", "urllib3", "http"}
    offenders = [str(p.relative_to(PACKAGE)) for p in _modules() if banned & _imports(p)]
    assert offenders == []


def test_the_rules_see_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sqlite3\nfrom PySide6.QtCore import QObject\n")
    assert {"sqlite3", "PySide6"} <= _imports(bad)
