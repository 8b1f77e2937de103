"""Importing the real corpus PDFs, transcriptions and images into a notebook."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import CORPUS
from PIL import Image

PDF_PAGES = {"pdflatex-4-pages.pdf": 4, "pdflatex-outline.pdf": 4, "multilang.pdf": 1,
             "issue-297.pdf": 1, "metadata.pdf": 1, "c02-22.pdf": 1}
TEXT_PDFS = [n for n in PDF_PAGES if n != "c02-22.pdf"]


def _one(result):
    assert not result.failed, result.failed
    assert len(result.imported) == 1, result
    return result.imported[0]


@pytest.mark.parametrize("name", sorted(PDF_PAGES))
def test_every_corpus_pdf_imports_with_its_page_count(nb, corpus, name):
    item = _one(nb.import_files([corpus(f"pdf/{name}")]))
    doc = nb.get_document(item.document)
    assert doc.page_count == PDF_PAGES[name] == len(doc.pages)
    assert [p.number for p in doc.pages] == list(range(1, PDF_PAGES[name] + 1))
    assert all(p.width and p.height and 200 < p.width < 1000 for p in doc.pages)
    assert nb.original_path(item.document).read_bytes() == (CORPUS / "pdf" / name).read_bytes()


def test_scanned_pdf_is_an_archival_source_needing_ocr(nb, corpus):
    item = _one(nb.import_files([corpus("pdf/c02-22.pdf")]))
    assert item.status == "needs_ocr"
    page = nb.get_document(item.document).pages[0]
    assert page.text == "" and page.text_origin == "none"
    assert nb.get_source(item.source).kind == "archival"


def test_russian_and_multilingual_pdf_text_is_kept(nb, corpus):
    item = _one(nb.import_files([corpus("pdf/multilang.pdf")]))
    text = nb.page_text(item.document, 1)
    for words in ("Привет, мир", "Hello World", "你好世界", "こんにちは世界"):
        assert words in text
    assert "\r" not in text


def test_pdf_metadata_fills_the_new_source(nb, corpus):
    item = _one(nb.import_files([corpus("pdf/metadata.pdf")]))
    src = nb.get_source(item.source)
    assert src.title == "The Title"
    assert [c.display for c in src.creators] == ["Martin Thoma"]
    assert src.date == "2022-04-15"
    assert src.extra["subject"] == "The Subject"


def test_pdf_without_metadata_takes_its_file_name_as_title(nb, corpus):
    item = _one(nb.import_files([corpus("pdf/pdflatex-4-pages.pdf")]))
    assert nb.get_source(item.source).title == "pdflatex-4-pages"
    assert [p.label for p in nb.get_document(item.document).pages] == ["1", "2", "3", "4"]


def test_pdf_outline_is_kept_with_page_numbers(nb, corpus):
    item = _one(nb.import_files([corpus("pdf/pdflatex-outline.pdf")]))
    outline = nb.get_document(item.document).import_report["outline"]
    assert len(outline) == 9
    assert [e["title"] for e in outline[:3]] == ["Foo", "Bar", "Baz"]
    assert {e["page"] for e in outline} == {2, 3, 4}


def test_pdf_page_labels_become_folios(nb, tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    writer = PdfWriter(clone_from=PdfReader(CORPUS / "pdf" / "pdflatex-4-pages.pdf"))
    writer.set_page_label(0, 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(2, 3, style=PageLabelStyle.DECIMAL, start=12)
    path = tmp_path / "labelled.pdf"
    writer.write(path)
    item = _one(nb.import_files([path]))
    assert [p.label for p in nb.get_document(item.document).pages] == ["i", "ii", "12", "13"]


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(re.findall(r"\w+", text.casefold()))


@pytest.mark.skipif(shutil.which("pdftotext") is None,
                    reason="pdftotext (Debian poppler-utils) is not installed")
@pytest.mark.parametrize("name", TEXT_PDFS)
def test_stored_words_agree_with_pdftotext(nb, corpus, name):
    path = corpus(f"pdf/{name}")
    item = _one(nb.import_files([path]))
    ours = _words("\n".join(p.text for p in nb.get_document(item.document).pages))
    ref = _words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                capture_output=True, text=True, check=True).stdout)
    common = sum((ours & ref).values())
    assert common / max(sum(ours.values()), sum(ref.values())) >= 0.99


def test_cp1251_and_koi8r_transcriptions_give_identical_text(nb, corpus):
    a = _one(nb.import_files([corpus("text/einstein-bio.cp1251.txt")]))
    b = _one(nb.import_files([corpus("text/einstein-bio.koi8r.txt")]))
    ta, tb = nb.page_text(a.document, 1), nb.page_text(b.document, 1)
    assert ta == tb and ta.startswith("В гимназии он не был в числе первых учеников")


def test_long_text_is_split_into_pages_that_join_back_exactly(nb, corpus):
    path = corpus("text/tolstoy-letters-to-gandhi.ru.txt")
    item = _one(nb.import_files([path]))
    doc = nb.get_document(item.document)
    assert doc.page_count > 1 and item.status == "ok"
    assert "".join(p.text for p in doc.pages) == path.read_text(encoding="utf-8")
    assert all(p.text_origin == "extracted" for p in doc.pages)
    assert all(len(p.text) < 6500 for p in doc.pages)


def test_markdown_takes_its_first_heading_as_title(nb, corpus):
    item = _one(nb.import_files([corpus("text/us-constitution.md")]))
    doc = nb.get_document(item.document)
    assert doc.media_type == "text/markdown" and doc.page_count >= 5
    assert nb.get_source(item.source).title == \
        "The Constitution Of The United States Of America"
    # Pages end on paragraph boundaries, not inside a line.
    assert all(p.text.endswith("\n") for p in doc.pages[:-1])


@pytest.mark.parametrize("name", ["BIN_0017.png", "typewriter.png"])
def test_image_is_one_page_without_text_with_its_pixel_size(nb, corpus, name):
    item = _one(nb.import_files([corpus(f"images/{name}")]))
    assert item.status == "needs_ocr"
    page = nb.get_document(item.document).pages[0]
    with Image.open(CORPUS / "images" / name) as im:
        assert (page.width, page.height) == im.size
    assert page.text == "" and page.text_origin == "none"
    assert nb.get_source(item.source).kind == "archival"


def test_multipage_tiff_gives_one_page_per_frame(nb, tmp_path):
    frames = [Image.open(CORPUS / "images" / n).convert("L")
              for n in ("BIN_0017.png", "typewriter.png")]
    path = tmp_path / "delo.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:3])
    item = _one(nb.import_files([path]))
    pages = nb.get_document(item.document).pages
    assert [(p.frame, p.width) for p in pages] == [(0, 1457.0), (1, 4000.0)]


def test_exif_date_is_kept_as_when_photographed_not_as_the_documents_date(nb, tmp_path):
    im = Image.open(CORPUS / "images" / "typewriter.png").convert("RGB")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[36867] = datetime(2024, 3, 5, 11, 20).strftime("%Y:%m:%d %H:%M:%S")
    path = tmp_path / "IMG_0001.jpg"
    im.save(path, exif=exif)
    item = _one(nb.import_files([path]))
    source = nb.get_source(item.source)
    assert source.date == ""                      # a 1922 delo photographed in 2024
    assert source.extra["photographed"] == "2024-03-05"
    assert nb.get_document(item.document).import_report["photographed"] == "2024-03-05"
    assert nb.get_document(item.document).media_type == "image/jpeg"


def test_one_document_puts_photos_in_natural_order_under_one_source(nb, tmp_path):
    folder = tmp_path / "delo-312"
    folder.mkdir()
    names = {"IMG_10.png": "typewriter.png", "IMG_2.png": "BIN_0017.png"}
    for new, old in names.items():
        shutil.copyfile(CORPUS / "images" / old, folder / new)
    Image.new("L", (300, 400), 255).save(folder / "IMG_1.png")
    result = nb.import_files([folder], one_document=True)
    item = _one(result)
    doc = nb.get_document(item.document)
    assert [p.width for p in doc.pages] == [300.0, 1457.0, 4000.0]
    assert [p.file_position for p in doc.pages] == [0, 1, 2]
    assert nb.get_source(item.source).title == "delo-312"
    for position, name in enumerate(["IMG_1.png", "IMG_2.png", "IMG_10.png"]):
        assert nb.original_path(item.document, position).read_bytes() == \
            (folder / name).read_bytes()
    assert nb.info()["sources"] == 1


def test_source_option_puts_every_document_under_that_source(nb, corpus):
    from researchnb.domain import Source
    src = nb.add_source(Source(kind="archival", title="RGASPI f. 17"))
    result = nb.import_files([corpus("pdf/metadata.pdf"), corpus("text/einstein-bio.koi8r.txt")],
                             source_key=src.key.lower())
    assert {i.source for i in result.imported} == {src.key}
    assert nb.info()["sources"] == 1
    assert [d.filename for d in nb.list_documents(src.key)] == ["metadata.pdf",
                                                                 "einstein-bio.koi8r.txt"]


def test_a_folder_imports_recursively_and_skips_what_it_cannot_read(nb, tmp_path):
    folder = tmp_path / "archive-trip"
    (folder / "day2").mkdir(parents=True)
    shutil.copyfile(CORPUS / "pdf" / "metadata.pdf", folder / "metadata.pdf")
    shutil.copyfile(CORPUS / "text" / "einstein-bio.cp1251.txt", folder / "day2" / "bio.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    result = nb.import_files([folder])
    assert sorted(Path(i.file).name for i in result.imported) == ["bio.txt", "metadata.pdf"]
    assert [Path(s.file).name for s in result.skipped] == ["notes.docx"]
    assert not result.failed


def test_a_folder_linking_back_to_itself_is_walked_once(nb, tmp_path):
    folder = tmp_path / "trip"
    folder.mkdir()
    shutil.copyfile(CORPUS / "pdf" / "metadata.pdf", folder / "metadata.pdf")
    (folder / "again").symlink_to(folder, target_is_directory=True)
    result = nb.import_files([folder])
    assert [Path(i.file).name for i in result.imported] == ["metadata.pdf"]
    assert not result.failed
