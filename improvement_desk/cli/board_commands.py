"""Commands on the board file as a whole: make a demo board, dump it, check it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from improvement_desk import APP_ID
from improvement_desk.cli.common import EXIT_OK, EXIT_PROBLEMS, EXIT_REFUSED, _open
from improvement_desk.runtime.identity import current_actor


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
