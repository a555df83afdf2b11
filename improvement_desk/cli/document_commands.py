"""Printed documents: a meeting's minutes and its board pack, as PDF files.

Both name a meeting on the command line (`--meeting`), so they share `_meeting_id`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from improvement_desk import APP_ID
from improvement_desk.cli.common import EXIT_OK, EXIT_REFUSED, _open
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.services.desk import Desk

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import Withheld

SENSITIVE = Marking.OFFICIAL_SENSITIVE


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
    _warn_missing(report.missing_characters)
    return EXIT_OK


def _warn_missing(characters: str) -> None:
    if characters:
        print(
            "Warning: the font cannot print these characters, which show as boxes: "
            + " ".join(repr(c) for c in characters),
            file=sys.stderr,
        )


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
    _warn_missing(report.missing_characters)
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
