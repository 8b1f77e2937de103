"""`export markdown`: shared notes as Markdown files pandoc can render; private ones never."""

import json
import re
import shutil
import subprocess

import pytest

from researchnb.domain import Creator, Source

SECRET = "Zubatov-informer-XQ7-never-share"


@pytest.fixture
def filled(nb, fixture_file):
    survey = nb.sources.add(Source(
        kind="archival", title="Salary survey of AMO workers", date="1924",
        citekey="tsgamo_415_16_312", archive="Central State Archive of the City of Moscow",
        archive_abbr="TsGAMO", archive_place="Moscow", fond="415", opis="16", delo="312",
        creators=[Creator(literal="Partiinaia iacheika AMO")])).value
    letters = nb.sources.add(Source(kind="letter", title="Letters to her brother",
                                    citekey="somova1922",
                                    creators=[Creator("Somova", "Anna")])).value
    result = nb.documents.import_files([fixture_file("letters.ru.txt")],
                                       source_key=letters.key).value
    doc = result.imported[0].document
    ex = nb.excerpts.add(doc, 1, quote="Школа наша стоит холодная", locator="l. 1").value
    secret = nb.notes.add("Informers", f"{SECRET} [@tsgamo_415_16_312]", private=True,
                         tags=["secret"]).value
    hub = nb.notes.add("Wages and the cell", "The argument.", tags=["theme/wages"]).value
    main = nb.notes.add(
        "Petrzhek's letter",
        f"See [the survey](src:{survey.key}) and [the cold school](ex:{ex.key}), "
        f"[@tsgamo_415_16_312, l. 12].\n\nBack to [[Wages and the cell]]; "
        f"compare [[Informers]] and [page 1](page:{doc}#1).").value
    return {"survey": survey, "letters": letters, "excerpt": ex, "secret": secret,
            "hub": hub, "main": main, "doc": doc}


def read_all(folder):
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_export_writes_shared_notes_with_front_matter_and_relative_links(nb, filled,
                                                                          tmp_path):
    out = tmp_path / "export"
    result = nb.notes.export_markdown(out)
    assert result["notes"] == 2 and result["private_left_out"] == 1
    assert result["sources"] == 2 and result["excerpts"] == 1
    files = read_all(out)
    main_name = next(n for n in files if n.endswith(f"-{filled['main'].key}.md"))
    text = files[main_name]
    head = text.split("---")[1]
    assert f'key: "{filled["main"].key}"' in head
    assert 'title: "Petrzhek\'s letter"' in head and "tags: []" in head
    assert "created: " in head and "modified: " in head
    # Every internal link now points at a file of the export.
    targets = re.findall(r"\]\(<([^>]+)>\)", text)
    assert len(targets) == 4 and all(t in files for t in targets)
    assert "[@tsgamo_415_16_312, {fol. 12}]" in text   # Pandoc form, folio kept whole
    assert "src:" not in text and "ex:" not in text and "page:" not in text
    # A link to the private note leads nowhere and does not even give its title.
    assert "compare (a private note) and" in text and "Informers" not in text
    # The excerpt has a file of its own with its quote and citation.
    ex_text = files[f"excerpt-{filled['excerpt'].key}.md"]
    assert "> Школа наша стоит холодная" in ex_text
    assert "[@somova1922, {fol. 1}]" in ex_text
    src_text = files["source-tsgamo_415_16_312.md"]
    assert "[@tsgamo_415_16_312]" in src_text and "- Fond: 415" in src_text
    hub_text = next(v for k, v in files.items() if k.endswith(f"-{filled['hub'].key}.md"))
    assert 'tags: ["theme/wages"]' in hub_text
    refs = json.loads(files["references.json"])
    assert {r["id"] for r in refs} == {"tsgamo_415_16_312", "somova1922"}
    assert "@" in files["references.bib"] and "tsgamo_415_16_312" in files["references.bib"]


def test_a_private_note_never_appears_in_any_sharing_export(nb, filled, tmp_path):
    out = tmp_path / "export"
    nb.notes.export_markdown(out)
    for name, text in read_all(out).items():
        assert SECRET not in text, name
        assert filled["secret"].key not in text, name
        assert "Informers" not in text, name         # its title is private too
    for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
        assert SECRET not in nb.citations.export(fmt)
    # The private note is the only one citing nothing new, but with everyone else private
    # too, nothing at all is shared.
    nb.notes.edit(filled["main"].key, private=True)
    nb.notes.edit(filled["hub"].key, private=True)
    empty = tmp_path / "empty"
    result = nb.notes.export_markdown(empty)
    assert result["notes"] == 0 and result["private_left_out"] == 3
    assert json.loads((empty / "references.json").read_text()) == []
    assert all(SECRET not in t for t in read_all(empty).values())


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_citeproc_renders_the_exported_folder_with_archive_names(nb, filled,
                                                                         tmp_path):
    out = tmp_path / "export"
    nb.notes.export_markdown(out)
    main_name = next(p.name for p in out.iterdir()
                     if p.name.endswith(f"-{filled['main'].key}.md"))
    proc = subprocess.run(["pandoc", "--citeproc", "-t", "plain", "--wrap=none", main_name],
                          cwd=out, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Central State Archive of the City of Moscow" in proc.stdout
    assert "TsGAMO" in proc.stdout
    assert "[@tsgamo_415_16_312" not in proc.stdout      # the citation was rendered
    assert "l. 12" in proc.stdout
    # The excerpt file renders its citation from the same bibliography.
    proc = subprocess.run(["pandoc", "--citeproc", "-t", "plain", "--wrap=none",
                           f"excerpt-{filled['excerpt'].key}.md"],
                          cwd=out, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and "Somova" in proc.stdout, proc.stderr
    # The whole folder at once: every citation found in the bibliography beside it.
    names = sorted(p.name for p in out.iterdir() if p.suffix == ".md")
    proc = subprocess.run(["pandoc", "--citeproc", "-t", "plain", "--wrap=none", *names],
                          cwd=out, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and "not found" not in proc.stderr, proc.stderr
    assert "Central State Archive of the City of Moscow" in proc.stdout


def test_re_exporting_after_a_note_turned_private_removes_its_old_file(nb, filled,
                                                                       tmp_path):
    out = tmp_path / "export"
    out.mkdir()
    (out / "my-own-notes.txt").write_text("mine", encoding="utf-8")
    nb.notes.export_markdown(out)
    hub_file = next(p for p in out.iterdir() if p.name.endswith(f"-{filled['hub'].key}.md"))
    nb.notes.edit(filled["hub"].key, body="Now a secret: " + SECRET, private=True)
    result = nb.notes.export_markdown(out)
    assert result["private_left_out"] == 2 and not hub_file.exists()
    assert (out / "my-own-notes.txt").read_text(encoding="utf-8") == "mine"
    assert all(SECRET not in p.read_text(encoding="utf-8") for p in out.iterdir())
    main_text = next(p for p in out.iterdir()
                     if p.name.endswith(f"-{filled['main'].key}.md")).read_text()
    assert "Back to (a private note);" in main_text and "Wages and the cell" not in main_text


def test_export_of_the_notes_with_one_tag(nb, filled, tmp_path):
    result = nb.notes.export_markdown(tmp_path / "wages", tag="theme")
    assert result["notes"] == 1 and result["private_left_out"] == 0
    names = [p.name for p in (tmp_path / "wages").iterdir() if p.suffix == ".md"]
    assert names == [f"wages-and-the-cell-{filled['hub'].key}.md"]
