"""Excel in and out: `export` writes a workbook, `import` previews one and applies it.

Every kind (plan, action log, risk register, scorecard) goes through the same preview,
then apply, so a refused row stops the import unless `--skip-refused` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from improvement_desk import APP_ID
from improvement_desk.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, _open
from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.identity import current_actor
from improvement_desk.services.desk import Desk, open_desk

if TYPE_CHECKING:
    from improvement_desk.services.import_outcomes import ImportPreview
    from improvement_desk.services.log_import import LogImportPreview
    from improvement_desk.services.risk_import import RiskImportPreview
    from improvement_desk.services.scorecard_import import ScorecardImportPreview


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
    desk = open_desk(
        args.db,
        current_actor(args.user),
        create=not Path(args.db).exists(),
        exclusive=args.exclusive,
    )
    if desk.notice:
        print(f"{APP_ID}: {desk.notice} (Here: add --exclusive.)", file=sys.stderr)
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
