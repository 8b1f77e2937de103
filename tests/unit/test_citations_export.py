"""Exports real tools accept (acceptance 1 and 2), deterministic, selected as asked."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
from citations_support import (
    SPECIALS,
    biber_warnings,
    bibtex_run,
    make_notebook,
    tool,
    unescaped_specials,
)

from researchnb.domain import NotFound, Source

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "csl-data.json"


@pytest.fixture
def full(nb):
    make_notebook(nb)
    return nb


def test_the_test_notebook_covers_what_acceptance_asks(full):
    sources = full.sources.all()
    assert len(sources) >= 30
    assert {s.kind for s in sources} == {"archival", "book", "article", "chapter", "newspaper",
                                         "letter", "interview", "web", "other"}
    assert any(re.search("[а-я]", s.title) for s in sources)
    assert any(re.fullmatch(r"[A-Za-z0-9 :',.!-]+", s.title) for s in sources)
    assert any(c.literal for s in sources for c in s.creators)
    assert any(c.family for s in sources for c in s.creators)
    assert {"~", "?", "/", "X"} <= {ch for s in sources for ch in s.date}
    titled = "".join(s.title for s in sources)
    assert all(ch in titled for ch in SPECIALS.split())


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_biber_validates_without_warnings(full, tmp_path, fmt):
    if not tool("biber"):
        pytest.skip("biber is not installed (Debian package: biber)")
    path = tmp_path / f"{fmt}.bib"
    path.write_text(full.citations.export(fmt), encoding="utf-8")
    code, warnings = biber_warnings(path)
    assert code == 0
    assert warnings == []


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtex_reads_the_file_without_error(full, tmp_path, fmt):
    if not tool("bibtex"):
        pytest.skip("bibtex is not installed (Debian package: texlive-binaries)")
    (tmp_path / f"{fmt}.bib").write_text(full.citations.export(fmt), encoding="utf-8")
    proc = bibtex_run(tmp_path, fmt)
    output = proc.stdout + proc.stderr
    assert proc.returncode < 2, output
    assert "error message" not in output and "Repeated entry" not in output, output
    assert (tmp_path / f"{fmt}.bbl").stat().st_size > 0


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex"])
def test_bibtexparser_has_no_failed_block_and_specials_are_escaped(full, fmt):
    text = full.citations.export(fmt)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == len(full.sources.all())
    assert unescaped_specials(text) == []
    assert "@string" not in text.lower()
    assert not re.search(r"^\s*%", text, re.MULTILINE)
    if fmt == "biblatex":
        assert text.startswith("@comment{jabref-meta: databaseType:biblatex;}")


def test_the_special_check_would_catch_a_raw_percent():
    assert unescaped_specials("  title = {50% off},\n  url = {http://x/a_b%20}")


def test_archival_mapping_in_biblatex(full):
    text = full.citations.export("biblatex")
    entry = text[text.index("@misc{rgaspi_17_162_9"):]
    entry = entry[:entry.index("\n}\n")]
    assert "entrysubtype = {archival}" in entry
    assert "organization = {Российский государственный архив социально-политической " \
           "истории}" in entry
    assert "library      = {РГАСПИ, f.~17, op.~162, d.~9, ll.~5-7}" in entry
    assert "howpublished = {РГАСПИ, f.~17, op.~162, d.~9, ll.~5-7}" in entry
    assert "location     = {Москва}" in entry
    assert "pagination   = {none}" in entry
    assert "sortkey      = {РГАСПИ 00017 00162 00009}" in entry
    assert "date         = {1930/1932}" in entry
    assert "langid       = {russian}" in entry


@pytest.mark.shared("schemas")
def test_csl_json_validates_against_the_schema(full):
    data = json.loads(full.citations.export("csl-json"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    item = next(i for i in data if i["id"] == "rgaspi_17_162_9")
    assert item["type"] == "manuscript"
    assert item["archive"].startswith("Российский государственный архив")
    assert item["archive_location"] == "РГАСПИ, f. 17, op. 162, d. 9, ll. 5-7"
    assert item["archive-place"] == "Москва"
    assert item["issued"] == {"date-parts": [[1930], [1932]]}


def test_pandoc_renders_archive_and_folio(full, tmp_path):
    if not tool("pandoc"):
        pytest.skip("pandoc is not installed (Debian package: pandoc)")
    (tmp_path / "refs.json").write_text(full.citations.export("csl-json"), encoding="utf-8")
    (tmp_path / "paper.md").write_text("The grain report [@rgaspi_17_162_9, l. 12].\n",
                                       encoding="utf-8")
    proc = subprocess.run(["pandoc", "--citeproc", "--bibliography", "refs.json", "-t", "plain",
                           "--wrap=none", "paper.md"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Российский государственный архив социально-политической истории" in proc.stdout
    assert "l. 12" in proc.stdout
    assert "f. 17, op. 162, d. 9" in proc.stdout


def test_ris_archival_record(full):
    text = full.citations.export("ris")
    record = text[text.index("ID  - rgaspi_17_162_9") - 14:]
    record = record[:record.index("ER  -")]
    assert record.startswith("TY  - MANSCPT")
    assert "DB  - Российский государственный архив социально-политической истории (РГАСПИ)" \
        in record
    assert "AN  - РГАСПИ, f. 17, op. 162, d. 9, ll. 5-7" in record
    assert "CY  - Москва" in record


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "csl-json", "ris"])
def test_output_is_deterministic_and_sorted(full, fmt):
    first = full.citations.export(fmt)
    assert full.citations.export(fmt) == first
    first.encode("utf-8")
    keys = [s.citekey for s in full.citations.select()]
    assert keys == sorted(keys, key=lambda k: (k.lower(), k))
    positions = [first.index(k) for k in keys]
    assert positions == sorted(positions)


def test_selection_by_sources_and_tag(full):
    srcs = {s.citekey: s for s in full.sources.all()}
    one = srcs["medvedevIadernyiZagar2002"]
    text = full.citations.export("bibtex", sources=[one.key, "tsgamo_415_16_312"])
    assert text.count("\n@") + text.startswith("@") == 2
    full.tags.add(one.key, ["theme/atom"])
    full.tags.add(srcs["fitzpatrickStalinsPeasants1994"].key, ["theme"])
    tagged = full.citations.select(tag="theme")
    assert [s.citekey for s in tagged] == ["fitzpatrickStalinsPeasants1994",
                                           "medvedevIadernyiZagar2002"]
    assert [s.citekey for s in full.citations.select(tag="theme/atom")] == \
        ["medvedevIadernyiZagar2002"]
    assert full.citations.export("csl-json", sources=[]) == "[]\n"
    with pytest.raises(NotFound):
        full.citations.export("bibtex", tag="nonexistent")
    with pytest.raises(NotFound):
        full.citations.export("bibtex", sources=["noSuchKey"])


def test_cited_in_exports_exactly_the_cited_sources_and_no_note_text(full):
    srcs = {s.citekey: s for s in full.sources.all()}
    note = full.notes.add("Chapter thoughts", "Zzyzx musing.").value
    from researchnb.store import citations as store_citations
    with full.write() as conn:
        store_citations.add_link(conn, note.key, "citation", "tsgamo_415_16_312", "l. 12")
        store_citations.add_link(conn, note.key, "source",
                                 srcs["medvedevIadernyiZagar2002"].key)
    for fmt in ("bibtex", "biblatex", "csl-json", "ris"):
        text = full.citations.export(fmt, cited_in=note.key)
        assert "Zzyzx" not in text and "Chapter thoughts" not in text
        assert "tsgamo_415_16_312" in text and "medvedevIadernyiZagar2002" in text
    assert [s.citekey for s in full.citations.select(cited_in=note.key)] == \
        ["medvedevIadernyiZagar2002", "tsgamo_415_16_312"]
    with pytest.raises(NotFound):
        full.citations.select(cited_in="NOSUCHNT")
    full.notes.edit(note.key, private=True)      # a private note is left out: nothing shared
    assert full.citations.select(cited_in=note.key) == []
    assert full.citations.cited_in_is_private(note.key)


def test_cited_in_follows_citations_written_in_a_note(full):
    note = full.notes.add("Chapter 2", "As the minutes show [@tsgamo_415_16_312, l. 12].").value
    assert [s.citekey for s in full.citations.select(cited_in=note.key)] == ["tsgamo_415_16_312"]


def test_old_sources_without_citekey_get_one_on_export(nb):
    src = nb.sources.add(Source(kind="book", title="Old book", date="1950")).value
    with nb.write() as conn:
        conn.execute("UPDATE sources SET citekey = NULL WHERE key = ?", (src.key,))
    assert "@book{oldBook1950," in nb.citations.export("bibtex")
    assert nb.sources.get(src.key).citekey == "oldBook1950"


LATEX_DOC = r"""\documentclass{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{url}
\begin{document}
The report \cite[l.~12]{rgaspi_17_84_344}.
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""


def test_classic_bibtex_export_compiles_with_latex(full, tmp_path):
    """The check CITATIONS.md says only LaTeX makes: specials in titles do not break a run."""
    for name, package in (("pdflatex", "texlive-latex-base"), ("bibtex", "texlive-binaries"),
                          ("pdftotext", "poppler-utils")):
        if not tool(name):
            pytest.skip(f"{name} is not installed (Debian package: {package})")
    # pdflatex without Cyrillic fonts: the Latin-script sources, every special among them.
    latin = [s.key for s in full.sources.all()
             if not re.search("[\u0400-\u04ff«»]", repr(s))]
    (tmp_path / "refs.bib").write_text(full.citations.export("bibtex", sources=latin),
                                       encoding="utf-8")
    (tmp_path / "doc.tex").write_text(LATEX_DOC, encoding="utf-8")

    def run(*cmd: str) -> subprocess.CompletedProcess:
        return subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, timeout=300,
                              check=False)
    latex = ("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
    assert run(*latex).returncode == 0
    assert run("bibtex", "doc").returncode < 2
    for _ in range(2):
        done = run(*latex)
        assert done.returncode == 0, done.stdout[-2000:]
    text = run("pdftotext", "doc.pdf", "-").stdout
    assert "[" in text and "l. 12]" in text
    flat = " ".join(text.split())
    assert "50% quota & #2 plan_b for $ {sic} ~ ^" in flat
    assert "Russian State Archive of Socio-Political History (RGASPI), Moscow, f. 17, op. 84, " \
           "d. 344" in flat
