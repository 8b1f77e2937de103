"""Several writers, one notebook (issue 15, finding 2): no lock on ordinary opens; a write
waits its turn (BEGIN IMMEDIATE, busy timeout, retry with back-off) and says "busy" only
after a bounded wait; the opening steps that write tolerate another program doing the same."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from researchnb.domain import NotebookUnavailable, Source
from researchnb.notebook import Notebook
from researchnb.store import connection
from researchnb.store.lock import ExclusiveLock


def _hold_write_lock(db, seconds: float) -> tuple[threading.Thread, threading.Event]:
    """Another program holding SQLite's write lock for `seconds`."""
    taken = threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        taken.set()
        time.sleep(seconds)
        conn.execute("COMMIT")
        conn.close()

    t = threading.Thread(target=hold)
    t.start()
    taken.wait(5)
    return t, taken


def test_a_write_waits_past_the_busy_timeout_for_its_turn(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    with Notebook.create(tmp_path / "n.rnb") as nb:
        t, _ = _hold_write_lock(nb.path / "notebook.sqlite", 1.0)
        start = time.monotonic()
        note = nb.notes.add("Waited", "for the other program").value
        waited = time.monotonic() - start
        t.join()
        assert nb.notes.get(note.key).title == "Waited"
        assert waited >= 0.5                        # it did wait, beyond one busy timeout


def test_a_write_gives_up_after_a_bounded_wait_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setattr(connection, "WRITE_WAIT_S", 0.6)
    with Notebook.create(tmp_path / "n.rnb") as nb:
        t, _ = _hold_write_lock(nb.path / "notebook.sqlite", 3.0)
        start = time.monotonic()
        with pytest.raises(NotebookUnavailable, match="busy in another program") as err:
            nb.notes.add("Refused", "")
        assert time.monotonic() - start < 2.5
        assert "read-only" not in str(err.value)     # no advice to use what does not exist
        t.join()
        assert nb.notes.all() == []
        nb.notes.add("Later", "")                    # and the next write goes through
        assert len(nb.notes.all()) == 1


class _BusyCommit:
    """A connection whose first COMMITs meet another program's lock (SQLITE_BUSY)."""

    def __init__(self, conn: sqlite3.Connection, refusals: int) -> None:
        self.conn, self.refusals = conn, refusals

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    def execute(self, sql: str, *args: object) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.refusals:
            self.refusals -= 1
            raise sqlite3.OperationalError("database is locked")
        return self.conn.execute(sql, *args)


def test_commit_meeting_busy_is_retried_not_lost(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    conn.execute("CREATE TABLE t (x)")
    flaky = _BusyCommit(conn, refusals=3)
    with connection.transaction(flaky):  # type: ignore[arg-type]
        flaky.execute("INSERT INTO t VALUES (1)")
    assert flaky.refusals == 0 and not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 1


def test_two_writable_notebooks_in_threads_lose_nothing(tmp_path):
    path = tmp_path / "n.rnb"
    Notebook.create(path).close()
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            with Notebook.open(path) as nb:
                for i in range(40):
                    nb.notes.add(f"writer {n} note {i}", "")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Notebook.open(path, read_only=True) as nb:
        assert len(nb.notes.all()) == 120


def test_citekeys_are_assigned_once_when_two_programs_open_at_once(tmp_path, monkeypatch):
    from researchnb.notebook import sources as sources_area
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        key = nb.sources.add(Source(kind="book", title="Magnetic Mountain", date="1995")
                             ).value.key
        first = nb.conn.execute("SELECT citekey FROM sources WHERE key = ?", (key,)
                                ).fetchone()[0]
    with Notebook.open(path) as nb:
        real = sources_area.store_citations.without_citekey
        calls = []

        def stale(conn: sqlite3.Connection) -> list[str]:
            calls.append(1)
            # What this program saw before another one assigned the key.
            return [key] if len(calls) == 1 else real(conn)

        monkeypatch.setattr(sources_area.store_citations, "without_citekey", stale)
        nb.sources.assign_missing_citekeys()
        assert nb.conn.execute("SELECT citekey FROM sources WHERE key = ?", (key,)
                               ).fetchone()[0] == first


def test_the_daily_backup_is_taken_once_by_whoever_holds_its_lock(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        nb.notes.add("Something worth keeping", "")
    for b in (path / "backups").glob("*.sqlite"):
        b.unlink()
    with Notebook.open(path, defer_upkeep=True) as nb:
        other = ExclusiveLock(path, "backup.lock")     # another program taking it now
        assert other.try_acquire() is None
        try:
            assert nb.backups.if_due() is None
        finally:
            other.release()
        assert nb.backups.all() == []
        assert nb.backups.if_due() is not None
        assert nb.backups.if_due() is None             # no longer due
        assert len(nb.backups.all()) == 1
