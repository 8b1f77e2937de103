"""The desktop app (PySide6). Nothing outside this package imports Qt."""

from .refguard import make_none_immortal

make_none_immortal()   # before any widget exists; see refguard.py for why
