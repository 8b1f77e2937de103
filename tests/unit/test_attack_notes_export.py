"""A planted `.researchnb-export.json` (issue 15, finding 14) deletes nothing: only files
the previous export wrote, still holding what it wrote, right in the folder, are removed."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from researchnb.notes.export import MANIFEST

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import attack_inputs  # noqa: E402


def _export(nb, folder):
    return nb.notes.export_markdown(folder)


def test_a_planted_manifest_deletes_none_of_the_historians_files(nb, tmp_path):
    nb.notes.add("Shared", "text")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "thesis.md").write_text("my chapter")
    (folder / "data.csv").write_text("1,2")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep")
    (folder / "link.md").symlink_to(outside)
    attack_inputs.plant_export_manifest(folder, ["thesis.md", "data.csv", "link.md",
                                                 "../elsewhere.txt", str(outside)])
    _export(nb, folder)
    assert (folder / "thesis.md").read_text() == "my chapter"
    assert (folder / "data.csv").exists() and (folder / "link.md").is_symlink()
    assert outside.read_text() == "keep"


def test_a_forged_manifest_with_the_right_shape_deletes_only_matching_files(nb, tmp_path):
    nb.notes.add("Shared", "text")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "thesis.md").write_text("my chapter")
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("keep")
    forged = {"files": {"thesis.md": "0" * 64, "../elsewhere.txt": "0" * 64,
                        str(outside): "0" * 64}}
    (folder / MANIFEST).write_text(json.dumps(forged))
    _export(nb, folder)
    assert (folder / "thesis.md").exists() and outside.exists()


def test_a_stale_file_is_removed_only_while_it_holds_what_the_export_wrote(nb, tmp_path):
    a = nb.notes.add("First", "one").value
    b = nb.notes.add("Second", "two").value
    folder = tmp_path / "out"
    _export(nb, folder)
    manifest = json.loads((folder / MANIFEST).read_text())
    first = next(n for n in manifest["files"] if n.endswith(f"{a.key}.md"))
    second = next(n for n in manifest["files"] if n.endswith(f"{b.key}.md"))
    (folder / second).write_text((folder / second).read_text() + "\nmy own addition\n")
    nb.notes.edit(a.key, private=True)
    nb.notes.edit(b.key, private=True)
    _export(nb, folder)
    assert not (folder / first).exists()                      # unchanged since: removed
    assert "my own addition" in (folder / second).read_text()  # edited by hand: kept
    os.remove(folder / second)
