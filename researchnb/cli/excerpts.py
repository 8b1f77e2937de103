"""excerpts add|list|show|edit|delete|restore."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain import EXCERPT_KINDS, Excerpt, InvalidInput
from ..notebook.excerpts import excerpt_json
from .common import (
    MAX_OFFSET,
    Context,
    Output,
    command,
    count,
    page_number,
    trashed,
    wrote,
)


def register(sub: Any) -> None:
    p = command(sub, "excerpts", "passages and image regions of document pages, with tags, "
                                 "comment, translation and locator")
    esub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = command(esub, "add", "mark a passage (by offsets or by quoting it) or an image region")
    q.add_argument("--document", required=True, metavar="KEY")
    q.add_argument("--page", required=True, type=page_number, metavar="N",
                   help="page number (from 1)")
    q.add_argument("--to-page", type=page_number, metavar="M",
                   help="last page, for a passage that runs over several pages")
    _position_options(q)
    _field_options(q)
    q.add_argument("--tag", action="append", default=[], metavar="TAG",
                   help="tag (repeat for several; theme/press for a tag below another)")
    q.set_defaults(func=run_add)

    q = command(esub, "list", "excerpts in document and page order")
    q.add_argument("--tag", metavar="TAG", help="only these (theme includes theme/press)")
    q.add_argument("--document", metavar="KEY", help="only this document's")
    q.add_argument("--page", type=page_number, metavar="N", help="only those on this page (with "
                                                         "--document)")
    q.add_argument("--detached", action="store_true",
                   help="only those whose words are no longer on their page")
    q.add_argument("--trash", action="store_true", help="the deleted ones instead")
    q.set_defaults(func=run_list)

    q = command(esub, "show", "one excerpt with its pages and its citation",
                key=True, func=run_show)
    q.add_argument("--style", metavar="STYLE",
                   help="citation style (chicago-note, chicago-bib, russian, gost)")

    q = command(esub, "edit", "change an excerpt's fields, tags or place on the page",
                key=True, func=run_edit)
    q.add_argument("--page", type=page_number, metavar="N", help="move it to this page")
    q.add_argument("--to-page", type=page_number, metavar="M")
    _position_options(q)
    _field_options(q)
    q.add_argument("--tag", action="append", default=[], metavar="TAG", help="add a tag")
    q.add_argument("--untag", action="append", default=[], metavar="TAG",
                   help="take a tag off")

    q = command(esub, "delete", "move an excerpt to the trash", key=True, func=run_delete)

    q = command(esub, "restore", "bring an excerpt back from the trash", key=True, func=run_restore)


def _position_options(q: argparse.ArgumentParser) -> None:
    offset = count(0, MAX_OFFSET, "a character offset")
    q.add_argument("--start", type=offset, metavar="I", help="offset of the first character")
    q.add_argument("--end", type=offset, metavar="J", help="offset after the last character")
    q.add_argument("--quote", metavar="TEXT",
                   help="the words to find on the page ('-' reads them from standard input); "
                        "for a region, its transcription")
    q.add_argument("--region", metavar="X,Y,W,H",
                   help="a rectangle of the page image, as fractions of the page (0 to 1)")
    q.add_argument("--pixels", action="store_true",
                   help="the region is in the page's own units (image pixels, PDF points)")


def _field_options(q: argparse.ArgumentParser) -> None:
    q.add_argument("--kind", choices=EXCERPT_KINDS)
    q.add_argument("--comment", metavar="TEXT")
    q.add_argument("--translation", metavar="TEXT")
    q.add_argument("--language", metavar="LANG", help="language of the quote (ru, en…)")
    q.add_argument("--locator", metavar="L",
                   help="where it is in the source (default: from the page labels, l. 12 ob.)")


def _region(text: str | None) -> tuple[float, ...] | None:
    if text is None:
        return None
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        raise InvalidInput(f"'{text}' is not a region: give x,y,width,height, for example "
                           "0.1,0.2,0.5,0.3.")
    return values


def _quote(text: str | None) -> str | None:
    if text == "-":
        return sys.stdin.read()
    return text


def _line(ex: Excerpt) -> str:
    quote = " ".join(ex.quote.split()) or "(region of the page image)"
    if len(quote) > 70:
        quote = quote[:69] + "…"
    flag = " [DETACHED: its words are no longer on the page]" if ex.anchor != "ok" else ""
    tags = f"  #{' #'.join(ex.tags)}" if ex.tags else ""
    return f"{ex.key}  {ex.document_key} {ex.locator or ex.page_start:<10} {quote}{tags}{flag}"


def run_add(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().excerpts.add(
        args.document, args.page, page_end=args.to_page, start=args.start, end=args.end,
        quote=_quote(args.quote), region=_region(args.region),
        region_units="page" if args.pixels else "fraction", kind=args.kind or "quotation",
        comment=args.comment or "", translation=args.translation or "",
        language=args.language or "", locator=args.locator, tags=args.tag)
    return wrote(changes, excerpt_json(changes.value), _line(changes.value))


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    found = ctx.notebook().excerpts.all(tag=args.tag, document=args.document,
                                         page=args.page, detached=True if args.detached
                                         else None, trash=args.trash)
    return Output([excerpt_json(e) for e in found],
                  "\n".join(_line(e) for e in found) or "No excerpts.")


def run_show(args: argparse.Namespace, ctx: Context) -> Output:
    data = ctx.notebook().excerpts.details(args.key, style=args.style)
    pages = data["pages"]
    lines = [f"key: {data['key']}",
             f"document: {data['document']} {data['filename']}, page "
             + (pages[0]["label"] if len(pages) == 1 else
                f"{pages[0]['label']}–{pages[-1]['label']}")]
    if data["anchor"] != "ok":
        lines.append("anchor: DETACHED (the quoted words are no longer on the page; the "
                     "excerpt is kept)")
    if data["deleted"]:
        lines.append("in the trash")
    if data["char_start"] is not None:
        lines.append(f"characters: {data['char_start']}–{data['char_end']}")
    if data["region"]:
        x, y, w, h = data["region"]
        lines.append(f"region: x={x:.4f} y={y:.4f} w={w:.4f} h={h:.4f} (fractions of the page)")
    for name in ("kind", "locator", "quote", "translation", "language", "comment"):
        if data[name]:
            lines.append(f"{name}: {data[name]}")
    if data["tags"]:
        lines.append(f"tags: {', '.join(data['tags'])}")
    if data["source"]:
        lines.append(f"source: {data['source']}")
    if data["citation"]:
        lines.append(f"citation: {data['citation']}")
    return Output(data, "\n".join(lines))


def run_edit(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    changes: dict[str, Any] = {name: getattr(args, name) for name in (
        "kind", "comment", "translation", "language", "locator", "start", "end", "page")
        if getattr(args, name) is not None}
    if args.to_page is not None:
        changes["page_end"] = args.to_page
    if args.quote is not None:
        changes["quote"] = _quote(args.quote)
    if args.region is not None:
        changes["region"] = _region(args.region)
        changes["region_units"] = "page" if args.pixels else "fraction"
    if args.tag or args.untag:
        current = nb.excerpts.get(args.key).tags
        drop = {t.lower() for t in args.untag}
        changes["tags"] = [t for t in current if t.lower() not in drop] + args.tag
    if not changes:
        raise InvalidInput("Nothing to change: give a field such as --comment or --tag.")
    saved = nb.excerpts.edit(args.key, changes)
    return wrote(saved, excerpt_json(saved.value), f"Saved {_line(saved.value)}")


def run_delete(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().excerpts.delete(args.key)
    key = changes.value.key
    return trashed(changes, key, f"Moved to the trash: {key} (restore with `researchnb "
                                 f"excerpts restore {key}`)")


def run_restore(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().excerpts.restore(args.key)
    return wrote(changes, excerpt_json(changes.value), f"Restored {_line(changes.value)}")
