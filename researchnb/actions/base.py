"""What every action mixin may rely on from Notebook (for type checkers and readers)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.connection import Connection

if TYPE_CHECKING:
    from ..files import FileStore
    from ..progress import Progress


class NotebookBase:
    path: Path
    conn: Connection
    files: FileStore
    read_only: bool
    defer_upkeep: bool = False

    def write(self) -> contextlib.AbstractContextManager[Connection]:  # pragma: no cover
        raise NotImplementedError

    # Hooks that area mixins extend. An override must call super() so every area runs.
    def _after_open(self, progress: Progress | None) -> None:
        """Bring derived data up to date right after opening (the search index, say)."""

    def upkeep(self) -> None:
        """Routine work that may take a while (the daily backup); run on open unless the
        caller deferred it to run in the background."""

    def _extra_checks(self) -> list[str]:
        """Problems only this area can see, for `researchnb check`."""
        return []

    def _kind_of(self, key: str) -> tuple[str, int]:
        from ..domain import NotFound
        from ..store.keys import kind_of_key
        found = kind_of_key(self.conn, key.strip().upper())
        if found is None:
            raise NotFound(f"There is no record with the key {key}.")
        return found
