"""A child process that saves through the real services until it is killed, or the disk refuses.

Run with the project's Python by tests/test_crash_safety.py and tests/test_storage_faults.py;
it prints one line per event on stdout, written with a single `os.write` (atomic on a
pipe) after the change has been committed, so every `ACK` line is a promise the board
must keep however the process dies.

    serve BOARD RISK_ID      a fork server: "run wal|exclusive" on stdin forks a writer and
                             answers "CHILD pid"; "reap PID" waits for it and answers
                             "REAPED pid status". Importing the app takes a second; a fork
                             takes milliseconds, so hundreds of kills fit in a test run.
    fill BOARD LIMIT_BYTES   opens the board, limits file sizes (RLIMIT_FSIZE), then adds
                             people until a save is refused: "ERROR message" (or "NO-ERROR").
    read-only BOARD [UID]    drops to UID (when root), then opens the board for writing
                             (expected: refused at open) and read-only (expected: reads work,
                             saves refused); prints one JSON line.

Each writer change is one transaction with its audit rows: even steps set the risk's
controls to "step N" (one audit 'update' row, one version bump), odd steps add the person
"Crash officer N" (three audit 'create' rows). Steps continue from what the board holds.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

from improvement_desk.domain.errors import BoardFileRejected, DeskError, StorageError
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk

ACTOR = Actor(name="Crash Writer", os_login="crash")
TODAY = date(2014, 3, 31)
PERSON = "Crash officer {}"
_STEP = re.compile(r"^step (\d+)$")
_PERSON = re.compile(r"^Crash officer (\d+)$")


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def last_step(desk: Desk, risk_id: int) -> int:
    found = _STEP.match(desk.register.risk(risk_id).controls)
    steps = [int(found.group(1))] if found else [0]
    for person in desk.people.list():
        match = _PERSON.match(person.name)
        if match:
            steps.append(int(match.group(1)))
    return max(steps)


def write_forever(board: Path, risk_id: int, *, exclusive: bool) -> None:
    desk = open_desk(board, ACTOR, today=lambda: TODAY, exclusive=exclusive)
    say(f"OPENED {os.getpid()}")
    step = last_step(desk, risk_id)
    risk = desk.register.risk(risk_id)
    while True:
        step += 1
        if step % 2 == 0:
            draft = replace(risk.draft(), controls=f"step {step}")
            risk = desk.risks.update(risk_id, draft, expected_version=risk.version)
            say(f"ACK risk {risk.id} {risk.version} {step}")
        else:
            person = desk.people.add(PERSON.format(step))
            say(f"ACK person {person.id} {step}")


def serve(board: Path, risk_id: int) -> None:
    _warm_up_writer(board, risk_id)
    say("READY")
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            pid = os.fork()
            if pid == 0:
                code = 3
                try:
                    write_forever(board, risk_id, exclusive=args[0] == "exclusive")
                except BaseException as exc:
                    say(f"FAILED {type(exc).__name__}: {exc}".replace("\n", " "))
                finally:
                    os._exit(code)
            say(f"CHILD {pid}")
        elif command == "reap":
            pid, status = os.waitpid(int(args[0]), 0)
            say(f"REAPED {pid} {status}")


def _warm_up_writer(board: Path, risk_id: int) -> None:
    """A few saves on a copy, so every fork starts with SQLAlchemy's mappers configured and
    its statements compiled (cold, a child spends a quarter of a second on that)."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / board.name
        source = sqlite3.connect(f"file:{board}?mode=ro", uri=True)
        target = sqlite3.connect(copy)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        desk = open_desk(copy, ACTOR, today=lambda: TODAY)
        try:
            risk = desk.register.risk(risk_id)
            last = last_step(desk, risk_id)
            desk.risks.update(
                risk_id, replace(risk.draft(), controls="warm"), expected_version=risk.version
            )
            desk.people.add(PERSON.format(last + 1))
        finally:
            desk.close()


def fill(board: Path, limit: int) -> None:
    desk = open_desk(board, ACTOR, today=lambda: TODAY)
    # Past the limit a write fails with EFBIG instead of killing the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        for n in range(1, 100_000):
            try:
                person = desk.people.add(PERSON.format(n), role="Role " + "x" * 190)
            except StorageError as exc:
                say(f"ERROR {exc}")
                return
            say(f"ACK person {person.id} {n}")
        say("NO-ERROR")
    finally:
        desk.close()


def read_only_probe(board: Path, uid: int | None) -> None:
    if uid is not None and os.geteuid() == 0:
        _warm_up(board)
        try:
            os.setgroups([])
            os.setgid(uid)
            os.setuid(uid)
        except PermissionError as exc:  # root without CAP_SETUID, in some containers
            say(json.dumps({"skip": f"cannot become user {uid} to test as a non-root user: {exc}"}))
            return
    result: dict[str, object] = {"euid": os.geteuid()}
    try:
        open_desk(board, ACTOR, today=lambda: TODAY).close()
        result["writable_open"] = "opened"
    except BoardFileRejected as exc:
        result["writable_open"] = str(exc)
        result["can_open_read_only"] = exc.can_open_read_only
    desk = open_desk(board, ACTOR, today=lambda: TODAY, read_only=True)
    try:
        result["read_only"] = desk.read_only
        result["people"] = [p.name for p in desk.people.list()]
        try:
            desk.people.add("Someone New")
            result["save"] = "saved"
        except DeskError as exc:
            result["save"] = str(exc)
    finally:
        desk.close()
    say(json.dumps(result))


def _warm_up(board: Path) -> None:
    """Loads every module a read-only open needs while they can still be read (as root,
    Python itself may live where the dropped user cannot look), on a copy."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / board.name
        shutil.copyfile(board, copy)
        desk = open_desk(copy, ACTOR, today=lambda: TODAY, read_only=True)
        try:
            desk.people.list()
            with contextlib.suppress(DeskError):  # refused: read-only
                desk.people.add("Warm Up")
        finally:
            desk.close()


def main(argv: list[str]) -> None:
    mode, board = argv[0], Path(argv[1])
    if mode == "serve":
        serve(board, int(argv[2]))
    elif mode == "fill":
        fill(board, int(argv[2]))
    elif mode == "read-only":
        read_only_probe(board, int(argv[2]) if len(argv) > 2 else None)
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
