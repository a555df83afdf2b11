"""Demo content: the board's performance scorecard, two years of monthly figures to 31 March 2014.

The ten indicators are the ones the source reports put in front of their
boards: referrals and re-referrals, assessments in timescale, unallocated
cases, child protection plans, statutory visits, caseloads, vacancies and
agency staff. The seed values stand where the story can hold them: the
child protection plan target of 44.2 per 10,000; 93.8% of child protection
visits in timescale in January 2014; 88.3% of looked after children's visits
(February 2014, since the plan's own update puts January at 86%); and a
vacancy rate of 17.02% (November 2013: 24.0 FTE vacant of 141.0).

The figures tell the plan's story: things got worse through 2012-13 up to
the inadequate judgement of January 2013, then improved unevenly, with
vacancies and agency use stubbornly high and caseloads rising again in
early 2014. They agree with every figure the papers, minutes, risk reviews
and plan updates quote: the monthly paper scorecard (`demo_paper_content`)
takes its re-referral, caseload, vacancy and agency rows from here,
rounded, so the two cannot drift apart.

Modelling choices a reader should know:

- Children on a child protection plan per 10,000 is, as councils read it,
  "closer to target is better": too few plans can mean children at risk are
  missed as surely as too many mean thresholds are loose. The scorecard only
  knows higher or lower, so it is recorded as lower is better, with an amber
  band of 3.0 above the target; a rate far below 44.2 would show green and
  has to be questioned in the commentary instead.
- Referrals per 10,000 is lower is better for the same reason in this
  board's story: the concern is contacts passed to social care that did not
  need it.
- Gaps are real, never zeros: no caseload figure for April or May 2013 while
  the report was rebuilt for Framework-i, and no March 2014 vacancy or agency
  figure yet (the board asked for them in April, action A32).
- Agency social workers has no target in force: the strategy's "down by a
  third by December 2014" is a step that starts then, so the indicator has
  no RAG now, as the paper scorecard shows "-".
- Targets change: re-referrals 23% to a stretch 20% from April 2013, and
  assessments 75% to 80% when the single assessment replaced initial
  assessments on 1 April 2013.
- Comparators are demo values. England's referral, re-referral and child
  protection rates follow the published 2012-13 figures (593,500 referrals;
  43,100 children on plans at 31 March 2013); the assessment and vacancy
  comparators are close approximations, and the statistical neighbour
  averages are invented but plausible. Visits, caseloads, unallocated cases
  and agency numbers have no published comparator and show none.

Pure data; `demo_scorecard` checks it with the domain's validators and
writes it. Figures were recorded by the Head of Performance and Intelligence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from improvement_desk.domain.periods import Frequency, period_label, periods_ending
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    TargetStep,
    Unit,
    target_for,
)
from improvement_desk.services.demo_content import _RAMAN

# April 2012 to March 2014: the months every indicator's `values` run over, oldest first.
MONTHS: tuple[date, ...] = tuple(periods_ending(date(2014, 3, 1), 24, Frequency.MONTHLY))
RECORDED_BY = _RAMAN
CHILDREN = 62_400  # Medway's children aged under 18 (mid-2012 estimate), for the rates


@dataclass(frozen=True, slots=True)
class DemoIndicator:
    """One indicator: its definition, its target steps, one value per month of `MONTHS`
    (None: no figure, a gap) and commentary for some months."""

    draft: IndicatorDraft
    targets: tuple[TargetStep, ...]
    values: tuple[float | None, ...]
    notes: Mapping[date, str] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        return self.draft.reference

    def figures(self) -> list[FigureDraft]:
        """The figures to record: one per month with a value, with its commentary."""
        return [
            FigureDraft(month, value, self.notes.get(month, ""))
            for month, value in zip(MONTHS, self.values, strict=False)
            if value is not None
        ]

    def value(self, month: date) -> float | None:
        return dict(zip(MONTHS, self.values, strict=False)).get(month)


def _m(year: int, month: int) -> date:
    return date(year, month, 1)


_FROM_THE_START = _m(2012, 4)
_SINGLE_ASSESSMENT = _m(2013, 4)
_CENSUS_2013 = "2012-13 published figures (children in need census)"

INDICATORS: tuple[DemoIndicator, ...] = (
    DemoIndicator(
        IndicatorDraft(
            reference="PI01",
            name="Referrals per 10,000 children (rolling 12 months)",
            unit=Unit.RATE_PER_10K,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Referrals to children's social care in the 12 months to the end of the month, "
                "per 10,000 children aged under 18 (62,400). A referral is a contact accepted for "
                "assessment. Lower is better in this board's view: the concern is contacts passed "
                "to social care that did not need it, though a sharp fall would be questioned as "
                "closely as a rise."
            ),
            amber_tolerance=25.0,
            england=520.7,
            statistical_neighbours=556.0,
            comparator_note=_CENSUS_2013,
        ),
        (TargetStep(_FROM_THE_START, 550.0),),
        (
            *(512.4, 518.9, 526.3, 531.7, 540.2, 551.8, 563.5, 574.1, 583.9, 597.2, 606.8, 614.5),
            *(617.9, 619.3, 615.2, 609.6, 603.1, 601.4, 594.7, 588.2, 581.6, 582.3, 576.0, 570.4),
        ),
        {
            _m(2012, 9): (
                "Above the target of 550 for the first time: contacts from schools and the police "
                "are up by a fifth on a year ago, and more of them are accepted as referrals."
            ),
            _m(2013, 3): (
                "614.5 per 10,000, the highest on record, after contacts rose by 18% in 2012-13."
            ),
            _m(2013, 6): (
                "The first fall in the rolling rate since April 2012. The triage pilot redirects "
                "about one contact in four to early help (action 5.1)."
            ),
            _m(2014, 1): (
                "Up slightly: contacts rose to 1,290 after the threshold guidance was launched on "
                "29 January."
            ),
            _m(2014, 3): (
                "The ninth fall in ten months. Out-of-hours contacts will come under triage when "
                "the MASH opens (action 5.2)."
            ),
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI02",
            name="Re-referrals within 12 months (%)",
            unit=Unit.PERCENT,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Referrals in the month for children referred before within the previous 12 "
                "months, as a percentage of all referrals in the month. Lower is better: a high "
                "rate suggests cases closed before help had made a difference. The target became "
                "a stretch target of 20% from April 2013 (action 5.1)."
            ),
            amber_tolerance=3.0,
            england=24.9,
            statistical_neighbours=23.1,
            comparator_note=_CENSUS_2013,
        ),
        (TargetStep(_FROM_THE_START, 23.0), TargetStep(_m(2013, 4), 20.0)),
        (
            *(22.8, 23.5, 23.1, 24.2, 24.9, 25.6, 26.3, 26.1, 27.4, 28.3, 27.9, 27.5),
            *(26.8, 26.1, 25.4, 24.6, 24.3, 23.8, 23.1, 22.4, 21.8, 22.3, 21.6, 21.2),
        ),
        {
            _m(2012, 12): (
                "An audit of 30 re-referrals found most had been closed after an initial "
                "assessment with no plan of help."
            ),
            _m(2013, 1): "28.3%, the highest on record, in the month of the inspection.",
            _m(2013, 4): (
                "27% in the first month from Framework-i; months before April come from ICS and "
                "are not strictly comparable. The target is now 20%."
            ),
            _m(2013, 11): (
                "22%, down from 27% in April, with triage now applied to all contacts in office "
                "hours."
            ),
            _m(2014, 1): "Up half a point with the rise in contacts after the threshold guidance.",
            _m(2014, 3): "21.2%, the lowest in two years but still short of the 20% target.",
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI03",
            name="Assessments completed in timescale (%)",
            unit=Unit.PERCENT,
            polarity=Polarity.HIGHER_IS_BETTER,
            definition=(
                "Assessments completed in the month within timescale, as a percentage of all "
                "assessments completed in the month. Until March 2013, initial assessments within "
                "10 working days of referral; from 1 April 2013, single assessments within 45 "
                "working days, which replaced initial and core assessments (action 4.1). Higher "
                "is better."
            ),
            amber_tolerance=5.0,
            england=75.5,
            statistical_neighbours=73.8,
            comparator_note="Initial assessments within 10 working days, 2012-13",
        ),
        (TargetStep(_FROM_THE_START, 75.0), TargetStep(_SINGLE_ASSESSMENT, 80.0)),
        (
            *(72.4, 71.8, 70.2, 68.9, 69.5, 66.3, 64.1, 62.8, 59.7, 57.4, 60.2, 63.9),
            *(65.2, 67.9, 70.4, 72.6, 77.2, 74.8, 80.9, 81.6, 79.8, 77.9, 79.3, 80.6),
        ),
        {
            _m(2013, 1): (
                "57.4%, the lowest on record: initial assessments wait while cases wait for "
                "allocation."
            ),
            _m(2013, 4): (
                "The first month of the single assessment, with a target of 80% within 45 "
                "working days. Most assessments completed in April were started under the old "
                "process and are counted against their old timescales."
            ),
            _m(2013, 9): "Down with the highest month of contacts on record.",
            _m(2013, 10): (
                "80.9% of the 312 assessments completed in October were within 45 working days; "
                "the audit of 40 of them found 83%."
            ),
            _m(2014, 3): "Back above the 80% target after three months short of it.",
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI04",
            name="Unallocated cases",
            unit=Unit.COUNT,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Open cases without an allocated social worker at the end of the month, from the "
                "allocation report. Cases referred on the last working day and awaiting a "
                "decision are included, so a few are always expected. Lower is better; the "
                "target is a maximum of 20."
            ),
            amber_tolerance=5.0,
        ),
        (TargetStep(_FROM_THE_START, 20.0),),
        (
            *(9, 11, 8, 14, 17, 19, 24, 28, 33, 41, 37, 29),
            *(26, 23, 21, 18, 16, 22, 17, 14, 11, 15, 12, 17),
        ),
        {
            _m(2012, 10): "Above the maximum of 20 for the first time.",
            _m(2013, 1): (
                "41 at the end of January, 28 of them in the safeguarding teams. A team manager "
                "reviews each one weekly until it is allocated."
            ),
            _m(2013, 7): "Within the maximum of 20 for the first time since September 2012.",
            _m(
                2013, 9
            ): "22 after the highest month of contacts on record; all allocated by 9 October.",
            _m(2014, 3): (
                "Up from 12 with three leavers from the safeguarding teams this month; their "
                "cases are being reallocated."
            ),
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI05",
            name="Children on a child protection plan per 10,000",
            unit=Unit.RATE_PER_10K,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Children who are the subject of a child protection plan at the end of the month, "
                "per 10,000 children aged under 18 (62,400). The target of 44.2 is the board's "
                "view of the right level for Medway's need, so the board reads this as closer to "
                "target is better: recorded as lower is better with an amber band of 3.0 above "
                "the target, and a rate well below target is questioned in the commentary."
            ),
            amber_tolerance=3.0,
            england=37.9,
            statistical_neighbours=42.6,
            comparator_note="At 31 March 2013 (children in need census)",
        ),
        (TargetStep(_FROM_THE_START, 44.2),),
        (
            *(41.3, 42.0, 43.1, 43.8, 45.2, 46.4, 47.9, 49.3, 50.6, 52.8, 54.1, 55.6),
            *(54.9, 53.2, 51.4, 49.8, 48.6, 47.1, 45.3, 44.6, 43.9, 44.8, 44.5, 43.8),
        ),
        {
            _m(2013, 3): (
                "55.6 per 10,000 (347 children), the highest on record. The threshold for an "
                "initial conference is not well defined."
            ),
            _m(2013, 7): (
                "Decisions to hold an initial conference are now made by team managers only, and "
                "a team manager attends every initial conference."
            ),
            _m(2013, 12): "43.9: within the target of 44.2 for the first time since July 2012.",
            _m(2014, 1): "A slight rise in January, which the conference chairs are watching.",
            _m(2014, 3): (
                "43.8 (273 children): within target, and not so far below it as to suggest that "
                "children at risk are being missed."
            ),
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI06",
            name="Child protection visits in timescale (%)",
            unit=Unit.PERCENT,
            polarity=Polarity.HIGHER_IS_BETTER,
            definition=(
                "Children with a child protection plan at the end of the month who were visited "
                "by their social worker within the timescale in their plan (at least every 10 "
                "working days), as a percentage of all children with a plan. Higher is better."
            ),
            amber_tolerance=5.0,
        ),
        (TargetStep(_FROM_THE_START, 95.0),),
        (
            *(88.6, 87.9, 86.4, 85.1, 83.7, 84.2, 81.5, 79.8, 77.3, 76.1, 79.4, 82.6),
            *(84.9, 86.3, 87.8, 89.1, 90.4, 91.2, 92.6, 91.8, 92.9, 93.8, 94.6, 95.2),
        ),
        {
            _m(2013, 1): (
                "76.1%: visits are missed where cases wait for allocation or a social worker "
                "leaves."
            ),
            _m(2013, 8): (
                "Above 90% for the first time. Team managers now check overdue visits every week."
            ),
            _m(2014, 1): (
                "93.8% of children with a plan were visited in timescale. The visits missed "
                "include a family who have returned to Eastern Europe; the social worker is "
                "working with the authorities there."
            ),
            _m(2014, 3): "95.2%: the target is met for the first time.",
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI07",
            name="Looked after children's visits in timescale (%)",
            unit=Unit.PERCENT,
            polarity=Polarity.HIGHER_IS_BETTER,
            definition=(
                "Looked after children at the end of the month who were visited by their social "
                "worker within the statutory timescale, as a percentage of all looked after "
                "children. Higher is better; the target of 90% is the measure of action 4.6."
            ),
            amber_tolerance=5.0,
        ),
        (TargetStep(_FROM_THE_START, 90.0),),
        (
            *(87.4, 85.9, 88.1, 84.6, 83.2, 85.7, 82.4, 80.9, 79.6, 81.8, 83.5, 84.1),
            *(86.7, 85.2, 88.9, 87.1, 84.8, 89.6, 90.3, 88.7, 86.4, 86.1, 88.3, 87.2),
        ),
        {
            _m(
                2012, 12
            ): "79.6%, the lowest on record, with two vacancies in the looked after team.",
            _m(2013, 8): "Down with summer leave in the leaving care team.",
            _m(2013, 10): "90.3%: the target is met for the first time.",
            _m(2013, 12): (
                "Sickness in the leaving care team: the visits that slipped were to young people "
                "settled in long-term placements, where the statutory duty still applies."
            ),
            _m(2014, 1): (
                "86%, below the 90% target. A weekly report now shows managers each visit falling "
                "due and each one missed."
            ),
            _m(2014, 2): (
                "88.3%. The adolescent intervention team and the youth offending service are "
                "helping the leaving care team with visits."
            ),
            _m(2014, 3): (
                "Performance still moves from month to month: only October has reached the 90% "
                "target."
            ),
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI08",
            name="Average caseload, safeguarding teams",
            unit=Unit.COUNT,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Children allocated per full-time social worker in the safeguarding teams at the "
                "end of the month. Lower is better; the target is 20. Until March 2013 from ICS, "
                "from June 2013 from Framework-i: there are no figures for April and May 2013, "
                "while the caseload report was rebuilt."
            ),
            amber_tolerance=2.0,
        ),
        (TargetStep(_FROM_THE_START, 20.0),),
        (
            *(19.6, 19.9, 20.4, 21.2, 21.9, 22.8, 23.9, 24.6, 25.3, 26.8, 27.4, 27.1),
            *(None, None, 26.2, 24.8, 23.1, 21.3, 20.4, 20.9, 20.2, 21.1, 21.7, 22.4),
        ),
        {
            _m(
                2013, 1
            ): "26.8: the safeguarding teams hold cases waiting for transfer as well as their own.",
            _m(2013, 3): (
                "The last figure from ICS. The caseload report has to be rebuilt for Framework-i, "
                "so there will be no figure for April or May."
            ),
            _m(
                2013, 6
            ): "The first figure from Framework-i. 11 social workers hold more than 30 children.",
            _m(2013, 8): (
                "Two agency social workers joined the safeguarding teams, and the review of cases "
                "open for more than six months has closed 64."
            ),
            _m(
                2013, 12
            ): "Counted by hand until the Framework-i workload report is released (action 3.5).",
            _m(2014, 3): (
                "Hand count: six social workers hold more than 28 children, and three leave this "
                "month."
            ),
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI09",
            name="Social worker vacancy rate (%)",
            unit=Unit.PERCENT,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Vacant social worker posts (FTE) as a percentage of the funded establishment at "
                "the end of the month; posts covered by agency staff count as vacant. Lower is "
                "better. Figures for 2012-13 were reconstructed from payroll records when the "
                "baseline was set in April 2013 (action 2.1)."
            ),
            amber_tolerance=5.0,
            england=15.0,
            statistical_neighbours=16.5,
            comparator_note="At 30 September 2013 (children's social work workforce census)",
        ),
        (TargetStep(_FROM_THE_START, 10.0),),
        (
            *(14.8, 15.3, 16.1, 17.4, 18.2, 19.0, 20.3, 21.1, 22.4, 23.6, 24.4, 24.9),
            *(23.2, 21.9, 20.3, 18.1, 17.3, 16.8, 16.2, 17.02, 17.8, 18.1, 19.2, None),
        ),
        {
            _m(
                2012, 4
            ): "Reconstructed from payroll records when the baseline was set in April 2013.",
            _m(2013, 3): "24.9%, the highest on record, two months after the inspection.",
            _m(2013, 4): (
                "23.2% at the end of April; 34 of 142 posts were vacant at the 1 April baseline. "
                "Market supplement paid from 1 April (action 2.2)."
            ),
            _m(2013, 7): "18.1%, the lowest since the baseline.",
            _m(2013, 10): (
                "16.2%, the lowest this year. Seven offers made at the October assessment centre."
            ),
            _m(2013, 11): (
                "24.0 FTE vacant against an establishment of 141.0 FTE: 17.02%. Two of October's "
                "candidates withdrew when the pay and grading review was delayed."
            ),
            _m(
                2014, 2
            ): "19.2%, up from 16.8% in September, after leavers from the safeguarding teams.",
        },
    ),
    DemoIndicator(
        IndicatorDraft(
            reference="PI10",
            name="Agency social workers in post",
            unit=Unit.COUNT,
            polarity=Polarity.LOWER_IS_BETTER,
            definition=(
                "Agency social workers (headcount) working in children's social care at the end "
                "of the month, from the HR agency report (action 2.3). Lower is better. The "
                "recruitment and retention strategy aims to cut agency use by a third, to 24, by "
                "December 2014; no target is in force before then."
            ),
        ),
        (TargetStep(_m(2014, 12), 24.0),),
        (
            *(21, 22, 22, 24, 25, 27, 28, 30, 31, 34, 36, 37),
            *(36, 35, 34, 33, 31, 31, 31, 32, 33, 33, 34, None),
        ),
        {
            _m(
                2012, 4
            ): "Reconstructed from agency invoices when the baseline was set in April 2013.",
            _m(2013, 1): "34, up from 21 in April 2012, covering vacancies and long-term sickness.",
            _m(2013, 4): "36 at the baseline. Agency bookings are made through HR from 1 April.",
            _m(2013, 8): "31, down from 36 in April, as permanent appointments start.",
            _m(2014, 2): "Back up to 34 to cover leavers in the safeguarding teams.",
        },
    ),
)

BY_REFERENCE: dict[str, DemoIndicator] = {i.reference: i for i in INDICATORS}


def whole(value: float | None) -> str:
    """A figure rounded half up to a whole number, as the board's paper tables print it
    ("" for a gap): 26.8 is "27" and 17.02 is "17"."""
    if value is None:
        return ""
    return f"{Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def paper_row(reference: str, months: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """The target (in force in the first month) and the rounded figures for the paper
    scorecard's months ("Apr 2013" …), so the papers quote the scorecard."""
    indicator = BY_REFERENCE[reference]
    by_label = {period_label(m, Frequency.MONTHLY): m for m in MONTHS}
    periods = [by_label[label] for label in months]
    target = target_for(indicator.targets, periods[0])
    return whole(target), tuple(whole(indicator.value(p)) for p in periods)
