"""Restoring the lossless archive (`notebook/archive.py` writes it) into a new notebook.

An archive is hostile until proven otherwise, so every read is bounded before it starts:
  - manifest.json is refused when the zip says it is over MANIFEST_CAP, and read no further
    than that whatever the zip says;
  - every member's uncompressed size in the zip must be the size the manifest gives, and all
    of them together must fit on the disk before anything is written;
  - tables/NAME.json is read one row (one line) at a time, each line at most ROW_CAP bytes,
    so a table of any length costs one row of memory;
  - an original file (files/ab/cdef…) must be named by a `documents` or `document_files`
    row, or the archive is refused before its bytes are read; each is streamed to disk in
    chunks, stopping at its declared size;
  - a row that does not fit its table (bad base64, a list where a value belongs, a number
    SQLite cannot hold, text that is not Unicode) is named: "tables/X.json row N".
Nothing is made unless all of it holds: the notebook is built in a hidden folder beside the
target and renamed into place when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from ..domain import NotebookUnavailable, UserError
from ..progress import Progress
from ..search.functions import sql_functions
from ..store import archive as store_archive
from ..store import migrate
from ..store.connection import DatabaseError
from ..store.lock import ExclusiveLock
from . import leftovers

FORMAT = "researchnb-archive"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20
MANIFEST_CAP = 16 << 20          # about 120,000 members; a real manifest is far smaller
ROW_CAP = 16 << 20               # one row of one table, as one line of JSON
WHOLE_TABLE_CAP = 16 << 20       # a table not written one row per line is read whole
FILE_TABLES = ("documents", "document_files")
_FILE_MEMBER = re.compile(r"^files/([0-9a-f]{2})/([0-9a-f]{62})$")
_TABLE_MEMBER = re.compile(r"^tables/([A-Za-z0-9_]+)\.json$")
_ZIP_ERRORS = (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError)


class _Refused(Exception):
    """A member breaks one of the bounds above (the message names it)."""


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
        _check_space(archive, manifest, path)
        version = manifest["schema_version"]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            leftovers.remove(path)        # a restore into the same place that was killed
            work = Path(tempfile.mkdtemp(prefix=f".{path.name}.restoring-", dir=path.parent))
            # Held while the folder exists, so no other program takes it for a leftover.
            lock = ExclusiveLock(path.parent, leftovers.restoring_lock_name(work))
            lock.try_acquire()
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
                raise UserError(f"The archive {archive} is damaged: {exc}; nothing was "
                                "restored.") from exc
            if isinstance(exc, OSError):
                raise UserError(f"Restoring into {path} failed ({exc.strerror}); nothing "
                                "was restored.") from exc
            raise
        finally:
            lock.release()
            lock.remove_files()
    info["notebook"] = str(path)
    return {**info, "check": checked, "missing_files": manifest.get("missing_files", [])}


def _umask() -> int:
    """The process umask (read by setting it, the only way POSIX offers)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def _open_zip(archive: Path) -> Iterator[zipfile.ZipFile]:
    try:
        zf = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise UserError(f"There is no archive at {archive}.") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise UserError(f"{archive} is not a researchnb archive, or it is damaged beyond "
                        f"reading ({exc}); nothing was restored.") from exc
    try:
        yield zf
    finally:
        zf.close()


