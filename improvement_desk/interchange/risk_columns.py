"""Columns of the exchanged risk register, declared once for export and import.

Headings were gathered from the registers boards actually receive: the DLUHC
Towns Fund "7 - Risk Register" and Pathfinders "Risks" returns, PRINCE2-style
RAID logs and risk registers (kevstemplates, sigtoolkit, pmo_toolkit, packt,
teamawesome) and published council registers (Leicester, City of London,
LBHF/RBKC/WCC, Pentana reports).

How a heading names a score: "Probability", "Likelihood" and "Impact" with no
qualifier are the CURRENT assessment; "Pre-mitigated", "Inherent", "Gross",
"Raw", "Original", "Initial", "Unmitigated" mean inherent; "Post-mitigated",
"Residual", "Current", "Net", "Controlled" mean current; "Target" and
"Tolerable" mean target. "Impact" alone is always the 1–5 score: the text of
what would follow is "Consequences", "Effect" or "Impact description".

Scores, band and direction are exported for reading and recognised on import
so that they are not mistaken for other columns, but never imported: they are
computed from likelihood × impact and the board's bands, not trusted from a
sheet's formulas.
"""

from __future__ import annotations

from improvement_desk.interchange.columns import ColumnSpec

# ColumnSpec.kind values used here, beyond the plan's text | date | key:
SCALE = "scale"  # a 1–5 likelihood or impact (risk_values.parse_scale)
SCORE = "score"  # likelihood × impact: written by us, ignored on import
BAND = "band"  # Low / Medium / High from the board's RiskBands: written, ignored on import
DIRECTION = "direction"  # direction of travel: written, ignored on import
RISK_STATUS = "risk_status"  # Open / Escalated / Closed (risk_values.parse_risk_status)
PROXIMITY = "proximity"  # risk_values.parse_proximity
FREQUENCY = "frequency"  # risk_values.parse_review_frequency
REFERENCES = "references"  # comma-separated plan action references
ENTRY_TYPE = "entry_type"  # a RAID log's Risk / Issue / Assumption / Dependency; import only

COMPUTED_KINDS = frozenset({SCORE, BAND, DIRECTION})
"""Kinds that are never read back: a returned copy's value is ignored, not compared."""

_INHERENT = (
    "pre mitigated",
    "pre mitigation",
    "premitigated",
    "pre mitigated raw",
    "inherent",
    "gross",
    "raw",
    "original",
    "initial",
    "unmitigated",
    "uncontrolled",
    "before mitigation",
    "before controls",
)
_CURRENT = (
    "post mitigated",
    "post mitigation",
    "postmitigated",
    "post mitigated raw",
    "residual",
    "current",
    "net",
    "controlled",
    "mitigated",
    "after mitigation",
    "after controls",
    "revised",
)
_TARGET = ("target", "tolerable", "desired", "acceptable", "future")
_LIKELIHOOD = ("likelihood", "probability", "likelihood score", "probability score", "l", "p")
_LIKELIHOOD_ALSO = ("likelihood rating", "probability rating", "likelihood of occurrence")
_IMPACT = ("impact", "impact score", "severity", "i")
_IMPACT_ALSO = ("impact rating", "severity score", "impact severity")
_SCORE = (
    "score",
    "risk score",
    "total score",
    "total risk score",
    "overall score",
    "overall",
    "exposure",
    "risk exposure",
    "rating score",
)


def _qualified(qualifiers: tuple[str, ...], nouns: tuple[str, ...]) -> tuple[str, ...]:
    """'Pre-mitigated likelihood', 'Likelihood (pre-mitigated)', 'Pre-mitigated risk likelihood'.

    Single letters ("L", "I") only pair with "target" (Leicester's "Target L").
    """
    names: list[str] = []
    for qualifier in qualifiers:
        for noun in nouns:
            if len(noun) == 1 and qualifier not in _TARGET:
                continue
            names += [f"{qualifier} {noun}", f"{noun} {qualifier}", f"{qualifier} risk {noun}"]
    return tuple(dict.fromkeys(names))


