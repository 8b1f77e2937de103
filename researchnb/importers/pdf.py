"""PDFs: page text from PDFium (pypdfium2), the engine the viewer uses, so a selection on the
page matches the stored text; labels, outline and XMP from pypdf (see pdfmeta.py).

Page text is PDFium's text with line ends as \\n. A page without a text layer (a scan) is
stored without text, so the document is marked as needing OCR; with OCR asked for, such pages
are rendered at 300 dpi and read by tesseract.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from ..domain import SOURCE_KINDS, Creator, Document, ImportFailed, Page, Source
from ..progress import Progress
from .document import DocumentImport, Original, document_status
from .liblog import quiet_libraries, summarise
from .ocr import Tesseract, render_page_for_ocr
from .pdfguard import PageMeter
from .pdfmeta import PdfStructure, describe, info_of, pdf_date, read_structure

# Control characters PDFium leaves in text (soft-hyphen markers, NUL) that no reader wants.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def page_text(textpage: pdfium.PdfTextPage) -> str:
    """PDFium's text of one page with \\n line ends and stray control characters removed."""
    text = textpage.get_text_range()
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def open_pdf(path: Path, password: str | None = None) -> pdfium.PdfDocument:
    """The PDF at `path`, opened; ImportFailed (in plain words) when it cannot be."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFailed(f"{path.name} cannot be read: {exc.strerror}.") from exc
    if size == 0:
        raise ImportFailed(f"{path.name} is empty (0 bytes); nothing was imported.")
    try:
        return pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            if password:
                raise ImportFailed(f"The password given for {path.name} is wrong; nothing "
                                   "was imported.") from exc
            raise ImportFailed(f"{path.name} is protected by a password; import it again "
                               "with --password-file FILE (its first line is the password), "
                               "the RESEARCHNB_PDF_PASSWORD environment variable or "
                               "--password PASSWORD. Nothing was imported.") from exc
        raise ImportFailed(f"{path.name} is not a readable PDF (it is damaged or not a PDF "
                           "at all); nothing was imported.") from exc


def needs_password(path: Path) -> bool:
    """Whether the PDF at `path` cannot be opened without a password (False when it opens, or
    when it cannot be opened for another reason: the import reports that)."""
    try:
        pdfium.PdfDocument(path).close()
    except pdfium.PdfiumError as exc:
        return "password" in str(exc).lower()
    except OSError:
        return False
    return False


def _creators(names: list[str]) -> list[Creator]:
    out = []
    for name in names:
        for part in re.split(r"\s*;\s*|\s+and\s+|\s*&\s*", name):
            if part.strip():
                out.append(Creator.parse(part))
    return out


def read(path: Path, media_type: str, progress: Progress, password: str | None = None,
         ocr: Tesseract | None = None) -> DocumentImport:
    warnings: list[str] = []
    library: list[str] = []
    pages: list[Page] = []
    with quiet_libraries(library):
        pdf = open_pdf(path, password)
        try:
            count = len(pdf)
            if count == 0:
                raise ImportFailed(f"{path.name} has no pages; nothing was imported.")
            info = {k: str(v).strip() for k, v in pdf.get_metadata_dict().items() if v}
            # Each page is measured before PDFium reads it: one that would inflate to
            # gigabytes refuses the file (PageTooLarge names it) and the batch goes on.
            meter = PageMeter(path, password)
            # pypdf reads labels, outline and XMP in a thread while PDFium (which releases
            # the GIL) reads the pages: on a long PDF that hides pypdf's cost entirely.
            with ThreadPoolExecutor(max_workers=1) as pool:
                pending = pool.submit(read_structure, path, password, count, warnings)
                ocr_pages = []
                for i in range(count):
                    progress.check()
                    meter.check(i)
                    pages.append(_page(pdf, i, ocr, path.name, progress))
                    if pages[-1].text_origin == "ocr":
                        ocr_pages.append(i + 1)
                    progress.step(label=f"{path.name}: page {i + 1}")
                structure = pending.result()
            info = info_of(structure, info)
            if structure.labels:
                # The label table may be shorter than the document: the rest keep numbers.
                for page, label in zip(pages, structure.labels, strict=False):
                    page.label = label or str(page.number)
        except pdfium.PdfiumError as exc:
            raise ImportFailed(f"{path.name} is damaged ({exc}); nothing was imported.") from exc
        finally:
            pdf.close()
    warnings.extend(summarise(path.name, library))
    report: dict[str, object] = {"warnings": warnings, "metadata": info}
    if library:
        report["library_messages"] = library
    if structure.outline:
        report["outline"] = structure.outline
    if structure.labels:
        report["page_labels"] = True
    if ocr_pages:
        report["ocr_pages"] = ocr_pages
        report["ocr_languages"] = ocr.lang if ocr else ""
    status = document_status([p.text for p in pages])
    doc = Document(filename=path.name, media_type=media_type, size=path.stat().st_size,
                   pages=pages, status=status, import_report=report)
    source = _source(path, info, structure, status, bool(ocr_pages), report)
    return DocumentImport(doc, [Original(path, media_type)], source, warnings)


def _page(pdf: pdfium.PdfDocument, index: int, ocr: Tesseract | None, name: str,
          progress: Progress) -> Page:
    """One page read; a page without text is also recognised when `ocr` is given (its
    recognition a unit of work of its own: the total grows by one when it is found)."""
    page = pdf[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            text = page_text(textpage)
        finally:
            textpage.close()
        origin, confidence = ("extracted" if text.strip() else "none"), None
        if ocr is not None and not text.strip():
            progress.total += 1
            image = render_page_for_ocr(Path(name), "application/pdf", index, opened=page)
            result = ocr.recognise_image(image, f"page {index + 1} of {name}")
            text, confidence, origin = result.text, result.confidence, "ocr"
            progress.step(label=f"{name}: page {index + 1} recognised")
    finally:
        page.close()
    return Page(number=index + 1, label=str(index + 1), text=text if text.strip() else "",
                text_origin=origin, ocr_confidence=confidence,
                width=float(width), height=float(height))


def _source(path: Path, info: dict[str, str], structure: PdfStructure, status: str,
            ocred: bool, report: dict[str, object]) -> Source:
    described = describe(structure, info, path.name)
    if described.ignored:
        report["metadata_ignored"] = described.ignored
    creators = _creators(described.authors)
    date = structure.date or pdf_date(info.get("CreationDate", ""))
    if structure.kind in SOURCE_KINDS:
        kind = structure.kind
    else:
        kind = "archival" if status != "ok" or ocred else "other"
    extra = {k: v for k, v in (("subject", info.get("Subject", "")),
                               ("keywords", info.get("Keywords", "")),
                               ("description", structure.description)) if v}
    return Source(kind=kind, title=described.title, date=date, language=structure.language,
                  creators=creators, extra=extra)
