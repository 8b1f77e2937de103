"""sources list|show|add|edit|delete."""

from __future__ import annotations

import argparse
from typing import Any

from ..citations.csl import DEFAULT_STYLE, FORMS, list_styles
from ..domain import SOURCE_KINDS, Creator, Source
from .common import Context, Output, command, trashed, wrote

# CLI option -> Source field, for every plain text field.
FIELD_OPTIONS = {
    "title": "title", "date": "date", "language": "language", "citekey": "citekey",
    "archive": "archive", "archive-abbr": "archive_abbr", "archive-place": "archive_place",
    "fond": "fond", "opis": "opis", "delo": "delo", "folio": "folio",
    "call-number": "call_number", "fond-title": "fond_title", "genre": "genre",
    "publisher": "publisher", "place": "place", "container-title": "container_title",
    "volume": "volume", "issue": "issue", "pages": "pages", "url": "url", "doi": "doi",
}
ROLE_OPTIONS = {"author": "author", "editor": "editor", "recipient": "recipient",
                "translator": "translator", "interviewer": "interviewer"}


def register(sub: Any) -> None:
    p = command(sub, "sources", "source records: archival items, books, articles, letters…")
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = command(ssub, "list", "list the sources")
    q.set_defaults(func=run_list)

    q = command(ssub, "show", "one source with every field, its creators and documents",
                key=True, func=run_show)

    q = command(ssub, "add", "add a source")
    q.add_argument("--kind", required=True, choices=SOURCE_KINDS)
    _field_options(q, title_required=True)
    q.set_defaults(func=run_add)

    q = command(ssub, "edit", "change fields of a source (creators given replace the old ones)",
                key=True, func=run_edit)
    q.add_argument("--kind", choices=SOURCE_KINDS)
    _field_options(q, title_required=False)

    q = command(ssub, "cite", "a formatted citation to paste (a source, or an excerpt with "
                              "its locator)")
    q.add_argument("key", help="source key, citekey or excerpt key")
    q.add_argument("--locator", help='folio or page, e.g. "l. 12 ob." or "ll. 5-7"')
    q.add_argument("--style", default="chicago-note", metavar="STYLE-ID",
                   help=f"any CSL style id ({DEFAULT_STYLE}, apa, gost-r-7-0-5-2008, …) "
                        "or a built-in form: chicago-note (the default, as `excerpts show` "
                        "cites), chicago-bib, russian, gost; `sources styles` lists them")
    q.add_argument("--form", default="note", choices=FORMS,
                   help="a first note (default), a short later note, or a bibliography entry")
    q.set_defaults(func=run_cite)

    q = command(ssub, "styles", "the citation styles `cite --style` takes, with their titles")
    q.add_argument("--search", metavar="TEXT", help="only styles whose id or title has TEXT")
    q.set_defaults(func=run_styles)

    q = command(ssub, "delete", "move a source to the trash", key=True, func=run_delete)


def _field_options(p: argparse.ArgumentParser, *, title_required: bool) -> None:
    for opt, dest in FIELD_OPTIONS.items():
        p.add_argument(f"--{opt}", dest=dest, metavar=dest.upper(),
                       required=title_required and opt == "title")
    for opt, role in ROLE_OPTIONS.items():
        p.add_argument(f"--{opt}", dest=f"role_{role}", action="append", metavar="NAME",
                       help=f'{role}: "Family, Given", or an organisation\'s full name '
                            '(repeat for several, in order)' if opt == "author" else None)


def _creators(args: argparse.Namespace) -> list[Creator] | None:
    creators: list[Creator] = []
    given = False
    for role in ROLE_OPTIONS.values():
        for name in getattr(args, f"role_{role}") or []:
            given = True
            creators.append(Creator.parse(name, role))
    return creators if given else None


def _changes(args: argparse.Namespace) -> dict[str, str]:
    out = {dest: getattr(args, dest) for dest in FIELD_OPTIONS.values()
           if getattr(args, dest) is not None}
    if getattr(args, "kind", None):
        out["kind"] = args.kind
    return out


def summary(src: Source) -> dict[str, Any]:
    return {"key": src.key, "citekey": src.citekey, "kind": src.kind, "title": src.title,
            "date": src.date, "archive_abbr": src.archive_abbr, "fond": src.fond,
            "opis": src.opis, "delo": src.delo,
            "creators": [c.display for c in src.creators]}


def _line(src: Source) -> str:
    where = ", ".join(x for x in (src.archive_abbr, src.fond and f"f. {src.fond}",
                                  src.opis and f"op. {src.opis}",
                                  src.delo and f"d. {src.delo}") if x)
    who = "; ".join(c.display for c in src.creators)
    parts = [p for p in (who, src.title, src.date, where) if p]
    return f"{src.key}  {src.kind:<10} " + " — ".join(parts)


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    items = ctx.notebook().sources.all()
    return Output([summary(s) for s in items],
                  "\n".join(_line(s) for s in items) or "No sources yet.")


def run_show(args: argparse.Namespace, ctx: Context) -> Output:
    data = ctx.notebook().sources.details(args.key)
    lines = [f"{k}: {v}" for k, v in data.items()
             if v not in ("", None, [], {}) and k not in ("creators", "documents")]
    for c in data["creators"]:
        name = c["literal"] or (f"{c['family']}, {c['given']}" if c["given"] else c["family"])
        lines.append(f"{c['role']}: {name}")
    for d in data["documents"]:
        lines.append(f"document: {d['key']} {d['filename']} ({d['pages']} pages)")
    return Output(data, "\n".join(lines))


def run_add(args: argparse.Namespace, ctx: Context) -> Output:
    changes = _changes(args)
    fields: dict[str, Any] = {k: v for k, v in changes.items() if k != "kind"}
    src = Source(kind=args.kind, **fields)
    src.creators = _creators(args) or []
    added = ctx.notebook().sources.add(src)
    saved = added.value
    return wrote(added, {"key": saved.key, "citekey": saved.citekey}, saved.key)


def run_edit(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().sources.edit(args.key, _changes(args), _creators(args))
    saved = changes.value
    return wrote(changes, summary(saved), f"Saved {saved.key}: {saved.title}")


def run_delete(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().sources.delete(args.key)
    src = changes.value
    return trashed(changes, src.key, f"Moved to the trash: {src.key} {src.title}")


def run_cite(args: argparse.Namespace, ctx: Context) -> Output:
    made = ctx.notebook().citations.cite_formatted(args.key, args.locator, args.style,
                                                   args.form)
    return Output({"key": args.key, "style": args.style, "form": args.form,
                   "text": made.text, "html": made.html}, made.text)


def run_styles(args: argparse.Namespace, ctx: Context) -> Output:
    wanted = (args.search or "").casefold()
    found = [s for s in list_styles()
             if not wanted or wanted in s.id.casefold() or wanted in s.title.casefold()]
    return Output([{"id": s.id, "title": s.title, "kind": s.kind} for s in found],
                  "\n".join(f"{s.id}  {s.title}" for s in found) or "No style matches.")