def _read_capped(zf: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """A member's bytes, refused when the zip declares more than `cap`, and never more
    than `cap` read whatever it declares."""
    if zf.getinfo(name).file_size > cap:
        raise _Refused(f"{name} is larger than {cap >> 20} MB")
    with zf.open(name) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise _Refused(f"{name} is larger than {cap >> 20} MB")
    return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _loads(data: bytes | str) -> Any:
    return json.loads(data, parse_constant=_refuse_constant)


def _read_manifest(zf: zipfile.ZipFile, archive: Path) -> dict[str, Any]:
    try:
        data = _read_capped(zf, MANIFEST, MANIFEST_CAP)
    except KeyError:
        raise UserError(f"{archive} has no manifest.json: it is not a researchnb archive, or "
                        "it is damaged; nothing was restored.") from None
    except _Refused as exc:
        raise UserError(f"The manifest of {archive} is damaged or not a researchnb manifest "
                        f"({exc}); nothing was restored.") from exc
    except _ZIP_ERRORS as exc:
        raise UserError(f"The manifest of {archive} is damaged or not a researchnb manifest; "
                        "nothing was restored.") from exc
    try:
        # A manifest has one object per member; a flood of tiny containers is not one.
        if data.count(b"[") + data.count(b"{") > len(data) // 64 + 16:
            raise ValueError("too many containers")
        manifest = _loads(data)
        members = manifest["members"]
        int(manifest["schema_version"])
        if manifest["format"] != FORMAT or not isinstance(members, dict):
            raise ValueError("not a researchnb manifest")
        for meta in members.values():
            if not (isinstance(meta, dict) and isinstance(meta.get("sha256"), str)
                    and type(meta.get("size")) is int and meta["size"] >= 0):
                raise ValueError("a member without its sha256 and size")
    except Exception as exc:
        raise UserError(f"The manifest of {archive} is damaged or not a researchnb manifest; "
                        "nothing was restored.") from exc
    return dict(manifest)


def _member_sha256(zf: zipfile.ZipFile, name: str, size: int) -> str | None:
    """The sha256 of a member, read in chunks and never past its declared size."""
    h, seen = hashlib.sha256(), 0
    try:
        with zf.open(name) as f:
            while chunk := f.read(CHUNK):
                seen += len(chunk)
                if seen > size:
                    return None
                h.update(chunk)
    except _ZIP_ERRORS:
        return None
    return h.hexdigest()


def verify_archive(zf: zipfile.ZipFile, archive: Path,
                   migrations: list[migrate.Migration]) -> dict[str, Any]:
    """Check the manifest, every member's size and sha256, and that every original file is
    one a record uses; refuse naming the bad members."""
    manifest = _read_manifest(zf, archive)
    members: dict[str, dict[str, Any]] = manifest["members"]
    version = int(manifest["schema_version"])
    latest = migrations[-1].version if migrations else 0
    if version > latest or version < 1:
        raise NotebookUnavailable(
            f"The archive {archive} was made by a newer researchnb (schema {version}; this "
            f"program knows schemas up to {latest}). Update researchnb to restore it.")
    if int(manifest.get("format_version", 0)) > FORMAT_VERSION:
        raise NotebookUnavailable(f"The archive {archive} uses a newer archive format; update "
                                  "researchnb to restore it.")
    bad = []
    present = {info.filename: info for info in zf.infolist()}
    for name in sorted(set(present) - set(members) - {MANIFEST}):
        bad.append(f"{name} (not listed in the manifest)")
    files = []
    for name, meta in sorted(members.items()):
        if name not in present:
            bad.append(f"{name} (missing)")
        elif not (name == "README.txt" or name.startswith("notes/")
                  or _TABLE_MEMBER.match(name) or _FILE_MEMBER.match(name)):
            bad.append(f"{name} (not a member an archive can hold)")
        elif present[name].file_size != meta["size"]:
            bad.append(f"{name} (its size differs from the manifest's)")
        elif _FILE_MEMBER.match(name):
            files.append(name)
        elif _member_sha256(zf, name, meta["size"]) != meta["sha256"]:
            bad.append(f"{name} (its contents do not match the manifest's sha256)")
    _refuse_bad(archive, bad)
    try:
        used = _used_files(zf, members)
    except store_archive.ArchiveMismatch as exc:
        raise UserError(f"The archive {archive} is damaged: {exc}; nothing was restored."
                        ) from exc
    unused = sorted(set(files) - {f"files/{d[:2]}/{d[2:]}" for d in used})
    if unused:
        raise UserError(f"The archive {archive} is damaged: it holds {len(unused)} original "
                        f"files that no document uses (first {unused[0]}); nothing was "
                        "restored.")
    for name in files:
        if _member_sha256(zf, name, members[name]["size"]) != members[name]["sha256"]:
            bad.append(f"{name} (its contents do not match the manifest's sha256)")
    _refuse_bad(archive, bad)
    return manifest


def _refuse_bad(archive: Path, bad: list[str]) -> None:
    if bad:
        shown = ", ".join(bad[:20]) + (f" and {len(bad) - 20} more" if len(bad) > 20 else "")
        raise UserError(f"The archive {archive} is damaged; nothing was restored. "
                        f"Bad members: {shown}.")


def _used_files(zf: zipfile.ZipFile, members: dict[str, Any]) -> set[str]:
    """The sha256 of every original the archive's document rows name."""
    used: set[str] = set()
    for table in FILE_TABLES:
        name = f"tables/{table}.json"
        if name not in members:
            continue
        try:
            data = read_table(zf, table)
            column = list(data["columns"]).index("sha256")
            for row in data["rows"]:
                value = row[column] if isinstance(row, list) and len(row) > column else None
                if isinstance(value, str):
                    used.add(value)
        except ValueError:
            raise store_archive.ArchiveMismatch(f"{name} has no sha256 column") from None
    return used


def _check_space(archive: Path, manifest: dict[str, Any], path: Path) -> None:
    """Refuse before writing anything when the archive cannot fit on the target's disk."""
    need = sum(int(m["size"]) for m in manifest["members"].values())
    where = next((p for p in (path, *path.parents) if p.exists()), None)
    if where is None:
        return
    try:
        free = shutil.disk_usage(where).free
    except OSError:
        return
    if need > free:
        raise UserError(f"Restoring {archive} needs {need / 1e6:,.0f} MB and only "
                        f"{free / 1e6:,.0f} MB is free at {where}; nothing was restored.")


def read_table(zf: zipfile.ZipFile, table: str) -> dict[str, Any]:
    """One table member as {"table", "columns", "rows"}, with the rows a lazy iterator:
    read one line at a time (the way the archive writes them), each at most ROW_CAP bytes.
    A table written some other way (pretty-printed by hand) is read whole, up to
    WHOLE_TABLE_CAP."""
    name = f"tables/{table}.json"
    f = zf.open(name)
    try:
        first = _line(f, name, 0)
        head = _loads(first.rstrip() + b"]}")
        if not isinstance(head, dict) or head.get("rows") != []:
            raise ValueError("not one row per line")
    except (ValueError, store_archive.ArchiveMismatch):
        f.close()
        try:
            data = _loads(_read_capped(zf, name, WHOLE_TABLE_CAP))
        except _Refused as exc:
            raise store_archive.ArchiveMismatch(
                f"{exc} and not written one row per line") from exc
        except ValueError as exc:
            raise store_archive.ArchiveMismatch(f"{name} is not valid JSON") from exc
        if not isinstance(data, dict):
            raise store_archive.ArchiveMismatch(f"{name} is not in the archive's table "
                                                "format") from None
        return data
    return {**head, "rows": _rows(f, name)}


def _line(f: IO[bytes], name: str, number: int) -> bytes:
    line = f.readline(ROW_CAP + 1)
    if len(line) > ROW_CAP:
        raise store_archive.ArchiveMismatch(
            f"{name} row {number} is larger than {ROW_CAP >> 20} MB")
    # A row is a flat list of values; text full of brackets is possible, but a long line
    # of little else is a flood of containers, each costing far more memory than its bytes.
    if len(line) > 1 << 20 and line.count(b"[") + line.count(b"{") > len(line) // 4:
        raise store_archive.ArchiveMismatch(f"{name} row {number} is not a row of values")
    return line


def _rows(f: IO[bytes], name: str) -> Iterator[Any]:
    """The rows after the header line, each parsed alone; the closing `]}` must end it."""
    with f:
        number = 0
        more = True
        while True:
            try:
                line = _line(f, name, number + 1).strip()
            except _ZIP_ERRORS as exc:
                raise store_archive.ArchiveMismatch(f"{name} cannot be read ({exc})") from exc
            if line == b"]}" or not line:
                if line != b"]}" or f.read(64).strip():
                    raise store_archive.ArchiveMismatch(f"{name} is cut short or has text "
                                                        "after its last row")
                return
            if not more:
                raise store_archive.ArchiveMismatch(f"{name} row {number} lacks its comma")
            number += 1
            more = line.endswith(b",")
            try:
                yield _loads(line[:-1] if more else line)
            except ValueError as exc:
                raise store_archive.ArchiveMismatch(f"{name} row {number} is not valid "
                                                    f"JSON ({exc})") from exc


def _build(zf: zipfile.ZipFile, manifest: dict[str, Any], work: Path,
           migrations: list[migrate.Migration], progress: Progress) -> None:
    members = manifest["members"]
    names = sorted(members)
    tables = [m.group(1) for m in map(_TABLE_MEMBER.match, names) if m]
    file_members = [n for n in names if _FILE_MEMBER.match(n)]
    progress.start(len(file_members) + 1, "Restoring the notebook")
    for sub in ("files", "backups"):
        (work / sub).mkdir()
    try:
        store_archive.build_database(work / "notebook.sqlite", migrations, tables,
                                     lambda table: read_table(zf, table), sql_functions())
    except DatabaseError as exc:
        raise store_archive.ArchiveMismatch(str(exc)) from exc
    progress.step(label="Original files")
    for name in file_members:
        _restore_file(zf, name, int(members[name]["size"]), work / "files")
        progress.step()


def _restore_file(zf: zipfile.ZipFile, name: str, size: int, root: Path) -> None:
    """Stream one original into the file store, stopping at its declared size."""
    digest = name[len("files/"):].replace("/", "")
    final = root / digest[:2] / digest[2:]
    final.parent.mkdir(exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=root)
    try:
        h, seen = hashlib.sha256(), 0
        with os.fdopen(fd, "wb") as out, zf.open(name) as src:
            while chunk := src.read(CHUNK):
                seen += len(chunk)
                if seen > size:
                    raise store_archive.ArchiveMismatch(f"{name} is larger than the "
                                                        "manifest says")
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != digest or seen != size:
            raise store_archive.ArchiveMismatch(f"{name} does not hash to its name")
        os.replace(tmp, final)
        final.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
