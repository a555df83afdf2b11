"""Headless commands: demo, dump, check. Imports no Qt, so it runs on a server or in CI.

Expected failures print one plain line to stderr and exit 2; bugs keep their
traceback (exit 1) so they get reported rather than hidden.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from improvement_desk import APP_ID, __version__
from improvement_desk.domain.errors import DeskError, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.runtime.identity import current_actor
from improvement_desk.services.desk import Desk, open_desk

if TYPE_CHECKING:
    from datetime import date

    from improvement_desk.services.import_outcomes import ImportPreview
    from improvement_desk.services.log_import import LogImportPreview
    from improvement_desk.services.pack_records import Withheld
    from improvement_desk.services.risk_import import RiskImportPreview
    from improvement_desk.services.scorecard_import import ScorecardImportPreview

EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED = 0, 1, 2
SENSITIVE = Marking.OFFICIAL_SENSITIVE
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
    imp.set_defaults(run=_import)

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


def _open(args: argparse.Namespace, *, read_only: bool) -> Desk:
    return open_desk(args.db, current_actor(args.user), read_only=read_only)


def _demo(args: argparse.Namespace) -> int:
    from improvement_desk.services.demo import create_demo_board

    path = Path(args.db)
    if path.exists():
        if not args.force:
            print(
                f"{APP_ID}: {path} already exists; choose a new file or add --force to replace it",
                file=sys.stderr,
            )
            return EXIT_REFUSED
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    name, count = create_demo_board(path, current_actor(args.user), extra_actions=args.actions)
    print(f"Created the demo board '{name}' with {count} actions in {path}")
    return EXIT_OK


def _dump(args: argparse.Namespace) -> int:
    from improvement_desk.services.dump import dump_board

    desk = _open(args, read_only=True)
    try:
        data = dump_board(desk.ctx, include_audit=not args.no_audit)
    finally:
        desk.close()
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False, sort_keys=True)
        sys.stdout.write("\n")
    else:
        actions = [a for r in data["recommendations"] for a in r["actions"]]
        board = data["board"] or {}
        print(f"Board: {board.get('name', '(unnamed)')} (schema {data['schema']})")
        print(f"People: {len(data['people'])}")
        print(f"Recommendations: {len(data['recommendations'])}, actions: {len(actions)}")
        print(f"Audit entries: {len(data.get('audit', []))}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if args.kind == "risks":
        return _export_risks(args)
    if args.kind == "scorecard":
        return _export_scorecard(args)
    log = args.kind == "actions"
    desk = _open(args, read_only=True)
    try:
        service = desk.log_exports if log else desk.exports
        name = desk.info().name
        if args.per_owner:
            made = service.export_for_owners(
                Path(args.output), board_name=name, marking=args.marking
            )
            for book in made:
                print(f"{book.lead_officer}: {book.actions} action(s) → {book.path}")
            print(f"Wrote {len(made)} workbook(s) for update.")
            return EXIT_OK
        report = service.export(Path(args.output), board_name=name, marking=args.marking)
    finally:
        desk.close()
    what = "log actions" if log else "actions"
    print(f"Exported {report.rows} {what} to {report.path}")
    if report.cleaned_characters:
        print(
            f"Removed {report.cleaned_characters} control character(s) Excel cannot hold, in: "
            + ", ".join(report.cleaned_places[:10])
        )
    return EXIT_OK


def _export_risks(args: argparse.Namespace) -> int:
    if args.per_owner:
        print(f"{APP_ID}: --per-owner is for the plan and the action log", file=sys.stderr)
        return EXIT_REFUSED
    desk = _open(args, read_only=True)
    try:
        name = desk.info().name
        report = desk.risk_exports.export(Path(args.output), board_name=name, marking=args.marking)
    finally:
        desk.close()
    print(f"Exported {report.rows} risks to {report.path}")
    if report.cleaned_characters:
        print(
            f"Removed {report.cleaned_characters} control character(s) Excel cannot hold, in: "
            + ", ".join(report.cleaned_places[:10])
        )
    return EXIT_OK


def _export_scorecard(args: argparse.Namespace) -> int:
    if args.per_owner:
        print(f"{APP_ID}: --per-owner is for the plan and the action log", file=sys.stderr)
        return EXIT_REFUSED
    desk = _open(args, read_only=True)
    try:
        name = desk.info().name
        report = desk.scorecard_exports.export(
            Path(args.output), board_name=name, marking=args.marking
        )
    finally:
        desk.close()
    print(f"Exported {report.rows} indicators to {report.path}")
    if report.cleaned_characters:
        print(
            f"Removed {report.cleaned_characters} control character(s) Excel cannot hold, in: "
            + ", ".join(report.cleaned_places[:10])
        )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    """Each workbook is previewed and applied on its own, in its own transaction."""
    desk = open_desk(args.db, current_actor(args.user), create=not Path(args.db).exists())
    results = []
    worst = EXIT_OK
    try:
        for name in args.files:
            try:
                summary = _import_one(desk, Path(name), args)
            except DeskError as exc:
                if not args.json:
                    print(f"{APP_ID}: {exc}", file=sys.stderr)
                summary = {"file": Path(name).name, "error": str(exc), "applied": False}
                worst = EXIT_REFUSED
            else:
                refused = bool(summary["refused"])
                if refused and not (summary["applied"] and args.skip_refused):
                    worst = max(worst, EXIT_PROBLEMS)
            results.append(summary)
    finally:
        desk.close()
    if args.json:
        json.dump(
            results[0] if len(results) == 1 else results, sys.stdout, indent=2, ensure_ascii=False
        )
        sys.stdout.write("\n")
    return worst


def _preview_and_apply(
    desk: Desk, path: Path, args: argparse.Namespace
) -> tuple[ImportPreview | RiskImportPreview | LogImportPreview | ScorecardImportPreview, bool]:
    """The preview of one workbook, and whether it was applied."""
    if args.kind == "scorecard":
        figures = desk.scorecard_imports.preview(path, sheet=args.sheet, period=args.period)
        if _should_apply(bool(figures.refused), args):
            desk.scorecard_imports.apply(figures, skip_refused=args.skip_refused)
            return figures, True
        return figures, False
    if args.kind == "risks":
        risks = desk.risk_imports.preview(
            path, sheet=args.sheet, add_people=not args.no_new_people, default_owner=args.owner
        )
        if _should_apply(bool(risks.refused), args):
            desk.risk_imports.apply(risks, skip_refused=args.skip_refused)
            return risks, True
        return risks, False
    if args.kind == "actions":
        log = desk.log_imports.preview(path, sheet=args.sheet, default_meeting_id=args.meeting)
        if _should_apply(bool(log.refused), args):
            desk.log_imports.apply(log, skip_refused=args.skip_refused)
            return log, True
        return log, False
    plan = desk.imports.preview(path, sheet=args.sheet)
    if _should_apply(bool(plan.refused), args):
        desk.imports.apply(plan, skip_refused=args.skip_refused)
        return plan, True
    return plan, False


def _should_apply(refused: bool, args: argparse.Namespace) -> bool:
    return not args.dry_run and (not refused or args.skip_refused)


def _import_one(desk: Desk, path: Path, args: argparse.Namespace) -> dict[str, object]:
    from improvement_desk.services.import_outcomes import RowKind

    preview, applied = _preview_and_apply(desk, path, args)
    summary = preview.summary()
    summary["applied"] = applied
    if args.json:
        return summary
    print(f"{path.name}, sheet '{preview.sheet}' (header in row {preview.header_row}):")
    print(
        f"  {summary['added']} new, {summary['updated']} changed, "
        f"{summary['unchanged']} unchanged, {len(preview.refused)} refused"
    )
    shown = (RowKind.NEW, RowKind.CHANGED) if args.kind == "scorecard" else (RowKind.CHANGED,)
    for outcome in preview.outcomes:
        if outcome.kind in shown:  # a scorecard's new figures are worth seeing too
            for change in outcome.changes:
                was = f"{change.old} → " if change.old else "(none) → "
                print(f"  row {outcome.row} {outcome.reference}: {change.label} {was}{change.new}")
    for problem in preview.refused:
        print(f"  REFUSED {problem}")
    for problem in preview.all_warnings():
        print(f"  warning {problem}")
    if applied:
        print("  Imported.")
    elif args.dry_run:
        print("  Dry run: nothing was changed.")
    else:
        print(
            "  Nothing was imported because rows were refused (see above); "
            "use --skip-refused to import the rest."
        )
    return summary


def _check(args: argparse.Namespace) -> int:
    from improvement_desk.services.checks import run_checks

    desk = _open(args, read_only=True)
    try:
        report = run_checks(desk.ctx)
    finally:
        desk.close()
    for name in report.passed:
        print(f"ok       {name}")
    for problem in report.problems:
        print(f"PROBLEM  {problem}")
    print("Board is sound." if report.ok else f"{len(report.problems)} problem(s) found.")
    return EXIT_OK if report.ok else EXIT_PROBLEMS


def _minutes(args: argparse.Namespace) -> int:
    desk = _open(args, read_only=True)
    try:
        meeting_id = _meeting_id(desk, args.meeting)
        if meeting_id is None:
            print(f"{APP_ID}: the board has no meetings yet", file=sys.stderr)
            return EXIT_REFUSED
        report = desk.minutes_pdf.write(meeting_id, Path(args.output), public=args.public)
    finally:
        desk.close()
    pages = "page" if report.pages == 1 else "pages"
    print(f"Wrote the minutes of meeting {meeting_id} ({report.pages} {pages}) to {report.path}")
    if report.missing_characters:
        print(
            "Warning: the font cannot print these characters, which show as boxes: "
            + " ".join(repr(c) for c in report.missing_characters),
            file=sys.stderr,
        )
    return EXIT_OK


def _pack(args: argparse.Namespace) -> int:
    desk = _open(args, read_only=not args.issue)
    try:
        meeting_id = _meeting_id(desk, args.meeting, allow_next=True)
        if meeting_id is None:
            print(f"{APP_ID}: the board has no such meeting", file=sys.stderr)
            return EXIT_REFUSED
        record = desk.meeting_reader.meeting(meeting_id).summary
        meeting = f"{record.title}, {record.meeting_date.day} {record.meeting_date:%B %Y}"
        if args.issue:
            return _issue_pack(desk, meeting_id, meeting, args)
        report = desk.pack.build(meeting_id, Path(args.output), public=args.public)
    finally:
        desk.close()
    pages = "page" if report.pages == 1 else "pages"
    print(f"Wrote the board pack for {meeting} ({report.pages} {pages}) to {report.path}")
    if args.public:
        _print_withheld(report.withheld)
    return EXIT_OK


def _issue_pack(desk: Desk, meeting_id: int, meeting: str, args: argparse.Namespace) -> int:
    if args.public and desk.meeting_reader.meeting(meeting_id).summary.marking is SENSITIVE:
        raise ValidationError.single(
            "--public", "this meeting is marked OFFICIAL-SENSITIVE, so it has no public pack"
        )
    withheld = desk.pack.preview_withheld(meeting_id)
    issued = desk.pack.issue(meeting_id)
    path = desk.pack.save_issued(issued.id, Path(args.output), public=args.public)
    public = (
        f"public {issued.public_pages} pages"
        if issued.public_pages is not None
        else "no public pack: the meeting is OFFICIAL-SENSITIVE"
    )
    print(f"Issued the board pack for {meeting} (full {issued.full_pages} pages, {public}).")
    print(f"Fingerprint (SHA-256) of the full pack: {issued.full_sha256}")
    print(f"Wrote the {'public' if args.public else 'full'} pack to {path}")
    if args.public:
        _print_withheld(tuple(withheld))
    return EXIT_OK


def _print_withheld(withheld: Sequence[Withheld]) -> None:
    if not withheld:
        print("Nothing was withheld from the public pack.")
    for line in withheld:
        print(f"Withheld: {line.what}: {line.reason}")


def _meeting_id(desk: Desk, text: str, *, allow_next: bool = False) -> int | None:
    """A meeting number, the latest meeting ("latest") or, where allowed, the first meeting
    dated today or later ("next"); anything else is refused."""
    word = text.strip().lower()
    if word == "latest":
        return desk.meeting_reader.latest_id()
    if allow_next and word == "next":
        today = desk.ctx.today()
        coming = [s.id for s in desk.meeting_reader.meetings() if s.meeting_date >= today]
        return coming[0] if coming else None
    try:
        return int(text)
    except ValueError:
        raise ValidationError.single(
            "--meeting",
            f"{text!r} is neither a meeting number nor "
            + ("'next' nor 'latest'" if allow_next else "'latest'"),
        ) from None


if __name__ == "__main__":
    sys.exit(main())
