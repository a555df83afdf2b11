"""`improvement-desk check`: is this board file sound, current, and true to the plan's rules?"""

from __future__ import annotations

from dataclasses import dataclass, field

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from improvement_desk.db.audit_chain import first_broken_link
from improvement_desk.db.models import (
    Action,
    Base,
    Indicator,
    IndicatorFigure,
    IndicatorTarget,
    ProgressUpdate,
    Risk,
    RiskReview,
    TargetRevision,
)
from improvement_desk.db.schema import current_revision, head_revision
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.periods import is_period_start, period_label
from improvement_desk.domain.scorecard import Unit
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.meeting_checks import (
    action_log_problems,
    meeting_rule_problems,
    minute_lock_problems,
    missing_triggers,
    paper_problems,
)
from improvement_desk.services.pack_checks import issued_pack_problems, pack_lock_problems


@dataclass
class CheckReport:
    passed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def check(self, name: str, problems: list[str]) -> None:
        if problems:
            self.problems.extend(f"{name}: {p}" for p in problems)
        else:
            self.passed.append(name)


def run_checks(ctx: ServiceContext) -> CheckReport:
    report = CheckReport()
    db = ctx.db
    if db.is_sqlite:
        with db.engine.connect() as conn:
            integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
            report.check("SQLite integrity", [] if integrity == ["ok"] else integrity[:20])
            fks = list(conn.exec_driver_sql("PRAGMA foreign_key_check"))
            report.check(
                "Foreign keys", [f"{t} row {r} points at a missing {p}" for t, r, p, _ in fks[:20]]
            )
    revision = current_revision(db)
    head = head_revision()
    report.check(
        "Schema version",
        [] if revision == head else [f"the file is at {revision}, this version expects {head}"],
    )
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": False}), Base.metadata
        )
    report.check("Schema matches the app", [str(d) for d in diff[:20]])
    report.check("Plan rules", _plan_rule_problems(ctx))
    report.check("Risk register rules", _risk_rule_problems(ctx))
    report.check("Minute locks", minute_lock_problems(ctx))
    report.check("Meeting rules", meeting_rule_problems(ctx))
    report.check("Papers", paper_problems(ctx))
    report.check("Action log rules", action_log_problems(ctx))
    report.check("Scorecard rules", _scorecard_rule_problems(ctx))
    report.check("Issued pack locks", pack_lock_problems(ctx))
    report.check("Issued packs", issued_pack_problems(ctx))
    report.check("Audit locks", missing_triggers(ctx, _audit_triggers, "audit entries"))
    report.check("Audit chain", _audit_chain_problems(ctx))
    return report


def _audit_triggers(dialect: str) -> list[str]:
    """The triggers migration 0001 (and 0007, after its backfill) keep on the audit table."""
    if dialect == "sqlite":
        return ["audit_entry_no_update", "audit_entry_no_delete"]
    return ["audit_entry_append_only"]


def _audit_chain_problems(ctx: ServiceContext) -> list[str]:
    """The first audit row whose hash does not follow from the row before it: it was changed,
    or a row before it was removed, where the append-only triggers did not reach."""
    with ctx.db.reading() as session:
        broken = first_broken_link(session.connection())
    if broken is None:
        return []
    return [f"audit row {broken} does not match its hash (changed after it was written?)"]


