"""Importing files (PDFs, photos, scans, transcriptions, BibTeX, CSL-JSON) and reading
the documents they became.

Each file is its own transaction: its original goes into files/ first, then the document, its
pages (whose search rows the search triggers write) and, unless the user named one, a new
source commit together. When anything fails or the user cancels, the transaction is rolled
back and an original written by this import is taken out of files/ again, so a failed file
leaves no trace. One bad file does not stop the batch. A new source for the whole batch (a
delo) is made in the transaction of the first file stored, so an import that stores nothing
(cancelled during the first file, or every file refused) leaves no empty source behind.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..dates import date_bounds
from ..domain import (
    SOURCE_KINDS,
    Changes,
    Document,
    ImportFailed,
    InvalidInput,
    NotebookUnavailable,
    Source,
    UserError,
)
from ..files import sha256_of
from ..importers.pdftext import clean_text
from ..importers.result import Failed, Imported, ImportResult, Skipped
from ..progress import Cancelled, Progress
from ..store import documents as store_documents
from ..store import sources as store_sources
from .core import Core
from .settings import Settings
from .sources import insert_source, validate

if TYPE_CHECKING:
    from ..importers.document import DocumentImport
    from ..importers.ocr import Tesseract
    from ..importers.plan import Job

log = logging.getLogger(__name__)


class Documents:
    """`nb.documents`: import files, read the documents they became, move them."""

    def __init__(self, core: Core) -> None:
        self._core = core

    # -- importing -------------------------------------------------------------------------

    def import_files(self, paths: Sequence[str | Path], *, source_key: str | None = None,
                     new_source: Source | None = None,
                     password: str | None = None, ocr: bool = False, lang: str | None = None,
                     one_document: bool = False,
                     progress: Progress | None = None) -> Changes[ImportResult]:
        """Import files and folders (recursively); returns what was imported, skipped, failed.

        `source_key` puts every document under that source instead of making one per file;
        `new_source` does the same with a source made for them (with the first file stored);
        `password` opens encrypted PDFs; `ocr` reads pages without text with tesseract in
        `lang` (default: the notebook's OCR languages; checked before anything is
        imported); `one_document` makes the images given (or a folder's) the pages of one
        document in natural filename order. Progress counts pages done (a page read, a page
        recognised). Cancelling `progress` stops at once (tesseract is killed mid-page): that
        file is rolled back, earlier ones stay.
        Each file commits on its own; the changes are those of every file imported.
        """
        # The readers (PDFium, Pillow, charset detection) load only when something is imported.
        from ..importers.ocr import Tesseract
        from ..importers.plan import estimate_pages, make_plan

        if self._core.read_only:
            raise NotebookUnavailable("This notebook is open read-only; nothing was imported.")
        progress = progress or Progress()
        if source_key:
            source_key = store_sources.get(self._core.conn, source_key.strip().upper()).key
        engine = Tesseract(lang or "+".join(Settings(self._core).ocr_languages)) if ocr else None
        if engine is not None:
            engine.while_waiting = progress.idle
            engine.should_stop = lambda: progress.cancelled
        batch = _Batch(source_key, new_source)
        plan = make_plan([Path(p) for p in paths], one_document=one_document)
        result = ImportResult()
        changes: Changes[None] = Changes()
        for path in plan.missing:
            result.failed.append(Failed(str(path), f"{path} does not exist."))
        for path, named in plan.unsupported:
            reason = (f"{path.name} is not a kind of file researchnb imports (PDF, PNG, JPEG, "
                      "TIFF, text, Markdown, BibTeX, CSL-JSON).")
            if named:
                result.failed.append(Failed(str(path), reason))
            else:
                result.skipped.append(Skipped(str(path), reason))
        for path, named, reason in plan.not_files:
            if named:
                result.failed.append(Failed(str(path), reason))
            else:
                result.skipped.append(Skipped(str(path), reason))
        estimates = [estimate_pages(j, ocr=engine is not None) for j in plan.jobs]
        progress.start(sum(estimates), "Importing")
        for job, estimate in zip(plan.jobs, estimates, strict=True):
            # Where the bar stands after this job whatever happens (a refused file, a
            # duplicate, a text whose page count was estimated): its share, plus any OCR
            # units found while reading it.
            done_before, total_before = progress.done, progress.total
            try:
                try:
                    if job.is_reference_file:
                        changes = changes.merged(self._import_references(job, result))
                    else:
                        changes = changes.merged(self._import_document(
                            job, result, progress, batch, password=password, ocr=engine))
                except UserError as exc:
                    result.failed.append(Failed(job.label, str(exc)))
                _catch_up(progress, done_before + estimate + progress.total - total_before,
                          job.originals[0].path.name)
            except Cancelled:
                result.cancelled = True
                break
        return changes.having(result)

    def _import_document(self, job: Job, result: ImportResult, progress: Progress,
                         batch: _Batch, *, password: str | None,
                         ocr: Tesseract | None) -> Changes[None]:
        # Duplicates first: re-reading (or re-OCRing) a known file would be wasted work.
        fresh = []
        for original in job.originals:
            try:
                digest = sha256_of(original.path)
            except OSError as exc:
                raise ImportFailed(f"{original.path.name} cannot be read "
                                   f"({exc.strerror or exc}); nothing was imported.") from exc
            existing = store_documents.find_by_sha256(self._core.conn, digest)
            if existing is None:
                fresh.append(original)
            else:
                result.skipped.append(Skipped(str(original.path), f"{original.path.name} is "
                                              f"already in the notebook as document {existing}.",
                                              existing))
        if not fresh:
            return Changes()
        from ..importers.plan import Job, read_document
        job = Job(job.kind, fresh, job.title)
        try:
            imp = read_document(job, progress, password=password, ocr=ocr)
        except (UserError, Cancelled):
            raise
        except Exception as exc:
            log.info("reading %s failed", job.label, exc_info=True)
            raise ImportFailed(f"{Path(job.label).name} could not be read ({type(exc).__name__}:"
                               f" {exc}); nothing was imported.") from exc
        doc_key, src_key, changes = self._store(imp, batch, progress)
        result.imported.append(Imported(job.label, doc_key, src_key, len(imp.document.pages),
                                        imp.document.status, imp.warnings))
        return changes

    def _store(self, imp: DocumentImport, batch: _Batch,
               progress: Progress) -> tuple[str, str, Changes[None]]:
        """Original(s) into files/, then everything else in one transaction."""
        written: list[str] = []
        try:
            files: list[dict[str, Any]] = []
            for original in imp.originals:
                try:
                    digest, new = self._core.files.add(original.path)
                except OSError as exc:
                    raise ImportFailed(f"{original.path.name} could not be copied into the "
                                       f"notebook ({exc.strerror or exc}); nothing was "
                                       "imported.") from exc
                if new:
                    written.append(digest)
                files.append({"sha256": digest, "filename": original.path.name,
                              "media_type": original.media_type,
                              "size": original.path.stat().st_size})
            doc = imp.document
            doc.sha256 = files[0]["sha256"] if len(files) == 1 else None
            with self._core.write() as tx:
                made_batch_source = False
                if batch.source_key:
                    src_key = batch.source_key
                elif batch.new_source is not None:
                    # A copy: a rolled-back attempt must not leave its citekey behind.
                    src_key = insert_source(tx.conn, replace(batch.new_source))
                    made_batch_source = True
                else:
                    src_key = insert_source(tx.conn, _checked_source(imp.source))
                sid = store_sources.source_id(tx.conn, src_key)
                doc_key = store_documents.insert(tx.conn, doc, sid, files)
                progress.check()     # the last chance to cancel: nothing is committed yet
            if made_batch_source:
                batch.source_key = src_key     # the next files go to it
            return doc_key, src_key, tx.changes
        except BaseException:
            for digest in written:
                self._core.files.remove(digest)
            raise

    def _import_references(self, job: Job, result: ImportResult) -> Changes[None]:
        """A BibTeX or CSL-JSON file: every entry becomes a source, in one transaction."""
        path = job.originals[0].path
        from ..importers.kinds import BIBTEX
        module_name = "bibtex" if job.kind == BIBTEX else "csljson"
        what = "BibTeX" if job.kind == BIBTEX else "CSL-JSON"
        try:
            reader = importlib.import_module(f"researchnb.importers.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"researchnb.importers.{module_name}":
                raise
            raise ImportFailed(f"{path.name}: this version of researchnb cannot read {what} "
                               "files yet; nothing was imported.") from exc
        try:
            empty = path.stat().st_size == 0
        except OSError:
            empty = False           # the reader says what is wrong
        if empty:
            raise ImportFailed(f"{path.name} is empty (0 bytes): there are no {what} entries "
                               "in it; nothing was imported.")
        try:
            refs = reader.read(path)
        except UserError:
            raise
        except Exception as exc:
            log.info("reading %s failed", path, exc_info=True)
            raise ImportFailed(f"{path.name} is not a readable {what} file ({exc}); nothing "
                               "was imported.") from exc
        keys: list[str] = []
        warnings = list(refs.warnings)
        with self._core.write() as tx:
            for src in refs.sources:
                name = src.citekey or src.title[:60] or "an untitled entry"
                try:
                    with self._core.write():    # a savepoint: one bad entry costs only itself
                        keys.append(insert_source(tx.conn, _checked_entry(src, warnings),
                                                  renamed=warnings))
                except UserError as exc:
                    result.failed.append(Failed(str(path), f"entry {name}: {exc}"))
        for failure in refs.failures:
            result.failed.append(Failed(str(path), failure.message, failure.line))
        if keys or not refs.failures:
            result.imported.append(Imported(str(path), None, None, 0, "ok", warnings, keys))
        return tx.changes

    # -- reading ---------------------------------------------------------------------------

    def all(self, source_key: str | None = None) -> list[Document]:
        """Every live document (without page text), oldest import first."""
        key = source_key.strip().upper() if source_key else None
        if key:
            store_sources.get(self._core.conn, key)
        return store_documents.list_all(self._core.conn, key)

    def get(self, key: str, *, with_pages: bool = True) -> Document:
        """A document with all its pages (or none, for a quick look)."""
        return store_documents.get(self._core.conn, key.strip().upper(), with_pages=with_pages)

    def original_path(self, doc_key: str, position: int = 0) -> Path:
        """The stored original (in files/) holding the document's file at `position`.

        Position 0 is the only file of a PDF or text; a document made of photos has one per
        photo, in page order (a page's `file_position` says which).
        """
        files = store_documents.files_of(self._core.conn, doc_key.strip().upper())
        if not 0 <= position < len(files):
            raise InvalidInput(f"Document {doc_key.upper()} has {len(files)} original file(s); "
                               f"there is none at position {position}.")
        return self._core.files.path_for(files[position]["sha256"])

    def move(self, doc_key: str, source_key: str | None) -> Changes[None]:
        """Put a document under another source (or none)."""
        with self._core.write() as tx:
            sid = None if source_key is None else store_sources.source_id(
                tx.conn, source_key.strip().upper())
            store_documents.move(tx.conn, doc_key.strip().upper(), sid)
        return tx.result()


class _Batch:
    """The source every document of one import goes to, when there is one: given by key,
    or made with the first document stored (then its key is kept here for the rest)."""

    def __init__(self, source_key: str | None, new_source: Source | None) -> None:
        self.source_key = source_key
        self.new_source = new_source
        if new_source is not None:      # checked now: a bad one must refuse every file
            new_source.title = new_source.title.strip()
            if not new_source.title:
                raise InvalidInput("The new source needs a title; nothing was imported.")
            validate(new_source)
            date_bounds(new_source.date)


def _catch_up(progress: Progress, target: int, label: str) -> None:
    """Move the bar to `target` units when a job did less than it was counted for (or
    trim its count when it did more), so 100% comes with the last job and not before."""
    if progress.done < target:
        progress.step(target - progress.done, label=label)
    elif progress.done > target:
        progress.total += progress.done - target


def _checked_source(src: Source) -> Source:
    """A source made from file metadata: never refuse it for what the metadata got wrong."""
    src.title = clean_text(src.title) or "Untitled document"
    if src.kind not in SOURCE_KINDS:
        src.kind = "other"
    try:
        date_bounds(src.date)
    except InvalidInput:
        src.extra = {**src.extra, "date_in_file": src.date}
        src.date = ""
    src.creators = [c for c in src.creators if c.family or c.literal]
    return src


def _checked_entry(src: Source, warnings: list[str]) -> Source:
    """An entry of a reference file: keep it, moving an unreadable date into `extra`."""
    if not src.title.strip():
        raise InvalidInput("it has no title")
    before = src.date
    checked = _checked_source(src)
    if before and not checked.date:
        warnings.append(f"entry {src.citekey or src.title[:40]}: the date {before!r} is not "
                        "EDTF; it was kept under extra.date_in_file")
    return checked
