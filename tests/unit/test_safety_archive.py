"""The lossless archive: export, restore, export again gives the same JSON; damage refused."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest

from researchnb.domain import Creator, NotebookUnavailable, Source, UserError
from researchnb.notebook import Notebook


def _fill(nb: Notebook, fixture_file) -> dict[str, str]:
    """A notebook with a bit of everything a historian keeps."""
    src = nb.sources.add(Source(
        kind="archival", title="Протокол заседания ячейки АМО", archive_abbr="TsGAMO",
        fond="415", opis="16", delo="312", folio="12-14", date="1922-06",
        extra={"note": "ё and “quotes”"},
        creators=[Creator(family="Likhachev", given="Ivan"),
                  Creator(literal="Partiinaia iacheika AMO")])).value
    nb.tags.add(src.key, ["theme/labour", "place/Moscow"])
    result = nb.documents.import_files([fixture_file("report-1923.pdf"),
                                        fixture_file("biuro.cp1251.txt"),
                                        fixture_file("typed.png")], source_key=src.key).value
    assert not result.failed, result.failed
    doc = result.imported[0].document
    ex = nb.excerpts.add(doc, 1, start=0, end=19, comment="key passage", tags=["evidence"]).value
    public = nb.notes.add("Wages in 1922", f"See [the protocol](src:{src.key}) and "
                                          f"[the passage](ex:{ex.key}).").value
    private = nb.notes.add("Doubts", "Only for me: [[Wages in 1922]]", private=True).value
    nb.notes.edit(public.key, body=public.body + "\n\nSecond thought.")
    gone = nb.notes.add("Scratch", "to be trashed").value
    nb.notes.delete(gone.key)
    return {"source": src.key, "document": doc, "excerpt": ex.key, "public": public.key,
            "private": private.key, "trashed": gone.key}


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.fixture
def filled(nb, fixture_file):
    keys = _fill(nb, fixture_file)
    return nb, keys


def test_round_trip_is_lossless(filled, tmp_path):
    nb, keys = filled
    first = tmp_path / "first.zip"
    nb.archive.export(first)
    restored = Notebook.restore_archive(first, tmp_path / "restored.rnb")
    assert restored["check"] == {"ok": True, "problems": []}
    with Notebook.open(tmp_path / "restored.rnb") as nb2:
        second = tmp_path / "second.zip"
        nb2.archive.export(second)
        assert nb2.notes.get(keys["private"]).private is True
        assert "Second thought." in nb2.notes.get(keys["public"]).body
        assert nb2.notes.get(keys["trashed"], include_deleted=True).title == "Scratch"
        assert nb2.excerpts.get(keys["excerpt"]).comment == "key passage"
        assert nb2.sources.details(keys["source"])["fond"] == "415"
        assert nb2.check()["ok"]
        assert nb2.info() == {**nb.info(), "notebook": str(nb2.path)}
    a, b = _members(first), _members(second)
    json_members = sorted(n for n in a if n.endswith(".json"))
    assert "manifest.json" in json_members and "tables/notes.json" in json_members
    assert [n for n in json_members if a[n] != b.get(n)] == []
    assert sorted(a) == sorted(b)
    originals = [n for n in b if n.startswith("files/")]
    assert len(originals) == 3
    for n in originals:
        assert hashlib.sha256(b[n]).hexdigest() == n[len("files/"):].replace("/", "")


def test_archive_holds_every_table_private_notes_and_a_manifest(filled, tmp_path):
    nb, keys = filled
    out = tmp_path / "a.zip"
    nb.archive.export(out)
    m = _members(out)
    manifest = json.loads(m["manifest.json"])
    assert manifest["schema_version"] == nb.schema_version
    assert manifest["format"] == "researchnb-archive"
    tables = {n[len("tables/"):-len(".json")] for n in m if n.startswith("tables/")}
    assert {"sources", "source_creators", "documents", "document_files", "pages", "excerpts",
            "notes", "note_revisions", "links", "tags", "taggings", "used_keys",
            "meta"} <= tables
    for name, meta in manifest["members"].items():
        assert hashlib.sha256(m[name]).hexdigest() == meta["sha256"]
    private_md = m[f"notes/{keys['private']}.md"].decode()
    assert "private: true" in private_md and "Only for me" in private_md
    assert f"notes/{keys['trashed']}.md" not in m
    notes = json.loads(m["tables/notes.json"])
    assert any(keys["trashed"] in row for row in notes["rows"])


def _rewrite(src: Path, dest: Path, change) -> None:
    """Copy an archive member by member, letting `change(name, data)` alter or drop one."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info, data)


@pytest.fixture
def archive(filled, tmp_path):
    nb, keys = filled
    out = tmp_path / "good.zip"
    nb.archive.export(out)
    return out


def test_altered_member_is_refused_by_name(archive, tmp_path):
    bad = tmp_path / "bad.zip"
    _rewrite(archive, bad, lambda n, d: d.replace(b"Wages", b"Wagez") if n ==
             "tables/notes.json" else d)
    target = tmp_path / "r.rnb"
    with pytest.raises(UserError, match=r"tables/notes\.json") as err:
        Notebook.restore_archive(bad, target)
    assert "damaged" in str(err.value) and "tables/sources.json" not in str(err.value)
    assert not target.exists()
    assert [p for p in tmp_path.iterdir() if "restoring" in p.name] == []


