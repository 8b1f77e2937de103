"""`export bibliography --note KEY --style S -o FILE.html|.md|.docx`: the sources a note
cites, formatted in a style, as a file a word processor opens."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from researchnb.domain import Creator, InvalidInput, Source


@pytest.fixture
def cited(nb):
    book = nb.sources.add(Source(kind="book", title="Everyday Stalinism", date="1999",
                                 creators=[Creator("Fitzpatrick", "Sheila")], language="en",
                                 publisher="Oxford University Press")).value
    archival = nb.sources.add(Source(kind="archival", title="Протокол заседания",
                                     archive_abbr="ЦГАМО", fond="415", opis="16",
                                     delo="312", language="ru")).value
    nb.sources.add(Source(kind="book", title="Not cited", date="2000"))
    note = nb.notes.add("Chapter 1", f"Life [@{book.citekey}, p. 4] and the presidium "
                                     f"[@{archival.citekey}, l. 12 ob.].").value
    return note


def test_html_keeps_italics_and_lists_only_the_cited_sources(nb, cited, tmp_path):
    target = tmp_path / "bib.html"
    done = nb.citations.export_bibliography("chicago-notes-bibliography", target,
                                            cited_in=cited.key)
    assert done["sources"] == 2
    page = target.read_text(encoding="utf-8")
    assert "<i>Everyday Stalinism</i>" in page and "Not cited" not in page
    assert page.index("Fitzpatrick") < page.index("Протокол")       # the style's order
    assert "F. 415, op. 16, d. 312. ЦГАМО." in page


def test_markdown_writes_italics_with_stars(nb, cited, tmp_path):
    target = tmp_path / "bib.md"
    nb.citations.export_bibliography("apa", target, cited_in=cited.key)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# Bibliography\n")
    assert "Fitzpatrick, S. (1999). *Everyday Stalinism*. Oxford University Press." in text


def test_gost_bibliography_uses_the_cyrillic_archival_form(nb, cited, tmp_path):
    target = tmp_path / "bib.md"
    nb.citations.export_bibliography("gost-r-7-0-5-2008", target, cited_in=cited.key)
    assert "ЦГАМО. Ф. 415. Оп. 16. Д. 312." in target.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_docx_is_made_by_pandoc(nb, cited, tmp_path):
    target = tmp_path / "bib.docx"
    nb.citations.export_bibliography("chicago-notes-bibliography", target, cited_in=cited.key)
    with zipfile.ZipFile(target) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "Everyday Stalinism" in body and "<w:i" in body


def test_without_pandoc_docx_is_refused_in_words_and_nothing_is_written(nb, cited, tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    target = tmp_path / "bib.docx"
    with pytest.raises(InvalidInput, match="needs pandoc"):
        nb.citations.export_bibliography("apa", target, cited_in=cited.key)
    assert not target.exists()
    with pytest.raises(InvalidInput, match=".html, .md or .docx"):
        nb.citations.export_bibliography("apa", tmp_path / "bib.pdf", cited_in=cited.key)


def test_the_cli_writes_the_bibliography(cli, tmp_path):
    path = tmp_path / "b.rnb"
    assert cli("init", str(path)).code == 0
    made = cli("sources", "add", "--kind", "book", "--title", "Everyday Stalinism", "--date",
               "1999", "--author", "Fitzpatrick, Sheila", "--json", notebook=path)
    note = cli("notes", "add", "--title", "Ch", "--body", f"[@{made.json['citekey']}, p. 3]",
               "--json", notebook=path)
    target = tmp_path / "out.html"
    out = cli("export", "bibliography", "--note", note.json["key"], "--style", "apa", "-o",
              str(target), "--json", notebook=path)
    assert out.code == 0, out.err
    assert out.json["sources"] == 1 and "<i>Everyday Stalinism</i>" in target.read_text(
        encoding="utf-8")
    missing = cli("export", "bibliography", "--style", "apa", "-o", str(target),
                  notebook=path)
    assert missing.code == 1 and "--note" in missing.err
