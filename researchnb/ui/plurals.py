"""Counted phrases ("1 source", "3 sources") through Qt's numerus translations.

English has its singular and plural as two source strings until the translations bring
numerus forms for English too; each is a numerus string (`%n`, `translate(..., n)`), so a
language with more forms (Russian: 1 источник, 3 источника, 5 источников) gets them all from
its .ts file. Never `f"{n} sources"`: that is how "1 sources" happened.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def counted(context: str, one: str, many: str, n: int) -> str:
    """`one` or `many` (each with `%n`) for `n`, translated in `context` with n's plural."""
    return QCoreApplication.translate(context, one if n == 1 else many, None, n)
