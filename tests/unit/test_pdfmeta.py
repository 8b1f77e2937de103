"""What a PDF's own metadata may say about its new source (importers/pdfmeta.describe and
importers/pdftext): titles and authors decoded whatever bytes the producing program wrote,
and titles a program made up ("Binder1.pdf" by "DSI") replaced by the file's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.pdfmaker import write_pdf

from researchnb.importers.pdftext import decode_text, producer_made, repair_pdfium


def raw_info_pdf(path: Path, info: dict[str, bytes]) -> Path:
    """A one-page PDF whose Info strings hold exactly these bytes (as hex strings): the way
    a program that writes UTF-8 without a byte-order mark leaves them."""
    entries = " ".join(f"/{k} <{v.hex()}>" for k, v in info.items())
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
               f"<< {entries} >>".encode("ascii")]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    path.write_bytes(bytes(out))
    return path


def imported_source(nb, path: Path):
    result = nb.documents.import_files([path]).value
    assert not result.failed, result.failed
    return nb.sources.get(result.imported[0].source)


def test_utf8_title_and_author_without_a_mark_are_read_as_utf8(nb, tmp_path):
    pdf = raw_info_pdf(tmp_path / "p.pdf", {
        "Title": "Протокол № 14 заседания бюро ячейки — Über".encode(),
        "Author": "Иванов, Пётр".encode()})
    src = imported_source(nb, pdf)
    assert src.title == "Протокол № 14 заседания бюро ячейки — Über"
    assert [c.display for c in src.creators] == ["Иванов, Пётр"]


def test_no_control_character_reaches_the_source_or_the_bibtex(nb, tmp_path):
    pdf = raw_info_pdf(tmp_path / "p.pdf", {
        "Title": "Отчёт\x00 о\tработе\x07 ячейки\n1923".encode(),
        "Author": b"\xfe\xff" + "Петров\x00".encode("utf-16-be")})
    src = imported_source(nb, pdf)
    assert src.title == "Отчёт о работе ячейки 1923"
    assert [c.display for c in src.creators] == ["Петров"]
    bib = nb.citations.export("bibtex", sources=[src.key])
    assert "о работе ячейки 1923}" in bib and "\x00" not in bib


def test_utf16_title_written_by_pypdf_is_kept(nb, tmp_path):
    pdf = write_pdf(tmp_path / "p.pdf", [["Текст"]],
                    info={"/Title": "Письмо в губком, 1921", "/Author": "Сидорова, Анна"})
    src = imported_source(nb, pdf)
    assert src.title == "Письмо в губком, 1921"
    assert [c.display for c in src.creators] == ["Сидорова, Анна"]


def test_pdfdocencoding_title_is_decoded_by_its_table():
    # 0x84 is an em dash and 0x8D/0x8E are curly quotes in PDFDocEncoding, not C1 controls.
    assert decode_text(b"Minutes \x84 \x8dcell\x8e, caf\xe9") == "Minutes — “cell”, café"


def test_pdfium_mojibake_is_repaired_when_pypdf_cannot_read_the_dictionary(tmp_path):
    import pypdfium2 as pdfium

    pdf = raw_info_pdf(tmp_path / "p.pdf", {"Title": "Протокол Пленума".encode()})
    doc = pdfium.PdfDocument(pdf)
    seen = doc.get_metadata_dict()["Title"]
    doc.close()
    assert seen != "Протокол Пленума"            # PDFium's own reading is mojibake
    assert repair_pdfium(seen) == "Протокол Пленума"


@pytest.mark.parametrize(("title", "author", "file", "want_title", "want_authors"), [
    ("Binder1.pdf", "DSI", "fond-17-delo-3.pdf", "fond-17-delo-3", []),
    ("untitled", "", "svodka.pdf", "svodka", []),
    ("Untitled-1", "Administrator", "svodka.pdf", "svodka", []),
    ("Microsoft Word - Protokol 14.docx", "Windows User", "scan.pdf", "Protokol 14", []),
    ("Microsoft Word - Document1", "", "letter-1921.pdf", "letter-1921", []),
    ("C:\\Users\\ivan\\scans\\f1.tif", "", "f1.pdf", "f1", []),
    ("scan.pdf", "", "scan.pdf", "scan", []),
    # A real title keeps a short capitalised corporate author; a made-up one does not.
    ("Decisions of the bureau", "RKP", "d.pdf", "Decisions of the bureau", ["RKP"]),
    ("Vol. 2.1 of the minutes", "", "d.pdf", "Vol. 2.1 of the minutes", []),
])
def test_made_up_titles_and_authors_give_way_to_the_file_name(
        nb, tmp_path, title, author, file, want_title, want_authors):
    info = {"/Title": title}
    if author:
        info["/Author"] = author
    pdf = write_pdf(tmp_path / file, [["Текст"]], info=info)
    src = imported_source(nb, pdf)
    assert src.title == want_title
    assert [c.display for c in src.creators] == want_authors


def test_what_was_set_aside_is_in_the_import_report(nb, tmp_path):
    pdf = write_pdf(tmp_path / "minutes.pdf", [["Текст"]],
                    info={"/Title": "Binder1.pdf", "/Author": "DSI"})
    result = nb.documents.import_files([pdf]).value
    doc = nb.documents.get(result.imported[0].document)
    assert doc.import_report["metadata_ignored"] == ["title 'Binder1.pdf'", "author 'DSI'"]


@pytest.mark.parametrize("title", ["Доклад", "Report on the 1922 famine", "Book of hours",
                                   "Scanning the archives", "Document of the Comintern"])
def test_titles_a_person_wrote_are_kept(title):
    assert producer_made(title, "x.pdf") is None


@pytest.mark.parametrize("title", ["Untitled document", "Документ1", "Без имени",
                                   "Новый документ (2)", "Scan0001", "DSC_0042", "report.DOCX",
                                   "x.pdf", "—", "Microsoft PowerPoint - Untitled-2.pptx"])
def test_titles_a_program_made_up_are_recognised(title):
    assert producer_made(title, "x.pdf") == ""
