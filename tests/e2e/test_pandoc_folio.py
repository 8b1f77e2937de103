"""A verso folio through real pandoc (issue 17, acceptance 2, the pandoc half).

`[@key, l. 12 ob.]` in a note, exported as Markdown and run through `pandoc --citeproc` with
the Chicago notes style of the CSL repository, must print the folio once, right after the
delo: not "l. 12" before the archive with "ob." stranded after the city, as before.

pandoc reads `l.` as the English label "line", and Chicago prints an archival locator with
the label `fol.` (CMOS 18 14.123), so the printed form is `fol. 12ob.` (see
locators.pandoc_locator). Our own formatter prints the Russian form `l. 12 ob.` in the same
place; the second test checks that.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from researchnb.citations.csl import format_citation
from researchnb.citations.csl.catalog import styles_folder
from researchnb.domain import Source

TSGAMO = Source(kind="archival", title="Protokol zasedaniia prezidiuma", date="1934-02-11",
                archive="Central State Archive of Moscow Oblast", archive_abbr="TsGAMO",
                archive_place="Moscow", fond="415", opis="16", delo="312", language="en")


def _rendered(nb, tmp_path, body: str, style: str) -> str:
    src = nb.sources.add(TSGAMO).value
    note = nb.notes.add("Chapter 2", body.replace("KEY", src.citekey)).value
    out = tmp_path / "export"
    nb.notes.export_markdown(out)
    name = next(p.name for p in out.iterdir() if p.name.endswith(f"-{note.key}.md"))
    proc = subprocess.run(["pandoc", "--citeproc", "--csl",
                           str(styles_folder() / f"{style}.csl"), "-t", "plain",
                           "--wrap=none", name], cwd=out, capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_prints_the_verso_folio_once_after_the_delo(nb, tmp_path):
    # (The 17th-edition Chicago style prints the same; measured, see locators.py.)
    text = _rendered(nb, tmp_path, "The presidium decided.[@KEY, l. 12 ob.]",
                     "chicago-notes-bibliography")
    note = next(line for line in text.splitlines() if line.startswith("[1]"))
    assert note.count("12ob.") == 1 and note.count("ob.") == 1
    assert re.search(r"d\. 312, fol\. 12ob\., Central State Archive", note), note
    assert not note.rstrip(".").endswith("ob")        # nothing stranded after the city


def test_our_own_chicago_note_prints_l_12_ob_once_after_the_delo():
    text = format_citation(TSGAMO, "", "l. 12 ob.", "chicago-notes-bibliography").text
    assert text.count("l. 12 ob.") == 1
    assert "d. 312, l. 12 ob., Central State Archive of Moscow Oblast (TsGAMO), Moscow." in text
