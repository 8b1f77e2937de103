"""The benchmark tooling of issue 10: the notebook generator and the benchmarks table.

The generator must make a notebook the program accepts (check passes, search finds its
text), with the parts a historian's notebook has; run_all.py must list every target of the
issues even for a benchmark it did not run. Timings are not asserted (scripts/bench/ reports
them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from researchnb.notebook import Notebook

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "scripts" / "bench"


def _run(*args: str, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, check=False)


# The generator's vocabulary comes from ../shared/corpus, or without it from the project's own
# texts (scripts/bench/search.py: corpus_words), so these run in a lone clone too.
def test_make_notebook_small_is_a_valid_searchable_notebook(tmp_path: Path) -> None:
    path = tmp_path / "small.rnb"
    proc = _run(str(BENCH / "make_notebook.py"), "small", str(path))
    assert proc.returncode == 0, proc.stderr
    with Notebook.open(path, read_only=True) as nb:
        info = nb.info()
        assert (info["excerpts"], info["pages"], info["notes"]) == (1_000, 200, 50)
        report = nb.check()
        assert report["ok"], report["problems"][:5]

        archival = [s for s in nb.sources.all() if s.kind == "archival"]
        assert archival and all(s.archive and s.fond and s.opis and s.delo for s in archival)
        assert any(re.search("[А-Яа-я]", s.title) for s in archival)

        # Search finds a word that is on a page, and the excerpts carry tags.
        doc = nb.documents.all()[0]
        word = max(nb.documents.get(doc.key).pages[0].text.split()[:20], key=len).strip(".,")
        assert nb.search.query(word)["total"] >= 1
        assert max(t.count for t in nb.tags.all()) >= 400

        # Notes link excerpts, sources and notes and cite sources, and every link resolves.
        kinds = set()
        for key, _title in nb.notes.titles():
            outgoing, unresolved = nb.notes.links(key)
            assert not unresolved, unresolved
            kinds |= {link["to_kind"] for link in outgoing}
        assert kinds == {"excerpt", "source", "note", "citation"}


def test_make_notebook_is_seeded(tmp_path: Path) -> None:
    for name in ("a.rnb", "b.rnb"):
        assert _run(str(BENCH / "make_notebook.py"), "tiny", str(tmp_path / name)
                    ).returncode == 0
    texts = []
    for name in ("a.rnb", "b.rnb"):
        with Notebook.open(tmp_path / name, read_only=True) as nb:
            doc = nb.documents.all()[0]
            texts.append(nb.documents.get(doc.key).pages[0].text)
    assert texts[0] == texts[1]


def test_run_all_table_lists_every_target(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    proc = _run(str(BENCH / "run_all.py"), "--smoke", "--only", "export", "--output", str(out),
                "--log", str(tmp_path / "log.txt"))
    assert proc.returncode == 0, proc.stderr
    table = out.read_text(encoding="utf-8")
    rows = [line for line in table.splitlines() if re.match(r"\| (3|4|5|7|8|10) \|", line)]
    issues = {int(line.split("|")[1]) for line in rows}
    assert issues == {3, 4, 5, 7, 8, 10}
    assert len(rows) == 14
    # The benchmark that ran has figures; the others say they were not run.
    export = [r for r in rows if "BibTeX" in r]
    assert export and " s <br>" in export[0]
    assert any("not run" in r for r in rows if "cold start" in r)
    for heading in ("CPU", "cores", "RAM", "Python", "SQLite", "Qt"):
        assert f"- {heading}:" in table
