"""A damaged database gives a message naming the newest good backup (issue 15, finding 6);
files a kill leaves are reported by `check` and removed on a writable open only when stale
and unheld (finding 11)."""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from researchnb.domain import Source, UserError
from researchnb.notebook import Notebook, leftovers
from researchnb.store.lock import ExclusiveLock


def _damage_pages(db: Path, seed: int, pages: int = 20) -> None:
    size = db.stat().st_size
    rng = random.Random(seed)
    with open(db, "r+b") as f:
        for _ in range(pages):
            f.seek(rng.randrange(1, size // 4096) * 4096)
            f.write(rng.randbytes(4096))


@pytest.fixture
def damaged(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        for i in range(150):
            nb.sources.add(Source(kind="book", title=f"Book {i} " + "word " * 40))
            nb.notes.add(f"Note {i}", "body text " * 150)
        good = nb.backups.take(reason="manual").name
    # a newer backup that is itself damaged: never the one named
    bad = path / "backups" / "notebook-29990101-000000-000000-manual.sqlite"
    bad.write_bytes(b"not a database at all" * 300)
    _damage_pages(path / "notebook.sqlite", seed=1)
    return path, good


def test_a_damaged_database_gives_a_message_naming_the_newest_good_backup(damaged, cli):
    path, good = damaged
    for args in (["check"], ["search", "body"], ["info"], ["notes", "list"]):
        r = cli(*args, notebook=path)
        text = r.out + r.err
        assert r.code != 0, args
        assert "Traceback" not in text and "a bug" not in text, (args, text)
        assert "The notebook is damaged" in text and "researchnb backups restore" in text
        assert good in text and "29990101" not in text, (args, text)


def test_check_reports_damage_with_the_backup(damaged):
    path, good = damaged
    with Notebook.open_for_user(path) as nb:
        result = nb.check()
    assert not result["ok"]
    assert any("restore a backup" in p and good in p for p in result["problems"])


def test_a_database_that_is_not_one_names_the_backup_on_opening(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        nb.notes.add("Kept", "words")
        good = nb.backups.take(reason="manual").name
    with open(path / "notebook.sqlite", "r+b") as f:
        f.write(os.urandom(100))
    with pytest.raises(UserError, match="cannot be opened") as err:
        Notebook.open_for_user(path)
    assert "damaged" in str(err.value) and good in str(err.value)


def _age(p: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(p, (t, t))


def _plant(path: Path) -> dict[str, Path]:
    inc = path / "files" / "ab" / ".incoming-x1y2z3"
    inc.parent.mkdir(parents=True, exist_ok=True)
    inc.write_bytes(b"half")
    part = path / "backups" / "notebook-20240101-000000-000000-daily.sqlite.partial"
    part.write_bytes(b"half a backup")
    work = path.parent / f".{path.name}.restoring-abc123xy"
    work.mkdir()
    (work / "notebook.sqlite").write_bytes(b"half a notebook")
    other = path.parent / ".someone-else.rnb.restoring-abc123xy"
    other.mkdir()
    return {"incoming": inc, "partial": part, "restoring": work, "other": other}


def test_check_reports_leftovers_and_a_writable_open_removes_only_stale_ones(tmp_path):
    path = tmp_path / "n.rnb"
    Notebook.create(path).close()
    planted = _plant(path)
    for p in planted.values():
        _age(p, 3600)
    with Notebook.open(path, read_only=True) as ro:
        problems = "\n".join(ro.check()["problems"])
    assert all(str(planted[k]) in problems for k in ("incoming", "partial", "restoring"))
    assert planted["incoming"].exists() and planted["restoring"].exists()
    with Notebook.open(path) as nb:
        result = nb.check()
    assert result["ok"], result
    assert len(result.get("cleaned", [])) == 3
    assert not planted["incoming"].exists() and not planted["partial"].exists()
    assert not planted["restoring"].exists()
    assert planted["other"].exists()            # not this notebook's: never touched


def test_young_or_held_leftovers_are_kept(tmp_path):
    path = tmp_path / "n.rnb"
    Notebook.create(path).close()
    planted = _plant(path)
    _age(planted["restoring"], 3600)
    lock = ExclusiveLock(path.parent, leftovers.restoring_lock_name(planted["restoring"]))
    assert lock.try_acquire() is None           # a live restore holds it
    try:
        with Notebook.open(path) as nb:
            result = nb.check()
    finally:
        lock.release()
    assert all(p.exists() for p in planted.values())
    assert len(result.get("in_progress", [])) == 2      # young: maybe another program's work
    assert any(str(planted["restoring"]) in p for p in result["problems"])
