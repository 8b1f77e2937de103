"""Automatic backups on opening, rotation (7 daily, 4 weekly), listing and restoring."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from researchnb.domain import NotFound, Source, UserError
from researchnb.notebook import Notebook
from researchnb.notebook.backups import BackupInfo, backups_to_drop, parse_backup_name

T0 = datetime(2026, 3, 15, 9, 30, tzinfo=UTC)     # a Sunday


def _info(when: datetime, reason: str = "daily") -> BackupInfo:
    name = f"notebook-{when.strftime('%Y%m%d-%H%M%S-%f')}-{reason}.sqlite"
    return BackupInfo(name, Path(name), when, reason, 1)


def test_rotation_keeps_seven_days_and_four_weeks_and_never_manual_ones():
    daily = [_info(T0 - timedelta(days=d, hours=h)) for d in range(60) for h in (0, 5)]
    manual = [_info(T0 - timedelta(days=40), "manual"),
              _info(T0 - timedelta(days=50), "before-schema-3"),
              _info(T0 - timedelta(days=55), "before-restore")]
    dropped = {b.name for b in backups_to_drop(daily + manual)}
    kept = [b for b in daily if b.name not in dropped]
    kept_days = sorted({b.created.date() for b in kept}, reverse=True)
    assert kept_days[:7] == [(T0 - timedelta(days=d)).date() for d in range(7)]
    # the newest backup of each kept day survives
    assert all(b.created.hour == 9 for b in kept)
    older = kept_days[7:]
    assert len(older) == 4
    assert len({d.isocalendar()[:2] for d in older}) == 4
    assert all(d < (T0 - timedelta(days=6)).date() for d in older)
    assert not {b.name for b in manual} & dropped
    assert len(kept) == 11


def test_rotation_with_few_backups_drops_nothing():
    few = [_info(T0 - timedelta(days=d)) for d in (0, 3, 9)]
    assert backups_to_drop(few) == []


def test_backup_names_parse_and_reject_strangers():
    when, reason = parse_backup_name("notebook-20260315-093000-000123-daily.sqlite")
    assert when == T0.replace(microsecond=123) and reason == "daily"
    assert parse_backup_name("../../etc/passwd") is None
    assert parse_backup_name("notebook-x-daily.sqlite") is None


def _add(nb: Notebook, title: str) -> str:
    return nb.sources.add(Source(kind="book", title=title)).value.key


def _age_all(folder: Path, days: float) -> None:
    """Rename every backup as if taken `days` earlier (the stamp is in the name)."""
    for p in folder.iterdir():
        when, reason = parse_backup_name(p.name)
        older = when - timedelta(days=days)
        p.rename(p.with_name(f"notebook-{older.strftime('%Y%m%d-%H%M%S-%f')}-{reason}.sqlite"))


def test_opening_takes_a_daily_backup_only_when_the_last_is_a_day_old(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        assert nb.backups.all() == []          # nothing to keep in an empty notebook
        _add(nb, "Capital")
    with Notebook.open(path) as nb:
        first = nb.backups.all()
        assert [b.reason for b in first] == ["daily"]
    with Notebook.open(path) as nb:
        assert nb.backups.all() == first       # less than a day old: none taken
    _age_all(path / "backups", 1.5)
    with Notebook.open(path) as nb:
        backups = nb.backups.all()
        assert len(backups) == 2 and backups[0].created > first[0].created
    with Notebook.open(path, read_only=True) as nb:
        _age_all(path / "backups", 3)
        assert len(nb.backups.all()) == 2      # a read-only notebook never writes


def test_opening_rotates_old_daily_backups(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        _add(nb, "Capital")
        nb.backups.take(reason="manual")
    folder = path / "backups"
    src = next(folder.iterdir())
    for d in range(1, 41):
        when = datetime.now(UTC) - timedelta(days=d)
        os.link(src, folder / f"notebook-{when.strftime('%Y%m%d-%H%M%S-%f')}-daily.sqlite")
    with Notebook.open(path) as nb:
        reasons = [b.reason for b in nb.backups.all()]
    assert reasons.count("manual") == 1
    assert reasons.count("daily") == 7 + 4


def test_restore_backup_brings_back_the_old_state_and_keeps_the_current_one(nb):
    kept = _add(nb, "Kept")
    snap = nb.backups.take(reason="manual").name
    later = _add(nb, "Added later")
    note = nb.notes.add("Written later", "text").value
    result = nb.backups.restore(snap)
    assert [s.key for s in nb.sources.all()] == [kept]
    assert nb.notes.all() == []
    assert nb.check()["ok"]
    assert result["previous_state"].endswith("-before-restore.sqlite")
    # and the state before the restore can itself be brought back
    nb.backups.restore(result["previous_state"])
    assert {s.key for s in nb.sources.all()} == {kept, later}
    assert nb.notes.get(note.key).title == "Written later"
    reasons = [b.reason for b in nb.backups.all()]
    assert reasons.count("before-restore") == 2


def test_damaged_or_unknown_backup_is_refused_and_nothing_changes(nb):
    key = _add(nb, "Kept")
    with pytest.raises(NotFound):
        nb.backups.restore("notebook-20200101-000000-000000-daily.sqlite")
    with pytest.raises(NotFound):
        nb.backups.restore("../notebook.sqlite")
    bad = nb.path / "backups" / "notebook-20200101-000000-000000-daily.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = len(nb.backups.all())
    with pytest.raises(UserError, match="nothing was changed"):
        nb.backups.restore(bad.name)
    assert [s.key for s in nb.sources.all()] == [key]
    assert len(nb.backups.all()) == before       # no "before-restore" made for nothing


def test_restore_backup_is_refused_read_only(nb):
    _add(nb, "Kept")
    name = nb.backups.take().name
    path = nb.path
    nb.close()
    with Notebook.open(path, read_only=True) as ro:
        with pytest.raises(UserError, match="read-only"):
            ro.backups.restore(name)


def _damage(db: Path, offset: int, length: int = 4096) -> None:
    with open(db, "r+b") as f:
        f.seek(offset)
        f.write(os.urandom(length))


def test_a_notebook_too_damaged_to_open_gets_its_backup_back(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        key = _add(nb, "Kept")
        name = nb.backups.take(reason="manual").name
    _damage(path / "notebook.sqlite", 0, 100)             # the header is gone
    with pytest.raises(UserError, match="cannot be opened"):
        Notebook.open_for_user(path)
    result = Notebook.restore_backup_at(path, name)
    assert "damaged" in result["note"]
    with Notebook.open(path) as nb:
        assert [s.key for s in nb.sources.all()] == [key]
        assert nb.check()["ok"]
        damaged = [b for b in nb.backups.all() if b.reason == "damaged"]
        assert len(damaged) == 1 and damaged[0].size > 0     # kept, never deleted


def test_a_notebook_damaged_inside_is_restored_and_the_damage_kept(tmp_path):
    path = tmp_path / "n.rnb"
    with Notebook.create(path) as nb:
        key = _add(nb, "Kept")
        nb.notes.add("Long", "word " * 50_000)
        name = nb.backups.take(reason="manual").name
    size = (path / "notebook.sqlite").stat().st_size
    _damage(path / "notebook.sqlite", size // 2, 8192)
    result = Notebook.restore_backup_at(path, name)
    assert result["restored"] == name
    with Notebook.open(path) as nb:
        assert [s.key for s in nb.sources.all()] == [key]
        assert nb.check()["ok"]
