"""The `researchnb` entry point: without a command (or with `gui`) it opens the desktop app,
with any other command it runs the command line.

The choice is made here so that `researchnb.cli` never imports `researchnb.ui` (Qt is loaded
only when the app is asked for). Both share one argument parser, so `--notebook P`,
`$RESEARCHNB_NOTEBOOK`, `--json`, `--help` and `--version` mean the same either way.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .logs import install_excepthooks, setup_logging

APP_COMMANDS = (None, "gui")


def wants_app(args: argparse.Namespace) -> bool:
    """No command, or `gui`: the desktop app."""
    return getattr(args, "command", None) in APP_COMMANDS


def open_app(args: argparse.Namespace) -> int:
    """Open the notebook the arguments name (or the default one) in the desktop app."""
    # The app prints nothing on stderr unless $RESEARCHNB_LOG asks for it (developers).
    setup_logging(terminal_level=os.environ.get("RESEARCHNB_LOG", "").upper() or None)
    from .cli.common import Context
    from .ui.app import run
    from .ui.error_handling import install_error_handling

    install_error_handling()
    path, is_default = Context(args).notebook_path()
    return run(path, is_default=is_default)


def main(argv: Sequence[str] | None = None) -> int:
    from . import cli

    argv = list(sys.argv[1:] if argv is None else argv)
    cli.setup_cli_logging()
    install_excepthooks()  # even a failure to start is logged (the app adds its error box)
    args = cli.build_parser().parse_args(argv)  # --help, --version and usage errors exit here
    if wants_app(args):
        return open_app(args)
    return cli.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
