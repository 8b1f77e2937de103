"""The lossless archive: the whole notebook as one open, documented zip file, and back.

Layout of `FILE.zip` (described again in its README.txt, so a reader needs no program):
  manifest.json       format, schema version, row counts, sha256 and size of every member
  tables/NAME.json    every row of every table, one JSON array per line, in a stable order
  notes/KEY.md        each note as Markdown with a small header (private notes included)
  files/ab/cdef…      the imported originals, byte for byte, named by their sha256
The export time is in the zip comment, not the manifest, so exporting the same notebook twice
gives identical JSON members. Restoring (`restore.py`) refuses a damaged or hostile archive
before touching anything.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
import time
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..domain import UserError
from ..progress import Progress
from ..search.functions import sql_functions
from ..store import archive as store_archive
from ..store.documents import all_file_hashes
from .core import Core
from .restore import FORMAT, FORMAT_VERSION, MANIFEST, restore_archive, verify_archive

__all__ = ["Archive", "restore_archive", "verify_archive"]

CHUNK = 1 << 20
_NO_SPACE = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}

README = """researchnb archive
==================

This zip file holds a whole researchnb notebook, losslessly, in open formats:

  manifest.json      the format ("researchnb-archive", version 1), the notebook's schema
                     version, the number of rows of each table, and the sha256 and size of
                     every other member of this archive
  tables/NAME.json   every row of the table NAME: {"table": NAME, "columns": [...],
                     "rows": [[value, ...], ...]}, one row per line. Values are JSON; binary
                     values are {"$base64": "..."}, infinite numbers {"$float": "inf"}.
                     Notes, sources, excerpts and their links are all here, private notes too.
  notes/KEY.md       each note (not the trashed ones) as Markdown, with a header giving its
                     title, key, private flag and dates: readable in any text editor
  files/ab/cdef...   the original files you imported, byte for byte; the name is the file's
                     sha256 (ab + cdef...); `documents` and `document_files` say which is which

Restore it with:  researchnb restore THIS.zip NEW-FOLDER.rnb
"""


def _zinfo(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


class _ArchiveWriter:
    """Writes members to the zip and remembers each one's sha256 and size for the manifest."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.members: dict[str, dict[str, Any]] = {}
        self.stamp = time.localtime()[:6]

    def write(self, name: str, chunks: Iterable[bytes]) -> None:
        h, size = hashlib.sha256(), 0
        with self.zf.open(_zinfo(name, self.stamp), "w", force_zip64=True) as out:
            for chunk in chunks:
                h.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.members[name] = {"sha256": h.hexdigest(), "size": size}


def _file_chunks(path: Path) -> Iterable[bytes]:
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            yield chunk


def _note_markdown(row: Any) -> str:
    head = [f"title: {json.dumps(row['title'], ensure_ascii=False)}", f"key: {row['key']}",
            f"private: {'true' if row['private'] else 'false'}",
            f"created: {row['created']}", f"modified: {row['modified']}"]
    return "---\n" + "\n".join(head) + "\n---\n\n" + row["body"]


class Archive:
    """`nb.archive`: the whole notebook as one open, lossless zip (restoring is
    `restore_archive`, which makes a new notebook)."""

    def __init__(self, core: Core) -> None:
        self._core = core

    def export(self, target: str | Path,
                       progress: Progress | None = None) -> dict[str, Any]:
        """Write the whole notebook to a zip archive (atomically: whole file or none)."""
        target = Path(target).expanduser()
        if target.is_dir():
            raise UserError(f"{target} is a folder; give a file name such as notebook.zip.")
        progress = progress or Progress()
        folder = target.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                            dir=folder)
        except OSError as exc:
            raise UserError(f"Cannot write the archive to {folder}: {exc.strerror}.") from exc
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as raw:
                result = self._write_archive(raw, progress)
                raw.flush()
                os.fsync(raw.fileno())
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            if exc.errno in _NO_SPACE:
                raise UserError(f"There is not enough space on the disk for the archive "
                                f"{target}; no archive was written and the notebook is "
                                "unchanged. Free some space and try again.") from exc
            raise UserError(f"Writing the archive {target} failed ({exc.strerror}); no archive "
                            "was written and the notebook is unchanged.") from exc
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        return {"archive": str(target), **result}

    def _write_archive(self, raw: IO[bytes], progress: Progress) -> dict[str, Any]:
        db_path = self._core.path / "notebook.sqlite"
        with store_archive.read_snapshot(db_path, sql_functions()) as snap, \
                zipfile.ZipFile(raw, "w", allowZip64=True) as zf:
            tables = store_archive.archived_tables(snap)
            notes = store_archive.notes_for_markdown(snap)
            hashes = sorted(all_file_hashes(snap))
            version = int(snap.execute("PRAGMA user_version").fetchone()[0])
            progress.start(len(tables) + len(notes) + len(hashes), "Writing the archive")
            out = _ArchiveWriter(zf)
            out.write("README.txt", [README.encode()])
            counts = {}
            for name in tables:
                counts[name] = store_archive.count_rows(snap, name)
                out.write(f"tables/{name}.json",
                          (line.encode("utf-8") for line in store_archive.table_lines(snap, name)))
                progress.step(label=f"Table {name}")
            for row in notes:
                out.write(f"notes/{row['key']}.md", [_note_markdown(row).encode("utf-8")])
                progress.step()
            missing = []
            for digest in hashes:
                # An original that is gone or altered is listed, never archived under a
                # name its bytes do not match (`check` says the same of the notebook).
                if self._core.files.verify({digest}):
                    missing.append(digest)
                else:
                    out.write(f"files/{digest[:2]}/{digest[2:]}",
                              _file_chunks(self._core.files.path_for(digest)))
                progress.step(label="Original files")
            manifest = {"format": FORMAT, "format_version": FORMAT_VERSION,
                        "schema_version": version, "researchnb_version": __version__,
                        "tables": counts, "members": out.members, "missing_files": missing}
            body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
            zf.writestr(_zinfo(MANIFEST, out.stamp), body + "\n")
            zf.comment = (f"researchnb archive exported "
                          f"{datetime.now(UTC).isoformat(timespec='seconds')}").encode()
        return {"schema_version": version, "tables": counts, "notes": len(notes),
                "files": len(hashes) - len(missing), "missing_files": missing}


def _umask() -> int:
    """The process umask (read by setting it, the only way POSIX offers)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
