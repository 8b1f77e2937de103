"""Writing notes as a folder of Markdown files that pandoc and other tools understand.

One `.md` per shared note with YAML front matter, sources and excerpts as files of their own,
internal links rewritten to relative file links, citations left in Pandoc form, and
`references.bib` / `references.json` beside them (written by the caller). Everything sits in
one folder so `pandoc --citeproc NOTE.md` run there finds the bibliography named in the
front matter. This module only formats text; deciding what is shared is the caller's job.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..locators import pandoc_citations, pandoc_locator, shown_locator
from .links import rewrite_stored_links, title_match_key
from .schemes import escape_brackets

BIBLIOGRAPHY = "references.json"
MANIFEST = ".researchnb-export.json"     # the files the last export wrote here
MANIFEST_CAP = 16 << 20
SLUG_CHARS = 60


def slug(text: str) -> str:
    """A file-name-safe form of a title that keeps Cyrillic letters readable."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    text = re.sub(r"[^\w\s-]", "", text)
    text = re.sub(r"[\s_-]+", "-", text).strip("-")
    return text[:SLUG_CHARS].rstrip("-") or "untitled"


def citekey_name(citekey: str) -> str:
    """A citekey as a file name: kept as it is where the file system allows."""
    return re.sub(r"[^\w.-]+", "-", unicodedata.normalize("NFKC", citekey)).strip(".-") or "source"


def _yaml_value(value: Any) -> str:
    # JSON scalars and flow lists are valid YAML, and quoting every string keeps a title
    # such as "Note: yes" from turning into something else.
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: Iterable[tuple[str, Any]]) -> str:
    lines = ["---"]
    lines += [f"{name}: {_yaml_value(value)}" for name, value in fields]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


@dataclass
class ExportPlan:
    """File names for everything that gets a file, decided before any file is written."""

    notes: dict[str, str] = field(default_factory=dict)      # note key -> file name
    sources: dict[str, str] = field(default_factory=dict)    # source key -> file name
    excerpts: dict[str, str] = field(default_factory=dict)   # excerpt key -> file name
    page_sources: dict[str, str] = field(default_factory=dict)  # document key -> source key
    private_titles: dict[str, str] = field(default_factory=dict)  # private note key -> title

    def target(self, kind: str, key: str) -> str | None:
        if kind == "note":
            return self.notes.get(key)
        if kind == "source":
            return self.sources.get(key)
        if kind == "excerpt":
            return self.excerpts.get(key)
        if kind == "page":
            src = self.page_sources.get(key)
            return None if src is None else self.sources.get(src)
        return None


PRIVATE_LABEL = "(a private note)"


def link_rewriter(plan: ExportPlan) -> Callable[[str, str, str, str], str]:
    """Stored links become relative file links; a link to anything not exported (a private
    or deleted note, a record in the trash) becomes its label alone. A label that is a
    private note's title (as linking inserts it) is replaced too: the title is part of the
    private note and must not leave the notebook either."""
    def replace(kind: str, key: str, anchor: str, label: str) -> str:
        target = plan.target(kind, key)
        private_title = plan.private_titles.get(key) if kind == "note" else None
        if private_title is not None and title_match_key(label) == title_match_key(
                private_title):
            return PRIVATE_LABEL
        text = escape_brackets(label) or key
        if target is None:
            return text
        return f"[{text}](<{target}>)"
    return replace


def note_file(title: str, key: str, tags: list[str], created: str, modified: str,
              body: str, plan: ExportPlan) -> str:
    head = front_matter([("key", key), ("title", title), ("tags", tags),
                         ("created", created), ("modified", modified),
                         ("bibliography", BIBLIOGRAPHY)])
    text = pandoc_citations(rewrite_stored_links(body, link_rewriter(plan)))
    return head + text.rstrip("\n") + "\n"


