"""Hostile and odd inputs to import (issue 15, findings 4, 7, 9, 12, 14): each refused with a
message or read right, and the rest of the batch imported. No timing or memory assertion here:
scripts/bench/bombs.py measures the PDF bomb's peak RSS."""

from __future__ import annotations

import array
import os
import random
import sys
from pathlib import Path

import pytest

from researchnb.domain import ImportFailed
from researchnb.importers.bibtex import decode as latex_decode
from researchnb.importers.bibtex import latex_pieces, read_text
from researchnb.importers.pdfguard import MAX_PAGE_CONTENT_BYTES, inflated_size
from researchnb.importers.text import decode, split_pages

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import attack_inputs  # noqa: E402

MB = 1 << 20
INVENTORY = "Опись дел фонда 17, 1922 год.\nДело 12: протоколы бюро ячейки, листов 40.\n"
ENGLISH = "Inventory of fond 17, opis 3.\nFile 12: minutes of the bureau, 40 folios.\n"


# -- finding 7: UTF-16 without a byte-order mark ----------------------------------------

@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("content", [INVENTORY * 30, ENGLISH * 30], ids=["russian", "english"])
def test_utf16_without_a_bom_is_read_in_either_byte_order(encoding, content):
    text, found, warnings = decode(content.encode(encoding), "inventory.txt")
    assert text == content and found == encoding and not warnings


def test_binary_files_full_of_nuls_are_still_refused(fixtures_dir):
    rng = random.Random(15)
    numbers = array.array("h", [rng.randrange(300) for _ in range(8000)]).tobytes()
    for data in ((fixtures_dir / "nuls.txt").read_bytes(), numbers, bytes(range(256)) * 16,
                 Path(sys.executable).read_bytes()[:65536]):
        with pytest.raises(ImportFailed):
            decode(data, "data.txt")


def test_utf16_without_a_bom_imports_as_text(nb, tmp_path):
    path = tmp_path / "inventory.txt"
    path.write_bytes((INVENTORY * 30).encode("utf-16-le"))
    result = nb.documents.import_files([path]).value
    assert not result.failed
    doc = nb.documents.get(result.imported[0].document)
    assert doc.import_report["encoding"] == "utf-16-le"
    assert "".join(p.text for p in doc.pages) == INVENTORY * 30


# -- finding 14: a long text ending in a blank line ------------------------------------

@pytest.mark.parametrize("ending", ["\n\n", "\n\n\n", " \n\n", "\n\n" + "\n" * 5000])
def test_a_long_text_ending_in_blank_lines_has_no_empty_last_page(ending):
    body = ("a" * 70 + "\n") * 64 + "a" * 70      # 4,614 characters, no paragraph break
    text = body + ending
    pages = split_pages(text)
    assert "".join(pages) == text
    assert all(p.strip() for p in pages), [len(p) for p in pages]


def test_letters_ending_in_a_blank_line_import_without_an_empty_page(nb, tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Дорогой товарищ,\n" + ("пишу вам о снабжении фабрики.\n" * 150) + "\n",
                    encoding="utf-8")
    doc = nb.documents.get(nb.documents.import_files([path]).value.imported[0].document)
    assert all(p.text.strip() for p in doc.pages) and doc.status == "ok"


# -- finding 12: pipes, sockets, devices ---------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_refused_when_named_and_skipped_in_a_folder(nb, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    pipe = folder / "pipe.txt"
    os.mkfifo(pipe)
    (folder / "note.txt").write_text("A real file.\n", encoding="utf-8")
    named = nb.documents.import_files([pipe]).value
    assert [f.file for f in named.failed] == [str(pipe)]
    assert "named pipe" in named.failed[0].error and not named.imported
    walked = nb.documents.import_files([folder]).value
    assert [Path(s.file).name for s in walked.skipped] == ["pipe.txt"]
    assert "named pipe" in walked.skipped[0].reason
    assert [Path(i.file).name for i in walked.imported] == ["note.txt"]


