"""Headless commands: demo, dump, check, minutes, pack, export and import on a board file.

Imports no Qt, so it runs on a server or in CI; service modules a command alone needs are
imported inside it, so starting the CLI stays quick. Exit codes: 0 done, 1 problems found
(`check` found some, or `import` refused rows); expected failures print one plain line to
stderr and exit 2; bugs keep their traceback (exit 1) so they get reported rather than hidden.

The package: `arguments` (the parser), `board_commands` (demo, dump, check),
`exchange_commands` (export, import), `document_commands` (minutes, pack) and `common`
(exit codes, opening the board).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from improvement_desk import APP_ID
from improvement_desk.cli.arguments import build_parser
from improvement_desk.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED
from improvement_desk.domain.errors import DeskError

__all__ = ["EXIT_OK", "EXIT_PROBLEMS", "EXIT_REFUSED", "build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except DeskError as exc:
        print(f"{APP_ID}: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: not an error, but stop writing.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
