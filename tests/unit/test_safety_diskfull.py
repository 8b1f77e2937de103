"""A database that cannot grow (SQLite's max_page_count stands in for a full disk)."""

from __future__ import annotations

import pytest

from researchnb.domain import Source, UserError
from researchnb.notebook import Notebook


def _cap(nb: Notebook, extra_pages: int = 2) -> None:
    """Let the database grow by only a few pages, as when the disk is nearly full."""
    used = nb.conn.execute("PRAGMA page_count").fetchone()[0]
    nb.conn.execute(f"PRAGMA max_page_count = {used + extra_pages}")


def _uncap(nb: Notebook) -> None:
    nb.conn.execute("PRAGMA max_page_count = 1073741823")


def test_full_database_refuses_the_write_and_keeps_everything(nb, fixture_file):
    kept = nb.sources.add(Source(kind="book", title="Kept")).value
    note = nb.notes.add("Draft", "first words").value
    before = nb.info()
    _cap(nb)
    with pytest.raises(UserError, match="disk is full; nothing was changed"):
        nb.sources.add(Source(kind="book", title="x" * 200_000))
    with pytest.raises(UserError, match="disk is full"):
        nb.notes.edit(note.key, body="second words " * 20_000)
    result = nb.documents.import_files([fixture_file("letters.ru.txt")]).value
    assert result.imported == [] and len(result.failed) == 1
    assert "full" in result.failed[0].error
    _uncap(nb)
    assert nb.info() == before
    assert nb.notes.get(note.key).body == "first words"
    assert nb.sources.get(kept.key).title == "Kept"
    assert nb.check() == {"ok": True, "problems": []}
    assert [p for p in nb.files.root.rglob("*") if p.is_file()] == []
    # with room again, the very same work goes through
    assert nb.documents.import_files([fixture_file("letters.ru.txt")]).value.imported
    assert nb.check()["ok"]


def test_backup_and_archive_on_a_full_disk_say_so(nb, tmp_path, monkeypatch):
    import errno
    import shutil
    nb.sources.add(Source(kind="book", title="Kept"))

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(shutil, "copyfileobj", no_space)
    out = tmp_path / "a.zip"
    import zipfile
    monkeypatch.setattr(zipfile.ZipFile, "writestr", no_space)
    with pytest.raises(UserError, match="not enough space"):
        nb.archive.export(out)
    assert not out.exists()
    assert nb.check()["ok"]
