"""The architecture rules of DESIGN.md §3, enforced by reading the source with `ast`.

Each rule is a function `violations_of_<rule>(root)` over a package folder that returns one
line per offence ("store/x.py:3 imports researchnb.search.index"). Each is tested twice: the
real package has none, and a violation planted in a small fake package is caught (so a rule
that silently stopped seeing anything would fail). Imports are found wherever they are:
top level, inside functions, relative (`from ..search import index`) or absolute.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "researchnb"
MAX_LINES = 500

QT = ("PySide6", "shiboken6", "PySide2", "PyQt5", "PyQt6")
SQLITE = ("sqlite3", "sqlite_utils", "apsw")
# urllib.parse only splits strings (link schemes, file URLs); the rest of urllib fetches.
NETWORK = ("socket", "socketserver", "ssl", "http", "urllib", "urllib3", "requests", "httpx",
           "aiohttp", "ftplib", "smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc",
           "websocket", "websockets", "PySide6.QtWebSockets", "PySide6.QtWebEngineCore")
NETWORK_ALLOWED = ("urllib.parse",)
PLATFORM_ONLY = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "crypt",
                 "spwd", "nis", "syslog", "msvcrt", "winreg", "winsound", "_winapi")


# -- reading imports ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Import:
    path: Path       # the importing file, relative to the package folder
    line: int
    target: str      # absolute dotted name: "researchnb.search.index", "sqlite3.connect"
    guarded: bool    # under a platform check or a try/except ImportError

    def __str__(self) -> str:
        return f"{self.path.as_posix()}:{self.line} imports {self.target}"


def _is_platform_test(test: ast.expr) -> bool:
    for node in ast.walk(test):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in {("sys", "platform"), ("os", "name"),
                                              ("platform", "system")}:
                return True
    return False


def _catches_import_error(node: ast.Try) -> bool:
    names = set()
    for handler in node.handlers:
        if handler.type is None:
            return True
        for n in ast.walk(handler.type):
            if isinstance(n, ast.Name):
                names.add(n.id)
    return bool(names & {"ImportError", "ModuleNotFoundError", "Exception"})


def imports_in(path: Path, root: Path) -> list[Import]:
    rel = path.relative_to(root)
    package = [root.name, *rel.parts[:-1]]  # where the file's relative imports start
    found: list[Import] = []

    def record(node: ast.Import | ast.ImportFrom, guarded: bool) -> None:
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            targets = [f"{module}.{a.name}" if a.name != "*" else module for a in node.names]
        found.extend(Import(rel, node.lineno, t, guarded) for t in targets)

    def visit(node: ast.AST, guarded: bool) -> None:
        if isinstance(node, ast.Import | ast.ImportFrom):
            record(node, guarded)
        elif isinstance(node, ast.If):
            inner = guarded or _is_platform_test(node.test)
            for child in [*node.body, *node.orelse]:
                visit(child, inner)
        elif isinstance(node, ast.Try):
            for child in node.body:
                visit(child, guarded or _catches_import_error(node))
            for child in [*node.handlers, *node.orelse, *node.finalbody]:
                visit(child, guarded)
        else:
            for child in ast.iter_child_nodes(node):
                visit(child, guarded)

    visit(ast.parse(path.read_text(encoding="utf-8"), str(path)), False)
    return found


def _files(root: Path) -> Iterator[Path]:
    yield from sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _all_imports(root: Path) -> Iterator[Import]:
    for path in _files(root):
        yield from imports_in(path, root)


def _is(target: str, names: tuple[str, ...]) -> bool:
    return any(target == n or target.startswith(n + ".") for n in names)


def _area(rel: Path) -> str | None:
    """The top-level package or module of the package a file belongs to (None: __init__)."""
    first = rel.parts[0]
    if len(rel.parts) == 1:
        return None if first == "__init__.py" else first.removesuffix(".py")
    return first


def _area_of_target(target: str, root: Path) -> str | None:
    parts = target.split(".")
    if parts[0] != root.name or len(parts) < 2:
        return None
    name = parts[1]
    if (root / name).is_dir() or (root / f"{name}.py").is_file():
        return name
    return None  # an attribute of the package's __init__ (__version__)


def _imports_of_area(root: Path, area: str, targets: tuple[str, ...]) -> list[str]:
    return [str(i) for i in _all_imports(root)
            if _area(i.path) == area and _is(i.target, targets)]


# -- the rules ----------------------------------------------------------------------------------

def violations_of_qt_outside_ui(root: Path) -> list[str]:
    """Nothing outside ui/ imports Qt, not even QtCore."""
    return [str(i) for i in _all_imports(root) if _area(i.path) != "ui" and _is(i.target, QT)]


def violations_of_sqlite_outside_store(root: Path) -> list[str]:
    """Only store/ talks to SQLite."""
    return [str(i) for i in _all_imports(root)
            if _area(i.path) != "store" and _is(i.target, SQLITE)]


def violations_of_store_independence(root: Path) -> list[str]:
    """store/ imports neither search/ nor notebook/ (search registers through a hook)."""
    return _imports_of_area(root, "store", (f"{root.name}.search", f"{root.name}.notebook"))


def violations_of_cli_without_ui(root: Path) -> list[str]:
    """cli/ never imports ui/: the launcher chooses between them."""
    return _imports_of_area(root, "cli", (f"{root.name}.ui",))


def violations_of_no_network(root: Path) -> list[str]:
    """researchnb works offline: no module that talks to the network."""
    return [str(i) for i in _all_imports(root)
            if _is(i.target, NETWORK) and not _is(i.target, NETWORK_ALLOWED)]


def violations_of_module_size(root: Path) -> list[str]:
    """A module fits in one head: at most MAX_LINES lines."""
    out = []
    for path in _files(root):
        n = len(path.read_text(encoding="utf-8").splitlines())
        if n > MAX_LINES:
            out.append(f"{path.relative_to(root).as_posix()} has {n} lines (> {MAX_LINES})")
    return out


def violations_of_portability(root: Path) -> list[str]:
    """No POSIX- (or Windows-) only module unless under a platform check or try/ImportError."""
    return [str(i) for i in _all_imports(root)
            if _is(i.target, PLATFORM_ONLY) and not i.guarded]


def violations_of_import_cycles(root: Path) -> list[str]:
    """No cycle between the top-level packages and modules (function-level imports count)."""
    edges: dict[str, dict[str, Import]] = {}
    for imp in _all_imports(root):
        source, dest = _area(imp.path), _area_of_target(imp.target, root)
        if source and dest and source != dest:
            edges.setdefault(source, {}).setdefault(dest, imp)
    out = []
    for component in _strongly_connected(edges):
        if len(component) > 1:
            cycle = _cycle_through(sorted(component)[0], component, edges)
            steps = "; ".join(str(edges[a][b]) for a, b in zip(cycle, cycle[1:], strict=False))
            out.append(f"cycle {' -> '.join(cycle)}: {steps}")
    return out


def _strongly_connected(edges: dict[str, dict[str, Import]]) -> list[set[str]]:
    """Tarjan's algorithm over the package graph."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, {}):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            result.append(component)

    for v in sorted(set(edges) | {w for ws in edges.values() for w in ws}):
        if v not in index:
            connect(v)
    return result


