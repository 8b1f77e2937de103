"""notes add|edit|show|list|backlinks|history|restore|delete."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain import Changes, Note, UserError
from ..notebook import Notebook
from .common import (
    MAX_REVISION,
    Context,
    Output,
    command,
    count,
    read_utf8,
    trashed,
    wrote,
)


def register(sub: Any) -> None:
    p = command(sub, "notes", "linked Markdown notes: links to notes, sources and excerpts, "
                              "backlinks, revisions, private notes")
    nsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = command(nsub, "add", "write a new note (body from --body, --body-file or stdin)")
    q.add_argument("--title", required=True)
    _body_options(q)
    q.add_argument("--private", action="store_true", default=False,
                   help="never include this note in a sharing export")
    q.add_argument("--tag", action="append", default=[], metavar="TAG")
    q.set_defaults(func=run_add)

    q = command(nsub, "edit", "change a note's title, body or private flag (keeps a revision)",
                key=True, func=run_edit)
    q.add_argument("--title")
    _body_options(q)
    flag = q.add_mutually_exclusive_group()
    flag.add_argument("--private", dest="private", action="store_true", default=None)
    flag.add_argument("--public", dest="private", action="store_false",
                      help="let sharing exports include the note again")

    q = command(nsub, "show", "a note with its links, backlinks and unresolved links",
                key=True, func=run_show)
    q.add_argument("--html", action="store_true", help="print the body as HTML instead")

    q = command(nsub, "list", "the notes, by title")
    q.add_argument("--tag", help="only notes with this tag (or a tag below it)")
    q.add_argument("--trash", action="store_true", help="the notes in the trash")
    q.set_defaults(func=run_list)

    q = command(nsub, "backlinks", "the notes that link to a note, source, excerpt or "
                                   "document, with the line that links",
                key=True, func=run_backlinks)

    q = command(nsub, "history", "the saved revisions of a note", key=True, func=run_history)

    q = command(nsub, "restore", "make revision REV current again; without REV, take the "
                                 "note out of the trash", key=True, func=run_restore)
    q.add_argument("revision", nargs="?", type=count(1, MAX_REVISION, "a revision number"),
                   metavar="REV")

    q = command(nsub, "delete", "move a note to the trash", key=True, func=run_delete)


def _body_options(p: argparse.ArgumentParser) -> None:
    body = p.add_mutually_exclusive_group()
    body.add_argument("--body", help="the Markdown text")
    body.add_argument("--body-file", metavar="FILE", help="read the Markdown from FILE "
                                                         "(- for stdin)")


def _body(args: argparse.Namespace, *, stdin_default: bool) -> str | None:
    if args.body is not None:
        return str(args.body)
    if args.body_file == "-" or (args.body_file is None and stdin_default
                                 and not sys.stdin.isatty()):
        return sys.stdin.read()
    if args.body_file is not None:
        return read_utf8(args.body_file)
    return None


def summary(note: Note) -> dict[str, Any]:
    return {"key": note.key, "title": note.title, "private": note.private, "tags": note.tags,
            "created": note.created, "modified": note.modified}


def _line(note: Note) -> str:
    flags = " (private)" if note.private else ""
    tags = f"  [{', '.join(note.tags)}]" if note.tags else ""
    return f"{note.key}  {note.title}{flags}{tags}"


def run_add(args: argparse.Namespace, ctx: Context) -> Output:
    body = _body(args, stdin_default=True) or ""
    nb = ctx.notebook()
    changes = nb.notes.add(args.title, body, private=args.private, tags=args.tag)
    return _saved(nb, changes, changes.value.key)


def run_edit(args: argparse.Namespace, ctx: Context) -> Output:
    body = _body(args, stdin_default=False)
    if args.title is None and body is None and args.private is None:
        raise UserError("Nothing to change: give --title, --body, --body-file, --private "
                        "or --public.")
    nb = ctx.notebook()
    changes = nb.notes.edit(args.key, title=args.title, body=body, private=args.private)
    note = changes.value
    return _saved(nb, changes, f"Saved {note.key}: {note.title}")


def _saved(nb: Notebook, changes: Changes[Note], text: str) -> Output:
    """`notes add|edit`: the note, its links that lead nowhere, and what the save changed."""
    note = changes.value
    unresolved = nb.notes.details(note.key)["unresolved"]
    return wrote(changes, {**summary(note), "unresolved": unresolved},
                 text + _unresolved_text(unresolved))


def _unresolved_text(unresolved: list[dict[str, Any]]) -> str:
    if not unresolved:
        return ""
    lines = [f"\nline {u['line']}: {u['to_key']} ({u['reason']})" for u in unresolved]
    return "\nUnresolved links:" + "".join(lines)


def run_show(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    data = nb.notes.details(args.key)
    if args.html:
        html = nb.notes.render(args.key)
        return Output({"key": data["key"], "html": html}, html)
    flags = (", private" if data["private"] else "") + (
        ", in the trash" if data["deleted"] else "")
    lines = [f"{data['title']}  ({data['key']}{flags})"]
    if data["tags"]:
        lines.append("tags: " + ", ".join(data["tags"]))
    lines += ["", data["body"].rstrip(), ""]
    for link in data["links"]:
        target = link["title"] or link["to_key"]
        lines.append(f"→ {link['to_kind']} {link['to_key']}: {target}"
                     + ("" if link["exists"] else "  (missing)"))
    for b in data["backlinks"]:
        lines.append(f"← {b['note_key']} {b['title']}, line {b['line']}: {b['context']}")
    text = "\n".join(lines) + _unresolved_text(data["unresolved"])
    return Output(data, text.rstrip())


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    notes = ctx.notebook().notes.all(tag=args.tag, trash=args.trash)
    empty = "The trash holds no notes." if args.trash else "No notes yet."
    return Output([summary(n) for n in notes], "\n".join(_line(n) for n in notes) or empty)


def run_backlinks(args: argparse.Namespace, ctx: Context) -> Output:
    links = ctx.notebook().notes.backlinks(args.key)
    text = "\n".join(f"{b['note_key']}  {b['title']}, line {b['line']}: {b['context']}"
                     for b in links)
    return Output(links, text or f"No note links to {args.key.upper()}.")


def run_history(args: argparse.Namespace, ctx: Context) -> Output:
    revs = ctx.notebook().notes.history(args.key)
    text = "\n".join(f"{r['revision']:>4}  {r['saved'][:19].replace('T', ' ')}  "
                     f"{r['characters']:>7} characters  {r['title']}" for r in revs)
    return Output(revs, text)


def run_restore(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    if args.revision is None:
        changes = nb.notes.restore(args.key)
        message = "Taken out of the trash: {key} {title}"
    else:
        changes = nb.notes.restore_revision(args.key, args.revision)
        message = f"Restored revision {args.revision} of {{key}}: {{title}}"
    note = changes.value
    return wrote(changes, summary(note), message.format(key=note.key, title=note.title))


def run_delete(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().notes.delete(args.key)
    note = changes.value
    return trashed(changes, note.key, f"Moved to the trash: {note.key} {note.title} "
                                      f"(`researchnb notes restore {note.key}` brings it back)")


def run_export_markdown(args: argparse.Namespace, ctx: Context) -> Output:
    """`export markdown -o DIR`: the FORMATS table of cli/export.py points here."""
    out = getattr(args, "output", None) or getattr(args, "o", None)
    if not out:
        raise UserError("The Markdown export is a folder of files: give it with -o DIR.")
    if getattr(args, "sources", None) or getattr(args, "cited_in", None):
        raise UserError("export markdown picks notes, not sources: use --tag T to export "
                        "only the notes with that tag.")
    nb = ctx.notebook()
    result = nb.notes.export_markdown(out, tag=getattr(args, "tag", None),
                                progress=ctx.progress("Exporting notes"))
    if result["private_left_out"] and not getattr(args, "json", False):
        print(f"researchnb: {result['private_left_out']} private note(s) left out of the "
              "export.", file=sys.stderr)
    return Output(result, f"Wrote {result['notes']} note(s), {result['sources']} source(s) and "
                          f"{result['excerpts']} excerpt(s) to {result['folder']}")