def test_missing_and_unlisted_members_are_named(archive, tmp_path):
    bad = tmp_path / "bad.zip"

    def change(name, data):
        if name.startswith("files/"):
            return None
        return data
    _rewrite(archive, bad, change)
    with zipfile.ZipFile(bad, "a") as zf:
        zf.writestr("tables/evil.json", "{}")
    with pytest.raises(UserError) as err:
        Notebook.restore_archive(bad, tmp_path / "r.rnb")
    msg = str(err.value)
    assert "files/" in msg and "(missing)" in msg
    assert "tables/evil.json (not listed in the manifest)" in msg


def test_corrupted_bytes_inside_the_zip_are_refused(archive, tmp_path):
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("tables/pages.json")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 10
    for i in range(start, start + 40):
        raw[i] ^= 0xFF
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(raw))
    with pytest.raises(UserError, match=r"tables/pages\.json"):
        Notebook.restore_archive(bad, tmp_path / "r.rnb")
    assert not (tmp_path / "r.rnb").exists()


def test_not_an_archive_and_truncated_archive(archive, tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_text("not a zip")
    with pytest.raises(UserError, match="not a researchnb archive"):
        Notebook.restore_archive(junk, tmp_path / "r.rnb")
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(UserError):
        Notebook.restore_archive(cut, tmp_path / "r.rnb")
    assert not (tmp_path / "r.rnb").exists()


def test_archive_from_a_newer_researchnb_is_refused(archive, tmp_path):
    bad = tmp_path / "new.zip"

    def change(name, data):
        if name == "manifest.json":
            m = json.loads(data)
            m["schema_version"] = 999
            return json.dumps(m)
        return data
    _rewrite(archive, bad, change)
    with pytest.raises(NotebookUnavailable, match="newer"):
        Notebook.restore_archive(bad, tmp_path / "r.rnb")


def test_restore_never_overwrites_an_existing_notebook(archive, nb, tmp_path):
    with pytest.raises(UserError, match="not empty"):
        Notebook.restore_archive(archive, nb.path)
    empty = tmp_path / "empty.rnb"
    empty.mkdir()
    assert Notebook.restore_archive(archive, empty)["check"]["ok"]


def test_export_is_atomic_and_refuses_a_folder(nb, tmp_path, monkeypatch):
    with pytest.raises(UserError, match="folder"):
        nb.archive.export(tmp_path)
    target = tmp_path / "out.zip"
    target.write_bytes(b"an older archive")

    import errno
    import os

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(UserError, match="not enough space"):
        nb.archive.export(target)
    assert target.read_bytes() == b"an older archive"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".out")) == []


def test_an_archive_from_an_older_schema_is_restored_and_brought_up_to_date(tmp_path):
    import shutil

    from researchnb.store import migrate
    old = tmp_path / "migrations-1"
    old.mkdir()
    shutil.copy(migrate.default_migrations_dir() / "0001_initial.sql", old)
    with Notebook.create(tmp_path / "old.rnb", migrations_dir=old) as nb:
        assert nb.schema_version == 1
        key = nb.sources.add(Source(kind="book", title="Reminiscences of the Petrograd soviet")
                            ).value.key
        nb.archive.export(tmp_path / "old.zip")
    result = Notebook.restore_archive(tmp_path / "old.zip", tmp_path / "new.rnb")
    assert result["check"]["ok"], result["check"]
    with Notebook.open(tmp_path / "new.rnb") as nb:
        latest = migrate.discover(migrate.default_migrations_dir())[-1].version
        assert nb.schema_version == latest > 1
        assert nb.sources.get(key).title.startswith("Reminiscences")
        hits = nb.search.query("Petrograd")["hits"]
        assert [h["key"] for h in hits] == [key]


def test_an_altered_original_is_listed_not_archived_and_restore_says_so(filled, tmp_path):
    nb, keys = filled
    victim = sorted(p for p in nb.files.root.rglob("*") if p.is_file())[0]
    victim.chmod(0o644)
    victim.write_bytes(b"overwritten by some other program")
    digest = victim.parent.name + victim.name
    result = nb.archive.export(tmp_path / "a.zip")
    assert result["missing_files"] == [digest] and result["files"] == 2
    assert f"files/{digest[:2]}/{digest[2:]}" not in _members(tmp_path / "a.zip")
    restored = Notebook.restore_archive(tmp_path / "a.zip", tmp_path / "r.rnb")
    assert restored["missing_files"] == [digest]
    assert not restored["check"]["ok"]
    assert any(digest[:12] in p for p in restored["check"]["problems"])


def test_an_archive_without_one_of_its_tables_is_refused(archive, tmp_path):
    bad = tmp_path / "bad.zip"

    def change(name, data):
        if name == "tables/notes.json":
            return None
        if name == "manifest.json":
            m = json.loads(data)
            del m["members"]["tables/notes.json"]
            return json.dumps(m)
        return data
    _rewrite(archive, bad, change)
    with pytest.raises(UserError, match="notes are missing|notes.*missing"):
        Notebook.restore_archive(bad, tmp_path / "r.rnb")
    assert not (tmp_path / "r.rnb").exists()
