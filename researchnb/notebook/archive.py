"""The lossless archive: the whole notebook as one open, documented zip file, and back.

Layout of `FILE.zip` (described again in its README.txt, so a reader needs no program):
  manifest.json       format, schema version, row counts, sha256 and size of every member
  tables/NAME.json    every row of every table, one JSON array per line, in a stable order
  notes/KEY.md        each note as Markdown with a small header (private notes included)
  files/ab/cdef…      the imported originals, byte for byte, named by their sha256
The export time is in the zip comment, not the manifest, so exporting the same notebook twice
gives identical JSON members. Restoring refuses a damaged archive before touching anything.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..domain import NotebookUnavailable, UserError
from ..progress import Progress
from ..search.functions import sql_functions
from ..store import archive as store_archive
from ..store import migrate
from ..store.connection import DatabaseError
from ..store.documents import all_file_hashes
from .core import Core

FORMAT = "researchnb-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20
_FILE_MEMBER = re.compile(r"^files/([0-9a-f]{2})/([0-9a-f]{62})$")
_TABLE_MEMBER = re.compile(r"^tables/([A-Za-z0-9_]+)\.json$")
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


def restore_archive(archive: str | Path, path: str | Path, opener: Callable[..., Any],
                    progress: Progress | None = None,
                    migrations_dir: Path | None = None) -> dict[str, Any]:
    """Rebuild a notebook at `path` from an archive; nothing is made if it is damaged.

    The notebook is built in a hidden folder beside `path` and renamed into place only
    when complete, so an interrupted restore leaves no half notebook behind. `opener` opens
    the rebuilt notebook (`Notebook.open`).
    """
    archive, path = Path(archive).expanduser(), Path(path).expanduser()
    progress = progress or Progress()
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise UserError(f"{path} already exists and is not empty; restore into a new "
                        "folder.")
    migrations = migrate.discover(migrations_dir or migrate.default_migrations_dir())
    with _open_zip(archive) as zf:
        manifest = verify_archive(zf, archive, migrations)
        version = manifest["schema_version"]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{path.name}.restoring-", dir=path.parent))
        except OSError as exc:
            raise UserError(f"Cannot create {path}: {exc.strerror}.") from exc
        try:
            _build(zf, manifest, work, [m for m in migrations if m.version <= version],
                   progress)
            nb = opener(work, progress=progress, migrations_dir=migrations_dir)
            try:
                nb.search.reindex(progress=progress)
                checked = nb.check()
                info = nb.info()
            finally:
                nb.close()
            if path.exists():
                path.rmdir()
            os.chmod(work, 0o777 & ~_umask())
            os.rename(work, path)
        except BaseException as exc:
            shutil.rmtree(work, ignore_errors=True)
            if isinstance(exc, store_archive.ArchiveMismatch):
                raise UserError(f"The archive {archive} does not hold a valid notebook "
                                f"({exc}); nothing was restored.") from exc
            if isinstance(exc, OSError):
                raise UserError(f"Restoring into {path} failed ({exc.strerror}); nothing "
                                "was restored.") from exc
            raise
    info["notebook"] = str(path)
    return {**info, "check": checked, "missing_files": manifest.get("missing_files", [])}


def _umask() -> int:
    """The process umask (read by setting it, the only way POSIX offers)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _open_zip(archive: Path) -> Any:
    try:
        zf = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise UserError(f"There is no archive at {archive}.") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{archive} is not a researchnb archive, or it is damaged beyond "
                        f"reading ({exc}); nothing was restored.") from exc
    try:
        yield zf
    finally:
        zf.close()


def _member_sha256(zf: zipfile.ZipFile, name: str) -> str | None:
    h = hashlib.sha256()
    try:
        with zf.open(name) as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError):
        return None
    return h.hexdigest()


def verify_archive(zf: zipfile.ZipFile, archive: Path,
                   migrations: list[migrate.Migration]) -> dict[str, Any]:
    """Check the manifest and the sha256 of every member; refuse naming the bad ones."""
    try:
        manifest = json.loads(zf.read(MANIFEST))
        members = manifest["members"]
        version = int(manifest["schema_version"])
        assert manifest["format"] == FORMAT and isinstance(members, dict)
    except KeyError:
        raise UserError(f"{archive} has no manifest.json: it is not a researchnb archive, or "
                        "it is damaged; nothing was restored.") from None
    except Exception as exc:
        raise UserError(f"The manifest of {archive} is damaged or not a researchnb manifest; "
                        "nothing was restored.") from exc
    latest = migrations[-1].version if migrations else 0
    if version > latest or version < 1:
        raise NotebookUnavailable(
            f"The archive {archive} was made by a newer researchnb (schema {version}; this "
            f"program knows schemas up to {latest}). Update researchnb to restore it.")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise NotebookUnavailable(f"The archive {archive} uses a newer archive format; update "
                                  "researchnb to restore it.")
    bad = []
    present = set(zf.namelist())
    for name in sorted(present - set(members) - {MANIFEST}):
        bad.append(f"{name} (not listed in the manifest)")
    for name, meta in sorted(members.items()):
        if name not in present:
            bad.append(f"{name} (missing)")
        elif not (name == "README.txt" or name.startswith("notes/")
                  or _TABLE_MEMBER.match(name) or _FILE_MEMBER.match(name)):
            bad.append(f"{name} (not a member an archive can hold)")
        elif not isinstance(meta, dict) or _member_sha256(zf, name) != meta.get("sha256"):
            bad.append(f"{name} (its contents do not match the manifest's sha256)")
    if bad:
        shown = ", ".join(bad[:20]) + (f" and {len(bad) - 20} more" if len(bad) > 20 else "")
        raise UserError(f"The archive {archive} is damaged; nothing was restored. "
                        f"Bad members: {shown}.")
    return manifest


def _build(zf: zipfile.ZipFile, manifest: dict[str, Any], work: Path,
           migrations: list[migrate.Migration], progress: Progress) -> None:
    names = sorted(manifest["members"])
    tables = [m.group(1) for m in map(_TABLE_MEMBER.match, names) if m]

    def read(table: str) -> Any:
        try:
            return json.loads(zf.read(f"tables/{table}.json"))
        except ValueError as exc:
            raise store_archive.ArchiveMismatch(f"tables/{table}.json is not valid JSON") \
                from exc
    file_members = [n for n in names if _FILE_MEMBER.match(n)]
    progress.start(len(file_members) + 1, "Restoring the notebook")
    for sub in ("files", "backups"):
        (work / sub).mkdir()
    try:
        store_archive.build_database(work / "notebook.sqlite", migrations, tables, read,
                                     sql_functions())
    except DatabaseError as exc:
        raise store_archive.ArchiveMismatch(str(exc)) from exc
    progress.step(label="Original files")
    from ..files import FileStore
    store = FileStore(work / "files")
    for name in file_members:
        digest = name[len("files/"):].replace("/", "")
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=work)
        try:
            with os.fdopen(fd, "wb") as out, zf.open(name) as src:
                shutil.copyfileobj(src, out, CHUNK)
            got, _ = store.add(Path(tmp_name))
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        if got != digest:
            raise store_archive.ArchiveMismatch(f"{name} does not hash to its name")
        progress.step()
