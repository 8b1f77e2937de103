"""Optical character recognition with the `tesseract` program (Debian `tesseract-ocr`).

Tesseract is run as a command, once per page, writing its plain text and its word table (TSV)
in one pass; the text becomes the page text and the mean word confidence (0-100) is stored
with it, so a historian can see which pages deserve a careful reading against the image.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain import ImportFailed, UserError
from ..progress import Cancelled

if TYPE_CHECKING:
    import pypdfium2 as pdfium
    from PIL.Image import Image

# Give up on one page after this long: a hung tesseract must not hang the whole import.
PAGE_TIMEOUT_S = 600
WAIT_SLICE_S = 0.05
# A PDF page is rendered at this resolution for tesseract, unless the page is poster-sized:
# then as large as MAX_OCR_PIXELS allows, so one page cannot exhaust the memory.
OCR_DPI = 300
MAX_OCR_PIXELS = 60_000_000


class OcrUnavailable(UserError):
    """tesseract or one of the asked-for languages is not installed."""


def debian_package(lang: str) -> str:
    """tesseract's language code -> the Debian package holding it (chi_sim -> ...-chi-sim)."""
    return "tesseract-ocr-" + lang.lower().replace("_", "-")


@dataclass(frozen=True)
class OcrResult:
    text: str
    confidence: float | None      # mean word confidence, 0-100; None when no word was found


class Tesseract:
    """A checked tesseract: construct it before importing anything, then call `recognise`."""

    def __init__(self, lang: str = "rus+eng", command: str = "tesseract") -> None:
        langs = [part.strip() for part in lang.split("+") if part.strip()]
        if not langs:
            raise OcrUnavailable("No OCR language was given; use for example --lang rus+eng.")
        exe = shutil.which(command)
        if exe is None:
            raise OcrUnavailable(
                "OCR needs the tesseract program, which is not installed. Install the Debian "
                f"packages tesseract-ocr and {' '.join(debian_package(x) for x in langs)} "
                "(sudo apt install ...) and try again; nothing was imported.")
        installed = self._installed_languages(exe)
        missing = [x for x in langs if x not in installed]
        if missing:
            raise OcrUnavailable(
                f"tesseract has no {', '.join(missing)} language data. Install the Debian "
                f"package(s) {' '.join(debian_package(x) for x in missing)} and try again "
                f"(installed: {', '.join(sorted(installed)) or 'none'}); nothing was imported.")
        self.exe = exe
        self.lang = "+".join(langs)
        # Called every WAIT_SLICE_S while tesseract works (the app's writer runs short
        # writes then: a note save never waits for a page's OCR).
        self.while_waiting: Callable[[], None] | None = None
        # Asked every WAIT_SLICE_S too: when it says stop (the user pressed Cancel),
        # tesseract is killed at once and Cancelled raised; the page is not waited for.
        self.should_stop: Callable[[], bool] | None = None

    @staticmethod
    def _installed_languages(exe: str) -> set[str]:
        try:
            proc = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                                  timeout=60, check=False)
        except (OSError, subprocess.SubprocessError) as exc:
            raise OcrUnavailable(f"tesseract could not be started ({exc}); reinstall the "
                                 "Debian package tesseract-ocr.") from exc
        return parse_language_list(proc.stdout + "\n" + proc.stderr)

    def recognise_file(self, image: Path, what: str) -> OcrResult:
        """OCR one image file; `what` names the page in error messages."""
        with tempfile.TemporaryDirectory(prefix="researchnb-ocr-") as tmp:
            base = Path(tmp) / "out"
            try:
                code, stderr = self._run([self.exe, str(image), str(base), "-l", self.lang,
                                          "txt", "tsv"])
            except subprocess.TimeoutExpired as exc:
                raise ImportFailed(f"OCR of {what} took longer than {PAGE_TIMEOUT_S} s and "
                                   "was stopped; nothing of this file was imported.") from exc
            txt, tsv = base.with_suffix(".txt"), base.with_suffix(".tsv")
            if code != 0 or not txt.exists():
                detail = stderr.strip().splitlines()[-1:] or ["no output"]
                raise ImportFailed(f"OCR of {what} failed: {detail[0]}")
            text = txt.read_text(encoding="utf-8", errors="replace")
            confidence = mean_confidence(tsv.read_text(encoding="utf-8", errors="replace")
                                         if tsv.exists() else "")
        # tesseract ends each page with a form feed; the page boundary is ours to keep.
        return OcrResult(text.replace("\x0c", "").rstrip() + "\n" if text.strip() else "",
                         confidence)

    def _run(self, argv: list[str]) -> tuple[int, str]:
        """(exit code, stderr) of tesseract, calling `while_waiting` while it works and
        killing it as soon as `should_stop` says so (then Cancelled is raised)."""
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        deadline = time.monotonic() + PAGE_TIMEOUT_S
        sliced = self.while_waiting is not None or self.should_stop is not None
        try:
            while True:
                if self.should_stop is not None and self.should_stop():
                    raise Cancelled()
                left = deadline - time.monotonic()
                try:
                    _out, err = proc.communicate(
                        timeout=max(0.0, min(left, WAIT_SLICE_S) if sliced else left))
                    return proc.returncode, err
                except subprocess.TimeoutExpired:
                    if time.monotonic() >= deadline:
                        raise
                if self.while_waiting is not None:
                    self.while_waiting()
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()

    def recognise_image(self, image: Image, what: str) -> OcrResult:
        """OCR a Pillow image (a rendered PDF page or one frame of a TIFF)."""
        with tempfile.TemporaryDirectory(prefix="researchnb-ocr-") as tmp:
            path = Path(tmp) / "page.png"
            image.save(path, format="PNG")
            return self.recognise_file(path, what)