RISK_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec(
        "key",
        "Record key",
        ("key", "id key", "record id"),
        kind="key",
        width=10,
        note="Matches a returned copy to the risk it came from. Do not change.",
    ),
    ColumnSpec(
        "reference",
        "Risk ref",
        (
            "ref",
            "reference",
            "risk ref",
            "risk reference",
            "risk ref no",
            "id",
            "risk id",
            "no",
            "number",
            "risk no",
            "risk number",
            "code",
            "risk code",
            "s no",
        ),
        required=True,
        width=9,
        note="Unique reference of the risk, e.g. R3.",
    ),
    ColumnSpec(
        "title",
        "Risk",
        (
            "risk",
            "risk name",
            "risk title",
            "title",
            "name",
            "risk summary",
            "summary",
            "short name",
        ),
        width=30,
        note="A short name for the risk.",
    ),
    ColumnSpec(
        "category",
        "Category",
        (
            "category",
            "risk category",
            "categories",
            "risk type",
            "risk theme",
            "risk area",
            "theme",
            "area",
        ),
        width=18,
    ),
    ColumnSpec(
        "cause",
        "Cause",
        (
            "cause",
            "causes",
            "root cause",
            "root causes",
            "risk cause",
            "trigger",
            "triggers",
            "source of risk",
        ),
        width=30,
        note="Because of… (what gives rise to the risk).",
    ),
    ColumnSpec(
        "event",
        "Event",
        (
            "event",
            "risk event",
            "description",
            "full description",
            "risk description",
            "description of risk",
            "description of the risk",
            "risk detail",
            "risk details",
            "definition",
            "risk definition",
            "risk statement",
        ),
        width=40,
        note="…there is a risk that… (what could happen).",
    ),
    ColumnSpec(
        "effect",
        "Effect",
        (
            "effect",
            "effects",
            "consequence",
            "consequences",
            "potential consequences",
            "potential consequence",
            "impact description",
            "description of impact",
            "potential impact",
            "impact on project",
        ),
        width=35,
        note="…resulting in… (what would follow if it happened).",
    ),
    ColumnSpec(
        "owner",
        "Owner",
        (
            "owner",
            "owners",
            "owner s",
            "risk owner",
            "risk owner role",
            "risk owners",
            "owner role",
            "assigned to",
            "responsible officer",
            "responsible",
            "lead officer",
            "lead",
            "accountable officer",
        ),
        required=True,
        width=20,
        note="A person's name; the import adds a name the board does not know yet.",
    ),
    ColumnSpec(
        "date_raised",
        "Date raised",
        (
            "date raised",
            "raised",
            "date identified",
            "identified",
            "date opened",
            "date logged",
            "date added",
            "date entered",
            "creation date",
            "date created",
            "raised on",
        ),
        kind="date",
        width=13,
    ),
    ColumnSpec(
        "inherent_likelihood",
        "Inherent likelihood",
        _qualified(_INHERENT, _LIKELIHOOD + _LIKELIHOOD_ALSO),
        kind=SCALE,
        width=15,
        note="Before any controls: 1 (Rare) to 5 (Almost certain).",
    ),
    ColumnSpec(
        "inherent_impact",
        "Inherent impact",
        _qualified(_INHERENT, _IMPACT + _IMPACT_ALSO),
        kind=SCALE,
        width=15,
        note="Before any controls: 1 (Negligible) to 5 (Critical).",
    ),
    ColumnSpec(
        "inherent_score",
        "Inherent score",
        _qualified(_INHERENT, _SCORE),
        kind=SCORE,
        width=10,
        note="Likelihood × impact, worked out by the app; a changed value is ignored.",
    ),
    ColumnSpec(
        "controls",
        "Controls in place",
        (
            "controls",
            "controls in place",
            "existing controls",
            "current controls",
            "control measures",
            "mitigating controls",
            "mitigation",
            "mitigations",
            "mitigation in place",
            "mitigations in place",
            "mitigating actions",
            "mitigation plan",
            "response",
            "response or plan",
            "risk response",
            "management controls",
            "control",
        ),
        editable=True,
        width=40,
    ),
    ColumnSpec(
        "current_likelihood",
        "Current likelihood",
        _LIKELIHOOD + _LIKELIHOOD_ALSO + _qualified(_CURRENT, _LIKELIHOOD + _LIKELIHOOD_ALSO),
        editable=True,
        kind=SCALE,
        width=15,
        note=(
            "Change it to record a new review (with the review commentary): "
            "1 (Rare) to 5 (Almost certain)."
        ),
    ),
    ColumnSpec(
        "current_impact",
        "Current impact",
        _IMPACT + _IMPACT_ALSO + _qualified(_CURRENT, _IMPACT + _IMPACT_ALSO),
        editable=True,
        kind=SCALE,
        width=15,
        note="Change it to record a new review: 1 (Negligible) to 5 (Critical).",
    ),
    ColumnSpec(
        "current_score",
        "Current score",
        _SCORE + _qualified(_CURRENT, _SCORE),
        kind=SCORE,
        width=10,
        note="Likelihood × impact, worked out by the app; a changed value is ignored.",
    ),
    ColumnSpec(
        "band",
        "Band",
        (
            "band",
            "risk band",
            "rag",
            "rag status",
            "rag rating",
            "risk rating",
            "risk level",
            "level",
            "priority",
            "current risk rating",
        ),
        kind=BAND,
        width=10,
        note="Low, Medium or High from the current score and the board's bands.",
    ),
    ColumnSpec(
        "direction",
        "Direction of travel",
        (
            "direction of travel",
            "direction",
            "dot",
            "trend",
            "movement",
            "change indicator",
            "risk score change indicator",
            "current risk score change indicator",
        ),
        kind=DIRECTION,
        width=12,
        note="Since the review before the latest one, worked out by the app.",
    ),
    ColumnSpec(
        "target_likelihood",
        "Target likelihood",
        _qualified(_TARGET, _LIKELIHOOD + _LIKELIHOOD_ALSO),
        kind=SCALE,
        width=15,
    ),
    ColumnSpec(
        "target_impact",
        "Target impact",
        _qualified(_TARGET, _IMPACT + _IMPACT_ALSO),
        kind=SCALE,
        width=15,
    ),
    ColumnSpec(
        "target_score",
        "Target score",
        _qualified(_TARGET, _SCORE),
        kind=SCORE,
        width=10,
        note="Likelihood × impact, worked out by the app; a changed value is ignored.",
    ),
    ColumnSpec(
        "target_date",
        "Target date",
        (
            "target date",
            "target resolution date",
            "date to be achieved by",
            "due date",
            "due",
            "deadline",
        ),
        kind="date",
        width=13,
        note="When the target score should be reached.",
    ),
    ColumnSpec(
        "status",
        "Status",
        ("status", "risk status", "current status", "open closed", "state"),
        kind=RISK_STATUS,
        editable=True,
        width=11,
        note="Open, Escalated or Closed.",
    ),
    ColumnSpec(
        "proximity",
        "Proximity",
        (
            "proximity",
            "risk proximity",
            "proximity of risk",
            "timeframe",
            "time frame",
            "when could it happen",
        ),
        kind=PROXIMITY,
        editable=True,
        width=15,
        note="How soon it could happen: Within 3 months, 3 to 6 months, 6 to 12 months or "
        "Over 12 months.",
    ),
    ColumnSpec(
        "review_frequency",
        "Review frequency",
        (
            "review frequency",
            "frequency",
            "review cycle",
            "review period",
            "frequency of review",
            "how often reviewed",
        ),
        kind=FREQUENCY,
        width=14,
        note="Monthly, Every two months, Quarterly, Six-monthly or Annually.",
    ),
    ColumnSpec(
        "last_review_date",
        "Last reviewed",
        (
            "last reviewed",
            "last review",
            "last review date",
            "date last reviewed",
            "date of last review",
            "reviewed",
            "date reviewed",
            "date of update",
            "last updated",
        ),
        kind="date",
        width=13,
        note="Date of the latest review; set by the app when a review is recorded.",
    ),
    ColumnSpec(
        "next_review_date",
        "Next review",
        (
            "next review",
            "next review date",
            "review date",
            "review due",
            "date of next review",
            "next review due",
        ),
        kind="date",
        width=13,
        note="Set from the review frequency when a review is recorded.",
    ),
    ColumnSpec(
        "review_commentary",
        "Review commentary",
        (
            "review commentary",
            "commentary",
            "review comments",
            "comments",
            "comment",
            "latest note",
            "notes",
            "note",
            "risk update",
            "update",
            "latest update",
            "progress update",
            "progress",
            "management comments",
            "remarks",
        ),
        editable=True,
        width=45,
        note=(
            "The latest review's commentary. To record a new review, change the current "
            "likelihood or impact (or leave them) and write this review's commentary here."
        ),
    ),
    ColumnSpec(
        "mitigating_actions",
        "Mitigating actions (plan refs)",
        (
            "mitigating actions plan refs",
            "plan actions",
            "linked actions",
            "plan action refs",
            "action refs",
            "action references",
            "mitigating action refs",
            "related actions",
        ),
        kind=REFERENCES,
        editable=True,
        width=16,
        note="References of the improvement plan's actions that reduce this risk, "
        "separated by commas (e.g. 1.2, 3.4).",
    ),
)

RISK_IMPORT_COLUMNS: tuple[ColumnSpec, ...] = (
    *RISK_COLUMNS,
    ColumnSpec(
        "entry_type",
        "Type",
        ("type", "raid type", "item type", "entry type", "log type", "raid category"),
        kind=ENTRY_TYPE,
    ),
)
"""What an import looks for: the register's columns and, for a RAID log, the column saying
which rows are risks (the issues, assumptions and dependencies beside them are left out)."""


def risk_column(field: str) -> ColumnSpec:
    """The spec of one field; KeyError for a field the register does not have."""
    for spec in RISK_IMPORT_COLUMNS:
        if spec.field == field:
            return spec
    raise KeyError(field)
