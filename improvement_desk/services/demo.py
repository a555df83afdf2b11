"""Loads the demo board (from `demo_content`) or a synthetic plan of any size into a new board.

With the plan come the risk register (`demo_risks`), the board's members,
meetings, minutes, papers and action log (`demo_meetings`), and two years of
its performance scorecard (`demo_scorecard`). It writes everything in one
transaction, notes each record's creation in the audit trail, and keeps the
dates history had in the story (updates, revisions) rather than today's, so
the demo reads like a board a year in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from improvement_desk.db.models import (
    Action,
    BoardInfo,
    Person,
    ProgressUpdate,
    Recommendation,
    TargetRevision,
)
from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.plan import RecommendationSource
from improvement_desk.runtime.identity import Actor
from improvement_desk.services import demo_content as content
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.demo_meeting_content import BOARD, DemoBoard
from improvement_desk.services.demo_meetings import load_demo_meetings
from improvement_desk.services.demo_risk_content import RISKS, DemoRisk
from improvement_desk.services.demo_risks import load_demo_register
from improvement_desk.services.demo_scorecard import load_demo_scorecard
from improvement_desk.services.demo_scorecard_content import INDICATORS, DemoIndicator


def load_demo(ctx: ServiceContext, *, extra_actions: int = 0) -> int:
    """Fills an empty board with the demo plan (plus synthetic actions); returns the action count."""
    recommendations = list(content.RECOMMENDATIONS)
    if extra_actions:
        recommendations.extend(synthetic_recommendations(extra_actions))
    return load_plan(
        ctx,
        people=content.PEOPLE,
        recommendations=recommendations,
        board_name=content.BOARD_NAME,
        as_at=content.AS_AT,
    )


def load_plan(
    ctx: ServiceContext,
    *,
    people: Iterable[content.DemoPerson],
    recommendations: Iterable[content.DemoRecommendation],
    board_name: str,
    as_at: date | None,
    risks: Iterable[DemoRisk] = RISKS,
    board: DemoBoard = BOARD,
    scorecard: Iterable[DemoIndicator] = INDICATORS,
) -> int:
    ctx.require_writable()
    recommendations = list(recommendations)
    count = 0
    with ctx.db.transaction() as session:
        if session.scalar(select(func.count(Action.id))) or session.scalar(
            select(func.count(Recommendation.id))
        ):
            raise ValidationError.single("Board", "the demo can only be loaded into an empty board")
        trail = AuditTrail(ctx, session)
        info = session.get(BoardInfo, 1)
        if info is None:
            info = BoardInfo(id=1, name=board_name, as_at_date=as_at, created_at=ctx.now())
            session.add(info)
            session.flush()
            trail.created("board", 1, board_name, {"name": board_name, "as_at_date": as_at})
        else:
            trail.apply(info, "board", board_name, {"name": board_name, "as_at_date": as_at})
        ids: dict[str, int] = {}
        action_ids: dict[str, int] = {}
        for p in people:
            person = Person(name=p.name, role=p.role, organisation=p.organisation)
            session.add(person)
            session.flush()
            ids[p.name] = person.id
            trail.created("person", person.id, p.name, {"name": p.name, "role": p.role})
        for r in recommendations:
            rec = Recommendation(
                source=RecommendationSource(r.source),
                reference=r.reference,
                text=r.text,
                theme=r.theme,
                created_at=ctx.now(),
            )
            session.add(rec)
            session.flush()
            trail.created("recommendation", rec.id, r.reference, {"reference": r.reference})
            for a in r.actions:
                action = _action(ctx, a, rec.id, ids[a.lead])
                session.add(action)
                session.flush()
                trail.created(
                    "action", action.id, a.reference, {"reference": a.reference, "status": a.status}
                )
                action_ids[a.reference] = action.id
                count += 1
        load_demo_register(
            ctx, session, people=ids, actions=action_ids, risks=risks, as_at=as_at or ctx.today()
        )
        load_demo_meetings(
            ctx,
            session,
            people=ids,
            actions=action_ids,
            plan=[a for r in recommendations for a in r.actions],
            board_name=board_name,
            as_at=as_at or ctx.today(),
            board=board,
        )
        load_demo_scorecard(
            ctx, session, people=ids, indicators=scorecard, as_at=as_at or ctx.today()
        )
    ctx.as_at = as_at
    return count


def _action(ctx: ServiceContext, a: content.DemoAction, rec_id: int, lead_id: int) -> Action:
    target = a.target
    action = Action(
        recommendation_id=rec_id,
        reference=a.reference,
        description=a.description,
        lead_officer_id=lead_id,
        start_date=a.start,
        original_target_date=a.target,
        target_date=a.target,
        success_measures=a.success_measures,
        status=Brag(a.status),
        confidence=Confidence(a.confidence) if a.confidence else None,
        evidence_of_impact=a.evidence,
        closure_decision=a.decision_ref,
        created_at=ctx.now(),
    )
    lead = a.lead
    action.updates = [
        ProgressUpdate(update_date=u.on, text=u.text, author=lead, recorded_at=ctx.now())
        for u in a.updates
    ]
    revisions = []
    for rev in a.revisions:
        revisions.append(
            TargetRevision(
                previous_date=target,
                new_date=rev.new_date,
                reason=rev.reason,
                revised_on=rev.revised_on,
                revised_by=lead,
                recorded_at=ctx.now(),
            )
        )
        target = rev.new_date
    action.revisions = revisions
    action.target_date = target
    return action


def synthetic_recommendations(n_actions: int) -> list[content.DemoRecommendation]:
    """A larger plan made by repeating the demo's actions under new references (benchmarks, tests)."""
    templates = [a for r in content.RECOMMENDATIONS for a in r.actions]
    themes = [r.theme for r in content.RECOMMENDATIONS]
    per_recommendation = 10
    result = []
    made = 0
    group = 0
    while made < n_actions:
        group += 1
        actions = []
        for k in range(min(per_recommendation, n_actions - made)):
            template = templates[made % len(templates)]
            shift = timedelta(days=(made % 90))
            actions.append(
                replace(
                    template,
                    reference=f"S{group}.{k + 1}",
                    start=template.start + shift,
                    target=template.target + shift,
                    updates=tuple(
                        replace(u, on=u.on + shift)
                        for u in template.updates
                        if u.on + shift <= content.AS_AT
                    ),
                    revisions=tuple(
                        replace(rv, new_date=rv.new_date + shift) for rv in template.revisions
                    ),
                )
            )
            made += 1
        result.append(
            content.DemoRecommendation(
                source="board",
                reference=f"S{group}",
                text=f"Synthetic recommendation {group} for scale testing.",
                theme=themes[group % len(themes)],
                actions=tuple(actions),
            )
        )
    return result


def create_demo_board(path: Path, actor: Actor, *, extra_actions: int = 0) -> tuple[str, int]:
    """Writes a new demo board file; on failure no half-made file is left behind."""
    from improvement_desk.services.desk import open_desk

    if path.exists():
        raise ValidationError.single("Board file", f"{path} already exists")
    desk = open_desk(path, actor, create=True, board_name=content.BOARD_NAME)
    try:
        count = load_demo(desk.ctx, extra_actions=extra_actions)
        name = desk.info().name
    except BaseException:
        desk.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        raise
    desk.close()
    return name, count