def test_a_device_is_refused_without_reading_it(nb):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    result = nb.documents.import_files(["/dev/zero"]).value
    assert result.failed and "device" in result.failed[0].error


# -- finding 9: one long BibTeX field -------------------------------------------------

UNIT = "Prot{\\'e}g{\\'e} -- \\emph{Protokol} zasedaniya ``byuro'' 5\\% $x^2$ "


def test_a_long_field_is_cut_only_where_latex_allows():
    value = (UNIT * 3000) + "{" + "a b " * 1000 + "}"
    pieces = latex_pieces(value, 500)
    assert "".join(pieces) == value and len(pieces) > 10
    for piece in pieces[1:]:
        assert piece[0].isspace()
    assert pieces[-1].rstrip().endswith("}") and pieces[-1].count("{") >= 1


def test_a_200_kb_bibtex_field_reads_the_same_as_its_parts():
    count = 200_000 // len(UNIT)
    text = "@book{big,\n  title = {Big},\n  note = {" + UNIT * count + "},\n  year = {1923}\n}\n"
    refs = read_text(text)
    assert not refs.failures and len(refs.sources) == 1
    expected = " ".join([latex_decode(UNIT)] * count)
    assert refs.sources[0].extra["bibtex"]["note"] == expected
    assert expected.startswith("Protégé – Protokol zasedaniya “byuro” 5% ")


def test_a_200_kb_plain_field_is_kept_whole():
    words = "Протокол заседания бюро ячейки " * 6700
    refs = read_text("@misc{plain,\n  title = {" + words + "}\n}\n")
    assert refs.sources[0].title == words.strip()


# -- finding 4: a PDF page that inflates hugely ---------------------------------------

def test_inflated_size_stops_past_the_limit():
    import zlib
    raw = zlib.compress(b" " * (40 * MB), 9)
    assert inflated_size(raw, 100 * MB) == 40 * MB
    assert 8 * MB < inflated_size(raw, 8 * MB) <= 9 * MB
    assert inflated_size(b"not deflate at all", MB) == 0


def test_a_pdf_page_that_inflates_hugely_is_refused_and_the_batch_goes_on(nb, tmp_path,
                                                                         fixture_file):
    bomb = attack_inputs.inflating_pdf(tmp_path / "bomb.pdf", 3 * MAX_PAGE_CONTENT_BYTES,
                                       pages=3, bomb_page=2)
    assert bomb.stat().st_size < 2 * MB
    good = fixture_file("protokol-1922.pdf")
    result = nb.documents.import_files([bomb, good]).value
    assert [f.file for f in result.failed] == [str(bomb)]
    error = result.failed[0].error
    assert "Page 2 of bomb.pdf" in error and "nothing was imported" in error
    assert [Path(i.file).name for i in result.imported] == ["protokol-1922.pdf"]
    assert len(nb.documents.all()) == 1


def test_a_pdf_page_under_the_bound_still_imports(nb, tmp_path):
    pdf = attack_inputs.inflating_pdf(tmp_path / "spacious.pdf", 4 * MB, pages=2,
                                      bomb_page=1)
    result = nb.documents.import_files([pdf]).value
    assert not result.failed
    doc = nb.documents.get(result.imported[0].document)
    assert [p.text.strip() for p in doc.pages] == ["Page 1", "Page 2"]


# -- finding 14: AES PDFs need cryptography -------------------------------------------

def test_an_aes_256_pdf_imports_with_its_title_and_page_labels(nb, fixture_file):
    from fixtures import texts
    path = fixture_file("encrypted-aes.pdf")
    result = nb.documents.import_files([path], password=texts.ENCRYPTED_PASSWORD).value
    assert not result.failed and not result.imported[0].warnings
    doc = nb.documents.get(result.imported[0].document)
    assert [p.label for p in doc.pages] == texts.PROTOKOL_FOLIOS
    assert nb.sources.get(result.imported[0].source).title == texts.PROTOKOL_TITLE
