"""Importing PDFs, transcriptions and images into a notebook: the generated fixtures (see
tests/fixtures/) for every path, and the real corpus PDFs when ../shared is there."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from conftest import CORPUS
from fixtures import BINARIZED_SIZE, TYPED_SIZE, texts
from PIL import Image

FIXTURE_PDF_PAGES = {"protokol-1922.pdf": 3, "report-1923.pdf": 4, "broken-xref.pdf": 4,
                     "scan.pdf": 1}
PDF_PAGES = {"pdflatex-4-pages.pdf": 4, "pdflatex-outline.pdf": 4, "multilang.pdf": 1,
             "issue-297.pdf": 1, "metadata.pdf": 1, "c02-22.pdf": 1}
TEXT_PDFS = [n for n in PDF_PAGES if n != "c02-22.pdf"]


def _one(result):
    assert not result.failed, result.failed
    assert len(result.imported) == 1, result
    return result.imported[0]


@pytest.mark.parametrize("name", sorted(FIXTURE_PDF_PAGES))
def test_every_pdf_imports_with_its_page_count(nb, fixture_file, fixtures_dir, name):
    item = _one(nb.documents.import_files([fixture_file(name)]).value)
    doc = nb.documents.get(item.document)
    assert doc.page_count == FIXTURE_PDF_PAGES[name] == len(doc.pages)
    assert [p.number for p in doc.pages] == list(range(1, FIXTURE_PDF_PAGES[name] + 1))
    assert all(p.width and p.height and 200 < p.width < 1000 for p in doc.pages)
    assert nb.documents.original_path(item.document).read_bytes() == \
        (fixtures_dir / name).read_bytes()


@pytest.mark.shared
@pytest.mark.parametrize("name", sorted(PDF_PAGES))
def test_every_corpus_pdf_imports_with_its_page_count(nb, corpus, name):
    item = _one(nb.documents.import_files([corpus(f"pdf/{name}")]).value)
    doc = nb.documents.get(item.document)
    assert doc.page_count == PDF_PAGES[name] == len(doc.pages)
    assert [p.number for p in doc.pages] == list(range(1, PDF_PAGES[name] + 1))
    assert all(p.width and p.height and 200 < p.width < 1000 for p in doc.pages)
    assert nb.documents.original_path(item.document).read_bytes() == \
        (CORPUS / "pdf" / name).read_bytes()


def test_scanned_pdf_is_an_archival_source_needing_ocr(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("scan.pdf")]).value)
    assert item.status == "needs_ocr"
    page = nb.documents.get(item.document).pages[0]
    assert page.text == "" and page.text_origin == "none"
    assert nb.sources.get(item.source).kind == "archival"


def test_russian_pdf_text_is_kept_with_hyphenated_line_ends_joined(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("protokol-1922.pdf")]).value)
    text = "\n".join(p.text for p in nb.documents.get(item.document).pages)
    assert text.startswith("ПРОТОКОЛ № 7\nобщего собрания ячейки РКП(б)")
    for word in texts.PROTOKOL_WORDS:               # "рабо-" + "чих" reads "рабочих"
        assert re.search(rf"\b{word}\b", text), word
    assert "\r" not in text and "\ufffe" not in text and "рабо-" not in text


@pytest.mark.shared
def test_russian_and_multilingual_pdf_text_is_kept(nb, corpus):
    item = _one(nb.documents.import_files([corpus("pdf/multilang.pdf")]).value)
    text = nb.pages.text(item.document, 1)
    for words in ("Привет, мир", "Hello World", "你好世界", "こんにちは世界"):
        assert words in text
    assert "\r" not in text


def test_pdf_metadata_fills_the_new_source(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("protokol-1922.pdf")]).value)
    src = nb.sources.get(item.source)
    assert src.title == texts.PROTOKOL_TITLE
    assert [c.display for c in src.creators] == [texts.PROTOKOL_AUTHOR]
    assert src.date == "1922-03-14"
    assert src.extra["subject"] == "Протоколы ячейки"


@pytest.mark.shared
def test_corpus_pdf_metadata_fills_the_new_source(nb, corpus):
    item = _one(nb.documents.import_files([corpus("pdf/metadata.pdf")]).value)
    src = nb.sources.get(item.source)
    assert src.title == "The Title"
    assert [c.display for c in src.creators] == ["Martin Thoma"]
    assert src.date == "2022-04-15"
    assert src.extra["subject"] == "The Subject"


def test_pdf_without_metadata_takes_its_file_name_as_title(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("report-1923.pdf")]).value)
    assert nb.sources.get(item.source).title == "report-1923"
    assert [p.label for p in nb.documents.get(item.document).pages] == ["1", "2", "3", "4"]


def test_pdf_outline_is_kept_with_page_numbers(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("report-1923.pdf")]).value)
    outline = nb.documents.get(item.document).import_report["outline"]
    assert [(e["title"], e["page"]) for e in outline] == [
        ("Arrival", 1), ("The warehouses", 2), ("Distribution", 3), ("Accounts", 4)]
    assert [(e["title"], e["page"]) for e in outline[2]["children"]] == [("Rations", 3)]


@pytest.mark.shared
def test_corpus_pdf_outline_is_kept_with_page_numbers(nb, corpus):
    item = _one(nb.documents.import_files([corpus("pdf/pdflatex-outline.pdf")]).value)
    outline = nb.documents.get(item.document).import_report["outline"]
    assert len(outline) == 9
    assert [e["title"] for e in outline[:3]] == ["Foo", "Bar", "Baz"]
    assert {e["page"] for e in outline} == {2, 3, 4}


def test_pdf_folio_labels_are_the_page_labels(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("protokol-1922.pdf")]).value)
    assert [p.label for p in nb.documents.get(item.document).pages] == ["12", "12 ob.", "13"]
    assert nb.documents.get(item.document).import_report["page_labels"] is True


def test_pdf_page_labels_become_folios(nb, tmp_path, fixtures_dir):
    from pypdf import PdfReader, PdfWriter
    from pypdf.constants import PageLabelStyle
    writer = PdfWriter(clone_from=PdfReader(fixtures_dir / "report-1923.pdf"))
    writer.set_page_label(0, 1, style=PageLabelStyle.LOWERCASE_ROMAN)
    writer.set_page_label(2, 3, style=PageLabelStyle.DECIMAL, start=12)
    path = tmp_path / "labelled.pdf"
    writer.write(path)
    item = _one(nb.documents.import_files([path]).value)
    assert [p.label for p in nb.documents.get(item.document).pages] == ["i", "ii", "12", "13"]


def _words(text: str) -> collections.Counter[str]:
    return collections.Counter(re.findall(r"\w+", text.casefold()))


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (Debian poppler-utils) is not installed")


@needs_pdftotext
@pytest.mark.parametrize("name", ["protokol-1922.pdf", "report-1923.pdf"])
def test_stored_words_of_our_pdfs_agree_with_pdftotext(nb, fixture_file, name):
    _agrees_with_pdftotext(nb, fixture_file(name))


@pytest.mark.shared
@needs_pdftotext
@pytest.mark.parametrize("name", TEXT_PDFS)
def test_stored_words_agree_with_pdftotext(nb, corpus, name):
    _agrees_with_pdftotext(nb, corpus(f"pdf/{name}"))


def _agrees_with_pdftotext(nb, path: Path) -> None:
    item = _one(nb.documents.import_files([path]).value)
    ours = _words("\n".join(p.text for p in nb.documents.get(item.document).pages))
    ref = _words(subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                capture_output=True, text=True, check=True).stdout)
    common = sum((ours & ref).values())
    assert common / max(sum(ours.values()), sum(ref.values())) >= 0.99


def test_cp1251_and_koi8r_transcriptions_give_identical_text(nb, fixture_file):
    a = _one(nb.documents.import_files([fixture_file("biuro.cp1251.txt")]).value)
    b = _one(nb.documents.import_files([fixture_file("biuro.koi8r.txt")]).value)
    ta, tb = nb.pages.text(a.document, 1), nb.pages.text(b.document, 1)
    assert ta == tb == texts.BIURO_MINUTES
    assert ta.startswith("Протокол заседания бюро ячейки от 2 апреля 1922 года.")


def test_long_text_is_split_into_pages_that_join_back_exactly(nb, fixture_file):
    path = fixture_file("letters.ru.txt")
    item = _one(nb.documents.import_files([path]).value)
    doc = nb.documents.get(item.document)
    assert doc.page_count == 3 and item.status == "ok"
    assert "".join(p.text for p in doc.pages) == path.read_text(encoding="utf-8")
    assert all(p.text_origin == "extracted" for p in doc.pages)
    assert all(len(p.text) < 6500 for p in doc.pages)


def test_markdown_takes_its_first_heading_as_title(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("journal.md")]).value)
    doc = nb.documents.get(item.document)
    assert doc.media_type == "text/markdown" and doc.page_count >= 3
    assert nb.sources.get(item.source).title == texts.JOURNAL_TITLE
    # Pages end on paragraph boundaries, not inside a line.
    assert all(p.text.endswith("\n") for p in doc.pages[:-1])


@pytest.mark.parametrize("name, size", [("binarized.png", BINARIZED_SIZE),
                                        ("typed.png", TYPED_SIZE)])
def test_image_is_one_page_without_text_with_its_pixel_size(nb, fixture_file, name, size):
    item = _one(nb.documents.import_files([fixture_file(name)]).value)
    assert item.status == "needs_ocr"
    page = nb.documents.get(item.document).pages[0]
    assert (page.width, page.height) == size
    assert page.text == "" and page.text_origin == "none"
    assert nb.sources.get(item.source).kind == "archival"


def test_multipage_tiff_gives_one_page_per_frame(nb, fixture_file):
    item = _one(nb.documents.import_files([fixture_file("folio.tif")]).value)
    doc = nb.documents.get(item.document)
    assert doc.media_type == "image/tiff" and item.status == "needs_ocr"
    assert [(p.number, p.frame, p.width, p.height) for p in doc.pages] == [
        (1, 0, *map(float, BINARIZED_SIZE)), (2, 1, *map(float, TYPED_SIZE))]


def test_exif_date_is_kept_as_when_photographed_not_as_the_documents_date(nb, fixture_file):
    with Image.open(fixture_file("photo.jpg")) as im:         # the fixture's EXIF is real
        assert im.getexif().get_ifd(0x8769)[36867] == \
            datetime(2024, 3, 5, 11, 20).strftime("%Y:%m:%d %H:%M:%S")
    item = _one(nb.documents.import_files([fixture_file("photo.jpg")]).value)
    source = nb.sources.get(item.source)
    assert source.date == ""                      # a 1922 delo photographed in 2024
    assert source.extra["photographed"] == "2024-03-05"
    assert nb.documents.get(item.document).import_report["photographed"] == "2024-03-05"
    assert nb.documents.get(item.document).media_type == "image/jpeg"


def test_one_document_puts_photos_in_natural_order_under_one_source(nb, tmp_path,
                                                                      fixtures_dir):
    folder = tmp_path / "delo-312"
    folder.mkdir()
    names = {"IMG_10.png": "typed.png", "IMG_2.png": "binarized.png"}
    for new, old in names.items():
        shutil.copyfile(fixtures_dir / old, folder / new)
    Image.new("L", (300, 400), 255).save(folder / "IMG_1.png")
    result = nb.documents.import_files([folder], one_document=True).value
    item = _one(result)
    doc = nb.documents.get(item.document)
    assert [p.width for p in doc.pages] == [300.0, BINARIZED_SIZE[0], TYPED_SIZE[0]]
    assert [p.file_position for p in doc.pages] == [0, 1, 2]
    assert nb.sources.get(item.source).title == "delo-312"
    for position, name in enumerate(["IMG_1.png", "IMG_2.png", "IMG_10.png"]):
        assert nb.documents.original_path(item.document, position).read_bytes() == \
            (folder / name).read_bytes()
    assert nb.info()["sources"] == 1


def test_source_option_puts_every_document_under_that_source(nb, fixture_file):
    from researchnb.domain import Source
    src = nb.sources.add(Source(kind="archival", title="RGASPI f. 17")).value
    result = nb.documents.import_files(
        [fixture_file("protokol-1922.pdf"), fixture_file("biuro.koi8r.txt")],
        source_key=src.key.lower()).value
    assert {i.source for i in result.imported} == {src.key}
    assert nb.info()["sources"] == 1
    assert [d.filename for d in nb.documents.all(src.key)] == ["protokol-1922.pdf",
                                                                 "biuro.koi8r.txt"]


def test_a_folder_imports_recursively_and_skips_what_it_cannot_read(nb, tmp_path,
                                                                     fixtures_dir):
    folder = tmp_path / "archive-trip"
    (folder / "day2").mkdir(parents=True)
    shutil.copyfile(fixtures_dir / "protokol-1922.pdf", folder / "metadata.pdf")
    shutil.copyfile(fixtures_dir / "biuro.cp1251.txt", folder / "day2" / "bio.txt")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    result = nb.documents.import_files([folder]).value
    assert sorted(Path(i.file).name for i in result.imported) == ["bio.txt", "metadata.pdf"]
    assert [Path(s.file).name for s in result.skipped] == ["notes.docx"]
    assert not result.failed


def test_a_folder_linking_back_to_itself_is_walked_once(nb, tmp_path, fixtures_dir):
    folder = tmp_path / "trip"
    folder.mkdir()
    shutil.copyfile(fixtures_dir / "protokol-1922.pdf", folder / "metadata.pdf")
    (folder / "again").symlink_to(folder, target_is_directory=True)
    result = nb.documents.import_files([folder]).value
    assert [Path(i.file).name for i in result.imported] == ["metadata.pdf"]
    assert not result.failed
