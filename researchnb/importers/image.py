"""Photographs and scans (PNG, JPEG, TIFF): each image, or each frame of a TIFF, is a page.

A page of an image has no text until OCR or a transcription gives it one. Its width and
height are in pixels as the page is shown (after the camera's EXIF rotation), which is what
image-region excerpts are measured against. The EXIF date says when the photograph was taken.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from ..dates import date_bounds
from ..domain import Document, ImportFailed, InvalidInput, Page, Source
from ..progress import Progress
from .document import DocumentImport, Original, document_status
from .liblog import quiet_libraries, summarise
from .ocr import Tesseract, render_page_for_ocr

_EXIF_IFD = 0x8769
_DATE_TIME_ORIGINAL = 36867
_DATE_TIME = 306
_ORIENTATION = 274


def exif_date(im: Image.Image) -> str:
    """The day the photograph was taken (YYYY-MM-DD) from EXIF, or "" when absent or bogus."""
    try:
        exif = im.getexif()
        raw = exif.get_ifd(_EXIF_IFD).get(_DATE_TIME_ORIGINAL) or exif.get(_DATE_TIME)
    except Exception:  # noqa: BLE001 - damaged EXIF blocks are common; the date is optional
        return ""
    if not isinstance(raw, str):
        return ""
    try:
        day = datetime.strptime(raw.strip()[:10], "%Y:%m:%d").strftime("%Y-%m-%d")
        date_bounds(day)
    except (ValueError, InvalidInput):
        return ""
    return day


def _oriented_size(im: Image.Image) -> tuple[int, int]:
    try:
        orientation = im.getexif().get(_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - see exif_date
        orientation = 1
    w, h = im.size
    return (h, w) if orientation in (5, 6, 7, 8) else (w, h)


def open_image(path: Path) -> Image.Image:
    """The image at `path`, opened; ImportFailed (in plain words) when it cannot be."""
    if _is_empty(path):
        raise ImportFailed(f"{path.name} is empty (0 bytes): the file holds no image; "
                           "nothing was imported.")
    try:
        with Image.open(path) as probe:
            probe.verify()
        return Image.open(path)
    except FileNotFoundError as exc:
        raise ImportFailed(f"{path.name} does not exist.") from exc
    except Image.DecompressionBombError as exc:
        raise ImportFailed(f"{path.name} is too large an image to open safely "
                           f"({exc}); nothing was imported.") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ImportFailed(f"{path.name} is not a readable image (damaged or of a kind "
                           f"researchnb cannot read): {exc}") from exc


def _is_empty(path: Path) -> bool:
    try:
        return path.stat().st_size == 0
    except OSError:
        return False            # Image.open says what is wrong


def _frames(path: Path, media_type: str, file_position: int, first_number: int,
            progress: Progress, ocr: Tesseract | None) -> tuple[list[Page], str]:
    im = open_image(path)
    pages: list[Page] = []
    try:
        date = exif_date(im)
        count = getattr(im, "n_frames", 1) or 1
        for frame in range(count):
            number = first_number + frame
            progress.check()
            try:
                im.seek(frame)
                width, height = _oriented_size(im)
                text, origin, confidence = "", "none", None
                if ocr is not None:
                    shown = render_page_for_ocr(path, media_type, opened=im)
                    what = f"{path.name} (frame {frame + 1})" if count > 1 else path.name
                    progress.step(label=f"{path.name}: page {number}")   # read
                    result = ocr.recognise_image(shown, what)
                    text, confidence = result.text, result.confidence
                    origin = "ocr"
            except (OSError, EOFError, ValueError, SyntaxError) as exc:
                raise ImportFailed(f"{path.name} is damaged (frame {frame + 1} cannot be "
                                   f"read: {exc}); nothing was imported.") from exc
            pages.append(Page(number=number, text=text, text_origin=origin,
                              ocr_confidence=confidence, file_position=file_position,
                              frame=frame, width=float(width), height=float(height)))
            progress.step(label=f"{path.name}: page {number}"
                          + (" recognised" if ocr is not None else ""))
    finally:
        im.close()
    return pages, date


def read(originals: list[Original], progress: Progress, ocr: Tesseract | None = None,
         title: str | None = None) -> DocumentImport:
    """One document from one image file or, for a photographed delo, several in order."""
    library: list[str] = []
    pages: list[Page] = []
    dates: list[str] = []
    with quiet_libraries(library):
        for position, original in enumerate(originals):
            got, date = _frames(original.path, original.media_type, position,
                                len(pages) + 1, progress, ocr)
            pages.extend(got)
            if date:
                dates.append(date)
    first = originals[0]
    size = sum(o.path.stat().st_size for o in originals)
    media_types = {o.media_type for o in originals}
    names = ", ".join(o.path.name for o in originals[:3]) + ("…" if len(originals) > 3 else "")
    warnings = summarise(names, library)
    report: dict[str, object] = {"warnings": warnings}
    if library:
        report["library_messages"] = library
    if dates:
        report["photographed"] = min(dates)
    if ocr is not None:
        report["ocr_languages"] = ocr.lang
    filename = first.path.name if len(originals) == 1 else (title or first.path.parent.name)
    doc = Document(filename=filename,
                   media_type=first.media_type if len(media_types) == 1 else "image/*",
                   size=size, pages=pages, status=document_status([p.text for p in pages]),
                   import_report=report)
    # The EXIF date is when the photograph was taken in the reading room, not when the
    # document was written: it is kept beside the source, never as its date.
    source = Source(kind="archival", title=title or (
        first.path.stem if len(originals) == 1 else first.path.parent.name or first.path.stem),
        extra={"photographed": min(dates)} if dates else {})
    return DocumentImport(doc, originals, source, warnings)
