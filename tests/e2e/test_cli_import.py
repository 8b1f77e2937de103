"""`researchnb import` and `documents` in a subprocess, as a historian would run them."""

from __future__ import annotations

import shutil

import pytest
from fixtures import BROKEN, texts


@pytest.fixture
def nbp(cli, tmp_path):
    path = tmp_path / "x.rnb"
    assert cli("init", str(path)).code == 0
    return path


def _stored_files(nbp):
    return sorted(p for p in (nbp / "files").rglob("*") if p.is_file())


def test_import_json_shape_and_russian_text_printed_by_documents_show(cli, nbp, fixture_file):
    r = cli("import", str(fixture_file("protokol-1922.pdf")),
            str(fixture_file("biuro.koi8r.txt")), "--json", notebook=nbp)
    assert r.code == 0, r.err
    assert set(r.json) >= {"imported", "failed", "skipped"}
    assert [set(i) >= {"file", "document", "source", "pages", "status"}
            for i in r.json["imported"]] == [True, True]
    pdf_key, txt_key = (i["document"] for i in r.json["imported"])
    shown = cli("documents", "show", pdf_key, "--json", notebook=nbp).json
    assert shown["key"] == pdf_key and shown["filename"] == "protokol-1922.pdf"
    assert shown["source"] == r.json["imported"][0]["source"]
    page = shown["pages"][0]
    assert set(page) >= {"number", "label", "text", "origin"} and page["origin"] == "extracted"
    assert "общего собрания ячейки РКП(б) махорочной фабрики «Новый путь»" in page["text"]
    assert page["label"] == "12"
    human = cli("documents", "show", txt_key, "--page", "1", notebook=nbp)
    assert human.code == 0 and "Ещё не все члены ячейки выписали газету" in human.out
    listed = cli("documents", "list", "--json", notebook=nbp).json
    assert [d["key"] for d in listed] == [pdf_key, txt_key]


def test_encrypted_pdf_needs_its_password_and_nothing_changes_without_it(cli, nbp,
                                                                          fixture_file):
    path = fixture_file("encrypted.pdf")
    before = cli("info", "--json", notebook=nbp).json
    r = cli("import", str(path), notebook=nbp)
    assert r.code == 1 and "Traceback" not in r.err
    assert "encrypted.pdf" in r.err and "--password" in r.err
    assert cli("info", "--json", notebook=nbp).json == before
    assert _stored_files(nbp) == []
    r = cli("import", str(path), "--password", "openpassword", "--json", notebook=nbp)
    assert r.code == 0 and r.json["imported"][0]["pages"] == 1


def test_hostile_folder_gives_clear_failures_exit_3_and_a_healthy_notebook(cli, nbp,
                                                                          tmp_path,
                                                                          fixtures_dir):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name in [*BROKEN, "mixed-endings.txt", "inventory.utf16.txt", "broken-xref.pdf"]:
        shutil.copyfile(fixtures_dir / name, folder / name)
    r = cli("import", str(folder), "--json", notebook=nbp)
    assert r.code == 3 and "Traceback" not in r.err
    failed = {f["file"].rsplit("/", 1)[-1] for f in r.json["failed"]}
    assert failed == {"empty.pdf", "garbage.pdf", "nuls.txt"}
    imported = {i["file"].rsplit("/", 1)[-1] for i in r.json["imported"]}
    assert imported == {"typed-png.pdf", "mixed-endings.txt", "inventory.utf16.txt",
                        "broken-xref.pdf"}
    check = cli("check", "--json", notebook=nbp)
    assert check.code == 0 and check.json["ok"], check.json


@pytest.mark.shared
def test_library_chatter_stays_off_the_terminal(cli, nbp, corpus):
    """pypdf's warnings on a real-world PDF with a damaged cross-reference table."""
    r = cli("import", str(corpus("pdf/issue-297.pdf")), notebook=nbp)
    assert r.code == 0 and "startxref" not in r.err


def test_library_chatter_on_a_wrong_startxref_stays_off_the_terminal(cli, nbp, fixture_file):
    r = cli("import", str(fixture_file("broken-xref.pdf")), "--json", notebook=nbp)
    assert r.code == 0 and "startxref" not in r.err and "Traceback" not in r.err
    assert r.err.strip() == "" and r.json["imported"][0]["pages"] == 4


def test_a_second_import_of_the_same_file_is_skipped(cli, nbp, fixture_file):
    path = fixture_file("report-1923.pdf")
    first = cli("import", str(path), "--json", notebook=nbp).json["imported"][0]
    again = cli("import", str(path), "--json", notebook=nbp)
    assert again.code == 0 and again.json["imported"] == []
    assert again.json["skipped"][0]["document"] == first["document"]


def test_missing_ocr_language_fails_before_importing_and_names_the_package(cli, nbp,
                                                                           fixture_file):
    r = cli("import", str(fixture_file("typed.png")), "--ocr", "--lang", "eng+xyz",
            notebook=nbp)
    assert r.code == 1 and "tesseract-ocr-xyz" in r.err
    assert cli("info", "--json", notebook=nbp).json["documents"] == 0


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_ocr_of_the_typed_card_from_the_command_line(cli, nbp, fixture_file):
    r = cli("import", str(fixture_file("typed.png")), "--ocr", "--json", notebook=nbp)
    assert r.code == 0, r.err
    page = cli("documents", "show", r.json["imported"][0]["document"], "--page", "1",
               "--json", notebook=nbp).json["pages"][0]
    assert page["origin"] == "ocr" and page["confidence"] is not None
    assert 0 < page["confidence"] <= 100
    for word in texts.TYPED_WORDS:
        assert word.casefold() in page["text"].casefold(), word


def test_one_document_and_source_options(cli, nbp, tmp_path, fixtures_dir):
    folder = tmp_path / "delo"
    folder.mkdir()
    shutil.copyfile(fixtures_dir / "typed.png", folder / "IMG_10.png")         # 1400 × 1000
    shutil.copyfile(fixtures_dir / "binarized.png", folder / "IMG_9.png")      # 1000 × 1400
    src = cli("sources", "add", "--kind", "archival", "--title", "TsGAMO f. 415 op. 16 d. 312",
              "--json", notebook=nbp).json["key"]
    r = cli("import", str(folder), "--one-document", "--source", src, "--json", notebook=nbp)
    assert r.code == 0, r.err
    item = r.json["imported"][0]
    assert item["pages"] == 2 and item["source"] == src
    shown = cli("documents", "show", item["document"], "--json", notebook=nbp).json
    assert [p["width"] for p in shown["pages"]] == [1000.0, 1400.0]


def test_unknown_document_and_page_are_user_errors(cli, nbp, fixture_file):
    assert cli("documents", "show", "ZZZZZZZZ", notebook=nbp).code == 1
    key = cli("import", str(fixture_file("report-1923.pdf")), "--json",
              notebook=nbp).json["imported"][0]["document"]
    r = cli("documents", "show", key, "--page", "9", notebook=nbp)
    assert r.code == 1 and "no page 9" in r.err
