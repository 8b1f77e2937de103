"""The command-line contract of CLI.md for the foundation commands, in a subprocess."""

import os
import stat

AMO = ["sources", "add", "--kind", "archival", "--title",
       "Protocol of the AMO factory cell meeting",
       "--archive", "Central State Archive of the City of Moscow", "--archive-abbr", "TsGAMO",
       "--fond", "415", "--opis", "16", "--delo", "312", "--folio", "12-14",
       "--date", "1922-06", "--json"]


def test_init_info_and_version(cli, tmp_path):
    nbp = tmp_path / "x.rnb"
    r = cli("init", str(nbp), "--json")
    assert r.code == 0 and r.json == {"notebook": str(nbp), "schema_version": r.json[
        "schema_version"]} and r.json["schema_version"] >= 1
    info = cli("--notebook", str(nbp), "info", "--json").json
    assert info["sources"] == 0 and info["notebook"] == str(nbp)
    v = cli("--version")
    assert v.code == 0 and v.out.startswith("researchnb ")


def test_archival_source_round_trips_through_the_cli(cli, tmp_path):
    nbp = tmp_path / "x.rnb"
    cli("init", str(nbp))
    r = cli(*AMO, "--author", "Likhachev, Ivan", "--author", "{Partiinaia iacheika AMO}",
            notebook=nbp)
    assert r.code == 0, r.err
    key = r.json["key"]
    shown = cli("sources", "show", key, "--json", notebook=nbp).json
    assert shown["archive_abbr"] == "TsGAMO" and shown["fond"] == "415"
    assert shown["opis"] == "16" and shown["delo"] == "312" and shown["folio"] == "12-14"
    assert shown["date"] == "1922-06"
    assert shown["archive"] == "Central State Archive of the City of Moscow"
    assert [c["family"] or c["literal"] for c in shown["creators"]] == [
        "Likhachev", "Partiinaia iacheika AMO"]
    listed = cli("sources", "list", "--json", notebook=nbp).json
    assert [s["key"] for s in listed] == [key]


def test_notebook_option_after_the_command_and_from_the_environment(cli, tmp_path):
    nbp = tmp_path / "x.rnb"
    cli("init", str(nbp))
    assert cli("info", "--json", "--notebook", str(nbp)).json["sources"] == 0
    r = cli("info", "--json", env={"RESEARCHNB_NOTEBOOK": str(nbp)})
    assert r.json["notebook"] == str(nbp)


def test_default_notebook_is_created_in_the_user_data_folder(cli, tmp_path):
    r = cli("info", "--json", env={"XDG_DATA_HOME": str(tmp_path / "data")})
    assert r.code == 0
    assert r.json["notebook"].startswith(str(tmp_path / "data"))
    assert os.path.isfile(os.path.join(r.json["notebook"], "notebook.sqlite"))


def _counts(cli, nbp):
    return cli("info", "--json", notebook=nbp).json


def test_bad_input_exits_1_with_one_line_and_changes_nothing(cli, tmp_path):
    nbp = tmp_path / "x.rnb"
    cli("init", str(nbp))
    key = cli(*AMO, notebook=nbp).json["key"]
    cli("tags", "add", key, "labour", "class", notebook=nbp)
    before = _counts(cli, nbp)
    snapshot = cli("sources", "show", key, "--json", notebook=nbp).json

    cases = [
        ("sources", "show", "ZZZZZZZZ"),
        ("sources", "edit", key, "--date", "1922-13"),
        ("sources", "add", "--kind", "book", "--title", "X", "--date", "the twenties"),
        ("tags", "rename", "labour", "class"),
        ("tags", "add", "ZZZZZZZZ", "x"),
    ]
    for args in cases:
        r = cli(*args, notebook=nbp)
        assert r.code == 1, (args, r.err)
        lines = r.err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in r.err, (args, r.err)
    missing = cli("info", notebook=tmp_path / "nowhere.rnb")
    assert missing.code == 1 and "no notebook" in missing.err.lower()
    assert not (tmp_path / "nowhere.rnb").exists()
    assert _counts(cli, nbp) == before
    assert cli("sources", "show", key, "--json", notebook=nbp).json == snapshot
    assert sorted(t["name"] for t in cli("tags", "list", "--json", notebook=nbp).json) == [
        "class", "labour"]


def test_usage_errors_exit_2(cli, tmp_path):
    assert cli("sources", "add", "--title", "no kind").code == 2


def test_check_finds_altered_and_missing_files_and_bad_rows(cli, tmp_path):
    from researchnb.domain import Document, Page
    from researchnb.notebook import Notebook
    from researchnb.store import documents as store_documents
    nbp = tmp_path / "x.rnb"
    cli("init", str(nbp))
    assert cli("check", "--json", notebook=nbp).json == {"ok": True, "problems": []}
    original = tmp_path / "scan.txt"
    original.write_text("Protokol zasedaniia iacheiki", encoding="utf-8")
    with Notebook.open(nbp) as nb:
        digest, _ = nb.files.add(original)
        with nb.write() as conn:
            store_documents.insert(conn, Document(filename="scan.txt", media_type="text/plain",
                                                  sha256=digest, size=28,
                                                  pages=[Page(number=1, text="x")]), None)
        stored = nb.files.path_for(digest)
    assert cli("check", "--json", notebook=nbp).json["ok"] is True

    os.chmod(stored, stat.S_IRUSR | stat.S_IWUSR)
    stored.write_text("tampered", encoding="utf-8")
    r = cli("check", "--json", notebook=nbp)
    assert r.json["ok"] is False and any("altered" in p for p in r.json["problems"])
    stored.unlink()
    r = cli("check", "--json", notebook=nbp)
    assert any("missing" in p for p in r.json["problems"])

    with Notebook.open(nbp) as nb:
        nb.conn.execute("UPDATE sources SET date = 'soon'")       # no rows yet: harmless
        nb.conn.execute("UPDATE documents SET page_count = 7")
    r = cli("check", "--json", notebook=nbp)
    assert any("should have 7 pages" in p for p in r.json["problems"])
    assert r.code == 1


def test_backup_writes_a_usable_snapshot(cli, tmp_path):
    nbp = tmp_path / "x.rnb"
    cli("init", str(nbp))
    key = cli(*AMO, notebook=nbp).json["key"]
    r = cli("backup", "--json", notebook=nbp)
    assert r.code == 0
    import sqlite3
    con = sqlite3.connect(r.json["backup"])
    assert con.execute("SELECT title FROM sources WHERE key = ?", (key,)).fetchone()[0] \
        .startswith("Protocol")
    con.close()