def source_file(src: dict[str, Any], excerpt_files: list[tuple[str, str]]) -> str:
    """A source: its citation (Pandoc form, so pandoc formats it), where it is, and the
    exported excerpts taken from it."""
    head = front_matter([("key", src["key"]), ("title", src["title"]),
                         ("citekey", src.get("citekey") or ""), ("kind", src["kind"]),
                         ("bibliography", BIBLIOGRAPHY)])
    lines = [f"# {src['title']}", ""]
    if src.get("citekey"):
        lines += [f"[@{src['citekey']}]", ""]
    where = [(label, src.get(name, "")) for label, name in (
        ("Archive", "archive"), ("Archive (abbreviation)", "archive_abbr"),
        ("Place", "archive_place"), ("Fond", "fond"), ("Opis", "opis"), ("Delo", "delo"),
        ("Folios", "folio"), ("Date", "date"), ("Publisher", "publisher"),
        ("Container", "container_title"), ("URL", "url"), ("DOI", "doi"))]
    creators = "; ".join(c for c in src.get("creator_names", []) if c)
    if creators:
        lines.append(f"- Creators: {creators}")
    lines += [f"- {label}: {value}" for label, value in where if value]
    if excerpt_files:
        lines += ["", "## Excerpts", ""]
        lines += [f"- [{escape_brackets(label)}](<{name}>)" for label, name in
                  excerpt_files]
    return head + "\n".join(lines).rstrip("\n") + "\n"


def excerpt_file(ex: dict[str, Any], source_name: str | None) -> str:
    """An excerpt: the quote as a block quote, then its citation and comment."""
    head = front_matter([("key", ex["key"]), ("locator", ex["locator"]),
                         ("source", ex.get("source") or ""), ("tags", ex.get("tags", [])),
                         ("bibliography", BIBLIOGRAPHY)])
    quote = "\n".join("> " + line if line else ">" for line in
                      (ex["quote"] or "").splitlines()) or "> (an image region, no text)"
    lines = [quote, ""]
    cite = ""
    if ex.get("citekey"):
        where = shown_locator(ex["locator"], page=ex.get("page_start"))
        loc = f", {pandoc_locator(where)}" if where else ""
        cite = f"[@{ex['citekey']}{loc}]"
    if source_name:
        title = escape_brackets(ex.get("source_title") or "the source")
        lines.append(f"From [{title}](<{source_name}>) {cite}".rstrip())
    elif cite:
        lines.append(cite)
    if ex.get("translation"):
        lines += ["", "Translation:", "", "\n".join("> " + t for t in
                                                   ex["translation"].splitlines())]
    if ex.get("comment"):
        lines += ["", ex["comment"]]
    return head + "\n".join(lines).rstrip("\n") + "\n"


def _sha256(path: Path) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _written_here(folder: Path, name: Any, digest: Any) -> Path | None:
    """The file `name` in `folder` if the previous export wrote it and it still holds what
    that export wrote: a plain name (no folder, no `..`), a regular file (not a link) right
    in the folder, with the sha256 the manifest records. None for anything else."""
    if not isinstance(name, str) or not isinstance(digest, str) or not name \
            or Path(name).name != name or name in (".", "..") or "/" in name \
            or "\\" in name or "\0" in name:
        return None
    target = folder / name
    try:
        if target.is_symlink() or not target.is_file() \
                or target.resolve().parent != folder.resolve():
            return None
    except (OSError, RuntimeError):
        return None
    return target if _sha256(target) == digest else None


def remove_stale(folder: Path, keep: set[str]) -> list[str]:
    """Delete the files a previous export wrote here that this one does not write again.

    The manifest only authorises: a file is removed when the previous export wrote it AND
    it still holds exactly what that export wrote (its sha256 is in the manifest), it is a
    plain file directly in this folder (never a link, `..` or a path elsewhere), and it is
    not one this export writes. A manifest in the old form (a list of names, no sha256) or
    planted by someone else removes nothing: the historian's own files are never touched.
    """
    try:
        raw = (folder / MANIFEST).read_bytes()
        previous = json.loads(raw[:MANIFEST_CAP]) if len(raw) <= MANIFEST_CAP else None
    except (OSError, ValueError):
        return []
    files = previous.get("files") if isinstance(previous, dict) else None
    removed = []
    for name, digest in (files.items() if isinstance(files, dict) else []):
        if name in keep or name in (MANIFEST, "references.bib", "references.json"):
            continue
        target = _written_here(folder, name, digest)
        if target is not None:
            with contextlib.suppress(OSError):
                target.unlink()
                removed.append(name)
    return removed


def write_manifest(folder: Path, names: list[str]) -> None:
    """Record what this export wrote: each file's name and sha256."""
    files = {name: _sha256(folder / name) for name in sorted(names)}
    body = {"format": "researchnb-markdown-export", "version": 2,
            "files": {k: v for k, v in files.items() if v is not None}}
    (folder / MANIFEST).write_text(json.dumps(body, ensure_ascii=False, indent=1),
                                   encoding="utf-8")
