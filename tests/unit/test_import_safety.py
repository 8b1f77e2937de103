"""Nothing half-done: encrypted, damaged and duplicate files, cancelling, failing writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS
from fixtures import BROKEN, texts

from researchnb.domain import NotFound
from researchnb.progress import Progress

ENCRYPTED = "encrypted.pdf"
# What a historian may have lying around: damaged, empty, binary or oddly encoded files.
# (typed-png.pdf, an image under a .pdf name, has a test of its own below.)
HOSTILE = [*(n for n in BROKEN if n != "typed-png.pdf"), "mixed-endings.txt",
           "inventory.utf16.txt", "broken-xref.pdf"]
CORPUS_HOSTILE = sorted(p.name for p in (CORPUS / "hostile").iterdir()) \
    if (CORPUS / "hostile").is_dir() else ["(../shared/corpus/hostile is absent)"]


def _stored_files(nb) -> list[Path]:
    return sorted(p for p in nb.files.root.rglob("*") if p.is_file())


def _state(nb):
    return nb.info(), _stored_files(nb)


def test_encrypted_pdf_without_password_fails_clearly_and_changes_nothing(nb, fixture_file):
    before = _state(nb)
    result = nb.documents.import_files([fixture_file(ENCRYPTED)]).value
    assert not result.imported and len(result.failed) == 1
    error = result.failed[0].error
    assert "encrypted.pdf" in error and "--password" in error
    assert _state(nb) == before


def test_encrypted_pdf_with_a_wrong_password_says_so(nb, fixture_file):
    before = _state(nb)
    result = nb.documents.import_files([fixture_file(ENCRYPTED)], password="guess").value
    assert "password given" in result.failed[0].error and "wrong" in result.failed[0].error
    assert _state(nb) == before


def test_encrypted_pdf_with_its_password_imports(nb, fixture_file):
    result = nb.documents.import_files([fixture_file(ENCRYPTED)],
                                       password=texts.ENCRYPTED_PASSWORD).value
    assert not result.failed
    doc = nb.documents.get(result.imported[0].document)
    assert doc.page_count == 1
    assert doc.pages[0].text.split("\n") == texts.ENCRYPTED_LINES


@pytest.mark.shared
def test_corpus_encrypted_pdf_with_its_password_imports(nb, corpus):
    result = nb.documents.import_files([corpus("pdf/libreoffice-writer-password.pdf")],
                                       password="openpassword").value
    assert not result.failed
    doc = nb.documents.get(result.imported[0].document)
    assert doc.page_count == 1 and doc.pages[0].text.strip()


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_fails_clearly_or_imports_with_its_pages(nb, fixture_file, name):
    _fails_clearly_or_imports(nb, fixture_file(name), name)


@pytest.mark.parametrize("name, error", [
    ("empty.pdf", "empty.pdf is empty (0 bytes)"),
    ("garbage.pdf", "garbage.pdf is not a readable PDF"),
    ("nuls.txt", "nuls.txt is full of NUL characters"),
])
def test_broken_files_fail_with_a_message_naming_the_file(nb, fixture_file, name, error):
    before = _state(nb)
    result = nb.documents.import_files([fixture_file(name)]).value
    assert not result.imported and error in result.failed[0].error
    assert _state(nb) == before


def test_a_file_with_the_wrong_extension_is_read_by_its_bytes(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("typed-png.pdf")]).value
    doc = nb.documents.get(result.imported[0].document)
    assert doc.media_type == "image/png" and result.imported[0].status == "needs_ocr"


@pytest.mark.shared
@pytest.mark.parametrize("name", CORPUS_HOSTILE)
def test_corpus_hostile_file_fails_clearly_or_imports_with_its_pages(nb, corpus, name):
    _fails_clearly_or_imports(nb, corpus(f"hostile/{name}"), name)


def _fails_clearly_or_imports(nb, path: Path, name: str) -> None:
    before = _state(nb)
    result = nb.documents.import_files([path]).value
    assert len(result.imported) + len(result.failed) == 1
    if result.failed:
        assert name in result.failed[0].error
        assert "Traceback" not in result.failed[0].error
        assert _state(nb) == before
    else:
        doc = nb.documents.get(result.imported[0].document)
        assert doc.page_count == len(doc.pages) >= 1
        assert "".join(p.text for p in doc.pages).strip()
    assert nb.check() == {"ok": True, "problems": []}


@pytest.mark.shared
def test_damaged_utf8_is_imported_with_replacement_characters_and_a_warning(nb, corpus):
    result = nb.documents.import_files([corpus("hostile/UTF-8-test.txt")]).value
    item = result.imported[0]
    assert any("invalid byte" in w for w in item.warnings)
    text = "".join(p.text for p in nb.documents.get(item.document).pages)
    assert "\ufffd" in text and "κόσμε" in text     # still read as UTF-8, not mojibake


def test_mixed_line_endings_and_utf16_bom_are_normalised(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("mixed-endings.txt"),
                                        fixture_file("inventory.utf16.txt")]).value
    mixed, utf16 = (nb.pages.text(i.document, 1) for i in result.imported)
    assert mixed == "\n".join(texts.MIXED_ENDINGS_LINES) + "\n"
    assert utf16 == texts.INVENTORY_UTF16 and "\ufeff" not in utf16
    assert result.imported[1].status == "ok"


@pytest.mark.shared
def test_mixed_line_endings_and_utf16_are_normalised(nb, corpus):
    result = nb.documents.import_files([corpus("hostile/mixed.txt"),
                                        corpus("hostile/utf16le.txt")]).value
    mixed, utf16 = (nb.pages.text(i.document, 1) for i in result.imported)
    assert "\r" not in mixed and mixed.count("\n") == (CORPUS / "hostile" / "mixed.txt") \
        .read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
    assert utf16.startswith("萨尔茨堡") and "\ufeff" not in utf16


def test_library_repairs_go_to_the_report_not_the_terminal(nb, fixture_file, capfd):
    result = nb.documents.import_files([fixture_file("broken-xref.pdf")]).value
    out, err = capfd.readouterr()
    assert "startxref" not in out + err
    item = result.imported[0]
    assert any("slightly damaged" in w for w in item.warnings)
    report = nb.documents.get(item.document).import_report
    assert any("startxref" in m for m in report["library_messages"])


def test_a_batch_goes_on_past_a_bad_file(nb, fixture_file):
    result = nb.documents.import_files([fixture_file("garbage.pdf"),
                                        fixture_file("protokol-1922.pdf"),
                                        Path("/nonexistent/scan.pdf")]).value
    assert [Path(i.file).name for i in result.imported] == ["protokol-1922.pdf"]
    assert sorted(Path(f.file).name for f in result.failed) == ["garbage.pdf", "scan.pdf"]


def test_the_same_file_twice_is_skipped_naming_the_document(nb, fixture_file, fixtures_dir,
                                                              tmp_path):
    first = nb.documents.import_files([fixture_file("protokol-1922.pdf")]).value.imported[0]
    again = tmp_path / "renamed copy.pdf"
    shutil.copyfile(fixtures_dir / "protokol-1922.pdf", again)
    before = _state(nb)
    result = nb.documents.import_files([again]).value
    assert not result.imported and not result.failed
    assert result.skipped[0].document == first.document
    assert first.document in result.skipped[0].reason
    assert _state(nb) == before


def test_unknown_source_key_fails_before_anything_is_imported(nb, fixture_file):
    with pytest.raises(NotFound):
        nb.documents.import_files([fixture_file("protokol-1922.pdf")], source_key="ZZZZZZZZ")
    assert nb.info()["documents"] == 0 and _stored_files(nb) == []


def _cancel_after(steps: int) -> Progress:
    def watch(p: Progress) -> None:
        if p.done >= steps:
            p.cancel()
    return Progress(on_change=watch)


def test_cancelling_mid_file_keeps_earlier_files_and_nothing_of_that_one(nb, fixture_file):
    one_page = fixture_file("encrypted.pdf")
    four_pages = fixture_file("report-1923.pdf")
    result = nb.documents.import_files([one_page, four_pages], progress=_cancel_after(3),
                                       password=texts.ENCRYPTED_PASSWORD).value
    assert result.cancelled
    assert [Path(i.file).name for i in result.imported] == ["encrypted.pdf"]
    assert nb.info()["documents"] == 1 and len(_stored_files(nb)) == 1
    assert nb.check()["ok"]


def test_cancelling_after_the_last_page_still_leaves_no_stray_original(nb, fixture_file):
    # One page: the step succeeds, the cancel lands on the final check before commit.
    result = nb.documents.import_files([fixture_file("scan.pdf")], progress=_cancel_after(1)).value
    assert result.cancelled and not result.imported
    assert nb.info()["documents"] == 0 and _stored_files(nb) == []


def test_a_failing_write_removes_the_new_original(nb, fixture_file, monkeypatch):
    from researchnb.store import documents as store_documents

    def broken(*args, **kwargs):
        raise OSError("disk unplugged")
    monkeypatch.setattr(store_documents, "insert", broken)
    with pytest.raises(OSError):
        nb.documents.import_files([fixture_file("protokol-1922.pdf")])
    assert _stored_files(nb) == []
    assert nb.info()["sources"] == 0