def _cycle_through(start: str, component: set[str],
                   edges: dict[str, dict[str, Import]]) -> list[str]:
    """The shortest path start -> ... -> start inside one strongly connected component."""
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(edges.get(v, {})):
                if w == start:
                    return [*paths[v], start]
                if w in component and w not in paths:
                    paths[w] = [*paths[v], w]
                    nxt.append(w)
        frontier = nxt
    raise AssertionError("a strongly connected component without a cycle")


RULES: dict[str, Callable[[Path], list[str]]] = {
    "qt_outside_ui": violations_of_qt_outside_ui,
    "sqlite_outside_store": violations_of_sqlite_outside_store,
    "store_independence": violations_of_store_independence,
    "cli_without_ui": violations_of_cli_without_ui,
    "import_cycles": violations_of_import_cycles,
    "no_network": violations_of_no_network,
    "module_size": violations_of_module_size,
    "portability": violations_of_portability,
}


# -- the real package ---------------------------------------------------------------------------

def _report(found: list[str]) -> str:
    return "\n".join(found)


def test_nothing_outside_ui_imports_qt():
    found = violations_of_qt_outside_ui(PACKAGE)
    assert found == [], _report(found)


def test_nothing_outside_store_imports_sqlite():
    found = violations_of_sqlite_outside_store(PACKAGE)
    assert found == [], _report(found)


def test_store_imports_neither_search_nor_notebook():
    found = violations_of_store_independence(PACKAGE)
    assert found == [], _report(found)


