"""tags list|add|remove|rename."""

from __future__ import annotations

import argparse
from typing import Any

from .common import Context, Output, command, wrote


def register(sub: Any) -> None:
    p = command(sub, "tags", "hierarchical tags (theme/press) on sources, documents, excerpts "
                             "and notes")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = command(tsub, "list", "every tag with how many records carry it")
    q.set_defaults(func=run_list)
    q = command(tsub, "add", "tag a record", key=True, func=run_add)
    q.add_argument("tags", nargs="+", metavar="TAG")
    q = command(tsub, "remove", "take tags off a record", key=True, func=run_remove)
    q.add_argument("tags", nargs="+", metavar="TAG")
    q = command(tsub, "rename", "rename a tag everywhere (tags below it follow)")
    q.add_argument("old")
    q.add_argument("new")
    q.set_defaults(func=run_rename)


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    tags = ctx.notebook().tags.all()
    return Output([{"name": t.name, "count": t.count} for t in tags],
                  "\n".join(f"{t.count:>6}  {t.name}" for t in tags) or "No tags yet.")


def run_add(args: argparse.Namespace, ctx: Context) -> Output:
    return _tagging(args, ctx, "added")


def run_remove(args: argparse.Namespace, ctx: Context) -> Output:
    return _tagging(args, ctx, "removed")


def _tagging(args: argparse.Namespace, ctx: Context, what: str) -> Output:
    """`tags add` (what="added") and `tags remove` (what="removed") of one record."""
    nb = ctx.notebook()
    area = nb.tags.add if what == "added" else nb.tags.remove
    changes = area(args.key, args.tags)
    key, now = args.key.upper(), nb.tags.of(args.key)
    text = (f"Tagged {key}: {', '.join(now)}" if what == "added" else
            f"Removed from {key}: {', '.join(changes.value) or 'nothing'}")
    return wrote(changes, {"key": key, what: changes.value, "tags": now}, text)


def run_rename(args: argparse.Namespace, ctx: Context) -> Output:
    changes = ctx.notebook().tags.rename(args.old, args.new)
    n = changes.value
    return wrote(changes, {"renamed": n, "old": args.old, "new": args.new},
                 f"Renamed {n} tag(s): {args.old} → {args.new}")
