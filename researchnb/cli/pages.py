"""pages set-text|label: correct a page's text or give pages their folio labels."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain import TEXT_ORIGINS, InvalidInput
from ..locators import folio_labels
from .common import (
    MAX_PAGE,
    Context,
    Output,
    command,
    count,
    page_number,
    read_utf8,
    wrote,
)


def register(sub: Any) -> None:
    p = command(sub, "pages", "correct the text of a page or label pages with their folios; "
                              "excerpts follow")
    psub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    q = command(psub, "set-text", "replace a page's text (a transcription or an OCR "
                                  "correction); its excerpts are found again by their words")
    q.add_argument("document", metavar="KEY")
    q.add_argument("page", type=page_number, metavar="N")
    src = q.add_mutually_exclusive_group()
    src.add_argument("--text", metavar="TEXT", help="the new text")
    src.add_argument("--file", metavar="FILE", help="read the new text from a UTF-8 file "
                                                    "(without either: standard input)")
    q.add_argument("--origin", choices=TEXT_ORIGINS, default="transcribed",
                   help="where the text comes from (default: transcribed)")
    q.set_defaults(func=run_set_text)

    q = command(psub, "label", "set page labels (folios); derived excerpt locators follow")
    q.add_argument("document", metavar="KEY")
    q.add_argument("page", type=page_number, nargs="?", metavar="N", help="one page to label …")
    q.add_argument("label", nargs="?", metavar="LABEL", help="… with this label (12 ob.)")
    q.add_argument("--folios", type=count(1, MAX_PAGE, "a leaf number"), metavar="FIRST",
                   help="number every page as leaves from FIRST: FIRST, FIRST ob., FIRST+1 …")
    q.add_argument("--no-verso", action="store_true",
                   help="with --folios: one page per leaf (12, 13, 14 …)")
    q.add_argument("--from-page", type=page_number, default=1, metavar="N",
                   help="with --folios: the first page to label (default 1)")
    q.set_defaults(func=run_label)


def _new_text(args: argparse.Namespace) -> str:
    if args.text is not None:
        return str(args.text)
    if args.file is not None:
        return read_utf8(args.file)
    return sys.stdin.read()


def run_set_text(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    saved = nb.pages.set_text(args.document, args.page, _new_text(args), origin=args.origin)
    changed = saved.value
    detached = [k for k in changed if nb.excerpts.get(k, include_deleted=True).anchor != "ok"]
    moved = [k for k in changed if k not in detached]
    lines = [f"Saved page {args.page} of {args.document.upper()} ({args.origin})."]
    if moved:
        lines.append(f"Found again at their new place: {', '.join(moved)}")
    if detached:
        lines.append(f"DETACHED (their words are no longer on the page): {', '.join(detached)}")
    return wrote(saved, {"document": args.document.upper(), "page": args.page,
                         "origin": args.origin, "moved": moved, "detached": detached},
                 "\n".join(lines))


def run_label(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    if args.folios is not None:
        if args.page is not None:
            raise InvalidInput("Give either one page and its label or --folios, not both.")
        count = nb.documents.get(args.document, with_pages=False).page_count
        first = args.from_page
        if not 1 <= first <= count:
            raise InvalidInput(f"Document {args.document.upper()} has no page {first} "
                               f"(it has {count} pages).")
        names = folio_labels(args.folios, count - first + 1, verso=not args.no_verso)
        labels = {first + i: name for i, name in enumerate(names)}
    elif args.page is not None and args.label is not None:
        labels = {args.page: args.label}
    else:
        raise InvalidInput("Say which labels: a page and its label (pages label KEY 3 "
                           "'12 ob.') or --folios FIRST.")
    saved = nb.pages.set_labels(args.document, labels)
    changed = saved.value
    shown = {str(n): " ".join(label.split()) for n, label in labels.items()}
    text = "\n".join(f"page {n}: {label}" for n, label in shown.items())
    if changed:
        text += f"\nLocators updated: {', '.join(changed)}"
    return wrote(saved, {"document": args.document.upper(), "labels": shown,
                         "locators_changed": changed}, text)
