"""tags list|add|remove|rename."""

from __future__ import annotations

import argparse
from typing import Any

from .common import Context, Output, command


def register(sub: Any) -> None:
    p = command(sub, "tags", "hierarchical tags (theme/press) on sources, documents, excerpts "
                             "and notes")
    tsub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = command(tsub, "list", "every tag with how many records carry it")
    q.set_defaults(func=run_list)
    q = command(tsub, "add", "tag a record")
    q.add_argument("key")
    q.add_argument("tags", nargs="+", metavar="TAG")
    q.set_defaults(func=run_add)
    q = command(tsub, "remove", "take tags off a record")
    q.add_argument("key")
    q.add_argument("tags", nargs="+", metavar="TAG")
    q.set_defaults(func=run_remove)
    q = command(tsub, "rename", "rename a tag everywhere (tags below it follow)")
    q.add_argument("old")
    q.add_argument("new")
    q.set_defaults(func=run_rename)


def run_list(args: argparse.Namespace, ctx: Context) -> Output:
    tags = ctx.notebook().tags.all()
    return Output([{"name": t.name, "count": t.count} for t in tags],
                  "\n".join(f"{t.count:>6}  {t.name}" for t in tags) or "No tags yet.")


def run_add(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    added = nb.tags.add(args.key, args.tags).value
    return Output({"key": args.key.upper(), "added": added, "tags": nb.tags.of(args.key)},
                  f"Tagged {args.key.upper()}: {', '.join(nb.tags.of(args.key))}")


def run_remove(args: argparse.Namespace, ctx: Context) -> Output:
    nb = ctx.notebook()
    removed = nb.tags.remove(args.key, args.tags).value
    return Output({"key": args.key.upper(), "removed": removed, "tags": nb.tags.of(args.key)},
                  f"Removed from {args.key.upper()}: {', '.join(removed) or 'nothing'}")


def run_rename(args: argparse.Namespace, ctx: Context) -> Output:
    n = ctx.notebook().tags.rename(args.old, args.new).value
    return Output({"renamed": n, "old": args.old, "new": args.new},
                  f"Renamed {n} tag(s): {args.old} → {args.new}")
