"""Hostile inputs, in one place: the generators the tests, `scripts/bench/bombs.py` and an
attack script share. Every generator streams what it writes, so making a bomb never costs
the memory the bomb is meant to cost its victim.

Archive bombs start from a genuine archive (`base_archive`) and rewrite it with `forge`,
which recomputes the manifest's sha256 and size of every member it changes: a forger can do
that too, so only the restore's own bounds stand between the bomb and the machine.

    manifest_bomb(base, out, size)        manifest.json of `size` bytes (mostly spaces)
    table_bomb(base, out, size)           tables/notes.json with one row of `size` bytes
    nested_row_bomb(base, out, size)      one row line of `size` bytes of tiny lists
    unused_files_bomb(base, out, n, size) n originals of `size` zero bytes no record uses
    forged_row(base, out, table, row)     one extra row line, as given, in a table
    plant_export_manifest(folder, names)  a `.researchnb-export.json` naming files to delete
    inflating_pdf(out, size, pages, bomb_page)  a PDF whose page `bomb_page` is drawn by a
                                          Flate stream of `size` spaces (1000 to 1)
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

CHUNK = 1 << 20
Chunks = Callable[[], Iterable[bytes]]


def base_archive(out: Path) -> Path:
    """A genuine archive of a small notebook: a source, a note, a tag."""
    from researchnb.domain import Source
    from researchnb.notebook import Notebook
    with tempfile.TemporaryDirectory() as tmp:
        with Notebook.create(Path(tmp) / "base.rnb") as nb:
            src = nb.sources.add(Source(kind="book", title="Ten days")).value
            nb.tags.add(src.key, ["theme/attack"])
            nb.notes.add("A note", "Some words.")
            nb.archive.export(out)
    return out


def _repeat(piece: bytes, size: int) -> Iterator[bytes]:
    block = piece * max(1, CHUNK // len(piece))
    left = size
    while left > 0:
        chunk = block[:left]
        left -= len(chunk)
        yield chunk


def forge(base: Path, out: Path, change: dict[str, Chunks | None],
          manifest: Callable[[dict], dict] | None = None,
          raw_manifest: Chunks | None = None) -> Path:
    """Copy `base` to `out`, replacing each member named in `change` by the chunks its
    factory yields (None drops it; a new name adds it), with the manifest's sha256 and size
    recomputed. `manifest` may alter the manifest after that; `raw_manifest` replaces it
    with arbitrary bytes."""
    with zipfile.ZipFile(base) as zin:
        meta = json.loads(zin.read("manifest.json"))
        names = [n for n in zin.namelist() if n != "manifest.json"]
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as zout:
            for name in names + [n for n in change if n not in names]:
                factory = change.get(name, lambda n=name: [zin.read(n)])
                if factory is None:
                    meta["members"].pop(name, None)
                    continue
                h, size = hashlib.sha256(), 0
                with zout.open(name, "w", force_zip64=True) as f:
                    for chunk in factory():
                        h.update(chunk)
                        size += len(chunk)
                        f.write(chunk)
                meta["members"][name] = {"sha256": h.hexdigest(), "size": size}
            if manifest is not None:
                meta = manifest(meta)
            with zout.open("manifest.json", "w", force_zip64=True) as f:
                for chunk in (raw_manifest() if raw_manifest is not None
                              else [json.dumps(meta).encode()]):
                    f.write(chunk)
    return out


def manifest_bomb(base: Path, out: Path, size: int) -> Path:
    """A manifest of `size` bytes: a valid start, then spaces (deflate: about 1000 to 1)."""
    def chunks() -> Iterator[bytes]:
        yield b'{"format": "researchnb-archive", "schema_version": 1, "members": {},'
        yield from _repeat(b" ", size)
        yield b'"pad": 0}'
    return forge(base, out, {}, raw_manifest=chunks)


def _table_head(base: Path, table: str) -> bytes:
    with zipfile.ZipFile(base) as zf, zf.open(f"tables/{table}.json") as f:
        return f.readline().rstrip(b"\n")


def table_bomb(base: Path, out: Path, size: int) -> Path:
    """tables/notes.json whose one row holds a string of `size` letters."""
    head = _table_head(base, "notes")

    def chunks() -> Iterator[bytes]:
        yield head + b'\n["'
        yield from _repeat(b"a", size)
        yield b'"]\n]}\n'
    return forge(base, out, {"tables/notes.json": chunks})


def nested_row_bomb(base: Path, out: Path, size: int, piece: bytes = b"[],") -> Path:
    """tables/notes.json whose one row is `size` bytes of `piece` (empty lists by default):
    the costliest JSON per byte for a parser that builds objects. `[0],` has as few
    brackets as a row of text may have and still costs a list per 4 bytes."""
    head = _table_head(base, "notes")

    def chunks() -> Iterator[bytes]:
        yield head + b"\n["
        yield from _repeat(piece, size)
        yield b"[]]\n]}\n"
    return forge(base, out, {"tables/notes.json": chunks})


def _zeros_digest(size: int, salt: int) -> str:
    h = hashlib.sha256()
    for chunk in _zeros(size, salt):
        h.update(chunk)
    return h.hexdigest()


def _zeros(size: int, salt: int) -> Iterator[bytes]:
    yield salt.to_bytes(8, "big")
    yield from _repeat(b"\0", size - 8)


def unused_files_bomb(base: Path, out: Path, count: int, size: int) -> Path:
    """`count` originals of `size` bytes (zeros after an 8-byte counter) under their true
    sha256 names, which no `documents` or `document_files` row names."""
    change: dict[str, Chunks | None] = {}

    def member(i: int) -> Chunks:
        return lambda: _zeros(size, i)
    for i in range(count):
        digest = _zeros_digest(size, i)
        change[f"files/{digest[:2]}/{digest[2:]}"] = member(i)
    return forge(base, out, change)


def forged_row(base: Path, out: Path, table: str, row_json: str) -> Path:
    """`table` with one more row line, exactly `row_json` (any text: it need not be JSON)."""
    with zipfile.ZipFile(base) as zf:
        lines = zf.read(f"tables/{table}.json").decode("utf-8").split("\n")
    # lines: header, rows (all but the last end with ","), "]}", ""
    rows = [line.rstrip(",") for line in lines[1:-2]]
    rows.append(row_json)
    body = "\n".join([lines[0], ",\n".join(rows), "]}", ""]).encode("utf-8",
                                                                   "surrogatepass")
    return forge(base, out, {f"tables/{table}.json": lambda: [body]})


def plant_export_manifest(folder: Path, names: list[str]) -> Path:
    """A `.researchnb-export.json` written by someone else, naming files to delete."""
    path = folder / ".researchnb-export.json"
    path.write_text(json.dumps(names), encoding="utf-8")
    return path


def inflating_pdf(out: Path, size: int, pages: int = 1, bomb_page: int = 1) -> Path:
    """A PDF of `pages` pages; page `bomb_page` (from 1) draws a line of text and then has a
    content stream of `size` spaces, Flate-compressed (2 GB -> about 2 MB). The others show
    "Page N". Written as it is compressed: making it costs a megabyte of memory."""
    import zlib
    count = pages
    font = 3 + 2 * count
    offsets: dict[int, int] = {}
    with out.open("wb") as f:
        def obj(num: int, body: bytes) -> None:
            offsets[num] = f.tell()
            f.write(b"%d 0 obj\n" % num + body + b"\nendobj\n")

        f.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        obj(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        kids = b" ".join(b"%d 0 R" % (3 + 2 * i) for i in range(count))
        obj(2, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count))
        for i in range(count):
            page, content = 3 + 2 * i, 4 + 2 * i
            obj(page, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                      b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                % (font, content))
            text = b"BT /F1 12 Tf 72 770 Td (Page %d) Tj ET\n" % (i + 1)
            z = zlib.compressobj(9)
            if i + 1 != bomb_page:
                body = z.compress(text) + z.flush()
                obj(content, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body)
                    + body + b"\nendstream")
                continue
            offsets[content] = f.tell()
            f.write(b"%d 0 obj\n<< /Length %d 0 R /Filter /FlateDecode >>\nstream\n"
                    % (content, font + 1))
            start = f.tell()
            f.write(z.compress(text))
            for chunk in _repeat(b" ", size):
                f.write(z.compress(chunk))
            f.write(z.flush())
            length = f.tell() - start
            f.write(b"\nendstream\nendobj\n")
        obj(font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        obj(font + 1, b"%d" % (length if 1 <= bomb_page <= count else 0))
        xref = f.tell()
        total = font + 2
        f.write(b"xref\n0 %d\n0000000000 65535 f \n" % total)
        f.write(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, total)))
        f.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                % (total, xref))
    return out
