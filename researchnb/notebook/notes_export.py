"""Shared notes as a folder of Markdown files for pandoc, with their sources and excerpts.

Private notes never go in: they are counted and left out, and links to them become plain
text. The folder gets references.bib and references.json from the same writers as
`researchnb export bibtex|csl-json`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..domain import NotFound, UserError
from ..notes import export as md_export
from ..progress import Progress
from ..store import notes as store_notes
from ..store import tags as store_tags
from ..store.connection import Connection
from .sources import Sources

# The text of a reference file in a format ("bibtex", "csl-json") for some sources.
References = Callable[[str, list[str]], str]


def export_markdown(conn: Connection, folder: str | Path, *, tag: str | None,
                    progress: Progress | None, sources: Sources,
                    references: References) -> dict[str, Any]:
    """What `nb.notes.export_markdown` does (its docstring says what is written)."""
    folder = Path(folder).expanduser()
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file; give a folder for the Markdown export.")
    tag_ids = None if tag is None else store_tags.ids_under(conn, tag)
    if tag_ids == []:
        raise NotFound(f"There is no tag called '{tag}'.")
    rows = store_notes.list_rows(conn, tag_ids=tag_ids)
    shared = [r for r in rows if not r["private"]]
    plan = md_export.ExportPlan(private_titles={
        r["key"]: r["title"] for r in store_notes.list_rows(conn) if r["private"]})
    used: set[str] = set()

    def name(base: str) -> str:
        candidate, n = base, 2
        while candidate.casefold() in used:
            candidate, n = f"{base[:-3]}-{n}.md", n + 1
        used.add(candidate.casefold())
        return candidate

    for r in shared:
        plan.notes[r["key"]] = name(f"{md_export.slug(r['title'])}-{r['key']}.md")
    for r in shared:
        for link in store_notes.links_of(conn, int(r["id"])):
            _plan_target(conn, plan, link["to_kind"], link["to_key"], name, sources)
    if progress is not None:
        progress.start(len(shared) + len(plan.sources) + len(plan.excerpts) + 1,
                       "Writing the notes as Markdown")
    files: dict[str, str] = {}
    for r in shared:
        tags = store_tags.of(conn, "note", int(r["id"]))
        files[plan.notes[r["key"]]] = md_export.note_file(
            r["title"], r["key"], tags, r["created"], r["modified"], r["body"], plan)
    excerpts_by_source: dict[str, list[tuple[str, str]]] = {}
    for key, fname in plan.excerpts.items():
        record = store_notes.excerpt_record(conn, key)
        assert record is not None    # _plan_target planned only excerpts it found
        ex = dict(record)
        ex["tags"] = store_tags.of(conn, "excerpt", int(ex["id"]))
        src_name = plan.sources.get(ex["source"]) if ex["source"] else None
        files[fname] = md_export.excerpt_file(ex, src_name)
        if ex["source"]:
            quote = " ".join((ex["quote"] or key).split())
            label = quote if len(quote) <= 60 else quote[:59].rstrip() + "…"
            excerpts_by_source.setdefault(ex["source"], []).append((label, fname))
    for key, fname in plan.sources.items():
        src = sources.get(key)
        data = src.to_json()
        data["creator_names"] = [c.display for c in src.creators]
        files[fname] = md_export.source_file(data, excerpts_by_source.get(key, []))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        md_export.remove_stale(folder, set(files))
        for fname, text in files.items():
            if progress is not None:
                progress.step(label=fname)
            (folder / fname).write_text(text, encoding="utf-8")
        written = _write_references(folder, list(plan.sources), references)
        md_export.write_manifest(folder, [*files, *written])
    except OSError as exc:
        raise UserError(f"Writing the Markdown export to {folder} failed: "
                        f"{exc.strerror}.") from exc
    if progress is not None:
        progress.step()
    return {"folder": str(folder), "notes": len(plan.notes),
            "sources": len(plan.sources), "excerpts": len(plan.excerpts),
            "private_left_out": len(rows) - len(shared), "references": written}

def _plan_target(conn: Connection, plan: md_export.ExportPlan, kind: str, key: str,
                 name: Any, sources: Sources) -> None:
    """Give a file to the source or excerpt a shared note points at (if it is live)."""
    if kind == "excerpt":
        ex = store_notes.excerpt_record(conn, key)
        if ex is None or ex["deleted"] or key in plan.excerpts:
            return
        plan.excerpts[key] = name(f"excerpt-{key}.md")
        if ex["source"] and not ex["source_deleted"]:
            _plan_target(conn, plan, "source", ex["source"], name, sources)
        return
    if kind == "page":
        src = store_notes.document_source(conn, key)
        if src is not None:
            plan.page_sources[key] = src
            _plan_target(conn, plan, "source", src, name, sources)
        return
    if kind == "citation":
        found = sources.find(key, citekey_only=True)
        if found is not None:
            _plan_target(conn, plan, "source", found, name, sources)
        return
    if kind == "source" and key not in plan.sources and \
            store_notes.target_exists(conn, "source", key):
        citekey = store_notes.source_citekey(conn, key)
        base = md_export.citekey_name(citekey) if citekey else key
        plan.sources[key] = name(f"source-{base}.md")

def _write_references(folder: Path, source_keys: list[str],
                      references: References) -> list[str]:
    """references.bib and references.json for the exported sources, made by the
    citations area (the same writers as `researchnb export bibtex|csl-json`)."""
    written = []
    for fmt, fname in (("bibtex", "references.bib"), ("csl-json", "references.json")):
        if not source_keys:     # an empty list must not mean "every source"
            text = "[]\n" if fmt == "csl-json" else ""
        else:
            text = references(fmt, source_keys)
        (folder / fname).write_text(text, encoding="utf-8")
        written.append(fname)
    return written
