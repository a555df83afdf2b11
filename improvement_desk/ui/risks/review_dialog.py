"""Record a review of a risk: the new likelihood and impact, why, and who says so.

A review is the only way a risk's current score moves, so the dialog shows
where the score was, where it goes and which way that is, before it is kept.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk import ReviewDraft, validate_review
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import direction_of_travel
from improvement_desk.domain.text_rules import SHORT_TEXT, clean_text
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit, plain_label
from improvement_desk.ui.risks.score_widgets import (
    ScoreChip,
    band_words,
    level_of,
    required_level,
    scale_combo,
    set_level,
)


def _day(value: date) -> str:
    return f"{value:%d %b %Y}"


def travel_words(before: int, after: int, bands: RiskBands) -> str:
    """'was 16 High → now 12 Medium ↓ Better'."""
    direction = direction_of_travel([before, after])
    return (
        f"was {band_words(before, bands)} → now {band_words(after, bands)} "
        f"{direction.arrow} {direction.label}"
    )


class ReviewDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        risk: RiskRecord,
        bands: RiskBands,
        today: date,
        reviewer: str,
    ) -> None:
        super().__init__(parent, title=f"Review risk {risk.reference}", is_new=True)
        self.setMinimumWidth(600)
        self._risk = risk
        self._bands = bands
        self._today = today

        self.about = self.add_note(f"{risk.reference}: {risk.title}", "risk_summary")
        self.current_score = ScoreChip(bands)
        self.current_score.setObjectName("current_score")
        self.current_score.show_levels(risk.current_likelihood, risk.current_impact)
        self.form.addRow("Current score:", self.current_score)
        last = risk.reviews[-1] if risk.reviews else None
        seen = f"{_day(last.review_date)} by {last.reviewer}" if last else "never"
        self.last_review = plain_label(seen)
        self.last_review.setObjectName("last_review")
        self.form.addRow("Last reviewed:", self.last_review)

        self.review_date = DateField.edit(today)
        self.likelihood = scale_combo("likelihood")
        self.impact = scale_combo("impact")
        set_level(self.likelihood, risk.current_likelihood)
        set_level(self.impact, risk.current_impact)
        self.new_score = ScoreChip(bands)
        self.new_score.setObjectName("new_score")
        self.travel = plain_label()
        self.travel.setObjectName("travel")
        self.commentary = multiline_edit(5)
        self.commentary.setPlaceholderText(
            "What has changed, and the evidence for the score (e.g. March caseload report)"
        )
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setMaxLength(SHORT_TEXT * 2)
        self.next_review = plain_label()
        self.next_review.setObjectName("next_review")

        self.add_row("Review date", "Review &date:", self.review_date, "review_date")
        self.add_row("Likelihood", "&Likelihood:", self.likelihood, "likelihood")
        self.add_row("Impact", "&Impact:", self.impact, "impact")
        self.form.addRow("New score:", self.new_score)
        self.form.addRow("Change:", self.travel)
        self.add_row("Commentary", "&Commentary:", self.commentary, "commentary")
        self.add_row("Reviewer", "&Reviewer:", self.reviewer, "reviewer")
        self.form.addRow("Next review:", self.next_review)
        self.chain_tab_order(
            [self.review_date, self.likelihood, self.impact, self.commentary, self.reviewer]
        )

        self.watch("Review date", self.review_date.dateChanged)
        self.watch("Likelihood", self.likelihood.currentIndexChanged)
        self.watch("Impact", self.impact.currentIndexChanged)
        self.watch("Commentary", self.commentary.textChanged)
        self.watch("Reviewer", self.reviewer.textChanged)
        for signal in (
            self.likelihood.currentIndexChanged,
            self.impact.currentIndexChanged,
            self.review_date.dateChanged,
        ):
            signal.connect(self._show_outcome)
        self._show_outcome()
        self.revalidate()
        self.commentary.setFocus()

    def _show_outcome(self, *_: object) -> None:
        likelihood, impact = level_of(self.likelihood), level_of(self.impact)
        self.new_score.show_levels(likelihood, impact)
        if likelihood is None or impact is None:
            self.travel.setText("")
        else:
            self.travel.setText(
                travel_words(self._risk.current_score, likelihood * impact, self._bands)
            )
        on = DateField.to_date(self.review_date.date())
        frequency = self._risk.review_frequency
        self.next_review.setText(
            f"{_day(frequency.next_after(on))} ({frequency.label.lower()} from this review)"
        )

    def value(self) -> ReviewDraft:
        return ReviewDraft(
            review_date=DateField.to_date(self.review_date.date()),
            likelihood=required_level(self.likelihood),
            impact=required_level(self.impact),
            commentary=clean_text(self.commentary.toPlainText()),
            reviewer=clean_text(self.reviewer.text()),
        )

    def problems(self) -> list[FieldProblem]:
        return validate_review(
            self.value(),
            date_raised=self._risk.date_raised,
            latest_review=self._risk.last_review_date,
            today=self._today,
        )
