"""The migration runner: order, backups, rollback, and notebooks from the future."""

import shutil
from pathlib import Path

import pytest

from researchnb.domain import NotebookUnavailable, Source, UserError
from researchnb.notebook import Notebook
from researchnb.store.migrate import default_migrations_dir


def _migrations_with(tmp_path: Path, extra: dict[str, str]) -> Path:
    folder = tmp_path / "migrations"
    shutil.copytree(default_migrations_dir(), folder)
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def _next(n: int = 0) -> int:
    from researchnb.store.migrate import discover
    return len(discover(default_migrations_dir())) + 1 + n


def _notebook_with_data(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "old.rnb"
    with Notebook.create(path) as nb:
        key = nb.sources.add(Source(kind="book", title="Magnetic Mountain", date="1995")).value.key
        nb.tags.add(key, ["city/magnitogorsk"])
    return path, key


def test_pending_migrations_apply_in_order_after_a_backup(tmp_path):
    path, key = _notebook_with_data(tmp_path)
    v1, v2 = _next(), _next(1)
    folder = _migrations_with(tmp_path, {
        f"{v1:04d}_add_shelf.sql": "CREATE TABLE shelf (id INTEGER PRIMARY KEY, name TEXT);\n"
                                   "INSERT INTO shelf (name) VALUES ('first');",
        f"{v2:04d}_fill_shelf.sql": "INSERT INTO shelf (name) SELECT name || ' then second' "
                                    "FROM shelf;",
    })
    with Notebook.open(path, migrations_dir=folder) as nb:
        assert nb.schema_version == v2
        names = [r[0] for r in nb.conn.execute("SELECT name FROM shelf ORDER BY id")]
        assert names == ["first", "first then second"]      # second ran after the first
        assert nb.sources.get(key).title == "Magnetic Mountain"
        assert nb.tags.of(key) == ["city/magnitogorsk"]
    backups = list((path / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and f"before-schema-{v2}" in backups[0].name
    import sqlite3
    con = sqlite3.connect(backups[0])
    assert con.execute("PRAGMA user_version").fetchone()[0] == v1 - 1   # taken before
    assert con.execute("SELECT title FROM sources").fetchone()[0] == "Magnetic Mountain"
    con.close()


def test_a_failing_migration_is_rolled_back_whole(tmp_path):
    path, key = _notebook_with_data(tmp_path)
    before = _next() - 1
    folder = _migrations_with(tmp_path, {
        f"{_next():04d}_broken.sql": "CREATE TABLE half (id INTEGER);\n"
                                     "UPDATE sources SET title = 'changed';\n"
                                     "INSERT INTO no_such_table VALUES (1);",
    })
    with pytest.raises(UserError, match="left as it was"):
        Notebook.open(path, migrations_dir=folder)
    with Notebook.open(path) as nb:
        assert nb.schema_version == before
        assert nb.sources.get(key).title == "Magnetic Mountain"
        tables = {r[0] for r in nb.conn.execute("SELECT name FROM sqlite_master")}
        assert "half" not in tables


def test_a_notebook_from_the_future_is_refused_and_left_untouched(tmp_path):
    path, _ = _notebook_with_data(tmp_path)
    with Notebook.open(path) as nb:
        nb.conn.execute("PRAGMA user_version = 999")
    before = (path / "notebook.sqlite").read_bytes()
    backups = sorted((path / "backups").glob("*.sqlite"))   # the daily one may be there
    with pytest.raises(NotebookUnavailable, match="newer version of researchnb"):
        Notebook.open(path)
    assert (path / "notebook.sqlite").read_bytes() == before
    assert sorted((path / "backups").glob("*.sqlite")) == backups


def test_a_second_writer_opens_too_and_read_only_still_works(tmp_path):
    from researchnb.store.lock import ExclusiveLock
    path, key = _notebook_with_data(tmp_path)
    with Notebook.open(path) as first, Notebook.open(path) as second:
        first.tags.add(key, ["y"])
        second.tags.add(key, ["z"])
        with Notebook.open(path, read_only=True) as reader:
            assert set(reader.tags.of(key)) >= {"y", "z"}
            with pytest.raises(NotebookUnavailable, match="read-only"):
                reader.tags.add(key, ["x"])
        lock = ExclusiveLock(path)                  # ordinary opens hold no lock
        assert lock.try_acquire() is None
        lock.release()


def test_a_schema_update_has_the_notebook_to_itself_and_says_why(tmp_path, monkeypatch):
    from researchnb.notebook import facade
    from researchnb.store.lock import ExclusiveLock
    path, key = _notebook_with_data(tmp_path)
    folder = _migrations_with(tmp_path, {
        f"{_next():04d}_shelf.sql": "CREATE TABLE shelf (id INTEGER PRIMARY KEY);"})
    monkeypatch.setattr(facade, "WRITE_WAIT_S", 0.3)
    holder = ExclusiveLock(path)
    assert holder.try_acquire() is None        # another program restoring, say
    try:
        with pytest.raises(NotebookUnavailable, match="schema update, a restore"):
            Notebook.open(path, migrations_dir=folder)
        with Notebook.open(path) as plain:      # nothing to update: no lock needed
            assert plain.sources.get(key).title == "Magnetic Mountain"
    finally:
        holder.release()
    with Notebook.open(path, migrations_dir=folder) as nb:
        assert nb.schema_version == _next()
