"""Columns of the exchanged scorecard, declared once for export and import.

Two tables travel. The "Scorecard" sheet is for reading: one row per
indicator with its latest figure rated as the app rates it. The "Figures"
sheet is for editing and returning: one row per indicator with its periods
across ("Jan 2014", "Feb 2014" … or "Q3 2013/14"), the WIDE form councils
keep their scorecards in. An import also reads the LONG form of a data
extract: one row per figure (indicator, period, value, commentary).

Headings were gathered from the scorecards boards receive: council
performance reports (Monmouthshire's "SCC/011b" indicator table, Bromley's
numbered dashboard indicators, Darlington's values against targets,
statistical neighbours and the England average) and the KPI trackers of
project offices ("KPI | Target | Actual | Status | Comments").

What is read back: the indicator (record key, reference or name), the
figures, and a figure's commentary in the long form. The unit, polarity,
frequency, target and tolerance are read only to add an indicator the board
does not have yet (see `services/scorecard_import.py`); RAG, direction of
travel, latest and previous values are worked out by the app, so a sheet's
are recognised (and so never taken for another column) but never imported.
"""

from __future__ import annotations

from improvement_desk.interchange.columns import ColumnSpec

# ColumnSpec.kind values used here, beyond text | key:
NUMBER = "number"  # a figure, target or comparator (scorecard_values.parse_figure)
UNIT = "unit"  # Percentage / Rate per 10,000 children / Count / Days (parse_unit)
POLARITY = "polarity"  # Higher is better / Lower is better (parse_polarity)
FREQUENCY = "frequency"  # Monthly / Quarterly (parse_frequency)
PERIOD = "period"  # a month or quarter (scorecard_values.read_period)
COMPUTED = "computed"  # worked out by the app: written by the export, never read

PERIOD_FIELD_PREFIX = "p:"
"""A Figures column's field: "p:" and the period's first day ("p:2014-01-01")."""

_REFERENCE = ColumnSpec(
    "reference",
    "Ref",
    (
        "ref",
        "reference",
        "indicator ref",
        "indicator reference",
        "indicator code",
        "indicator no",
        "indicator number",
        "indicator id",
        "pi",
        "pi ref",
        "pi code",
        "pi no",
        "kpi ref",
        "kpi code",
        "kpi no",
        "kpi id",
        "measure ref",
        "measure code",
        "code",
        "id",
        "no",
        "number",
    ),
    width=10,
    note="The indicator's reference, e.g. NI 059. Rows are matched by it (else by name).",
)
_NAME = ColumnSpec(
    "name",
    "Indicator",
    (
        "indicator",
        "indicator name",
        "indicator title",
        "indicator description",
        "performance indicator",
        "performance measure",
        "name",
        "measure",
        "measure name",
        "measure description",
        "kpi",
        "kpi name",
        "kpi description",
        "pi name",
        "pi description",
        "metric",
        "description",
        "title",
    ),
    width=45,
    note="The indicator's name; a row without a reference is matched by it, whatever its "
    "case and spacing.",
)
_UNIT = ColumnSpec(
    "unit",
    "Unit",
    ("unit", "units", "unit of measure", "measure type", "value type", "format"),
    kind=UNIT,
    width=14,
    note="Percentage, Rate per 10,000 children, Count or Days.",
)
_POLARITY = ColumnSpec(
    "polarity",
    "Polarity",
    (
        "polarity",
        "good is",
        "good performance is",
        "better is",
        "higher or lower is better",
        "direction of good",
        "desired direction",
        "aim",
    ),
    kind=POLARITY,
    width=16,
    note="Higher is better or Lower is better: how RAG and direction of travel are judged.",
)
_TARGET = ColumnSpec(
    "target",
    "Target",
    ("target", "current target", "target value", "goal"),
    kind=NUMBER,
    width=10,
    note="The target in force for the latest period. Targets are set in the app.",
)
_TOLERANCE = ColumnSpec(
    "tolerance",
    "Amber tolerance",
    ("amber tolerance", "tolerance", "amber threshold", "amber range"),
    kind=NUMBER,
    width=10,
    note="How far short of the target is still Amber, in the indicator's unit.",
)
_COMMENTARY = ColumnSpec(
    "commentary",
    "Commentary",
    (
        "commentary",
        "comment",
        "comments",
        "narrative",
        "explanation",
        "analysis",
        "notes",
        "note",
        "remarks",
        "exception commentary",
        "performance commentary",
    ),
    width=50,
    note="What explains the latest figure.",
)
_KEY = ColumnSpec(
    "key",
    "Record key",
    ("key", "id key", "record id"),
    kind="key",
    width=10,
    note="Matches a returned copy to the indicator it came from. Do not change.",
)

