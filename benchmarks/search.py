"""Searching a board of about 2,000 records from the search box, one keystroke at a time.

The board is the demo plus synthetic plan actions (about 2,000 records in all: plan,
log, risks, meetings, minutes). Two things are timed, as the search box does them:
opening the box and searching once (`SearchService.search`: one read transaction, the
text folded, matched, ranked, with snippets), and each later keystroke (the same
search over the `SearchIndex` read when the box opened). The reference, timed in the
same process and interleaved so machine noise hits both, is `PlanReader.snapshot()`:
what the plan page reads on every reload, which users already wait for. The figures
are ratios to the reference's median; an SQL `ILIKE` over the same columns (case- but
not accent-insensitive, no ranking, no snippets) is timed too, for comparison.
Aim: the p95 keystroke at most a fifth of a plan reload, a cold search at most half.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

N_RECORDS = 2_000
TARGET_KEYSTROKE_RATIO = 0.2
TARGET_COLD_RATIO = 0.5
WORDS = ("recruitment", "social worker", "MASH", "zoë", "minutes 2014")


def _like_ids(desk: Any, word: str) -> int:
    """How many records an ILIKE over the searched columns finds (the SQL alternative)."""
    from sqlalchemy import or_, select

    from improvement_desk.db.models import (
        Action,
        AgendaItem,
        LogAction,
        Meeting,
        Recommendation,
        Risk,
    )

    pattern = f"%{word}%"
    queries = [
        select(Recommendation.id).where(
            or_(Recommendation.reference.ilike(pattern), Recommendation.text.ilike(pattern))
        ),
        select(Action.id).where(
            or_(
                Action.reference.ilike(pattern),
                Action.description.ilike(pattern),
                Action.success_measures.ilike(pattern),
            )
        ),
        select(LogAction.id).where(
            or_(LogAction.reference.ilike(pattern), LogAction.description.ilike(pattern))
        ),
        select(Risk.id).where(
            or_(Risk.reference.ilike(pattern), Risk.title.ilike(pattern), Risk.event.ilike(pattern))
        ),
        select(Meeting.id).where(or_(Meeting.title.ilike(pattern), Meeting.venue.ilike(pattern))),
        select(AgendaItem.id).where(
            or_(AgendaItem.title.ilike(pattern), AgendaItem.minute.ilike(pattern))
        ),
    ]
    with desk.ctx.db.reading() as session:
        return sum(len(session.scalars(q).all()) for q in queries)


def _records(desk: Any) -> int:
    from sqlalchemy import func, select

    from improvement_desk.db.models import (
        Action,
        AgendaItem,
        LogAction,
        Meeting,
        Recommendation,
        Risk,
    )

    with desk.ctx.db.reading() as session:
        return sum(
            session.scalar(select(func.count()).select_from(table)) or 0
            for table in (Recommendation, Action, LogAction, Risk, Meeting, AgendaItem)
        )


def run() -> dict[str, Any]:
    from improvement_desk.runtime.identity import Actor
    from improvement_desk.services.demo import load_demo
    from improvement_desk.services.desk import open_desk
    from improvement_desk.services.search import SearchService

    with tempfile.TemporaryDirectory() as folder:
        desk = open_desk(
            Path(folder) / "search.db", Actor("Benchmark", "bench"), create=True,
            now=lambda: datetime.now(UTC),
        )  # fmt: skip
        try:
            load_demo(desk.ctx)
            load_demo_size = _records(desk)
            desk.close()
            desk = open_desk(
                Path(folder) / "search-big.db", Actor("Benchmark", "bench"), create=True,
                now=lambda: datetime.now(UTC),
            )  # fmt: skip
            load_demo(desk.ctx, extra_actions=N_RECORDS - load_demo_size)
            records = _records(desk)
            service = SearchService(desk.ctx)
            service.search("warm up")
            desk.plan.snapshot()
            keystrokes: list[float] = []
            cold: list[float] = []
            reference: list[float] = []
            like: list[float] = []
            hits = 0
            for word in WORDS:
                start = time.perf_counter()
                desk.plan.snapshot()
                reference.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                service.search(word)
                cold.append((time.perf_counter() - start) * 1000)
                index = service.index()
                for i in range(1, len(word) + 1):
                    start = time.perf_counter()
                    results = index.search(word[:i])
                    keystrokes.append((time.perf_counter() - start) * 1000)
                hits += results.total
                start = time.perf_counter()
                _like_ids(desk, word)
                like.append((time.perf_counter() - start) * 1000)
        finally:
            desk.close()
    reference_ms = statistics.median(reference)
    p95 = sorted(keystrokes)[max(0, int(len(keystrokes) * 0.95) - 1)]
    keystroke_ratio = p95 / reference_ms
    cold_ratio = statistics.median(cold) / reference_ms
    return {
        "figure": "search_2000_records_vs_plan_reload",
        "records": records,
        "keystrokes": len(keystrokes),
        "hits_for_whole_words": hits,
        "keystroke_median_ms": round(statistics.median(keystrokes), 2),
        "keystroke_p95_ms": round(p95, 2),
        "keystroke_worst_ms": round(max(keystrokes), 2),
        "cold_search_median_ms": round(statistics.median(cold), 2),
        "plan_reload_median_ms": round(reference_ms, 2),
        "sql_ilike_median_ms": round(statistics.median(like), 2),
        "keystroke_p95_ratio": round(keystroke_ratio, 3),
        "cold_search_ratio": round(cold_ratio, 3),
        "target_keystroke_ratio_max": TARGET_KEYSTROKE_RATIO,
        "target_cold_ratio_max": TARGET_COLD_RATIO,
        "meets_target": keystroke_ratio <= TARGET_KEYSTROKE_RATIO
        and cold_ratio <= TARGET_COLD_RATIO,
    }
