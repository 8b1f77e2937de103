"""Hostile archives (issue 15, findings 3 and 10): bombs and forged rows are refused with a
message naming the member and row, and nothing is created. Memory is measured by
`scripts/bench/bombs.py`, never here."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from researchnb.domain import UserError
from researchnb.notebook import Notebook
from researchnb.notebook import restore as restore_mod

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import attack_inputs  # noqa: E402


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return attack_inputs.base_archive(tmp_path_factory.mktemp("base") / "base.zip")


def _refused(archive: Path, tmp_path: Path, match: str) -> str:
    target = tmp_path / "r.rnb"
    with pytest.raises(UserError, match=match) as err:
        Notebook.restore_archive(archive, target)
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if "restoring" in p.name] == []
    assert "nothing was restored" in str(err.value)
    return str(err.value)


def test_the_base_archive_restores(base, tmp_path):
    assert Notebook.restore_archive(base, tmp_path / "ok.rnb")["check"]["ok"]


def test_a_manifest_bomb_is_refused_before_it_is_read(base, tmp_path):
    bomb = attack_inputs.manifest_bomb(base, tmp_path / "m.zip", 40 << 20)
    assert bomb.stat().st_size < 1 << 20
    _refused(bomb, tmp_path, r"manifest.*larger than 16 MB")


def test_a_manifest_of_tiny_containers_is_refused(base, tmp_path):
    flood = attack_inputs.forge(base, tmp_path / "f.zip", {}, raw_manifest=lambda: [
        b'{"format": "researchnb-archive", "schema_version": 1, "members": {}, "x": [',
        b"[]," * 100_000, b"[]]}"])
    _refused(flood, tmp_path, "manifest")


def test_a_table_row_over_the_cap_is_refused(base, tmp_path, monkeypatch):
    monkeypatch.setattr(restore_mod, "ROW_CAP", 1 << 20)
    monkeypatch.setattr(restore_mod, "WHOLE_TABLE_CAP", 1 << 20)
    bomb = attack_inputs.table_bomb(base, tmp_path / "t.zip", 3 << 20)
    msg = _refused(bomb, tmp_path, r"tables/notes\.json")
    assert "larger than 1 MB" in msg


def test_the_default_row_cap_refuses_a_large_row(base, tmp_path):
    bomb = attack_inputs.nested_row_bomb(base, tmp_path / "n.zip", 20 << 20)
    _refused(bomb, tmp_path, r"tables/notes\.json row 1 is larger than 16 MB")
    flood = attack_inputs.nested_row_bomb(base, tmp_path / "f.zip", 15 << 20)
    _refused(flood, tmp_path, r"tables/notes\.json row 1 is not a row of values")


def test_originals_no_record_uses_are_refused(base, tmp_path):
    bomb = attack_inputs.unused_files_bomb(base, tmp_path / "u.zip", 3, 1 << 20)
    msg = _refused(bomb, tmp_path, "3 original files that no document uses")
    assert "files/" in msg


def test_an_archive_too_big_for_the_disk_is_refused(base, tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 1000))
    _refused(base, tmp_path, "needs .* MB and only")


def test_a_member_whose_zip_size_differs_from_the_manifest_is_refused(base, tmp_path):
    def shrink(meta):
        meta["members"]["tables/notes.json"]["size"] -= 1
        return meta
    bad = attack_inputs.forge(base, tmp_path / "s.zip", {}, manifest=shrink)
    _refused(bad, tmp_path, r"tables/notes\.json \(its size differs")


@pytest.mark.parametrize(("row", "says"), [
    ('[9, "x", {"$base64": "not base64!"}]', "row 2 holds a value that cannot be decoded"),
    ('[9, "x", {"$base64": 12}]', "row 2 holds a value that cannot be decoded"),
    ('[9, "x", {"$float": "nan"}]', "row 2: unknown value"),
    ('[9, "x", ["nested"]]', "row 2: a list where"),
    ('{"id": 9}', r"row 2 is not a list of 3 values"),
    ("[9]", r"row 2 is not a list of 3 values"),
    (f'[{2 ** 70}, "big", ""]', "row 2 holds a number too large for SQLite"),
    ('[9, "\\ud800", ""]', "row 2 holds text that is not valid Unicode"),
    ('[9, NaN, ""]', "row 2 is not valid JSON"),
    ("[9, ", "row 2 is not valid JSON"),
])
def test_forged_rows_are_named_never_a_traceback(base, tmp_path, row, says):
    bad = attack_inputs.forged_row(base, tmp_path / "r.zip", "tags", row)
    msg = _refused(bad, tmp_path, f"tables/tags\\.json {says}")
    assert f"The archive {bad} is damaged: tables/tags.json row 2" in msg
