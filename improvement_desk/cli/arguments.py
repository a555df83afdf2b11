"""The command line itself: every command's arguments and help text, and which handler runs it.

Kept apart from the handlers so that a command's options can be read in one place, and so
that `--help` reads the same as the code that acts on it.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from improvement_desk import APP_ID, __version__
from improvement_desk.cli.backup_commands import _backup, _restore
from improvement_desk.cli.board_commands import _check, _demo, _dump
from improvement_desk.cli.document_commands import _minutes, _pack
from improvement_desk.cli.exchange_commands import _export, _import

if TYPE_CHECKING:
    from datetime import date

KINDS = ("plan", "actions", "risks", "scorecard")  # "actions": the action log (meetings' actions)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID, description="Improvement Desk: headless commands on a board file."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="create a demo board in a new file")
    demo.add_argument("--db", required=True, help="path of the new board file")
    demo.add_argument(
        "--actions",
        type=_non_negative,
        default=0,
        help="add this many synthetic actions (for scale)",
    )
    demo.add_argument("--force", action="store_true", help="replace an existing file")
    demo.set_defaults(run=_demo)

    dump = commands.add_parser("dump", help="print every record of a board")
    dump.add_argument("--db", required=True, help="board file or server URL")
    dump.add_argument("--json", action="store_true", help="JSON (the default is a short summary)")
    dump.add_argument("--no-audit", action="store_true", help="leave out the audit trail")
    dump.set_defaults(run=_dump)

    check = commands.add_parser("check", help="run integrity, schema and rule checks")
    check.add_argument("--db", required=True, help="board file or server URL")
    check.set_defaults(run=_check)

    minutes = commands.add_parser("minutes", help="print a meeting's minutes to a PDF file")
    minutes.add_argument("--db", required=True, help="board file or server URL")
    minutes.add_argument(
        "--meeting",
        required=True,
        metavar="ID|latest",
        help="the meeting's number, or 'latest' (the most recent meeting on or before today)",
    )
    minutes.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF")
    minutes.add_argument(
        "--public",
        action="store_true",
        help="the version for publication: exempt items withheld, OFFICIAL-SENSITIVE left out",
    )
    minutes.add_argument("--user", default=None, help="your name for the audit trail")
    minutes.set_defaults(run=_minutes)

    pack = commands.add_parser("pack", help="build a meeting's board pack as a PDF file")
    pack.add_argument("--db", required=True, help="board file or server URL")
    pack.add_argument(
        "--meeting",
        required=True,
        metavar="ID|next|latest",
        help="the meeting's number, 'next' (the first meeting on or after today) or 'latest' "
        "(the most recent meeting on or before today)",
    )
    pack.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="the PDF")
    pack.add_argument(
        "--public",
        action="store_true",
        help="the version for publication: exempt items withheld, OFFICIAL-SENSITIVE left out",
    )
    pack.add_argument(
        "--issue",
        action="store_true",
        help="issue the pack: store the full and the public pack in the board as they went out "
        "(never changed afterwards; the next pack says what changed since), then write the "
        "chosen one to FILE.pdf",
    )
    pack.add_argument("--user", default=None, help="your name for the audit trail")
    pack.add_argument(
        "--exclusive",
        action="store_true",
        help="with --issue, for a board on a network drive: hold it alone while the command "
        "runs (everyone else is locked out); without it such a board opens read-only",
    )
    pack.set_defaults(run=_pack)

    export = commands.add_parser(
        "export",
        help="write the plan, the action log, the risk register or the scorecard to an Excel "
        "workbook",
    )
    export.add_argument(
        "--kind",
        choices=KINDS,
        default="plan",
        help="what to export: the improvement plan (plan), the action log of meetings' "
        "actions (actions), the risk register (risks) or the performance scorecard with its "
        "figures (scorecard)",
    )
    export.add_argument("--db", required=True, help="board file or server URL")
    export.add_argument(
        "-o", "--output", required=True, help="the .xlsx file (or a folder with --per-owner)"
    )
    export.add_argument(
        "--per-owner",
        action="store_true",
        help="one protected workbook per lead officer (plan) or owner (actions) with their "
        "open actions",
    )
    export.add_argument("--marking", default="OFFICIAL", choices=["OFFICIAL", "OFFICIAL-SENSITIVE"])
    export.set_defaults(run=_export)

    imp = commands.add_parser(
        "import",
        help="import an improvement plan, action log, risk register or scorecard figures workbook",
    )
    imp.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the .xlsx file(s); several returned workbooks are applied one by one",
    )
    imp.add_argument(
        "--kind",
        choices=KINDS,
        default="plan",
        help="what the workbook holds: the improvement plan (plan), the action log (actions), "
        "the risk register (risks) or scorecard figures (scorecard: periods across, or one row "
        "per figure)",
    )
    imp.add_argument("--db", required=True, help="board file (created if it does not exist)")
    imp.add_argument("--sheet", help="the sheet to read (default: the best match)")
    imp.add_argument("--dry-run", action="store_true", help="preview only; change nothing")
    imp.add_argument(
        "--skip-refused",
        action="store_true",
        help="apply the good rows and leave the refused ones out",
    )
    imp.add_argument(
        "--no-new-people",
        action="store_true",
        help="risks: refuse rows whose owner is not on the board's list (default: add them)",
    )
    imp.add_argument(
        "--owner",
        default=None,
        metavar="NAME",
        help="risks: owner of new risks whose row names none (a sheet with no owner column)",
    )
    imp.add_argument(
        "--meeting",
        type=int,
        default=None,
        metavar="ID",
        help="actions: the meeting (its id) for new actions whose row names no meeting held "
        "on the board (default: such rows are refused)",
    )
    imp.add_argument(
        "--period",
        type=_period,
        default=None,
        metavar="PERIOD",
        help="scorecard: the period of every figure of a sheet that gives none, e.g. 'Mar 2014' "
        "or 'Q4 2013/14' (default: such a sheet is refused)",
    )
    imp.add_argument("--json", action="store_true", help="print the outcome as JSON")
    imp.add_argument(
        "--exclusive",
        action="store_true",
        help="for a board on a network drive: hold it alone while the command runs (everyone "
        "else is locked out); without it such a board opens read-only and nothing is imported",
    )
    imp.set_defaults(run=_import)

    backup = commands.add_parser(
        "backup",
        help="copy a board file consistently (also while it is open), through SQLite's backup API",
    )
    backup.add_argument("--db", required=True, help="the board file")
    backup.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="FILE",
        help="the backup file (or a folder, which receives a file named like the automatic ones)",
    )
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(run=_backup)

    restore = commands.add_parser(
        "restore", help="put a backup back as a board file (an existing board is backed up first)"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.add_argument("--db", required=True, help="the board file to create or replace")
    restore.add_argument(
        "--force",
        action="store_true",
        help="replace an existing board (it is backed up to its backups folder first)",
    )
    restore.set_defaults(run=_restore)

    for sub in (demo, dump, check, export, imp):
        sub.add_argument("--user", default=None, help="your name for the audit trail")
    return parser


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= 100_000:
        raise argparse.ArgumentTypeError("must be between 0 and 100,000")
    return value


def _period(text: str) -> date:
    from improvement_desk.domain.periods import Frequency, parse_period

    try:
        return parse_period(text, Frequency.MONTHLY)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
