"""`researchnb notes …` and `export markdown` in a subprocess, per CLI.md."""

import json

import pytest

SECRET = "Agent-report-KX93-private-only"


@pytest.fixture
def nbp(cli, tmp_path):
    path = tmp_path / "n.rnb"
    assert cli("init", str(path)).code == 0
    return path


def add_source(cli, nbp):
    r = cli("sources", "add", "--kind", "archival", "--title", "Salary survey, 1924",
            "--archive", "Central State Archive of the City of Moscow",
            "--archive-abbr", "TsGAMO", "--fond", "415", "--opis", "16", "--delo", "312",
            "--citekey", "tsgamo_415_16_312", "--date", "1924", "--json", notebook=nbp)
    assert r.code == 0, r.err
    return r.json["key"]


def add_note(cli, nbp, title, body, *extra):
    r = cli("notes", "add", "--title", title, "--body", body, *extra, "--json", notebook=nbp)
    assert r.code == 0, r.err
    return r.json["key"]


def test_backlinks_follow_edits_through_the_cli(cli, nbp):
    src = add_source(cli, nbp)
    hub = add_note(cli, nbp, "Hub", "The central idea.")
    a = add_note(cli, nbp, "A", f"First line.\nSee [the survey](src:{src}).")
    b = add_note(cli, nbp, "B", f"[Hub](note:{hub}) and [@tsgamo_415_16_312, l. 12]")
    c = add_note(cli, nbp, "C", f"[s](src:{src}) [Hub](note:{hub})")

    r = cli("notes", "backlinks", src, "--json", notebook=nbp)
    assert r.code == 0 and sorted({x["note_key"] for x in r.json}) == sorted([a, b, c])
    line = next(x for x in r.json if x["note_key"] == a)
    assert line["line"] == 2 and line["context"] == f"See [the survey](src:{src})."
    text = cli("notes", "backlinks", hub, notebook=nbp).out
    assert f"{b}  B, line 1" in text and f"{c}  C, line 1" in text

    r = cli("notes", "edit", a, "--body", "First line.\nNo link now.", "--json", notebook=nbp)
    assert r.code == 0
    after = cli("notes", "backlinks", src, "--json", notebook=nbp).json
    assert sorted({x["note_key"] for x in after}) == sorted([b, c])


def test_show_prints_the_contract_shape(cli, nbp):
    target = add_note(cli, nbp, "Target", "x")
    key = add_note(cli, nbp, "Draft", "See [[Target]] and [[Nobody]].", "--tag", "draft")
    shown = cli("notes", "show", key, "--json", notebook=nbp).json
    assert {"key", "title", "body", "private", "links", "backlinks", "unresolved"} <= set(shown)
    assert shown["body"] == f"See [Target](note:{target}) and [[Nobody]]."
    assert shown["links"][0]["to_key"] == target and shown["tags"] == ["draft"]
    assert [u["to_key"] for u in shown["unresolved"]] == ["Nobody"]
    back = cli("notes", "show", target, "--json", notebook=nbp).json["backlinks"]
    assert [x["note_key"] for x in back] == [key]
    text = cli("notes", "show", key, notebook=nbp).out
    assert "Unresolved links:" in text and "Nobody" in text


def test_body_from_stdin_and_file(cli, nbp, tmp_path):
    r = cli("notes", "add", "--title", "From stdin", "--json", notebook=nbp,
            stdin="Протокол заседания ячейки\n")
    assert r.code == 0
    key = r.json["key"]
    shown = cli("notes", "show", key, "--json", notebook=nbp).json
    assert shown["body"] == "Протокол заседания ячейки\n"
    f = tmp_path / "body.md"
    f.write_text("# From a file\n", encoding="utf-8")
    r = cli("notes", "edit", key, "--body-file", str(f), notebook=nbp)
    assert r.code == 0 and r.out.startswith(f"Saved {key}")
    assert cli("notes", "show", key, "--json", notebook=nbp).json["body"] == "# From a file\n"


def test_history_restore_delete_and_trash(cli, nbp):
    key = add_note(cli, nbp, "Theses", "one")
    cli("notes", "edit", key, "--body", "two", notebook=nbp)
    hist = cli("notes", "history", key, "--json", notebook=nbp).json
    assert [h["revision"] for h in hist] == [1, 2]
    assert cli("notes", "restore", key, "1", notebook=nbp).code == 0
    assert cli("notes", "show", key, "--json", notebook=nbp).json["body"] == "one"

    assert cli("notes", "delete", key, notebook=nbp).code == 0
    assert cli("notes", "list", "--json", notebook=nbp).json == []
    assert [n["key"] for n in cli("notes", "list", "--trash", "--json",
                                  notebook=nbp).json] == [key]
    r = cli("notes", "show", "ZZZZZZZZ", notebook=nbp)
    assert r.code == 1 and "no note" in r.err.lower() and "Traceback" not in r.err
    assert cli("notes", "restore", key, notebook=nbp).code == 0
    assert [n["key"] for n in cli("notes", "list", "--json", notebook=nbp).json] == [key]
    r = cli("notes", "restore", key, "7", notebook=nbp)
    assert r.code == 1 and "no revision 7" in r.err


def test_html_rendering_is_safe_from_the_cli(cli, nbp):
    key = add_note(cli, nbp, "Hostile", "<script>alert(1)</script> [x](javascript:alert(2))")
    html = cli("notes", "show", key, "--html", notebook=nbp).out
    assert "<script" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and "javascript:alert(2)" in html


def test_private_notes_stay_out_of_every_sharing_export(cli, nbp, tmp_path):
    src = add_source(cli, nbp)
    private = add_note(cli, nbp, "Informers", f"{SECRET} [s](src:{src}) [@tsgamo_415_16_312]",
                       "--private")
    add_note(cli, nbp, "Public", f"[the survey](src:{src}), [@tsgamo_415_16_312, l. 12]")

    out = tmp_path / "md"
    r = cli("export", "markdown", "-o", str(out), notebook=nbp)
    assert r.code == 0, r.err
    assert "1 private note(s) left out" in r.err
    r = cli("export", "markdown", "-o", str(out), "--json", notebook=nbp)
    assert r.json["private_left_out"] == 1 and r.json["notes"] == 1
    for f in out.iterdir():
        assert SECRET not in f.read_text(encoding="utf-8"), f.name
        assert private not in f.read_text(encoding="utf-8"), f.name

    for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
        for extra in ([], ["--cited-in", private]):
            r = cli("export", fmt, *extra, notebook=nbp)
            assert SECRET not in r.out and SECRET not in r.err
        r = cli("export", fmt, "--cited-in", private, "--json", notebook=nbp)
        assert r.json["sources"] == 0 and r.json["private_left_out"] == 1
        assert "1 private note left out" in r.err
    notes_list = cli("notes", "list", "--json", notebook=nbp).json
    assert {n["key"]: n["private"] for n in notes_list}[private] is True


def test_markdown_export_needs_a_folder(cli, nbp):
    r = cli("export", "markdown", notebook=nbp)
    assert r.code == 1 and "-o DIR" in r.err


def test_json_is_one_document(cli, nbp):
    add_note(cli, nbp, "One", "x")
    r = cli("notes", "list", "--json", notebook=nbp)
    assert isinstance(json.loads(r.out), list)
