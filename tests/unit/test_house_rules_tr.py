"""House rule (DESIGN §3, §11): every string the app shows goes through Qt's translation.

`violations_of_untranslated_strings(root)` reads researchnb/ui/**/*.py with `ast` and reports
each string literal (or f-string) holding a letter that is passed straight as the text of a Qt
call that shows text: `label.setText("Saved")`, `QPushButton("OK")`,
`QMessageBox.warning(self, "Title", f"{n} left")`. Wrapped text passes: `self.tr("Saved")`,
`QCoreApplication.translate("Ctx", "Saved")`, and `self.tr("{n} left").format(n=n)`.
Strings without a letter (`"…"`, `"%1 / %2"`, `" — "`) are not words to translate.
Object names, icon names, settings keys, SQL and regular expressions are not passed to these
calls, so they are never looked at.
"""

from __future__ import annotations

import ast
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "researchnb" / "ui"

# Calls whose text argument(s) the user sees: name -> positions of the text arguments.
# A position may hold an icon instead (`addAction(icon, text)`): the text then moves one on,
# so for the names in SHIFTED_BY_ICON the next position is checked as well.
TEXT_ARGS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setWindowTitle": (0,), "setToolTip": (0,), "setPlaceholderText": (0,),
    "setStatusTip": (0,), "setWhatsThis": (0,), "showMessage": (0,), "setTitle": (0,),
    "setInformativeText": (0,), "setLabelText": (0,), "setCancelButtonText": (0,),
    "setPrefix": (0,), "setSuffix": (0,), "setSpecialValueText": (0,),
    "addMenu": (0,), "addAction": (0,), "addItem": (0,), "addButton": (0,),
    "addSection": (0,), "addToolBar": (0,), "insertItem": (1,),
    "setItemText": (1,), "setTabText": (1,), "setTabToolTip": (1,), "addTab": (1,),
    "insertTab": (2,), "addRow": (0,),
    "QLabel": (0,), "QPushButton": (0,), "QToolButton": (0,), "QAction": (0,),
    "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,), "QMenu": (0,),
    "QToolBar": (0,), "QDockWidget": (0,), "QUndoCommand": (0,),
    "progress": (0,),       # Op(...).progress(label): the status bar shows the label
    "QCommandLinkButton": (0, 1), "QProgressDialog": (0, 1), "QMessageBox": (1, 2),
    "information": (1, 2), "warning": (1, 2), "critical": (1, 2), "question": (1, 2),
    "about": (1, 2), "getText": (1, 2), "getItem": (1, 2), "getInt": (1, 2),
    "getOpenFileName": (1,), "getOpenFileNames": (1,), "getSaveFileName": (1,),
    "getExistingDirectory": (1,),
}
SHIFTED_BY_ICON = {"addAction", "addMenu", "addItem", "addTab", "insertTab", "QPushButton",
                   "QAction", "QToolButton", "insertItem"}
LIST_ARGS = {"setHeaderLabels", "setHorizontalHeaderLabels", "setVerticalHeaderLabels",
             "addItems"}
TEXT_KEYWORDS = {"text", "title", "caption", "label", "toolTip", "placeholderText",
                 "statusTip", "windowTitle"}
# Methods whose first argument is a (str) key, not shown: `logger.warning("...")` is
# log text (DESIGN §3: logs are for the maintainer, in English).
NOT_QT_RECEIVERS = {"log", "logger", "LOG", "logging", "_log", "warnings"}
# Names are not translated: the product's name stands as it is in every language.
NAMES = ("researchnb",)


def _words(text: str) -> bool:
    """Whether text has a word to translate once markup (`<b>`, `&nbsp;`) and the product's
    name are taken out."""
    text = re.sub(r"<[^<>]*>|&#?\w+;", " ", text)
    text = re.sub(r"\b(?:" + "|".join(NAMES) + r")\b", " ", text)
    return any(ch.isalpha() for ch in text)


def _has_letters(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _words(node.value)
    if isinstance(node, ast.JoinedStr):    # the literal parts, a placeholder for each {...}
        return _words("".join(v.value if isinstance(v, ast.Constant) else "\x00"
                              for v in node.values))
    return False


def _plain_literals(node: ast.expr) -> Iterator[ast.expr]:
    """The untranslated literals a text argument is made of: the literal itself, either side
    of `+`/`%`, both branches of `a if c else b`, or a literal `.format()`ted / `.replace()`d
    (a translated string is a call to tr/translate and is not looked into)."""
    if _has_letters(node):
        yield node
    elif isinstance(node, ast.BinOp):
        yield from _plain_literals(node.left)
        yield from _plain_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _plain_literals(node.body)
        yield from _plain_literals(node.orelse)
    elif isinstance(node, ast.BoolOp):
        for v in node.values:
            yield from _plain_literals(v)
    elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
          and node.func.attr in {"format", "replace", "strip", "upper", "lower", "join"}):
        yield from _plain_literals(node.func.value)