def _plan_rule_problems(ctx: ServiceContext) -> list[str]:
    problems = []
    with ctx.db.reading() as session:
        for a in session.scalars(select(Action).order_by(Action.id)):
            if a.status is Brag.BLUE and not (a.evidence_of_impact and a.closure_decision):
                problems.append(
                    f"action {a.reference} is Blue without evidence and a board decision"
                )
            if a.start_date and a.target_date < a.start_date:
                problems.append(f"action {a.reference} ends before it starts")
        revisions = session.scalars(
            select(TargetRevision).order_by(TargetRevision.action_id, TargetRevision.id)
        )
        last: dict[int, TargetRevision] = {}
        for rev in revisions:
            previous = last.get(rev.action_id)
            if previous and previous.new_date != rev.previous_date:
                problems.append(f"action {rev.action.reference}: target revisions do not chain")
            last[rev.action_id] = rev
        for action_id, rev in last.items():
            action = session.get(Action, action_id)
            if action and action.target_date != rev.new_date:
                problems.append(f"action {action.reference}: target differs from its last revision")
        orphan = session.scalar(
            select(ProgressUpdate.id).where(ProgressUpdate.action_id.not_in(select(Action.id)))
        )
        if orphan is not None:
            problems.append("progress updates exist for deleted actions")
    return problems


def _risk_rule_problems(ctx: ServiceContext) -> list[str]:
    """A risk's current score must be its latest review's: a gap means a write bypassed the
    review service, and the register's direction of travel would be wrong."""
    problems = []
    with ctx.db.reading() as session:
        latest: dict[int, RiskReview] = {}
        for review in session.scalars(
            select(RiskReview).order_by(RiskReview.risk_id, RiskReview.review_date, RiskReview.id)
        ):
            latest[review.risk_id] = review
        for risk in session.scalars(select(Risk).order_by(Risk.id)):
            last = latest.get(risk.id)
            if last is None:
                problems.append(f"risk {risk.reference} has no review (not even its first)")
            elif (last.likelihood, last.impact) != (risk.current_likelihood, risk.current_impact):
                problems.append(
                    f"risk {risk.reference}: current score {risk.current_likelihood}×"
                    f"{risk.current_impact} differs from its latest review "
                    f"({last.likelihood}×{last.impact} on {last.review_date:%d %b %Y})"
                )
            if last is not None and last.review_date < risk.date_raised:
                problems.append(f"risk {risk.reference} was reviewed before it was raised")
    return problems


def _scorecard_rule_problems(ctx: ServiceContext) -> list[str]:
    """Figures and targets must sit on the start of one of the indicator's periods, or the
    reader would never find them; values must be what the domain accepts (no negatives,
    no percentage above 100), or a write bypassed the services."""
    problems = []
    with ctx.db.reading() as session:
        indicators = {i.id: i for i in session.scalars(select(Indicator).order_by(Indicator.id))}
        for f in session.scalars(
            select(IndicatorFigure).order_by(IndicatorFigure.indicator_id, IndicatorFigure.period)
        ):
            i = indicators.get(f.indicator_id)
            if i is None:
                problems.append(f"figure {f.id} belongs to no indicator")
                continue
            if not is_period_start(f.period, i.frequency):
                problems.append(
                    f"indicator {i.reference}: figure dated {f.period:%d %b %Y} is not the "
                    f"start of a {i.frequency.value} period"
                )
            problems += _value_problems(
                i, f.value, f"figure for {period_label(f.period, i.frequency)}"
            )
        for t in session.scalars(
            select(IndicatorTarget).order_by(
                IndicatorTarget.indicator_id, IndicatorTarget.from_period
            )
        ):
            i = indicators.get(t.indicator_id)
            if i is None:
                problems.append(f"target {t.id} belongs to no indicator")
                continue
            if not is_period_start(t.from_period, i.frequency):
                problems.append(
                    f"indicator {i.reference}: target from {t.from_period:%d %b %Y} is not the "
                    f"start of a {i.frequency.value} period"
                )
            problems += _value_problems(i, t.target, f"target from {t.from_period:%d %b %Y}")
    return problems


def _value_problems(indicator: Indicator, value: float, what: str) -> list[str]:
    if value < 0:
        return [f"indicator {indicator.reference}: {what} is negative ({value:g})"]
    if indicator.unit is Unit.PERCENT and value > 100:
        return [f"indicator {indicator.reference}: {what} is {value:g}%, more than 100%"]
    return []
