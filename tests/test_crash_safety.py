"""SIGKILL during saves: the board keeps every acknowledged change, each with its audit rows.

RELIABILITY DB-2 and goal G4. A writer (tests/crash_writer.py) saves through the real
services, each change one transaction with its audit rows, and acknowledges each commit
on stdout. It is killed with SIGKILL at a random moment (while opening, backing up,
taking over the lock, saving or idle between saves), hundreds of times on one board, in
both journal configurations the app ships: WAL with synchronous=FULL (a local board) and
a rollback journal with an exclusive lock (a network board held alone). After every kill:

* `PRAGMA integrity_check` is ok and no foreign key is broken;
* every acknowledged change is there: the risk's audit row at position (version - 1)
  carries the acknowledged value, and an acknowledged person exists under their id;
* no change without its audit and no audit without its change: the risk's version moved
  exactly once per 'update' audit row of its controls, those rows chain old -> new and end
  at the stored value; each crash person has exactly its three 'create' audit rows and
  every such audit row has its person;
* no step is lost or doubled: the steps on the board are exactly 1..N;
* the lock file a killed writer leaves behind is taken over by the next one (same host,
  dead process), which a writer that fails to open would report.
"""

from __future__ import annotations

import contextlib
import os
import queue
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY

from improvement_desk.db.lockfile import lock_path_for, read_holder
from improvement_desk.domain.risk import ReviewFrequency, RiskDraft
from improvement_desk.services.desk import open_desk

WRITER = Path(__file__).with_name("crash_writer.py")
# CI runs 120 kills in about 40 s; for the 300 of goal G4, or more, set both:
#   IMPROVEMENT_DESK_CRASH_KILLS=300 IMPROVEMENT_DESK_CRASH_BUDGET_S=200
KILLS = int(os.environ.get("IMPROVEMENT_DESK_CRASH_KILLS", "120"))
BUDGET_S = float(os.environ.get("IMPROVEMENT_DESK_CRASH_BUDGET_S", "40"))
SEED = int(os.environ.get("IMPROVEMENT_DESK_CRASH_SEED", "20140331"))
MIN_KILLS = 100  # past these, a slow machine stops at the budget rather than time out

pytestmark = [pytest.mark.slow, pytest.mark.timeout(max(120, int(BUDGET_S) + 80))]
_STEP = re.compile(r"^step (\d+)$")
_PERSON = re.compile(r"^Crash officer (\d+)$")


@dataclass
class Acks:
    risk: list[tuple[int, int]] = field(default_factory=list)  # (version, step)
    people: list[tuple[int, int]] = field(default_factory=list)  # (person id, step)

    @property
    def count(self) -> int:
        return len(self.risk) + len(self.people)


