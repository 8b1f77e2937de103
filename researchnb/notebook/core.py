"""The open notebook itself: its folder, its connection, its files, and its writes.

Every area of the facade is given this object; it is the only thing they share.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..domain import Changes, NotebookUnavailable, NotFound
from ..files import FileStore
from ..store import changes as change_log
from ..store.connection import (
    Connection,
    DatabaseError,
    schema_version,
    transaction,
    translate_error,
)
from ..store.keys import kind_of_key

DB_NAME = "notebook.sqlite"


class Transaction:
    """One write in progress: `conn` to write with; `changes` once it has committed."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.changes: Changes[None] = Changes()

    def result(self, value: Any = None) -> Changes[Any]:
        """What this write changed, carrying `value` (what the operation made or found)."""
        return self.changes.having(value)


class Core:
    """A notebook folder opened: `path`, `conn`, `files`, `read_only`; `write()` for changes.

    Other programs may write the same notebook at once (the app and command lines): each
    write waits its turn through SQLite's locking. `external_commits` counts the commits of
    other connections this one has noticed (`PRAGMA data_version`): at the start of each of
    its own writes, and whenever `notice_external_commits()` asks.
    """

    def __init__(self, path: Path, conn: Connection, read_only: bool) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.files = FileStore(path / "files")
        # Why a notebook that was asked for writing opened read-only (for the app's banner).
        self.read_only_reason: str | None = None
        # Whether the change log is installed on `conn` (an opening step), so writes report.
        self.logs_changes = False
        self.external_commits = 0
        self._data_version: int | None = None

    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    @contextlib.contextmanager
    def write(self) -> Iterator[Transaction]:
        """One transaction for one user-visible change; refuses on a read-only notebook.

        Nested writes are savepoints of the outer one, whose `changes` include theirs.
        """
        if self.read_only:
            raise NotebookUnavailable("This notebook is open read-only; nothing was changed.")
        outer = not self.conn.in_transaction
        tx = Transaction(self.conn)
        try:
            with transaction(self.conn) as conn:
                if outer:
                    self._note_data_version()
                if outer and self.logs_changes:
                    change_log.clear(conn)
                yield tx
                if outer and self.logs_changes:
                    tx.changes = Changes.from_log(change_log.read(conn))
        except DatabaseError as exc:
            translated = translate_error(exc)
            if translated is exc:
                raise
            raise translated from exc

    def notice_external_commits(self) -> int:
        """How many times other connections (other programs, or other connections of this
        one) were found to have committed, asking SQLite now. Cheap: reads a counter."""
        if not self.conn.in_transaction:
            self._note_data_version()
        return self.external_commits

    def _note_data_version(self) -> None:
        version = int(self.conn.execute("PRAGMA data_version").fetchone()[0])
        if self._data_version is not None and version != self._data_version:
            self.external_commits += 1
        self._data_version = version

    def kind_of(self, key: str) -> tuple[str, int]:
        """Which kind of record holds `key` ('source', 'note'…) and its row id."""
        found = kind_of_key(self.conn, key.strip().upper())
        if found is None:
            raise NotFound(f"There is no record with the key {key}.")
        return found

    def close(self) -> None:
        with contextlib.suppress(DatabaseError):
            self.conn.close()
