"""Every command that writes prints `changes` (what it created, updated, deleted) with --json,
beside the keys CLI.md promises."""

import pytest


@pytest.fixture
def nbp(cli, tmp_path):
    path = tmp_path / "c.rnb"
    assert cli("init", str(path)).code == 0
    return path


def run(cli, nbp, *args):
    r = cli(*args, "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert set(r.json["changes"]) == {"created", "updated", "deleted"}
    return r.json


def test_every_writing_command_prints_its_changes(cli, nbp, tmp_path):
    src = run(cli, nbp, "sources", "add", "--kind", "archival", "--title", "Minutes, 1922",
              "--citekey", "minutes1922")
    assert {"key", "citekey"} <= set(src)
    assert src["changes"]["created"] == {"source": [src["key"]]}
    edited = run(cli, nbp, "sources", "edit", src["key"], "--date", "1922")
    assert edited["changes"]["updated"] == {"source": [src["key"]]}

    text = tmp_path / "protocol.txt"
    text.write_text("Protocol of the meeting of the cell bureau.\n", encoding="utf-8")
    imported = run(cli, nbp, "import", str(text), "--source", src["key"])
    doc = imported["imported"][0]["document"]
    assert doc in imported["changes"]["created"]["document"]

    ex = run(cli, nbp, "excerpts", "add", "--document", doc, "--page", "1",
             "--quote", "cell bureau", "--tag", "party")
    assert {"key", "quote", "locator"} <= set(ex)
    assert ex["changes"]["created"]["excerpt"] == [ex["key"]]
    assert run(cli, nbp, "excerpts", "edit", ex["key"], "--comment", "!")["changes"][
        "updated"]["excerpt"] == [ex["key"]]

    labelled = run(cli, nbp, "pages", "label", doc, "1", "12 ob.")
    assert labelled["locators_changed"] == [ex["key"]]
    assert ex["key"] in labelled["changes"]["updated"]["excerpt"]
    assert run(cli, nbp, "pages", "set-text", doc, "1", "--text",
               "Protocol of the meeting of the cell bureau, corrected.\n")["changes"]["updated"]

    tagged = run(cli, nbp, "tags", "add", src["key"], "archive/moscow")
    assert tagged["added"] and tagged["changes"]["created"].get("tag")
    assert run(cli, nbp, "tags", "remove", src["key"], "archive/moscow")["removed"]
    assert run(cli, nbp, "tags", "rename", "party", "party-life")["renamed"] == 1

    note = run(cli, nbp, "notes", "add", "--title", "Cells", "--body", "[@minutes1922]")
    assert {"key", "title", "unresolved"} <= set(note)
    assert note["changes"]["created"]["note"] == [note["key"]]
    assert run(cli, nbp, "notes", "edit", note["key"], "--body", "more")["changes"][
        "updated"]["note"] == [note["key"]]
    assert run(cli, nbp, "notes", "restore", note["key"], "1")["changes"]["updated"]

    for group, key in (("notes", note["key"]), ("excerpts", ex["key"]),
                       ("sources", src["key"])):
        gone = run(cli, nbp, group, "delete", key)
        assert gone["key"] == key and gone["deleted"] is True
        assert key in [k for keys in gone["changes"]["deleted"].values() for k in keys]
    back = run(cli, nbp, "notes", "restore", note["key"])
    assert back["changes"]["created"]["note"] == [note["key"]]
    assert run(cli, nbp, "excerpts", "restore", ex["key"])["changes"]["created"][
        "excerpt"] == [ex["key"]]


def test_a_reference_export_to_a_file_is_written_whole(cli, nbp, tmp_path):
    run(cli, nbp, "sources", "add", "--kind", "book", "--title", "Cells", "--citekey", "cells")
    target = tmp_path / "refs.bib"
    r = cli("export", "bibtex", "-o", str(target), "--sources", "CELLS", "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert r.json == {"format": "bibtex", "sources": 1, "file": str(target)}
    assert "@book{cells," in target.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".refs.bib")] == []
    folder = tmp_path / "a-folder"
    folder.mkdir()
    r = cli("export", "bibtex", "-o", str(folder), notebook=nbp)
    assert r.code == 1 and "is a folder" in r.err
