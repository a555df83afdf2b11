"""Demo content: the risk register of the demo board, a year of reviews as at 31 March 2014.

The risks are the ones an improvement board after an inadequate inspection
carries (workforce, the front door, recording, partners, pace, data), worded
the way council registers word them: cause, event and effect, a 5x5 score,
controls, a target and an owner. Their reviews tell the same story as the
action plan in `demo_content`: the same dates, meetings and figures, so a
risk's commentary and its mitigating actions' updates agree. Figures not in
the source reports are invented and modest; no child is ever named.

The register is shaped to show every state a user should meet: scores in
each band, three above the board's appetite of 12, worsening, improving and
unchanged risks, reviews overdue and due, one risk escalated, one closed, one
without a target and one with no mitigating action. Pure data; `demo_risks`
checks it against the domain's rules when it loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from improvement_desk.domain.risk import Proximity, ReviewFrequency, RiskStatus
from improvement_desk.services.demo_content import (
    _BRAZIL,
    _COLES,
    _CROSS,
    _HOLLIS,
    _MITCHELL,
    _OKAFOR,
    _PEACOCK,
    _QUIRKE_THORNTON,
    _RAMAN,
    _WATSON,
    _WHITFIELD,
)


@dataclass(frozen=True, slots=True)
class DemoReview:
    on: date
    likelihood: int
    impact: int
    commentary: str
    reviewer: str


@dataclass(frozen=True, slots=True)
class DemoRisk:
    """One risk. `reviews` run oldest first; the first is the assessment made the day it was
    raised, and the last gives the current score. `mitigations` are plan action references."""

    reference: str
    title: str
    cause: str
    event: str
    effect: str
    category: str
    owner: str
    date_raised: date
    inherent: tuple[int, int]
    controls: str
    target: tuple[int, int] | None
    target_date: date | None
    status: RiskStatus
    proximity: Proximity | None
    review_frequency: ReviewFrequency
    reviews: tuple[DemoReview, ...]
    mitigations: tuple[str, ...] = ()
    # None: the review cycle sets it from the last review, as recording a review does.
    next_review: date | None = None


_R1 = DemoRisk(
    reference="R1",
    title="Recruitment and retention of social workers",
    cause=(
        "A national shortage of experienced children's social workers, neighbouring authorities "
        "paying more, and Medway's reputation after the inadequate judgement in January 2013."
    ),
    event=(
        "The council cannot recruit and keep enough permanent qualified social workers and "
        "continues to rely on agency staff to fill vacant posts."
    ),
    effect=(
        "Children experience frequent changes of social worker, caseloads stay high, practice "
        "improvements do not embed and agency costs overspend the budget."
    ),
    category="Workforce",
    owner=_HOLLIS,
    date_raised=date(2013, 4, 8),
    inherent=(5, 4),
    controls=(
        "Market supplement for social workers in the referral and assessment and safeguarding "
        "teams since 1 April 2013; agency bookings made only through HR; open rolling advert with "
        "a ready interview panel; monthly workforce report to the Programme Board; exit interview "
        "for every leaver."
    ),
    target=(2, 4),
    target_date=date(2014, 12, 31),
    status=RiskStatus.OPEN,
    proximity=Proximity.IMMINENT,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 8),
            4,
            4,
            (
                "First assessment when the risk was raised at the Programme Board. Baseline: 34 of "
                "142 social worker posts vacant (24%) and 36 agency social workers in post. Market "
                "supplement paid from 1 April."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 5, 13),
            4,
            4,
            (
                "Vacancy rate 23%. Nine leavers in April, six of them from the safeguarding teams; "
                "exit interviews cite workload and travel between sites. The rolling advert has "
                "brought 11 applications and four appointments."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 6, 17),
            4,
            4,
            (
                "Vacancy rate 22%. The recruitment and retention strategy needs redrafting after "
                "the staff focus groups (action 2.4); new date going to the Improvement Board on "
                "19 June. Score unchanged."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 7, 15),
            4,
            4,
            (
                "Vacancy rate 20% in June. Four newly qualified social workers start in September. "
                "Agency specifications for permanent recruitment (action 2.5) still not "
                "satisfactory on cost, quality or ability to deliver."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 8, 19),
            3,
            4,
            (
                "Vacancy rate 18% in July, the lowest since the baseline; agency social workers "
                "down to 33. Likelihood reduced to 3 – Possible. Impact stays at 4 while caseloads "
                "in the safeguarding teams remain high. Reviewed by the Assistant Director while "
                "the owner was on leave."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 9, 16),
            3,
            4,
            (
                "Vacancy rate 17% in August. 31 agency social workers in post, against 36 in "
                "April. Exit interviews held with 17 of 20 leavers between May and August (85%)."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 10, 21),
            3,
            4,
            (
                "Vacancy rate 17% in September. Approval of the strategy is held until the "
                "council's pay and grading review reports in November; the Improvement Board will "
                "be asked for a January date on 23 October."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 11, 18),
            3,
            4,
            (
                "Vacancy rate 16% in October. Seven offers made at the October assessment centre; "
                "two candidates withdrew when the pay and grading review was delayed."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2013, 12, 16),
            3,
            4,
            (
                "Vacancy rate 17% in November. Revised specification for permanent recruitment "
                "through an agency to be issued in January. Winter cover agreed for the duty rota."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2014, 1, 20),
            3,
            4,
            (
                "Vacancy rate 18% in December after six leavers in the quarter, four of them with "
                "two to five years' experience. The Cabinet cycle has moved, so action 2.4 will "
                "miss its January date."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2014, 2, 17),
            3,
            4,
            (
                "The only response to the revised agency specification was withdrawn on 10 "
                "February (action 2.5). Vacancy rate 18% in January. Score held until the February "
                "figures are in."
            ),
            _HOLLIS,
        ),
        DemoReview(
            date(2014, 3, 18),
            4,
            4,
            (
                "Vacancy rate 19% in February, up from 17% in September, and agency social workers "
                "back up to 34. Likelihood raised to 4 – Likely. Strategy agreed by the Programme "
                "Board on 27 February and going to Cabinet in April. Above the board's appetite: "
                "to be reported to the Improvement Board on 16 April."
            ),
            _HOLLIS,
        ),
    ),
    mitigations=("2.2", "2.3", "2.4", "2.5", "2.7"),
)

_R2 = DemoRisk(
    reference="R2",
    title="Capacity of the front door to manage contacts and referrals",
    cause=(
        "Contacts to children's social care rose by 18% in 2012–13, partners are not yet "
        "confident in applying thresholds, and out-of-hours contacts are screened separately "
        "from daytime ones."
    ),
    event=(
        "The First Response service cannot screen contacts and make threshold decisions within "
        "24 hours, and the MASH is not ready in time to share the load with partners."
    ),
    effect=(
        "Children at risk of significant harm wait for a decision, families who need early help "
        "are passed to social care, re-referrals stay high and social workers' caseloads rise."
    ),
    category="Front door and demand",
    owner=_OKAFOR,
    date_raised=date(2013, 5, 13),
    inherent=(5, 4),
    controls=(
        "Duty manager checks every contact awaiting a decision each day; triage of all "
        "office-hours contacts with the CAF co-ordinator since November 2013; weekly front door "
        "report to the Head of First Response and Assessment; MASH operational group meets "
        "fortnightly."
    ),
    target=(2, 3),
    target_date=date(2014, 9, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.IMMINENT,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 5, 13),
            4,
            4,
            (
                "First assessment when the risk was raised at the Programme Board. 1,160 contacts "
                "in April; 27% of referrals were re-referrals within 12 months. Triage pilot went "
                "live on 29 April."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 6, 17),
            4,
            4,
            (
                "1,210 contacts in May. 71% of contacts decided within 24 hours against the 95% "
                "standard. Pilot evaluation due at the end of June."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 7, 22),
            3,
            4,
            (
                "Pilot evaluated: about one in four contacts redirected to early help, and the "
                "roll-out plan agreed. 78% of contacts decided within 24 hours in June. Likelihood "
                "reduced to 3 while triage is rolled out."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 8, 19),
            3,
            4,
            (
                "MASH operational group formed on 30 July with Kent Police, NHS Medway CCG and "
                "schools. 81% of contacts decided within 24 hours in July."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 9, 23),
            3,
            4,
            (
                "Contacts fell to 980 in August, as usual in the school holidays. A rise is "
                "expected in September; two agency social workers added to the duty rota until "
                "December."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 10, 21),
            4,
            4,
            (
                "1,340 contacts in September, the highest month on record, after schools returned. "
                "Decisions within 24 hours down to 74%. Likelihood raised to 4."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 11, 18),
            4,
            4,
            (
                "Information-sharing agreement out for signature. MASH accommodation works will not "
                "finish before February, so action 5.2 will miss its January target."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2013, 12, 16),
            3,
            4,
            (
                "Triage now applied to all office-hours contacts. Re-referral rate 22% in November, "
                "down from 27% in April; 86% of contacts decided within 24 hours. Likelihood back "
                "to 3."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2014, 1, 20),
            3,
            4,
            (
                "The Improvement Board agreed on 4 December to move the MASH to June 2014. 1,050 "
                "contacts in December. A police researcher now sits with the duty team two days a "
                "week until the MASH opens."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2014, 2, 17),
            3,
            4,
            (
                "Contacts up to 1,290 in January after the threshold guidance was launched on 29 "
                "January; 84% decided within 24 hours. Agreement signed by all partners except one "
                "health provider."
            ),
            _OKAFOR,
        ),
        DemoReview(
            date(2014, 3, 19),
            3,
            4,
            (
                "1,240 contacts in February; 85% decided within 24 hours. Works now due to finish "
                "in May, with a soft launch of the MASH in June. Out-of-hours contacts are still "
                "outside triage. Score unchanged; health input to the MASH is tracked under R14."
            ),
            _OKAFOR,
        ),
    ),
    mitigations=("3.4", "5.1", "5.2"),
)

_R3 = DemoRisk(
    reference="R3",
    title="Quality of case recording during the move to Framework-i",
    cause=(
        "Framework-i replaces the old case management system on 2 April 2013, the same day as the "
        "single assessment, and staff are learning new workflows while carrying high caseloads."
    ),
    event=(
        "Case records are incomplete, late or filed in the wrong place during and after the data "
        "migration, and managers cannot see the up-to-date history of a child's case."
    ),
    effect=(
        "Decisions about children are made without their full history, the work done with "
        "families is not evidenced, and the service cannot show Ofsted the improvement it has "
        "made."
    ),
    category="Systems and data",
    owner=_MITCHELL,
    date_raised=date(2013, 3, 27),
    inherent=(4, 4),
    controls=(
        "Trial data migration checked before go-live; floor-walkers in every team for the first "
        "eight weeks; recording standards issued in June 2013; monthly check of case notes "
        "recorded within five working days; Framework-i user group meets monthly."
    ),
    target=(2, 2),
    target_date=date(2014, 9, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.NEAR,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 3, 27),
            4,
            4,
            (
                "First assessment when the risk was raised at the first Improvement Board. Trial "
                "migration complete and 91% of staff trained so far. Go-live fixed for 2 April."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 4, 24),
            4,
            4,
            (
                "Framework-i went live on 2 April as scheduled. 312 calls to the helpdesk in the "
                "first three weeks; 40 migrated documents found filed against the wrong child and "
                "corrected."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 5, 22),
            4,
            3,
            (
                "Helpdesk calls down to 60 a week. Migration checks complete and no records lost. "
                "Impact reduced to 3 now that the full history can be seen on every migrated case."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 6, 19),
            3,
            3,
            (
                "Floor-walking support ended on 7 June with no priority-one faults outstanding. "
                "Recording standards to be issued to all teams by the end of June. Likelihood "
                "reduced to 3."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 7, 24),
            3,
            3,
            (
                "Recording standards issued on 28 June. First timeliness check: 64% of case notes "
                "recorded within five working days in June."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 9, 25),
            3,
            3,
            (
                "68% within five working days in August. Refresher sessions booked for every team "
                "in October and November."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 10, 30),
            3,
            3,
            (
                "September check: 71% within five working days, with the safeguarding teams "
                "lowest at 62%."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 11, 27),
            3,
            3,
            (
                "74% in October. Audits still find the case summary not updated after a key event "
                "in about a third of files."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 12, 18),
            3,
            3,
            "Refresher training complete in 11 of 14 teams. 76% within five working days in November.",
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 1, 22),
            3,
            3,
            (
                "78% in December despite the holiday period. The 'management oversight' case note "
                "was used in 74% of audited files (action 6.4)."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 2, 19),
            3,
            3,
            ("80% in January. Case summaries updated after key events in 77% of audited files."),
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 3, 10),
            2,
            3,
            (
                "82% within five working days in February, still short of the 90% standard; the "
                "safeguarding teams lag because of caseload pressure. Audits find summaries and "
                "chronologies mostly up to date. Likelihood reduced to 2 – Unlikely."
            ),
            _MITCHELL,
        ),
    ),
    mitigations=("3.1", "3.2", "6.4"),
)

_R4 = DemoRisk(
    reference="R4",
    title="Partner engagement and understanding of thresholds",
    cause=(
        "Police, health and schools apply the threshold for social care differently, the MSCB's "
        "threshold guidance predates Working Together 2013, and partners' attendance at child "
        "protection meetings is inconsistent."
    ),
    event=(
        "Partners do not engage fully with the improvement plan, refer children who do not need a "
        "social care response and miss children who do, and do not attend strategy discussions "
        "and conferences."
    ),
    effect=(
        "Inappropriate contacts add to demand at the front door, children's needs are met late or "
        "not at all, and multi-agency plans lack the partners who know the family best."
    ),
    category="Partnerships",
    owner=_BRAZIL,
    date_raised=date(2013, 5, 8),
    inherent=(4, 5),
    controls=(
        "Health, police and schools represented at every Improvement Board; MSCB escalation "
        "policy; monthly police and health attendance figures for strategy discussions and "
        "initial conferences; MSCB multi-agency dataset reported quarterly."
    ),
    target=(2, 3),
    target_date=date(2014, 9, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.NEAR,
    review_frequency=ReviewFrequency.BIMONTHLY,
    reviews=(
        DemoReview(
            date(2013, 5, 8),
            4,
            4,
            (
                "First assessment when the risk was raised at the Improvement Board. Eleanor "
                "Brazil became Independent Chair of the MSCB on 1 May. Audit of April contacts: "
                "46% of those from schools did not meet the threshold for social care."
            ),
            _BRAZIL,
        ),
        DemoReview(
            date(2013, 7, 3),
            4,
            4,
            (
                "Police attendance at initial conferences 79% in June. Draft threshold guidance to "
                "go to partners for comment in July. The external review of the MSCB reports at "
                "the end of the month."
            ),
            _BRAZIL,
        ),
        DemoReview(
            date(2013, 9, 4),
            4,
            4,
            (
                "External review reported in July and all 11 recommendations accepted. Attendance "
                "at initial conferences in July: police 84%, health 71%."
            ),
            _BRAZIL,
        ),
        DemoReview(
            date(2013, 10, 30),
            4,
            4,
            (
                "Partners asked for clearer examples and the escalation policy in full. Guidance "
                "being redrafted to fit Working Together 2013; launch moved to January. Score "
                "unchanged."
            ),
            _BRAZIL,
        ),
        DemoReview(
            date(2013, 12, 11),
            4,
            4,
            (
                "Police attendance 93% in November and the Kent Police & Crime Commissioner's "
                "office briefed on the plan. Health attendance still 72%. Six of the 11 review "
                "recommendations complete. Score held until the guidance is launched."
            ),
            _BRAZIL,
        ),
        DemoReview(
            date(2014, 1, 29),
            3,
            4,
            (
                "Threshold guidance launched at the MSCB today with every agency present; twelve "
                "multi-agency training sessions booked for February to July. Police attendance "
                "above 90% for three months. Likelihood reduced to 3. Health and police measures "
                "are still missing from the MSCB dataset."
            ),
            _BRAZIL,
        ),
    ),
    mitigations=("5.4", "5.5", "7.1", "7.3"),
)

_R5 = DemoRisk(
    reference="R5",
    title="Pace of improvement does not satisfy Ofsted and the DfE",
    cause=(
        "The January 2013 inspection judged arrangements for the protection of children "
        "inadequate and found the pace of improvement too slow; the DfE's improvement notice sets "
        "out what the council must achieve."
    ),
    event=(
        "Improvement is not fast enough, or not evidenced in children's outcomes, by the DfE's "
        "reviews of the improvement notice and the next Ofsted inspection."
    ),
    effect=(
        "A further inadequate judgement, intervention by the Secretary of State, loss of "
        "confidence among staff and partners, and continued harm to children."
    ),
    category="Leadership and pace",
    owner=_PEACOCK,
    date_raised=date(2013, 4, 8),
    inherent=(4, 5),
    controls=(
        "Improvement Board with an independent chair and an external DCS every six weeks; "
        "Programme Board monthly under the Chief Executive; action plan rated BRAG with evidence "
        "of impact; progress reports to Cabinet and scrutiny; DfE adviser attends the Improvement "
        "Board."
    ),
    target=(2, 5),
    target_date=date(2015, 3, 31),
    status=RiskStatus.OPEN,
    proximity=Proximity.MEDIUM_TERM,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 8),
            4,
            5,
            (
                "First assessment when the risk was raised at the Programme Board, after the first "
                "Improvement Board on 27 March. DfE improvement notice received and the action "
                "plan agreed with the DfE."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 5, 13),
            4,
            5,
            (
                "Three-month update goes to Cabinet on 23 May. An additional £1.1m for children's "
                "social care agreed, including £350,000 for safeguarding improvement."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 6, 17),
            4,
            5,
            (
                "Two actions ready for closure at the 19 June board, which will also be asked to "
                "move the dates of actions 2.4 and 3.6. The chair asked for evidence of impact "
                "rather than activity in every update."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 7, 22),
            3,
            5,
            (
                "Deputy Director and Assistant Director now in post. The first DfE review meeting "
                "on 9 July noted strong governance but limited evidence of impact. Likelihood "
                "reduced to 3."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 9, 16),
            3,
            5,
            (
                "Five actions closed as Blue. Early audits of single assessments and strategy "
                "discussions show improvement; workforce actions and the process map are behind."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2013, 10, 21),
            3,
            5,
            (
                "DfE six-monthly review on 15 October acknowledged progress, with concern about "
                "the pace of the recruitment strategy and the MASH."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 11, 18),
            3,
            5,
            (
                "Ofsted's single inspection framework takes effect on 19 November; re-inspection "
                "could come at any time from spring 2014. Self-assessment against the new "
                "judgements started."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 12, 16),
            3,
            5,
            (
                "Six-month report taken to Cabinet and scrutiny. The 4 December board moved the "
                "MASH target to June 2014."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2014, 1, 20),
            3,
            5,
            (
                "First quarterly audit report goes to the January board: audited cases rated good "
                "or adequate up from 54% in July to 66% in December."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2014, 2, 17),
            3,
            5,
            (
                "Peer challenge visit by the external DCS on 11–12 February, run like a monitoring "
                "visit, found stronger management oversight but inconsistent recording in the "
                "safeguarding teams."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2014, 3, 20),
            3,
            5,
            (
                "10 of 39 actions closed as Blue; six are past their target date. The Improvement "
                "Board on 5 March judged progress steady but not yet secure. Second DfE review due "
                "in April. Score unchanged and still above appetite."
            ),
            _PEACOCK,
        ),
    ),
    mitigations=("1.1", "1.2", "1.4"),
)

_R6 = DemoRisk(
    reference="R6",
    title="Accuracy and timeliness of performance information",
    cause=(
        "Reports from Framework-i are new and untested, team managers have no live view of their "
        "own teams' cases, and several measures are still calculated by hand."
    ),
    event=(
        "Performance information reaching managers, the Programme Board and the Improvement Board "
        "is late, incomplete or wrong."
    ),
    effect=(
        "The board cannot judge whether improvement is real, managers cannot act on drift in "
        "children's cases, and inaccurate figures are reported to the DfE and Ofsted."
    ),
    category="Systems and data",
    owner=_RAMAN,
    date_raised=date(2013, 4, 8),
    inherent=(4, 4),
    controls=(
        "The performance and intelligence hub checks every measure before publication; monthly "
        "scorecard with definitions and regional comparison; data quality exceptions sent to team "
        "managers weekly."
    ),
    target=(2, 3),
    target_date=date(2014, 6, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.NEAR,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 8),
            4,
            3,
            (
                "First assessment when the risk was raised at the Programme Board. Framework-i "
                "went live on 2 April; no management reports until the first month's data has "
                "been checked."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 5, 13),
            4,
            3,
            (
                "First dashboards in use and the hub almost fully staffed. Seven scorecard "
                "measures still calculated by hand from Framework-i extracts."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 6, 17),
            3,
            3,
            (
                "Medway has joined the SE Region benchmarking club. Four of the nine reporting "
                "faults logged at go-live fixed. Likelihood reduced to 3."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 7, 22),
            3,
            3,
            (
                "Dashboard requirements agreed with team managers: child protection visits, "
                "assessments and supervision first (action 6.3)."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 9, 23),
            3,
            3,
            (
                "Monthly scorecard now reaches the board within ten working days, with regional "
                "comparison for 12 of 18 measures."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 10, 21),
            3,
            4,
            (
                "Supervision compliance was reported as 68%, but the figure counts staff on "
                "sickness or maternity leave, so the board has seen a misleading figure. Impact "
                "raised to 4 until the tool is amended (action 6.2)."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 11, 18),
            4,
            3,
            (
                "The scorecard now footnotes the supervision figure, so impact back to 3. "
                "Likelihood raised to 4: the reporting tool licence is not bought and procurement "
                "is waiting for the corporate ICT contract review."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2013, 12, 16),
            4,
            3,
            (
                "Supplier cannot release the change to the supervision form before April. Team "
                "managers still rely on a weekly spreadsheet for their own cases."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2014, 1, 20),
            4,
            3,
            (
                "No licence yet; the ICT contract review reports in March. Statistical neighbour "
                "figures now shown for every published measure."
            ),
            _RAMAN,
        ),
        DemoReview(
            date(2014, 2, 14),
            4,
            3,
            (
                "Still no licence, so the team dashboards are six weeks past their December "
                "target and action 6.3 is red. The Improvement Board will be asked on 5 March to unblock the "
                "funding."
            ),
            _RAMAN,
        ),
    ),
    mitigations=("3.3", "6.2", "6.3"),
)

_R7 = DemoRisk(
    reference="R7",
    title="Social worker caseloads in the safeguarding teams",
    cause=(
        "Vacancies, the rise in contacts and referrals, and cases held open without a clear plan."
    ),
    event=(
        "Caseloads in the safeguarding teams stay above the level at which social workers can "
        "visit children, record their work and reflect on it properly."
    ),
    effect=(
        "Visits and conferences are missed or late, the quality of assessments and plans falls, "
        "and social workers leave, which raises caseloads further."
    ),
    category="Workforce",
    owner=_WATSON,
    date_raised=date(2013, 7, 24),
    inherent=(5, 4),
    controls=(
        "Monthly caseload report by team; team managers review every case open for more than six "
        "months; agency cover agreed for vacancies in the safeguarding teams; interim ceiling of "
        "20 children per social worker agreed with the unions until the workload tool is ready."
    ),
    target=(2, 3),
    target_date=date(2014, 9, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.IMMINENT,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 7, 24),
            4,
            4,
            (
                "First assessment when the risk was raised by the new Assistant Director. Average "
                "caseload in the safeguarding teams is 26 children; 11 social workers hold more "
                "than 30."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 8, 28),
            4,
            4,
            (
                "Average 25. The review of cases open for more than six months has closed 64 "
                "cases. Reading's workload model is being tested in one safeguarding team (action "
                "3.5)."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 9, 25),
            3,
            4,
            (
                "Average 23 after two agency social workers joined the safeguarding teams. "
                "Likelihood reduced to 3."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 10, 23),
            3,
            3,
            (
                "Average 21 and no social worker above 28. Impact reduced to 3 while visits to "
                "children with child protection plans stay above 90% in timescale."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 11, 27),
            3,
            3,
            (
                "Average 20. Staff and unions support the proposed weightings, but counting by "
                "hand is too slow to run every month."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2013, 12, 18),
            3,
            3,
            (
                "Average 21. A Framework-i report is needed before the workload tool can be rolled "
                "out; new date to the January board."
            ),
            _WATSON,
        ),
        DemoReview(
            date(2014, 1, 22),
            3,
            3,
            "Average 20 in December. The board agreed a May date for the workload tool today.",
            _WATSON,
        ),
        DemoReview(
            date(2014, 2, 26),
            3,
            3,
            ("Average 21 in January. Three leavers from the safeguarding teams expected in March."),
            _WATSON,
        ),
        DemoReview(
            date(2014, 3, 21),
            4,
            3,
            (
                "Hand count shows an average of 22 children in the safeguarding teams, with six "
                "social workers above 28. Three leavers this month and a vacancy rate of 19% point "
                "to further rises. Likelihood raised to 4."
            ),
            _WATSON,
        ),
    ),
    mitigations=("2.4", "3.5"),
)

_R8 = DemoRisk(
    reference="R8",
    title="Management oversight and supervision of frontline practice",
    cause=(
        "Ofsted found frontline management oversight weak; many team managers are new to the "
        "role and supervision has focused on case management rather than reflection."
    ),
    event=(
        "Supervision does not happen when it is due or does not challenge practice, and managers' "
        "decisions are not recorded on children's files."
    ),
    effect=(
        "Drift and delay in children's plans go unnoticed, risks to children are not reassessed, "
        "and social workers do not develop."
    ),
    category="Practice quality",
    owner=_WHITFIELD,
    date_raised=date(2013, 4, 10),
    inherent=(4, 4),
    controls=(
        "Supervision policy requires monthly supervision; compliance reported monthly by team; "
        "management development course with 1:1 coaching; 'management oversight' case note in "
        "Framework-i."
    ),
    target=(2, 2),
    target_date=date(2014, 6, 30),
    status=RiskStatus.OPEN,
    proximity=Proximity.NEAR,
    review_frequency=ReviewFrequency.BIMONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 10),
            4,
            4,
            (
                "First assessment when the risk was raised. February supervision audit: "
                "reflective discussion recorded in 40% of sessions. Management development course "
                "running since February."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2013, 6, 12),
            3,
            4,
            (
                "Course very well received and 1:1 coaching offered to every manager. Likelihood "
                "reduced to 3."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2013, 8, 14),
            3,
            4,
            (
                "All 22 team and practice managers completed the course in July. 'Management "
                "oversight' case note added to Framework-i."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2013, 10, 16),
            3,
            3,
            (
                "September audit: reflective discussion recorded in 73% of sessions. Reported "
                "supervision compliance of 68% understates the position because staff on leave "
                "are counted. Impact reduced to 3."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2013, 12, 11),
            3,
            3,
            (
                "Supplier cannot change the supervision form before April. Re-audit of the reasons "
                "for key decisions (49% at the June baseline) under way."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2014, 2, 12),
            2,
            3,
            (
                "Reasons for key decisions recorded in 74% of audited files, up from 49%. "
                "Supervision compliance adjusted by hand for staff on leave: about 79% in January. "
                "Likelihood reduced to 2."
            ),
            _WHITFIELD,
        ),
    ),
    mitigations=("6.1", "6.2", "6.4", "6.5"),
)

_R9 = DemoRisk(
    reference="R9",
    title="Sufficiency of local placements for looked after children",
    cause=(
        "The number of children looked after has risen since the inspection, Medway has too few "
        "in-house foster carers for teenagers and sibling groups, and independent fostering "
        "agencies place children outside Medway."
    ),
    event="The council cannot find a suitable local placement when a child needs to come into care.",
    effect=(
        "Children are placed far from family, school and friends, placements break down, visits "
        "and reviews are harder to keep in timescale, and placement costs rise."
    ),
    category="Front door and demand",
    owner=_CROSS,
    date_raised=date(2013, 6, 14),
    inherent=(4, 4),
    controls=(
        "Weekly placements panel chaired by the Looked After Children manager; foster carer "
        "recruitment campaign; placement moves reported to the Corporate Parenting Board."
    ),
    target=None,
    target_date=None,
    status=RiskStatus.OPEN,
    proximity=Proximity.MEDIUM_TERM,
    review_frequency=ReviewFrequency.QUARTERLY,
    reviews=(
        DemoReview(
            date(2013, 6, 14),
            3,
            3,
            (
                "First assessment when the risk was raised after the Core Assets diagnostic review "
                "of services for looked after children. 412 children looked after; 41 placed more "
                "than 20 miles from Medway."
            ),
            _CROSS,
        ),
        DemoReview(
            date(2013, 9, 13),
            3,
            4,
            (
                "431 children looked after. Only four in-house foster carers approved since April "
                "against a target of 12. Impact raised to 4 after two placement breakdowns for "
                "teenagers placed out of area in August."
            ),
            _CROSS,
        ),
        DemoReview(
            date(2013, 12, 13),
            3,
            4,
            (
                "446 children looked after. No action in the improvement plan addresses "
                "sufficiency; the Programme Board has been asked to add one or to hold the risk on "
                "the directorate register."
            ),
            _CROSS,
        ),
        DemoReview(
            date(2014, 3, 7),
            3,
            4,
            (
                "452 children looked after; 47 placed more than 20 miles away. Sufficiency "
                "strategy drafted for Cabinet in June; a target score will be set once it is "
                "agreed. Still no plan action linked."
            ),
            _CROSS,
        ),
    ),
    mitigations=(),
)

_R10 = DemoRisk(
    reference="R10",
    title="Stability of senior leadership in children's social care",
    cause=(
        "Key senior posts, including the Assistant Director for Children's Social Care and the "
        "Assistant Director for Partnership Commissioning, are held by interim managers."
    ),
    event=(
        "The council cannot appoint permanent senior managers, or loses them, during the "
        "improvement programme."
    ),
    effect=(
        "Direction and accountability change with each interim, staff and partners lose "
        "confidence, and improvement stalls."
    ),
    category="Leadership and pace",
    owner=_PEACOCK,
    date_raised=date(2013, 4, 8),
    inherent=(4, 4),
    controls=(
        "Permanent recruitment to every senior post led by the Director; Deputy Director post "
        "agreed by Full Council; a handover plan for every interim."
    ),
    target=(1, 4),
    target_date=date(2013, 9, 30),
    status=RiskStatus.CLOSED,
    proximity=Proximity.IMMINENT,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 8),
            4,
            4,
            (
                "First assessment when the risk was raised at the Programme Board. Jo Cross "
                "started as permanent manager for Looked After Children on 1 April; both Assistant "
                "Director posts are held by interims."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 5, 13),
            3,
            4,
            (
                "Full Council agreed the Deputy Director post and David Quirke-Thornton's "
                "appointment on 25 April. Phil Watson appointed Assistant Director for Children's "
                "Social Care, joining on 8 July. Likelihood reduced to 3."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 6, 17),
            3,
            4,
            (
                "Offer accepted for the Assistant Director for Partnership Commissioning, starting "
                "in August. The interim Assistant Director's contract extended to 12 July for a "
                "handover."
            ),
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 7, 15),
            2,
            4,
            "Phil Watson joined on 8 July and the handover from the interim is complete.",
            _PEACOCK,
        ),
        DemoReview(
            date(2013, 8, 19),
            2,
            4,
            (
                "Assistant Director for Partnership Commissioning started on 12 August. All three "
                "posts are now held by permanent staff."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2013, 9, 11),
            1,
            4,
            (
                "All interim cover has ended. The Improvement Board agreed today (minute 4) to "
                "close this risk with action 2.6; leadership capacity will be watched through R5."
            ),
            _PEACOCK,
        ),
    ),
    mitigations=("1.3", "2.6"),
)

_R11 = DemoRisk(
    reference="R11",
    title="Children's social care budget pressure",
    cause=(
        "Agency social workers cost more than permanent staff, more children are looked after in "
        "independent placements, and the extra £1.1m agreed for 2013–14 is one-off money."
    ),
    event=(
        "Children's social care overspends its budget and the council cannot fund the improvement "
        "programme beyond 2013–14."
    ),
    effect=(
        "Savings are sought from the services the plan depends on, improvement posts end before "
        "their work is done, and the council's medium-term financial plan comes under strain."
    ),
    category="Financial",
    owner=_QUIRKE_THORNTON,
    date_raised=date(2013, 7, 18),
    inherent=(4, 4),
    controls=(
        "Monthly budget monitoring with the finance business partner; agency spend reported to "
        "the Programme Board; every external placement approved by the placements panel."
    ),
    target=(2, 3),
    target_date=date(2015, 3, 31),
    status=RiskStatus.OPEN,
    proximity=Proximity.MEDIUM_TERM,
    review_frequency=ReviewFrequency.QUARTERLY,
    reviews=(
        DemoReview(
            date(2013, 7, 18),
            3,
            3,
            (
                "First assessment when the risk was raised. Month 3 forecast overspend £0.4m, all "
                "on agency staff. The £1.1m investment is committed in full."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2013, 10, 17),
            3,
            3,
            (
                "Month 6 forecast overspend £0.6m: agency staff £0.45m and external placements "
                "£0.15m. Temporary funding for the MASH project team approved by the Programme "
                "Board in September."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2014, 1, 23),
            4,
            3,
            (
                "Month 9 forecast overspend £0.9m after a rise in independent fostering "
                "placements. The 2014–15 budget adds £0.5m, less than this year's one-off £1.1m, "
                "so the Programme Board will have to prioritise. Likelihood raised to 4."
            ),
            _QUIRKE_THORNTON,
        ),
    ),
    mitigations=("1.2", "2.3"),
)

_R12 = DemoRisk(
    reference="R12",
    title="Early help for families below the social care threshold",
    cause=(
        "There is no agreed early help strategy, partners' own early help services are not "
        "mapped, and few early help assessments (CAFs) are registered."
    ),
    event="Families whose needs do not meet the threshold for social care do not get help early enough.",
    effect=(
        "Needs escalate, contacts and re-referrals to social care stay high, and children enter "
        "the child protection system who could have been helped sooner."
    ),
    category="Front door and demand",
    owner=_QUIRKE_THORNTON,
    date_raised=date(2013, 4, 17),
    inherent=(4, 4),
    controls=(
        "CAF co-ordinator at the front door; multi-agency support groups in the localities; "
        "Troubled Families programme."
    ),
    target=(2, 2),
    target_date=date(2014, 3, 31),
    status=RiskStatus.OPEN,
    proximity=Proximity.LONG_TERM,
    review_frequency=ReviewFrequency.QUARTERLY,
    reviews=(
        DemoReview(
            date(2013, 4, 17),
            4,
            3,
            (
                "First assessment when the risk was raised. Core Assets have started work on the "
                "early help strategy. Only 51 CAFs registered in January–March."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2013, 7, 17),
            3,
            3,
            (
                "The triage pilot redirected about one in four contacts to early help. Strategy "
                "widened to include partners' own offer; the board is asked for a November date. "
                "Likelihood reduced to 3."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2013, 10, 16),
            3,
            3,
            (
                "64 CAFs registered in July–September. Consultation on the strategy closed; draft "
                "to Cabinet in December."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2014, 1, 15),
            2,
            3,
            (
                "Strategy agreed by Cabinet in December and endorsed by the MSCB. 97 CAFs "
                "registered in October–December. Likelihood reduced to 2."
            ),
            _QUIRKE_THORNTON,
        ),
        DemoReview(
            date(2014, 3, 5),
            2,
            2,
            (
                "The Improvement Board closed action 5.6 today (minute 6); two contracts "
                "re-commissioned against the strategy. Impact reduced to 2. Quarterly audits of "
                "early help assessments start in April (action 5.7)."
            ),
            _QUIRKE_THORNTON,
        ),
    ),
    mitigations=("5.1", "5.6", "5.7"),
)

_R13 = DemoRisk(
    reference="R13",
    title="Quality of assessments and child protection plans",
    cause=(
        "Ofsted found inconsistent practice and weak analysis of risk in assessments and plans; "
        "the single assessment and the new practice guidance are new to staff."
    ),
    event=(
        "Assessments and plans do not analyse risk well enough or keep the child's experience at "
        "their centre."
    ),
    effect=(
        "Children are left at risk of harm or receive help that does not meet their needs, and "
        "the next inspection finds practice still inadequate."
    ),
    category="Practice quality",
    owner=_MITCHELL,
    date_raised=date(2013, 4, 17),
    inherent=(5, 4),
    controls=(
        "Single assessment with Medway practice guidance based on the 5 Anchor Principles; "
        "monthly case audits under the quality assurance framework; dip samples of conference "
        "minutes in reviewing officers' supervision; Principal Social Worker practice workshops."
    ),
    target=(2, 3),
    target_date=date(2014, 12, 31),
    status=RiskStatus.OPEN,
    proximity=Proximity.MEDIUM_TERM,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 4, 17),
            4,
            4,
            (
                "First assessment when the risk was raised. Single integrated assessment live "
                "from 1 April. Quality assurance framework still in draft, so there is no audit "
                "baseline yet."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 5, 15),
            4,
            4,
            (
                "Strategy discussion audit at the end of April: 60% compliant with the new "
                "guidance. Dip samples of conference minutes now used in reviewing officers' "
                "supervision."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 6, 19),
            4,
            4,
            (
                "Revised conference format agreed at the May workshop and in use from June. 45% of "
                "child protection plans sampled in May rated SMART."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 7, 24),
            3,
            4,
            (
                "Quality assurance framework adopted by the Programme Board. First monthly audit "
                "of 28 cases: 54% rated good or adequate. Likelihood reduced to 3."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 9, 18),
            3,
            4,
            (
                "Critical thinking workshops started; audits running at 30 cases a month. 58% of "
                "audited cases good or adequate in August."
            ),
            _WHITFIELD,
        ),
        DemoReview(
            date(2013, 10, 23),
            3,
            4,
            (
                "Audit of 40 single assessments: 83% completed within 45 working days and "
                "analysis adequate or better in 78%."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 11, 20),
            3,
            4,
            (
                "Strategy discussions 81% compliant in October. 61% of audited cases good or "
                "adequate."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2013, 12, 18),
            3,
            4,
            (
                "Audits running at 30–35 cases a month; first quarterly report to the January "
                "board. 74 of 120 social workers have attended the critical thinking workshop."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 1, 22),
            3,
            4,
            (
                "Quarterly report: 66% of audited cases good or adequate in December; 72% of child "
                "protection plans rated SMART, against 45% in May."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 2, 19),
            3,
            4,
            (
                "68% good or adequate in January. Workshop places are hard to fill in the "
                "safeguarding teams because of caseload pressure."
            ),
            _MITCHELL,
        ),
        DemoReview(
            date(2014, 3, 17),
            3,
            3,
            (
                "71% of audited cases good or adequate in February, up from 54% in July; 79% of "
                "plans SMART and strategy discussions 88% compliant. Impact reduced to 3: no case "
                "audited in February left a child at immediate risk."
            ),
            _MITCHELL,
        ),
    ),
    mitigations=("4.1", "4.2", "4.3", "4.4", "4.5"),
)

_R14 = DemoRisk(
    reference="R14",
    title="Health partners' capacity to contribute to safeguarding at the front door",
    cause=(
        "NHS Medway CCG has not agreed funding for a mental health nurse in the MASH, health "
        "providers' safeguarding nurses are stretched, and one health provider has not signed the "
        "information-sharing agreement."
    ),
    event=(
        "The MASH opens without health staff able to share information and contribute to "
        "threshold decisions."
    ),
    effect=(
        "Decisions at the front door are made without health information, parental mental health "
        "is missed, and the MASH does not deliver the improvement the DfE expects."
    ),
    category="Partnerships",
    owner=_COLES,
    date_raised=date(2013, 10, 16),
    inherent=(4, 4),
    controls=(
        "Designated Nurse attends the MASH operational group; health information requested by "
        "phone and returned within 24 hours; escalation through the MSCB and the CCG's "
        "safeguarding lead."
    ),
    target=(2, 4),
    target_date=date(2014, 6, 30),
    status=RiskStatus.ESCALATED,
    proximity=Proximity.IMMINENT,
    review_frequency=ReviewFrequency.MONTHLY,
    reviews=(
        DemoReview(
            date(2013, 10, 16),
            3,
            4,
            (
                "First assessment when the risk was raised at the MASH operational group. "
                "Business case for a mental health nurse being prepared for the CCG."
            ),
            _COLES,
        ),
        DemoReview(
            date(2013, 11, 29),
            3,
            4,
            (
                "Business case submitted to the CCG. Housing input discussed with the council's "
                "housing service."
            ),
            _COLES,
        ),
        DemoReview(
            date(2013, 12, 18),
            3,
            4,
            (
                "CCG to decide in January. Health attendance at initial child protection "
                "conferences 72% in November."
            ),
            _COLES,
        ),
        DemoReview(
            date(2014, 1, 24),
            4,
            4,
            (
                "The housing service will provide a worker two days a week, but the CCG deferred "
                "its decision on the nurse to March. Likelihood raised to 4."
            ),
            _COLES,
        ),
        DemoReview(
            date(2014, 2, 21),
            4,
            4,
            (
                "Information-sharing agreement signed by all partners except one health provider. "
                "Health measures still missing from the MSCB dataset."
            ),
            _COLES,
        ),
        DemoReview(
            date(2014, 3, 21),
            4,
            4,
            (
                "CCG has still not agreed funding. Escalated to the Improvement Board chair today: "
                "without a decision the MASH will open in June without mental health input."
            ),
            _COLES,
        ),
    ),
    mitigations=("5.3", "7.1"),
)

RISKS: tuple[DemoRisk, ...] = (
    _R1,
    _R2,
    _R3,
    _R4,
    _R5,
    _R6,
    _R7,
    _R8,
    _R9,
    _R10,
    _R11,
    _R12,
    _R13,
    _R14,
)