def test_cli_never_imports_ui():
    found = violations_of_cli_without_ui(PACKAGE)
    assert found == [], _report(found)


def test_no_import_cycle_between_packages():
    found = violations_of_import_cycles(PACKAGE)
    assert found == [], _report(found)


def test_no_network_modules_in_the_product():
    found = violations_of_no_network(PACKAGE)
    assert found == [], _report(found)


def test_no_module_is_longer_than_500_lines():
    found = violations_of_module_size(PACKAGE)
    assert found == [], _report(found)


def test_no_platform_only_module_without_a_platform_check():
    found = violations_of_portability(PACKAGE)
    assert found == [], _report(found)


# -- each rule sees a violation planted in a small fake package ---------------------------------

FAKE = {
    "__init__.py": '__version__ = "0"\n',
    "domain.py": "class UserError(Exception):\n    pass\n",
    "launcher.py": "def main():\n    from . import cli\n    from .ui import app\n",
    "store/__init__.py": "import sqlite3\n\nfrom ..domain import UserError\n",
    "store/lock.py": ("import sys\n\nif sys.platform == 'win32':\n    import msvcrt\nelse:\n"
                      "    import fcntl\n"),
    "search/__init__.py": "from .. import store\nfrom ..store import lock\n",
    "notebook/__init__.py": "from ..search import store\nfrom ..domain import UserError\n",
    "cli/__init__.py": "from ..notebook import Notebook\nfrom urllib.parse import quote\n",
    "ui/__init__.py": "from PySide6.QtCore import QObject\n",
    "ui/app.py": "from PySide6.QtWidgets import QApplication\nfrom ..notebook import x\n",
}


def _fake_package(tmp_path: Path) -> Path:
    root = tmp_path / "researchnb"
    for rel, text in FAKE.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


PLANTS = [
    ("qt_outside_ui", "domain.py", "from PySide6.QtCore import QObject\n",
     "domain.py:3 imports PySide6.QtCore.QObject"),
    ("qt_outside_ui", "store/model.py", "def f():\n    import PySide6\n",
     "store/model.py:2 imports PySide6"),
    ("sqlite_outside_store", "notebook/raw.py", "import sqlite_utils\n",
     "notebook/raw.py:1 imports sqlite_utils"),
    ("store_independence", "store/notes.py", "def f():\n    from .. import search\n",
     "store/notes.py:2 imports researchnb.search"),
    ("store_independence", "store/index.py", "from researchnb.notebook.core import Notebook\n",
     "store/index.py:1 imports researchnb.notebook.core.Notebook"),
    ("cli_without_ui", "cli/gui.py", "def run():\n    from ..ui.app import run\n",
     "cli/gui.py:2 imports researchnb.ui.app.run"),
    ("import_cycles", "domain.py", "def f():\n    from .notebook import Notebook\n",
     "cycle domain -> notebook -> domain"),
    ("no_network", "search/fetch.py", "from urllib.request import urlopen\n",
     "search/fetch.py:1 imports urllib.request.urlopen"),
    ("no_network", "notebook/sync.py", "import socket\n", "notebook/sync.py:1 imports socket"),
    ("module_size", "notebook/big.py", "x = 1\n" * (MAX_LINES + 1),
     f"notebook/big.py has {MAX_LINES + 1} lines"),
    ("portability", "store/owner.py", "import pwd\n", "store/owner.py:1 imports pwd"),
]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_the_fake_package_obeys_every_rule(tmp_path, rule):
    assert RULES[rule](_fake_package(tmp_path)) == []


@pytest.mark.parametrize(("rule", "rel", "text", "expected"), PLANTS,
                         ids=[f"{p[0]}-{p[1]}" for p in PLANTS])
def test_a_planted_violation_is_caught(tmp_path, rule, rel, text, expected):
    root = _fake_package(tmp_path)
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(path.read_text(encoding="utf-8") + text if path.exists() else text,
                    encoding="utf-8")
    found = RULES[rule](root)
    assert any(expected in line for line in found), _report(found)


def test_a_platform_only_module_under_a_try_import_error_is_allowed(tmp_path):
    root = _fake_package(tmp_path)
    (root / "store" / "term.py").write_text(
        "try:\n    import termios\nexcept ImportError:\n    termios = None\n", encoding="utf-8")
    assert violations_of_portability(root) == []
