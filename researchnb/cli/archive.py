"""restore (a notebook from an archive) and backups list|restore.

`export archive` itself is one of the formats of `researchnb export`; its writer is
`Notebook.export_archive`, called through `run_export_archive` below.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..domain import UserError
from ..notebook import Notebook
from ..notebook.backups import backups_in
from .common import Context, Output, command

_COUNTED = ("sources", "documents", "pages", "excerpts", "notes", "tags")


def register(sub: Any) -> None:
    p = command(sub, "restore", "rebuild a notebook in a new folder from an `export archive` "
                                "zip file (a damaged archive is refused, nothing is made)")
    p.add_argument("archive", metavar="ARCHIVE")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=run_restore)

    p = command(sub, "backups", "list the automatic and manual backups, or restore one")
    bsub = p.add_subparsers(dest="backups_command", metavar="ACTION", required=True)
    q = command(bsub, "list", "the backups of this notebook, newest first")
    q.set_defaults(func=run_backups_list)
    q = command(bsub, "restore", "put the notebook back as it was in a backup (the current "
                                 "state is kept as a backup first)")
    q.add_argument("name", metavar="NAME", help="a backup name from `backups list`")
    q.set_defaults(func=run_backups_restore)


def run_export_archive(args: argparse.Namespace, ctx: Context) -> Output:
    """`researchnb export archive -o FILE.zip`: the whole notebook, lossless."""
    target = getattr(args, "output", None)
    if any(getattr(args, name, None) for name in ("sources", "tag", "cited_in")):
        raise UserError("An archive always holds the whole notebook; --sources, --tag and "
                        "--cited-in choose what the reference formats export.")
    if not target:
        raise UserError("An archive is a zip file; name it with -o FILE.zip.")
    result = ctx.notebook().archive.export(Path(target), progress=ctx.progress(
        "Writing the archive"))
    rows = result["tables"]
    counts = ", ".join(f"{rows[k]} {k}" for k in _COUNTED if k in rows)
    text = (f"Wrote the whole notebook to {result['archive']}: {counts} (trash included), "
            f"{result['files']} original files.")
    if result["missing_files"]:
        text += (f"\n{len(result['missing_files'])} original files were missing from the "
                 "notebook and are not in the archive; run `researchnb check`.")
    return Output(result, text, exit_code=3 if result["missing_files"] else 0)


def run_restore(args: argparse.Namespace, ctx: Context) -> Output:
    result = Notebook.restore_archive(args.archive, args.path,
                                      progress=ctx.progress("Restoring the notebook"))
    counts = ", ".join(f"{result[k]} {k}" for k in _COUNTED if k in result)
    text = f"Restored the notebook to {result['notebook']}: {counts}."
    code = 0
    if not result["check"]["ok"]:
        code = 3
        text += "\nBut `check` finds problems:\n" + "\n".join(
            f"  - {p}" for p in result["check"]["problems"])
    else:
        text += " `check` passes."
    return Output(result, text, exit_code=code)


def run_backups_list(args: argparse.Namespace, ctx: Context) -> Output:
    path, _ = ctx.notebook_path()
    backups = [b.to_json() for b in backups_in(path)]
    if not backups:
        return Output(backups, "No backups yet. One is taken each day the notebook is opened, "
                               "and `researchnb backup` takes one now.")
    lines = [f"{b['created'].replace('T', ' ')[:19]} UTC  {b['reason']:<20} "
             f"{b['size'] / 1e6:7.1f} MB  {b['name']}" for b in backups]
    return Output(backups, "\n".join(lines))


def run_backups_restore(args: argparse.Namespace, ctx: Context) -> Output:
    path, _ = ctx.notebook_path()
    result = Notebook.restore_backup_at(path, args.name)
    text = f"The notebook is back as it was in {result['restored']}. "
    if "note" in result:
        text = result["note"] + " " + text
    else:
        text += f"Its state just before was kept as {result['previous_state']}."
    return Output(result, text)
