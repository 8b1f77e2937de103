"""A guard against a reference-counting fault in PySide6 6.12 on Python 3.11.

Measured here: every call of a Qt method that returns nothing (`setText`, `setPen`,
`setValue`…) takes one reference from `None` (and a bool result from `True`/`False`) without
having given it one. From Python 3.12 on
`None` is immortal (PEP 683) and this is harmless; on 3.11 the count falls with each call, and
after a few tens of thousands of calls Python aborts with "none_dealloc: deallocating None"
(a test run or an hour in the app is enough). The guard gives `None` the immortality it has on
3.12: its reference count is raised by 2**60 once, before any widget exists, so the missing
references can never bring it to zero. Remove this module once the project requires
Python >= 3.12 or a PySide6 without the fault.
"""

from __future__ import annotations

import ctypes
import sys

AFFECTED = sys.implementation.name == "cpython" and sys.version_info < (3, 12)
_BOOST = 2 ** 60
# Signals' emit() and other bool-returning calls lose references to True/False the same way.
SINGLETONS = (None, True, False, Ellipsis, NotImplemented)
_done = False


def make_none_immortal() -> None:
    """Raise the singletons' reference counts far from zero (once per process, CPython < 3.12
    only)."""
    global _done
    if not AFFECTED or _done:
        return
    # ob_refcnt is the first field of every object in a CPython 3.11 release build.
    for singleton in SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(singleton))
        count.value += _BOOST
    _done = True
