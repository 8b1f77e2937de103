"""Writing notes as a folder of Markdown files that pandoc and other tools understand.

One `.md` per shared note with YAML front matter, sources and excerpts as files of their own,
internal links rewritten to relative file links, citations left in Pandoc form, and
`references.bib` / `references.json` beside them (written by the caller). Everything sits in
one folder so `pandoc --citeproc NOTE.md` run there finds the bibliography named in the
front matter. This module only formats text; deciding what is shared is the caller's job.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .links import rewrite_stored_links, title_match_key
from .schemes import escape_brackets

BIBLIOGRAPHY = "references.json"
MANIFEST = ".researchnb-export.json"     # the files the last export wrote here
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
    text = rewrite_stored_links(body, link_rewriter(plan))
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
        loc = f", {ex['locator']}" if ex["locator"] else ""
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


def remove_stale(folder: Path, keep: set[str]) -> list[str]:
    """Delete the files a previous export wrote here that this one does not write again.

    Only names listed in the previous export's manifest, and only plain file names inside
    the folder, are ever removed: the historian's own files are never touched.
    """
    try:
        previous = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    removed = []
    for name in previous if isinstance(previous, list) else []:
        if not isinstance(name, str) or name in keep or Path(name).name != name \
                or name in (MANIFEST, "references.bib", "references.json"):
            continue
        target = folder / name
        if target.is_file():
            target.unlink()
            removed.append(name)
    return removed


def write_manifest(folder: Path, names: list[str]) -> None:
    (folder / MANIFEST).write_text(json.dumps(sorted(names), ensure_ascii=False, indent=1),
                                   encoding="utf-8")
