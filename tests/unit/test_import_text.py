"""Reading transcriptions: encodings, line endings, Unicode forms, page cuts, file kinds."""

from __future__ import annotations

import unicodedata

import pytest

from researchnb.domain import ImportFailed
from researchnb.importers.kinds import detect, natural_key
from researchnb.importers.text import decode, split_pages

RUSSIAN = "Протокол 12 заседания бюро ячейки. Слушали: о снабжении рабочих хлебом.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251", "koi8_r"])
def test_russian_text_in_any_common_encoding_decodes_the_same(encoding):
    data = (RUSSIAN * 20).encode(encoding)
    text, _, warnings = decode(data, "t.txt")
    assert text == RUSSIAN * 20 and not warnings


def test_line_endings_become_newlines_and_unicode_is_composed():
    decomposed = unicodedata.normalize("NFD", "Йошкар-Ола, ёлка")
    text, _, _ = decode(f"{decomposed}\r\nline two\rline three\n".encode(), "t.txt")
    assert text == "Йошкар-Ола, ёлка\nline two\nline three\n"


def test_binary_data_named_txt_is_refused():
    with pytest.raises(ImportFailed):
        decode(bytes(range(256)) * 8, "scan.txt")


def test_pages_are_cut_on_paragraphs_and_join_back():
    paragraphs = [f"Paragraph {i}. " + "word " * (40 + i % 30) for i in range(200)]
    text = "\n\n".join(paragraphs)
    pages = split_pages(text)
    assert "".join(pages) == text and len(pages) > 5
    assert all(p.endswith("\n\n") for p in pages[:-1])
    assert all(p.startswith("Paragraph") for p in pages)


def test_a_short_text_is_one_page():
    assert split_pages("Одна страница.\n") == ["Одна страница.\n"]


def test_kinds_follow_the_bytes_before_the_extension(tmp_path, fixtures_dir):
    fake = tmp_path / "scan.pdf"
    fake.write_bytes((fixtures_dir / "typed.png").read_bytes())
    assert detect(fake).kind == "image"
    assert detect(fixtures_dir / "typed-png.pdf").media_type == "image/png"
    assert detect(fixtures_dir / "protokol-1922.pdf").media_type == "application/pdf"
    assert detect(fixtures_dir / "folio.tif").media_type == "image/tiff"
    assert detect(fixtures_dir / "journal.md").media_type == "text/markdown"
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04")
    assert detect(odd) is None


def test_natural_order_puts_img_2_before_img_10():
    names = ["IMG_10.jpg", "img_2.jpg", "IMG_1.jpg", "IMG_100.jpg"]
    assert sorted(names, key=natural_key) == ["IMG_1.jpg", "img_2.jpg", "IMG_10.jpg",
                                               "IMG_100.jpg"]
