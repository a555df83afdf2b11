"""`backup` and `restore`: a consistent copy of a board file, and putting one back.

`backup` works while the board is open elsewhere (the backup API copies what
is committed, WAL included); `restore` refuses to replace an existing board
unless `--force` is given, and then backs that board up first. Both refuse a
server board: its backups are the server's (`pg_dump`). The checks and the
copying are `services/backups.py`'s; this module only reports.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from improvement_desk.cli.common import EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    from improvement_desk.services.backups import backup_board, board_file

    board = board_file(args.db)
    made = backup_board(board, Path(args.output).expanduser(), overwrite=args.force)
    print(f"Backed up {board} to {made.path} ({_size(made.size)})")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from improvement_desk.services.backups import board_file, restore_board

    target = board_file(args.db)
    outcome = restore_board(Path(args.file), target, force=args.force)
    print(f"Restored {outcome.source} to {outcome.target} (schema {outcome.schema})")
    if outcome.safety_backup is not None:
        print(f"The board it replaced was backed up first to {outcome.safety_backup}")
    return EXIT_OK


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"