def _looks_like_text(node: ast.expr) -> bool:
    """Whether an argument may be the text (not an icon): a literal, a tr() call, a name."""
    if isinstance(node, (ast.Constant, ast.JoinedStr, ast.BinOp, ast.IfExp)):
        return True
    if isinstance(node, ast.Call):
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        return name in {"tr", "translate", "_tr", "format", "replace"}
    return False


def _call_name(node: ast.Call) -> tuple[str, str]:
    """(name, receiver) of a call: `self.menu.addAction(...)` gives ("addAction", "menu")."""
    f = node.func
    if isinstance(f, ast.Name):
        return f.id, ""
    if isinstance(f, ast.Attribute):
        v = f.value
        receiver = v.id if isinstance(v, ast.Name) else v.attr if isinstance(v, ast.Attribute) \
            else ""
        return f.attr, receiver
    return "", ""


def _text_args(node: ast.Call, name: str) -> Iterator[ast.expr]:
    args = node.args
    for pos in TEXT_ARGS.get(name, ()):
        if pos >= len(args):
            continue
        if name in SHIFTED_BY_ICON and not _looks_like_text(args[pos]) and pos + 1 < len(args):
            pos += 1        # (icon, text, ...)
        yield args[pos]
    if name in LIST_ARGS and args and isinstance(args[0], (ast.List, ast.Tuple)):
        yield from args[0].elts
    if name in TEXT_ARGS or name in LIST_ARGS:
        yield from (k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)


def _super_inits(tree: ast.AST) -> dict[int, str]:
    """`super().__init__(...)` calls in subclasses of the Qt classes above, as the Qt class
    they construct: `class CitationMenu(QMenu)` ... `super().__init__("Copy", parent)`."""
    out: dict[int, str] = {}
    for cls in ast.walk(tree):
        if not isinstance(cls, ast.ClassDef):
            continue
        bases = [b.id if isinstance(b, ast.Name) else b.attr if isinstance(b, ast.Attribute)
                 else "" for b in cls.bases]
        qt = next((b for b in bases if b in TEXT_ARGS), None)
        if qt is None:
            continue
        for node in ast.walk(cls):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "__init__" and isinstance(node.func.value, ast.Call)
                    and isinstance(node.func.value.func, ast.Name)
                    and node.func.value.func.id == "super"):
                out[id(node)] = qt
    return out


def violations_in(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    inits = _super_inits(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, receiver = _call_name(node)
        name = inits.get(id(node), name)
        if receiver in NOT_QT_RECEIVERS:
            continue
        for arg in _text_args(node, name):
            for lit in _plain_literals(arg):
                text = ast.unparse(lit)
                found.append(f"{path.relative_to(root).as_posix()}:{lit.lineno}: {text}")
    return found


def violations_of_untranslated_strings(root: Path) -> list[str]:
    """One line per untranslated visible string under `root` ("library/x.py:12: 'Save'")."""
    out: list[str] = []
    for path in sorted(root.rglob("*.py")):
        out.extend(violations_in(path, root))
    return out


# -- tests --------------------------------------------------------------------------------------

def test_every_visible_string_in_the_ui_is_translated():
    found = violations_of_untranslated_strings(UI)
    assert found == [], "untranslated strings (wrap them in self.tr()):\n" + "\n".join(found)


PLANTED = '''\
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QWidget


class Form(QWidget):
    def build(self, n: int) -> None:
        self.setWindowTitle(self.tr("Sources"))
        QLabel(self.tr("Title:"), self)
        self.setToolTip(QCoreApplication.translate("Form", "Edit the source"))
        self.status.showMessage(self.tr("Wrote {n} sources.").format(n=n))
        self.setObjectName("sourceForm")
        self.box.addItem(self.tr("Book"), "book")
        self.setText("…")
        self.head.setHeaderLabels([self.tr("Name"), self.tr("Kind")])
        self.setWindowTitle("Sources")
        self.status.showMessage(f"Wrote {n} sources.")
        QMessageBox.warning(self, "Cannot save", self.tr("Disk full."))
        self.menu.addAction(self.icon, "Delete Source")
        self.head.setHeaderLabels([self.tr("Name"), "Kind"])
        self.hint.setText("Saved" if n else self.tr("Not saved"))


class StyleMenu(QMenu):
    def __init__(self, parent: QWidget) -> None:
        super().__init__("Copy citation", parent)


class Fine(QMenu):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Copy citation"), parent)
'''


def _ui_copy(tmp_path: Path) -> Path:
    root = tmp_path / "ui"
    shutil.copytree(UI, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def test_a_planted_untranslated_string_is_caught(tmp_path):
    root = _ui_copy(tmp_path)
    (root / "library" / "planted.py").write_text(PLANTED, encoding="utf-8")
    found = [v for v in violations_of_untranslated_strings(root)
             if v.startswith("library/planted.py")]
    assert found == [
        "library/planted.py:15: 'Sources'",
        "library/planted.py:16: f'Wrote {n} sources.'",
        "library/planted.py:17: 'Cannot save'",
        "library/planted.py:18: 'Delete Source'",
        "library/planted.py:19: 'Kind'",
        "library/planted.py:20: 'Saved'",
        "library/planted.py:25: 'Copy citation'",
    ]
