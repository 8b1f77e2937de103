"""`researchnb export …` and `researchnb sources cite …` from a shell."""

from __future__ import annotations

import json
import subprocess

import pytest

ARCHIVAL = ["--kind", "archival", "--title", "Протокол заседания президиума", "--date", "1934~",
            "--archive", "Центральный государственный архив Московской области",
            "--archive-abbr", "ЦГАМО", "--archive-place", "Москва", "--fond", "415",
            "--opis", "16", "--delo", "312"]
BOOK = ["--kind", "book", "--title", "Ядерный загар", "--date", "2002",
        "--author", "Медведев, Жорес", "--publisher", "Время", "--place", "Москва"]


@pytest.fixture
def notebook(cli, tmp_path):
    path = tmp_path / "cli.rnb"
    assert cli("init", str(path)).code == 0
    for args in (ARCHIVAL, BOOK):
        made = cli("sources", "add", *args, "--json", notebook=path)
        assert made.code == 0, made.err
    return path


def test_export_each_format_to_stdout_and_file(cli, notebook, tmp_path):
    for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
        out = cli("export", fmt, notebook=notebook)
        assert out.code == 0, out.err
        assert "tsgamo_415_16_312" in out.out and "medvedevIadernyiZagar2002" in out.out
        assert out.out.index("medvedevIadernyiZagar2002") < out.out.index("tsgamo_415_16_312")
        target = tmp_path / f"refs.{fmt}"
        written = cli("export", fmt, "-o", str(target), "--json", notebook=notebook)
        assert written.code == 0, written.err
        assert written.json == {"format": fmt, "sources": 2, "file": str(target)}
        assert target.read_bytes().decode("utf-8") == out.out
    data = json.loads((tmp_path / "refs.csl-json").read_text(encoding="utf-8"))
    assert {i["id"] for i in data} == {"tsgamo_415_16_312", "medvedevIadernyiZagar2002"}


def test_export_selections(cli, notebook):
    one = cli("export", "bibtex", "--sources", "tsgamo_415_16_312", notebook=notebook)
    assert one.code == 0 and "medvedev" not in one.out and "@misc{tsgamo_415_16_312," in one.out
    missing = cli("export", "ris", "--tag", "nothing", notebook=notebook)
    assert missing.code == 1 and "nothing" in missing.err and "Traceback" not in missing.err
    bad = cli("export", "endnote", notebook=notebook)
    assert bad.code == 2


def test_cited_in_a_note(cli, notebook):
    note = cli("notes", "add", "--title", "Chapter 1", "--body",
               "The presidium decided [@tsgamo_415_16_312, l. 12].", "--json",
               notebook=notebook)
    assert note.code == 0, note.err
    key = note.json["key"]
    out = cli("export", "csl-json", "--cited-in", key, notebook=notebook)
    assert out.code == 0, out.err
    assert [i["id"] for i in json.loads(out.out)] == ["tsgamo_415_16_312"]
    assert "presidium decided" not in out.out


def test_sources_cite_styles(cli, notebook):
    gost = cli("sources", "cite", "tsgamo_415_16_312", "--locator", "l. 12", "--style", "gost",
               "--json", notebook=notebook)
    assert gost.code == 0, gost.err
    assert {k: gost.json[k] for k in ("key", "style", "text")} == {
        "key": "tsgamo_415_16_312", "style": "gost",
        "text": "ЦГАМО. Ф. 415. Оп. 16. Д. 312. Л. 12."}
    ru = cli("sources", "cite", "tsgamo_415_16_312", "--locator", "l. 12 ob.", "--style",
             "russian", notebook=notebook)
    assert ru.out.strip() == "TsGAMO, f. 415, op. 16, d. 312, l. 12ob."
    note = cli("sources", "cite", "medvedevIadernyiZagar2002", "--locator", "p. 45",
               notebook=notebook)
    assert note.out.strip() == "Жорес Медведев, Ядерный загар (Москва: Время, 2002), 45."
    missing = cli("sources", "cite", "nobody", notebook=notebook)
    assert missing.code == 1 and "nobody" in missing.err


def test_exported_bibtex_goes_through_biber(cli, notebook, tmp_path):
    import shutil
    if not shutil.which("biber"):
        pytest.skip("biber is not installed (Debian package: biber)")
    target = tmp_path / "refs.bib"
    assert cli("export", "biblatex", "-o", str(target), notebook=notebook).code == 0
    proc = subprocess.run(["biber", "--tool", "--validate-datamodel", "--nolog",
                           "--output-file=/dev/null", str(target)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and "WARN" not in proc.stdout + proc.stderr