SCORECARD_COLUMNS: tuple[ColumnSpec, ...] = (
    _KEY,
    _REFERENCE,
    _NAME,
    _UNIT,
    _POLARITY,
    _TARGET,
    _TOLERANCE,
    ColumnSpec(
        "latest_period",
        "Latest period",
        ("latest period", "latest month", "latest quarter"),
        kind=COMPUTED,
        width=12,
        note="The most recent period with a figure.",
    ),
    ColumnSpec(
        "latest",
        "Latest value",
        ("latest value", "latest", "current value", "latest figure", "current"),
        kind=COMPUTED,
        width=10,
    ),
    ColumnSpec(
        "previous",
        "Previous",
        ("previous", "previous value", "previous period", "last period", "prior period"),
        kind=COMPUTED,
        width=10,
        note="The figure for the period before the latest; blank when there is none (a gap).",
    ),
    ColumnSpec(
        "rag",
        "RAG",
        ("rag", "rag status", "rag rating", "status", "rating", "performance status"),
        kind=COMPUTED,
        width=9,
        note="The latest figure against the target in force for it: Red, Amber or Green; "
        "blank without a target.",
    ),
    ColumnSpec(
        "trend",
        "Direction of travel",
        ("direction of travel", "direction", "dot", "trend", "travel", "change"),
        kind=COMPUTED,
        width=16,
        note="Against the previous period, judged by the polarity.",
    ),
    ColumnSpec(
        "england",
        "England",
        ("england", "england average", "national", "national average", "england avg"),
        kind=NUMBER,
        width=10,
    ),
    ColumnSpec(
        "neighbours",
        "Statistical neighbours",
        (
            "statistical neighbours",
            "statistical neighbour",
            "statistical neighbour average",
            "stat neighbours",
            "sn",
            "sn average",
            "comparators",
        ),
        kind=NUMBER,
        width=12,
    ),
    _COMMENTARY,
)
"""The Scorecard sheet, for reading: key, reference … commentary."""

FIGURES_FIXED_COLUMNS: tuple[ColumnSpec, ...] = (_KEY, _REFERENCE, _NAME, _UNIT)
"""The Figures sheet's columns before its periods (the periods are added per export)."""

_PERIOD = ColumnSpec(
    "period",
    "Period",
    (
        "period",
        "month",
        "quarter",
        "date",
        "reporting period",
        "period ending",
        "period end",
        "month ending",
        "quarter ending",
        "as at",
        "as at date",
    ),
    kind=PERIOD,
)
_VALUE = ColumnSpec(
    "value",
    "Value",
    (
        "value",
        "figure",
        "actual",
        "actuals",
        "result",
        "outturn",
        "performance",
        "score",
        "data",
        "amount",
    ),
    kind=NUMBER,
)
_FREQUENCY = ColumnSpec(
    "frequency",
    "Frequency",
    ("frequency", "reporting frequency", "reported"),
    kind=FREQUENCY,
)

_READ = frozenset({"key", "reference", "name", "unit", "polarity", "commentary"})
SCORECARD_IMPORT_COLUMNS: tuple[ColumnSpec, ...] = (
    _KEY,
    _REFERENCE,
    _NAME,
    _UNIT,
    _POLARITY,
    _FREQUENCY,
    _PERIOD,
    _VALUE,
    _COMMENTARY,
    *(s for s in SCORECARD_COLUMNS if s.field not in _READ),
)
"""What an import recognises: the fields it reads, and the Scorecard sheet's other columns so
that they are never taken for one of those."""

IMPORT_MATCHED_FIELDS = (
    "key",
    "reference",
    "name",
    "unit",
    "polarity",
    "frequency",
    "period",
    "value",
    "commentary",
)
"""The fields the import wizard offers to match by hand, in this order."""


def scorecard_column(field: str) -> ColumnSpec:
    """The spec of one field; KeyError for a field the scorecard does not have."""
    for spec in SCORECARD_IMPORT_COLUMNS:
        if spec.field == field:
            return spec
    raise KeyError(field)


def period_field(first_day_iso: str) -> str:
    return PERIOD_FIELD_PREFIX + first_day_iso


def is_period_field(field: str) -> bool:
    return field.startswith(PERIOD_FIELD_PREFIX)