class Server:
    """The fork server and a thread reading its lines, so a read can time out."""

    def __init__(self, board: Path, risk_id: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(WRITER), "serve", str(board), str(risk_id)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=Path(__file__).resolve().parents[1],
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.until("READY")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8").rstrip("\n"))
        self.lines.put("EOF")

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def until(self, prefix: str) -> list[str]:
        """Every line up to and including the first that starts with `prefix`."""
        seen = []
        while True:
            try:
                line = self.lines.get(timeout=30)
            except queue.Empty:
                raise AssertionError(f"no {prefix!r} from the writer; saw {seen[-5:]}") from None
            if line == "EOF":
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise AssertionError(f"the writer server ended: {err[-2000:]}")
            seen.append(line)
            if line.startswith(prefix):
                return seen

    def close(self, last_child: int | None) -> None:
        """Ends the server, and a writer still running when a check failed."""
        if last_child is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(last_child, signal.SIGKILL)
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture
def board(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "board.db"
    desk = open_desk(path, ACTOR, create=True, board_name="Crash Board", today=lambda: TODAY)
    try:
        desk.people.add("Jo Bloggs")
        risk = desk.risks.create(
            RiskDraft(
                reference="R1",
                title="Social worker recruitment",
                cause="A national shortage",
                event="Posts stay vacant",
                effect="Caseloads stay high",
                category="Workforce",
                owner="Jo Bloggs",
                date_raised=date(2013, 4, 10),
                inherent_likelihood=5,
                inherent_impact=4,
                current_likelihood=4,
                current_impact=4,
                controls="step 0",
                review_frequency=ReviewFrequency.MONTHLY,
            )
        )
        assert risk.version == 1
    finally:
        desk.close()
    return path, risk.id


def kill_after(rng: random.Random) -> tuple[bool, float]:
    """When to kill: (wait for the first acknowledged save first?, then seconds to wait).
    A writer opens in about 0.1 s and saves every 0.03 s or so (slower on a busy machine):
    most kills land while it opens or in its first saves; a third, however slow the machine,
    land while it is saving."""
    if rng.random() < 0.3:
        return True, rng.uniform(0.0, 0.4)
    return False, rng.uniform(0.02, 0.3)


def check_board(path: Path, risk_id: int, acks: Acks) -> int:
    """Every invariant of the module docstring; returns the last step on the board."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        version, controls = conn.execute(
            "SELECT version, controls FROM risk WHERE id = ?", (risk_id,)
        ).fetchone()
        updates = conn.execute(
            "SELECT old_value, new_value FROM audit_entry WHERE entity = 'risk' "
            "AND entity_id = ? AND operation = 'update' ORDER BY id",
            (risk_id,),
        ).fetchall()
        other_fields = conn.execute(
            "SELECT count(*) FROM audit_entry WHERE entity = 'risk' AND entity_id = ? "
            "AND operation = 'update' AND field != 'controls'",
            (risk_id,),
        ).fetchone()[0]
        people = dict(conn.execute("SELECT id, name FROM person WHERE name LIKE 'Crash officer %'"))
        audited: dict[int, dict[str, str | None]] = defaultdict(dict)
        for entity_id, name, value in conn.execute(
            "SELECT entity_id, field, new_value FROM audit_entry "
            "WHERE entity = 'person' AND operation = 'create' ORDER BY id"
        ):
            assert name not in audited[entity_id], f"person {entity_id}: {name} audited twice"
            audited[entity_id][name] = value
    finally:
        conn.close()

    # The risk: one version bump per audited change, chained, ending at the stored value.
    assert other_fields == 0
    assert version == 1 + len(updates), (version, len(updates))
    previous = "step 0"
    steps = []
    for old, new in updates:
        assert old == previous, (old, previous)
        previous = new
        steps.append(int(_STEP.match(new).group(1)))  # type: ignore[union-attr]
    assert previous == controls
    for acked_version, step in acks.risk:
        assert acked_version <= version, f"acknowledged risk version {acked_version} lost"
        assert updates[acked_version - 2][1] == f"step {step}"

    # The people: each with its three audit rows, and no audit row without its person.
    crash_audit = {
        i: fields for i, fields in audited.items() if _PERSON.match(fields.get("name") or "")
    }
    assert set(crash_audit) == set(people)
    for person_id, name in people.items():
        assert crash_audit[person_id] == {"name": name, "role": "", "organisation": ""}
        steps.append(int(_PERSON.match(name).group(1)))  # type: ignore[union-attr]
    for person_id, step in acks.people:
        assert people.get(person_id) == f"Crash officer {step}", f"acknowledged {step} lost"

    # Nothing lost, nothing doubled: the steps are 1..N.
    assert sorted(steps) == list(range(1, len(steps) + 1))
    return len(steps)


def test_sigkill_during_saves_loses_no_acknowledged_change(
    board: tuple[Path, int], request: pytest.FixtureRequest
) -> None:
    path, risk_id = board
    rng = random.Random(SEED)
    acks = Acks()
    kills = stale_locks = opened = 0
    running: int | None = None  # a writer not yet reaped (never a pid that may be reused)
    killed: set[int] = set()
    left_lock = False
    by_mode = {"wal": 0, "exclusive": 0}
    started = time.monotonic()
    server = Server(path, risk_id)
    try:
        while kills < KILLS and (kills < MIN_KILLS or time.monotonic() - started < BUDGET_S):
            mode = "exclusive" if rng.random() < 1 / 3 else "wal"
            server.send(f"run {mode}")
            pid = running = int(server.until("CHILD ")[-1].split()[1])
            after_a_save, delay = kill_after(rng)
            lines = server.until("ACK ") if after_a_save else []
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            server.send(f"reap {pid}")
            lines += server.until(f"REAPED {pid} ")
            running = None
            status = int(lines[-1].split()[2])
            failed = [line for line in lines if line.startswith("FAILED")]
            assert not failed, failed  # e.g. the lock left by the previous kill was not taken
            assert os.WIFSIGNALED(status), status
            assert os.WTERMSIG(status) == signal.SIGKILL, status
            kills += 1
            killed.add(pid)
            by_mode[mode] += 1
            for line in lines:
                if line.startswith("OPENED"):
                    opened += 1
                elif line.startswith("ACK risk"):
                    _, _, _, version, step = line.split()
                    acks.risk.append((int(version), int(step)))
                elif line.startswith("ACK person"):
                    _, _, person_id, step = line.split()
                    acks.people.append((int(person_id), int(step)))
            if left_lock and any(line.startswith("OPENED") for line in lines):
                stale_locks += 1  # the lock a killed writer left was taken over
            left_lock = lock_path_for(path).exists()
            holder = read_holder(lock_path_for(path))
            # Left by a writer killed here (a half-written one reads as None: stale too).
            assert holder is None or holder.pid in killed, holder
            check_board(path, risk_id, acks)
    finally:
        server.close(running)
    elapsed = time.monotonic() - started

    # The app itself opens the board after the last crash: lock taken over, data all there.
    desk = open_desk(path, ACTOR, today=lambda: TODAY)
    try:
        last = check_board(path, risk_id, acks)
        assert len(desk.people.list()) == 1 + (last + 1) // 2
    finally:
        desk.close()
    assert not lock_path_for(path).exists()

    figures = {
        "kills": kills,
        "kills_wal": by_mode["wal"],
        "kills_exclusive": by_mode["exclusive"],
        "writers_opened": opened,
        "stale_locks_taken_over": stale_locks,
        "acknowledged_commits": acks.count,
        "commits_on_board": last,
        "seconds": round(elapsed, 1),
    }
    for name, value in figures.items():
        request.node.user_properties.append((name, value))
    print("crash safety:", ", ".join(f"{k}={v}" for k, v in figures.items()))
    assert kills >= MIN_KILLS
    assert acks.count >= kills // 4  # a good share of the kills came while saving
    assert stale_locks > 0
