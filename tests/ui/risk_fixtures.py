"""Risk records built in memory, so view tests need no board and read as their scenario.

`make_risk()` is a quiet risk: live, reviewed, mitigated, not due and within
appetite, so a test overrides only the fact it is about. Derived fields
(band, direction, review state, appetite) are computed from the bands the
test passes, exactly as the reader would, unless the test overrides them.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import (
    Proximity,
    ReviewFrequency,
    RiskStatus,
    review_state,
)
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import direction_of_travel
from improvement_desk.services.risk_records import LinkedAction, ReviewRecord, RiskRecord

TODAY = date(2014, 3, 31)
RAISED = date(2013, 10, 1)

_ids = itertools.count(1)
_DERIVED = ("direction", "band", "review_state", "above_appetite")


def make_review(**overrides: Any) -> ReviewRecord:
    values: dict[str, Any] = {
        "id": next(_ids),
        "risk_id": 1,
        "review_date": RAISED,
        "likelihood": 3,
        "impact": 4,
        "commentary": "First assessment when the risk was raised",
        "reviewer": "Test Officer",
        "previous_next_review": None,
        "recorded_at": datetime(2013, 10, 1, 9, 0, tzinfo=UTC),
    }
    values.update(overrides)
    return ReviewRecord(**values)


def make_linked_action(**overrides: Any) -> LinkedAction:
    values: dict[str, Any] = {
        "action_id": 1,
        "reference": "1.1",
        "description": "Recruit and retain experienced social workers",
        "lead_officer": "Jane Smith",
        "status": Brag.GREEN,
        "target_date": date(2014, 9, 30),
        "overdue": False,
    }
    values.update(overrides)
    return LinkedAction(**values)


def make_risk(
    *, bands: RiskBands | None = None, today: date = TODAY, **overrides: Any
) -> RiskRecord:
    """A `RiskRecord`; any field may be overridden by name.

    Without `reviews`, one review records the current assessment on the day
    the risk was raised; with `reviews` and no current_*, the last review
    sets the current score, as the services guarantee.
    """
    bands = bands or RiskBands()
    risk_id = overrides.pop("id", next(_ids))
    values: dict[str, Any] = {
        "id": risk_id,
        "reference": f"R{risk_id}",
        "title": "Not enough experienced social workers",
        "cause": "High turnover and reliance on agency staff",
        "event": "Caseloads stay above 20 per worker",
        "effect": "Visits are missed and children's plans drift",
        "category": "Workforce",
        "owner": "Test Officer",
        "date_raised": RAISED,
        "inherent_likelihood": 4,
        "inherent_impact": 4,
        "controls": "Weekly caseload report to the head of service",
        "target_likelihood": 2,
        "target_impact": 3,
        "target_date": date(2014, 9, 30),
        "status": RiskStatus.OPEN,
        "proximity": Proximity.NEAR,
        "review_frequency": ReviewFrequency.MONTHLY,
        "next_review_date": date(2014, 4, 30),
        "version": 1,
        "mitigations": (make_linked_action(),),
    }
    values.update(overrides)
    reviews: tuple[ReviewRecord, ...] | None = values.get("reviews")
    if reviews:
        values.setdefault("current_likelihood", reviews[-1].likelihood)
        values.setdefault("current_impact", reviews[-1].impact)
    else:
        values.setdefault("current_likelihood", 3)
        values.setdefault("current_impact", 4)
        if reviews is None:
            values["reviews"] = (
                make_review(
                    risk_id=risk_id,
                    review_date=values["date_raised"],
                    likelihood=values["current_likelihood"],
                    impact=values["current_impact"],
                ),
            )
    current = values["current_likelihood"] * values["current_impact"]
    derived = {
        "direction": direction_of_travel([r.score for r in values["reviews"]]),
        "band": bands.band(current),
        "review_state": review_state(values["next_review_date"], values["status"], today),
        "above_appetite": bands.above_appetite(current),
    }
    for name in _DERIVED:
        values.setdefault(name, derived[name])
    return RiskRecord(**values)
