"""init, info, check, backup; and `gui`, which the launcher runs (the CLI never loads Qt)."""

from __future__ import annotations

import argparse
from typing import Any

from ..domain import UserError
from ..notebook import Notebook
from .common import Context, Output, command


def register(sub: Any) -> None:
    # Listed so that `--help` shows it and `gui --notebook P` parses; researchnb.launcher
    # opens the app before the CLI would run this.
    p = command(sub, "gui", "open the desktop app (the default when no command is given)")
    p.set_defaults(func=refuse_gui)

    p = command(sub, "init", "create an empty notebook folder")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=run_init)

    p = command(sub, "info", "counts and paths of the notebook")
    p.set_defaults(func=run_info)

    p = command(sub, "check", "verify the database, the search index and every original file")
    p.set_defaults(func=run_check)

    p = command(sub, "backup", "take a consistent snapshot of the notebook now")
    p.add_argument("--to", metavar="DIR", help="folder for the snapshot (default: backups/)")
    p.set_defaults(func=run_backup)


def refuse_gui(args: argparse.Namespace, ctx: Context) -> Output:
    raise UserError("`python -m researchnb.cli` is the command line only; open the app with "
                    "`researchnb gui` or `python -m researchnb gui`.")


def run_init(args: argparse.Namespace, ctx: Context) -> Output:
    with Notebook.create(args.path) as nb:
        return Output({"notebook": str(nb.path), "schema_version": nb.schema_version},
                      f"Created an empty notebook at {nb.path}")


def run_info(args: argparse.Namespace, ctx: Context) -> Output:
    info = ctx.notebook(read_only=False).info()
    text = "\n".join(f"{k:>15}: {v}" for k, v in info.items())
    return Output(info, text)


def run_check(args: argparse.Namespace, ctx: Context) -> Output:
    result = ctx.notebook().check()
    if result["ok"]:
        text = "The notebook is healthy: database, search index and original files all check out."
    else:
        text = "Problems found:\n" + "\n".join(f"  - {p}" for p in result["problems"])
    return Output(result, text, exit_code=0 if result["ok"] else 1)


def run_backup(args: argparse.Namespace, ctx: Context) -> Output:
    path = ctx.notebook().backups.take(args.to)
    return Output({"backup": str(path)}, f"Backup written to {path}")
