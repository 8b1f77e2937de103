"""pages set-text|label: correct a page's text or give pages their folio labels."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..domain import TEXT_ORIGINS, InvalidInput
from ..foliation import Numbering
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
    how = q.add_mutually_exclusive_group()
    how.add_argument("--folios", type=count(1, MAX_PAGE, "a leaf number"), metavar="FIRST",
                     help="number the pages as leaves from FIRST: FIRST, FIRST ob., FIRST+1 …")
    how.add_argument("--pages", type=count(1, MAX_PAGE, "a page number"), metavar="FIRST",
                     help="number the pages as pages from FIRST: p. FIRST, p. FIRST+1 …")
    how.add_argument("--pdf-labels", action="store_true",
                     help="label the pages as the PDF itself numbers them (i, ii, 1 …)")
    q.add_argument("--no-verso", action="store_true",
                   help="with --folios: one page per leaf (12, 13, 14 …)")
    q.add_argument("--from-page", type=page_number, default=1, metavar="N",
                   help="with --folios/--pages/--pdf-labels: the first page to label "
                        "(default 1)")
    q.add_argument("--to-page", type=page_number, default=None, metavar="N",
                   help="… and the last (default: the last page)")
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
    numbering = _numbering(args)
    if numbering is not None:
        if args.page is not None:
            raise InvalidInput("Give either one page and its label or a numbering "
                               "(--folios, --pages, --pdf-labels), not both.")
        numbered = nb.pages.number(args.document, numbering)
        labels = nb.pages.labels(args.document)
        last = numbering.last_page or max(labels, default=0)
        return _labelled(numbered, args.document,
                         {n: labels[n] for n in range(numbering.first_page, last + 1)
                          if n in labels})
    if args.page is not None and args.label is not None:
        return _labelled(nb.pages.set_labels(args.document, {args.page: args.label}),
                         args.document, {args.page: args.label})
    raise InvalidInput("Say which labels: a page and its label (pages label KEY 3 '12 ob.'), "
                       "--folios FIRST, --pages FIRST or --pdf-labels.")


def _numbering(args: argparse.Namespace) -> Numbering | None:
    common = {"first_page": args.from_page, "last_page": args.to_page}
    if args.folios is not None:
        return Numbering("folios", args.folios, versos=not args.no_verso, **common)
    if args.pages is not None:
        return Numbering("pages", args.pages, **common)
    if args.pdf_labels:
        return Numbering("pdf", **common)
    return None


def _labelled(saved: Any, document: str, labels: dict[int, str]) -> Output:
    changed = saved.value
    shown = {str(n): " ".join(label.split()) for n, label in labels.items()}
    text = "\n".join(f"page {n}: {label}" for n, label in shown.items())
    if changed:
        text += f"\nLocators updated: {', '.join(changed)}"
    return wrote(saved, {"document": document.upper(), "labels": shown,
                         "locators_changed": changed}, text)