def parse_language_list(output: str) -> set[str]:
    """The language codes in `tesseract --list-langs` output (its heading line left out)."""
    return {ln.strip() for ln in output.splitlines() if ln.strip() and " " not in ln.strip()
            and not ln.strip().endswith(":")}


def installed_languages(command: str = "tesseract") -> list[str]:
    """The languages tesseract can read here, sorted (`osd`, which is no language, left
    out); empty when tesseract is not installed or cannot be run."""
    exe = shutil.which(command)
    if exe is None:
        return []
    try:
        proc = subprocess.run([exe, "--list-langs"], capture_output=True, text=True,
                              timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(parse_language_list(proc.stdout + "\n" + proc.stderr) - {"osd"})


def is_pdf(path: Path, media_type: str) -> bool:
    return media_type == "application/pdf" or path.suffix.lower() == ".pdf"


def render_page_for_ocr(path: Path, media_type: str, index: int = 0, frame: int = 0, *,
                        opened: pdfium.PdfDocument | pdfium.PdfPage | Image | None = None,
                        password: str | None = None) -> Image:
    """The image tesseract reads for one page; every OCR (import, the app's "OCR this
    page") renders through here, so the pixel guard holds everywhere.

    A PDF page (`index` from 0) is rendered at OCR_DPI, never above MAX_OCR_PIXELS; an
    image (`frame` of a multi-page TIFF) is taken as it is shown, EXIF rotation applied, in
    RGB. `opened` is the file (or the PDF page) a caller already has open, as an import
    reading every page has; without it the original at `path` is opened and closed here, and
    a damaged, encrypted or over-large file is refused with a message (ImportFailed).
    """
    if is_pdf(path, media_type):
        return _render_pdf_page(path, index, opened, password)
    from PIL import Image as PILImage
    from PIL import ImageOps

    if isinstance(opened, PILImage.Image):
        return ImageOps.exif_transpose(opened.convert("RGB"))
    from .image import open_image

    im = open_image(path)
    try:
        if frame:
            im.seek(frame)
        return ImageOps.exif_transpose(im.convert("RGB"))
    finally:
        im.close()


def _render_pdf_page(path: Path, index: int, opened: object, password: str | None) -> Image:
    import pypdfium2 as pdfium

    if isinstance(opened, pdfium.PdfPage):
        width, height = opened.get_size()
        scale = min(OCR_DPI / 72, (MAX_OCR_PIXELS / max(1.0, width * height)) ** 0.5)
        return opened.render(scale=scale).to_pil()
    from .pdf import open_pdf

    pdf = opened if isinstance(opened, pdfium.PdfDocument) else open_pdf(path, password)
    try:
        page = pdf[index]
        try:
            return _render_pdf_page(path, index, page, password)
        finally:
            page.close()
    finally:
        if pdf is not opened:
            pdf.close()


def mean_confidence(tsv: str) -> float | None:
    """Mean of tesseract's per-word confidences (rows with text and conf >= 0)."""
    values = []
    lines = tsv.splitlines()
    if not lines:
        return None
    header = lines[0].split("\t")
    try:
        conf_col, text_col = header.index("conf"), header.index("text")
    except ValueError:
        return None
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) <= max(conf_col, text_col) or not cols[text_col].strip():
            continue
        try:
            conf = float(cols[conf_col])
        except ValueError:
            continue
        if conf >= 0:
            values.append(conf)
    return round(sum(values) / len(values), 1) if values else None
