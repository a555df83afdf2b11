"""Exporting the risk register to Excel, for reading, printing and returning with reviews.

Scores, bands and direction of travel are written as values worked out here
(never as formulas the sheet could be edited to contradict), and the band and
score cells are coloured by conditional formatting from the board's own
`RiskBands`, so the workbook shows the same ratings as the app. Likelihood and
impact go out as "4 - Likely" labels with drop-downs of the same labels, which
the importer reads back by their number. The hidden key column carries
"board:id:version", as the plan's does: a returned copy is matched to its risk
and a risk changed since the copy was made is caught as a conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from improvement_desk.domain.risk import Proximity, ReviewFrequency, RiskStatus
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import (
    IMPACT_LABELS,
    LIKELIHOOD_LABELS,
    MAX_SCORE,
    impact_label,
    likelihood_label,
)
from improvement_desk.interchange.risk_columns import RISK_COLUMNS
from improvement_desk.interchange.xlsx_export import (
    CellColour,
    ExportMeta,
    ExportReport,
    export_table,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.plan_export import DEFAULT_MARKING, board_token, record_key
from improvement_desk.services.risk_reader import RiskReader
from improvement_desk.services.risk_records import RiskRecord

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]

SHEET_NAME = "Risk register"
TITLE = "Risk register"
_SCORE_FIELDS = ("inherent_score", "current_score", "target_score")


def _likelihood(value: int | None) -> str | None:
    return likelihood_label(value) if value is not None else None


def _impact(value: int | None) -> str | None:
    return impact_label(value) if value is not None else None


def risk_row(record: RiskRecord, board: str) -> dict[str, object]:
    """One risk as the plain values its columns show (keyed by ColumnSpec.field)."""
    latest = record.reviews[-1].commentary if record.reviews else ""
    return {
        "key": record_key(board, record.id, record.version),
        "reference": record.reference,
        "title": record.title,
        "category": record.category,
        "cause": record.cause,
        "event": record.event,
        "effect": record.effect,
        "owner": record.owner,
        "date_raised": record.date_raised,
        "inherent_likelihood": _likelihood(record.inherent_likelihood),
        "inherent_impact": _impact(record.inherent_impact),
        "inherent_score": record.inherent_score,
        "controls": record.controls,
        "current_likelihood": _likelihood(record.current_likelihood),
        "current_impact": _impact(record.current_impact),
        "current_score": record.current_score,
        "band": record.band.label,
        "direction": f"{record.direction.arrow} {record.direction.label}",
        "target_likelihood": _likelihood(record.target_likelihood),
        "target_impact": _impact(record.target_impact),
        "target_score": record.target_score,
        "target_date": record.target_date,
        "status": record.status.label,
        "proximity": record.proximity.label if record.proximity else None,
        "review_frequency": record.review_frequency.label,
        "last_review_date": record.last_review_date,
        "next_review_date": record.next_review_date,
        "review_commentary": latest,
        "mitigating_actions": ", ".join(a.reference for a in record.mitigations),
    }


def drop_downs() -> dict[str, list[str]]:
    """The lists offered in the returned copy: exactly what the importer reads back."""
    likelihoods = [likelihood_label(n) for n in LIKELIHOOD_LABELS]
    impacts = [impact_label(n) for n in IMPACT_LABELS]
    return {
        "inherent_likelihood": likelihoods,
        "current_likelihood": likelihoods,
        "target_likelihood": likelihoods,
        "inherent_impact": impacts,
        "current_impact": impacts,
        "target_impact": impacts,
        "status": [s.label for s in RiskStatus],
        "proximity": [p.label for p in Proximity],
        "review_frequency": [f.label for f in ReviewFrequency],
    }


def band_colours(bands: RiskBands) -> list[CellColour]:
    """The band column by its text, and every score column by the band its number falls in."""
    limits = {
        Band.LOW: (1, bands.low_max),
        Band.MEDIUM: (bands.low_max + 1, bands.medium_max),
        Band.HIGH: (bands.medium_max + 1, MAX_SCORE),
    }
    found = [
        CellColour("band", bands.colour(band), bands.text_colour(band), equals=band.label)
        for band in Band
    ]
    found += [
        CellColour(field, bands.colour(band), bands.text_colour(band), between=limits[band])
        for field in _SCORE_FIELDS
        for band in Band
    ]
    return found


def register_notes(bands: RiskBands) -> list[tuple[str, str]]:
    scale = ", ".join(f"{n} {label}" for n, label in LIKELIHOOD_LABELS.items())
    impact = ", ".join(f"{n} {label}" for n, label in IMPACT_LABELS.items())
    return [
        (
            "Recording a review",
            "Change the current likelihood or impact (or leave them as they are) and write "
            "this review's commentary over the latest one. Importing the copy records the "
            "review, dated the day of the import, and moves the next review date on.",
        ),
        (
            "Scores",
            "Scores, bands and direction of travel are worked out by the app from likelihood × "
            "impact: a changed score in this copy is ignored, never imported.",
        ),
        ("Score bands", f"{bands.describe()} (the board's settings when this copy was made)."),
        ("Likelihood", scale),
        ("Impact", impact),
        (
            "New risks",
            "Add a row with a new reference, a title, an owner and a current likelihood and "
            "impact. An owner the board does not know yet is added to its list of people.",
        ),
    ]


class RiskExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self, risks: list[RiskRecord] | tuple[RiskRecord, ...]) -> list[dict[str, object]]:
        board = board_token(self._ctx)
        return [risk_row(r, board) for r in risks]

    def export(
        self,
        path: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportReport:
        register = RiskReader(self._ctx).register()
        meta = ExportMeta(
            board_name=board_name,
            title=TITLE,
            marking=marking,
            generated_at=self._ctx.now(),
            author=self._ctx.actor.name,
            matched_to="the risk register",
            as_at=self._ctx.today(),
        )
        return export_table(
            path,
            meta,
            RISK_COLUMNS,
            self.rows(register.risks),
            sheet_name=SHEET_NAME,
            progress=progress,
            cancelled=cancelled,
            choices=drop_downs(),
            colours=band_colours(register.bands),
            notes=register_notes(register.bands),
        )
