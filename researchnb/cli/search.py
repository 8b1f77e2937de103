"""search QUERY, reindex."""

from __future__ import annotations

import argparse
import html
import re
import sys
from typing import Any

from ..locators import shown_locator
from .common import MAX_HITS, Context, Output, command, count

_MARK = re.compile(r"</?mark>")


def register(sub: Any) -> None:
    p = command(sub, "search", "ranked full-text search of pages, excerpts, notes and sources "
                               "(Russian and English word forms, tag:, date:[1921 TO 1923], "
                               "word~ for OCR errors)")
    p.add_argument("query", nargs="+", metavar="QUERY",
                   help="words, \"phrases\", AND/OR/NOT, prefix*, fuzzy~, and the fields "
                        "tag: kind: source: archive: fond: lang: date:")
    p.add_argument("--limit", type=count(1, MAX_HITS, "a number of hits"), default=20,
                   metavar="N", help=f"hits to show (20; at most {MAX_HITS:,})")
    p.add_argument("--kind", metavar="K", help="only page, excerpt, note or source")
    p.set_defaults(func=run_search)

    p = command(sub, "reindex", "rebuild the search index from the stored text")
    p.set_defaults(func=run_reindex)


def _plain(snippet: str) -> str:
    """A snippet for a terminal: marks as [brackets], entities decoded."""
    return html.unescape(_MARK.sub(lambda m: "]" if m.group().startswith("</") else "[",
                                   snippet))


def run_search(args: argparse.Namespace, ctx: Context) -> Output:
    query = " ".join(args.query)
    result = ctx.notebook(read_only=False).search.query(query, limit=args.limit,
                                                        kind=args.kind)
    if result.get("note"):      # the query was shortened (search/query.py's caps)
        print(f"researchnb: {result['note']}", file=sys.stderr)
    lines = []
    for h in result["hits"]:
        where = []
        if h.get("page"):
            page = h["page"]
            label = "" if page["label"] == str(page["number"]) else page["label"]
            where.append(shown_locator(None, label, page["number"]))
        if h.get("private"):
            where.append("private")
        head = f"{h['kind']:<8} {h['key']}  {h['title'] or ''}"
        if where:
            head += f"  ({', '.join(where)})"
        lines.append(head)
        if h["snippet"]:
            lines.append(f"         {_plain(h['snippet'])}")
    shown = len(result["hits"])
    lines.append(f"{result['total']} found" + (f", {shown} shown" if shown < result["total"]
                                                else "") + f" in {result['took_ms']} ms.")
    return Output(result, "\n".join(lines))


def run_reindex(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    result = nb.search.reindex(progress=ctx.progress("Rebuilding the search index"))
    return Output(result, f"Indexed {result['indexed']} records in {result['took_s']} s.")
