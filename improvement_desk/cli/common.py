"""What every command shares: the exit codes and opening the board named by `--db`.

Kept apart from the package's `__init__` so the command modules can import it without
a circular import (`__init__` imports them).
"""

from __future__ import annotations

import argparse
import sys

from improvement_desk import APP_ID
from improvement_desk.runtime.identity import current_actor
from improvement_desk.services.desk import Desk, open_desk

EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED = 0, 1, 2


def _open(args: argparse.Namespace, *, read_only: bool) -> Desk:
    """`--exclusive` (where a command takes it) lets a command write to a board on a network
    drive; without it such a board opens read-only and the reason is printed to stderr."""
    desk = open_desk(
        args.db,
        current_actor(args.user),
        read_only=read_only,
        exclusive=bool(getattr(args, "exclusive", False)),
    )
    if desk.notice:
        print(f"{APP_ID}: {desk.notice} (Here: add --exclusive.)", file=sys.stderr)
    return desk
