"""Turn the paths a user gave into import jobs: one per document (or reference file).

Kept apart from reading so the Notebook can report files it will not touch (unknown kinds,
missing paths) before any work starts, and size the progress bar from cheap page counts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from ..domain import ImportFailed
from ..progress import Progress
from . import image, pdf, text
from .document import DocumentImport, Original
from .kinds import (
    BIBTEX,
    CSLJSON,
    IMAGE,
    MARKDOWN,
    PDF,
    TEXT,
    detect,
    expand,
    natural_key,
    not_a_file,
)
from .ocr import Tesseract


@dataclass
class Job:
    kind: str
    originals: list[Original]
    title: str | None = None      # for a document made of several photos: their folder

    @property
    def label(self) -> str:
        if len(self.originals) == 1:
            return str(self.originals[0].path)
        return str(self.originals[0].path.parent)

    @property
    def is_reference_file(self) -> bool:
        return self.kind in (BIBTEX, CSLJSON)


@dataclass
class Plan:
    jobs: list[Job] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)        # named but not there
    unsupported: list[tuple[Path, bool]] = field(default_factory=list)  # (path, was named)
    # Pipes, sockets, devices: never opened. (path, was named, why)
    not_files: list[tuple[Path, bool, str]] = field(default_factory=list)


def make_plan(paths: list[Path], *, one_document: bool = False) -> Plan:
    """Expand folders, recognise each file, and group photos when `one_document` is set."""
    plan = Plan()
    grouped: list[Original] = []
    group_at: int | None = None
    for path, named in expand(paths):
        if not path.exists():
            plan.missing.append(path)
            continue
        special = not_a_file(path)
        if special is not None:
            plan.not_files.append((path, named, f"{path.name} is {special}, not a file; "
                                               "researchnb imports only ordinary files."))
            continue
        kind = detect(path)
        if kind is None:
            plan.unsupported.append((path, named))
        elif one_document and kind.kind == IMAGE:
            if group_at is None:
                group_at = len(plan.jobs)
            grouped.append(Original(path, kind.media_type))
        else:
            plan.jobs.append(Job(kind.kind, [Original(path, kind.media_type)]))
    if grouped and group_at is not None:
        grouped.sort(key=lambda o: (natural_key(str(o.path.parent)), natural_key(o.path.name)))
        parents = {o.path.parent for o in grouped}
        title = next(iter(parents)).name if len(parents) == 1 and len(grouped) > 1 else None
        plan.jobs.insert(group_at, Job(IMAGE, grouped, title))
    return plan


def estimate_pages(job: Job, *, ocr: bool = False) -> int:
    """The units of work a job is for the progress bar: a page read is one, a page
    recognised another. Exact for images (with OCR every page is recognised); a PDF's pages
    are counted once, its pages found without text adding their unit when found (pdf.py)."""
    total = 0
    for original in job.originals:
        try:
            if job.kind == PDF:
                import pypdfium2 as pdfium
                doc = pdfium.PdfDocument(original.path)
                total += len(doc)
                doc.close()
            elif job.kind == IMAGE:
                from PIL import Image
                with Image.open(original.path) as im:
                    total += (getattr(im, "n_frames", 1) or 1) * (2 if ocr else 1)
            elif job.kind in (TEXT, MARKDOWN):
                total += max(1, math.ceil(original.path.stat().st_size / text.PAGE_CHARS))
            else:
                total += 1
        except Exception:  # noqa: BLE001 - only an estimate; the real read reports problems
            total += 1
    return total


def read_document(job: Job, progress: Progress, *, password: str | None,
                  ocr: Tesseract | None) -> DocumentImport:
    """Read a document job into records (nothing stored). Raises ImportFailed for bad files."""
    original = job.originals[0]
    if job.kind == PDF:
        return pdf.read(original.path, original.media_type, progress, password, ocr)
    if job.kind == IMAGE:
        return image.read(job.originals, progress, ocr, job.title)
    if job.kind in (TEXT, MARKDOWN):
        return text.read(original.path, original.media_type, progress)
    raise ImportFailed(f"{original.path.name}: researchnb cannot import this kind of file.")
