"""documents list|show: imported documents and their page text."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import Document, Page
from .common import Context, Output, command, page_number


def register(sub: Any) -> None:
    p = command(sub, "documents", "imported documents and the text of their pages")
    dsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = command(dsub, "list", "every document, oldest import first")
    q.add_argument("--source", metavar="KEY", help="only the documents of this source")
    q.set_defaults(func=run_list)
    q = command(dsub, "show", "a document with the text of its pages", key=True, func=run_show)
    q.add_argument("--page", type=page_number, metavar="N", help="only page N (1 is the first)")


def _summary(d: Document) -> dict[str, Any]:
    return {"key": d.key, "source": d.source_key, "filename": d.filename,
            "media_type": d.media_type, "pages": d.page_count, "status": d.status,
            "imported_at": d.imported_at}


def _page(p: Page) -> dict[str, Any]:
    return {"number": p.number, "label": p.label, "text": p.text, "origin": p.text_origin,
            "confidence": p.ocr_confidence, "width": p.width, "height": p.height}


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    docs = ctx.notebook().documents.all(args.source)
    text = "\n".join(f"{d.key}  {d.page_count:>5} p.  {d.status:<12} {d.filename}"
                     + (f"  (source {d.source_key})" if d.source_key else "") for d in docs)
    return Output([_summary(d) for d in docs], text or "No documents yet.")


def run_show(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    if args.page is not None:
        doc = nb.documents.get(args.key, with_pages=False)
        pages = [nb.pages.get(args.key, args.page)]
    else:
        doc = nb.documents.get(args.key)
        pages = doc.pages
    data = {**_summary(doc), "pages": [_page(p) for p in pages]}
    lines = [f"{doc.key}  {doc.filename}  ({doc.page_count} pages, source {doc.source_key})"]
    for p in pages:
        origin = p.text_origin + (f", confidence {p.ocr_confidence:.0f}"
                                  if p.ocr_confidence is not None else "")
        lines.append(f"--- page {p.number} (label {p.label}, {origin}) ---")
        lines.append(p.text.rstrip("\n") if p.text.strip() else "[no text yet]")
    return Output(data, "\n".join(lines))
