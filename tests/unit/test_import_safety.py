"""Nothing half-done: encrypted, damaged and duplicate files, cancelling, failing writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import CORPUS

from researchnb.domain import NotFound
from researchnb.progress import Progress

ENCRYPTED = "pdf/libreoffice-writer-password.pdf"


def _stored_files(nb) -> list[Path]:
    return sorted(p for p in nb.files.root.rglob("*") if p.is_file())


def _state(nb):
    return nb.info(), _stored_files(nb)


def test_encrypted_pdf_without_password_fails_clearly_and_changes_nothing(nb, corpus):
    before = _state(nb)
    result = nb.import_files([corpus(ENCRYPTED)])
    assert not result.imported and len(result.failed) == 1
    error = result.failed[0].error
    assert "libreoffice-writer-password.pdf" in error and "--password" in error
    assert _state(nb) == before


def test_encrypted_pdf_with_a_wrong_password_says_so(nb, corpus):
    before = _state(nb)
    result = nb.import_files([corpus(ENCRYPTED)], password="guess")
    assert "password given" in result.failed[0].error and "wrong" in result.failed[0].error
    assert _state(nb) == before


def test_encrypted_pdf_with_its_password_imports(nb, corpus):
    result = nb.import_files([corpus(ENCRYPTED)], password="openpassword")
    assert not result.failed
    doc = nb.get_document(result.imported[0].document)
    assert doc.page_count == 1 and doc.pages[0].text.strip()


@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "hostile").iterdir()))
def test_hostile_file_fails_clearly_or_imports_with_its_pages(nb, corpus, name):
    before = _state(nb)
    result = nb.import_files([corpus(f"hostile/{name}")])
    assert len(result.imported) + len(result.failed) == 1
    if result.failed:
        assert name in result.failed[0].error
        assert "Traceback" not in result.failed[0].error
        assert _state(nb) == before
    else:
        doc = nb.get_document(result.imported[0].document)
        assert doc.page_count == len(doc.pages) >= 1
        assert "".join(p.text for p in doc.pages).strip()
    assert nb.check() == {"ok": True, "problems": []}


def test_damaged_utf8_is_imported_with_replacement_characters_and_a_warning(nb, corpus):
    result = nb.import_files([corpus("hostile/UTF-8-test.txt")])
    item = result.imported[0]
    assert any("invalid byte" in w for w in item.warnings)
    text = "".join(p.text for p in nb.get_document(item.document).pages)
    assert "\ufffd" in text and "κόσμε" in text     # still read as UTF-8, not mojibake


def test_mixed_line_endings_and_utf16_are_normalised(nb, corpus):
    result = nb.import_files([corpus("hostile/mixed.txt"), corpus("hostile/utf16le.txt")])
    mixed, utf16 = (nb.page_text(i.document, 1) for i in result.imported)
    assert "\r" not in mixed and mixed.count("\n") == (CORPUS / "hostile" / "mixed.txt") \
        .read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
    assert utf16.startswith("萨尔茨堡") and "\ufeff" not in utf16


def test_library_repairs_go_to_the_report_not_the_terminal(nb, corpus, capfd):
    result = nb.import_files([corpus("pdf/issue-297.pdf")])
    out, err = capfd.readouterr()
    assert "startxref" not in out + err
    item = result.imported[0]
    assert any("slightly damaged" in w for w in item.warnings)
    report = nb.get_document(item.document).import_report
    assert any("startxref" in m for m in report["library_messages"])


def test_a_batch_goes_on_past_a_bad_file(nb, corpus):
    result = nb.import_files([corpus("hostile/invalid.pdf"), corpus("pdf/metadata.pdf"),
                              Path("/nonexistent/scan.pdf")])
    assert [Path(i.file).name for i in result.imported] == ["metadata.pdf"]
    assert sorted(Path(f.file).name for f in result.failed) == ["invalid.pdf", "scan.pdf"]


def test_the_same_file_twice_is_skipped_naming_the_document(nb, corpus, tmp_path):
    first = nb.import_files([corpus("pdf/metadata.pdf")]).imported[0]
    again = tmp_path / "renamed copy.pdf"
    shutil.copyfile(CORPUS / "pdf" / "metadata.pdf", again)
    before = _state(nb)
    result = nb.import_files([again])
    assert not result.imported and not result.failed
    assert result.skipped[0].document == first.document
    assert first.document in result.skipped[0].reason
    assert _state(nb) == before


def test_unknown_source_key_fails_before_anything_is_imported(nb, corpus):
    with pytest.raises(NotFound):
        nb.import_files([corpus("pdf/metadata.pdf")], source_key="ZZZZZZZZ")
    assert nb.info()["documents"] == 0 and _stored_files(nb) == []


def _cancel_after(steps: int) -> Progress:
    def watch(p: Progress) -> None:
        if p.done >= steps:
            p.cancel()
    return Progress(on_change=watch)


def test_cancelling_mid_file_keeps_earlier_files_and_nothing_of_that_one(nb, corpus):
    one_page = corpus("pdf/metadata.pdf")
    four_pages = corpus("pdf/pdflatex-4-pages.pdf")
    result = nb.import_files([one_page, four_pages], progress=_cancel_after(3))
    assert result.cancelled
    assert [Path(i.file).name for i in result.imported] == ["metadata.pdf"]
    assert nb.info()["documents"] == 1 and len(_stored_files(nb)) == 1
    assert nb.check()["ok"]


def test_cancelling_after_the_last_page_still_leaves_no_stray_original(nb, corpus):
    # One page: the step succeeds, the cancel lands on the final check before commit.
    result = nb.import_files([corpus("pdf/metadata.pdf")], progress=_cancel_after(1))
    assert result.cancelled and not result.imported
    assert nb.info()["documents"] == 0 and _stored_files(nb) == []


def test_a_failing_write_removes_the_new_original(nb, corpus, monkeypatch):
    from researchnb.store import documents as store_documents

    def broken(*args, **kwargs):
        raise OSError("disk unplugged")
    monkeypatch.setattr(store_documents, "insert", broken)
    with pytest.raises(OSError):
        nb.import_files([corpus("pdf/metadata.pdf")])
    assert _stored_files(nb) == []
    assert nb.info()["sources"] == 0
