"""The selected risk in full, read-only: its story, scores, reviews and mitigating actions.

Scores are shown as a chip with the band's colour, letter and number and then
the band's word, so the meaning survives grey-scale and colour blindness. The
colours come from the snapshot's `RiskBands`, the same as the table's and the
heat map's. User text is escaped before it goes into the HTML composed here.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import ReviewState, RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import IMPACT_LABELS, LIKELIHOOD_LABELS, Score
from improvement_desk.services.risk_records import LinkedAction, ReviewRecord, RiskRecord
from improvement_desk.ui.plan.action_table_model import fmt_date
from improvement_desk.ui.plan.brag_delegate import brag_text_colour
from improvement_desk.ui.risks.history_chart import (
    CHART_HEIGHT,
    CHART_WIDTH,
    chart_summary,
    render_history,
)
from improvement_desk.ui.risks.risk_table_model import flag_words
from improvement_desk.ui.text import escape
from improvement_desk.ui.theme import muted_text_css, warning_text_css


def _style() -> str:
    """The pane's style sheet, built per render so it follows the current palette."""
    return f"""
<style>
h2 {{ margin: 0 0 2px 0; }}
h3 {{ margin: 12px 0 4px 0; }}
.muted {{ color: {muted_text_css()}; }}
.warn {{ color: {warning_text_css()}; font-weight: bold; }}
.pill {{ font-weight: bold; }}
td.k {{ color: {muted_text_css()}; padding-right: 10px; white-space: nowrap; vertical-align: top; }}
td {{ padding: 1px 6px 1px 0; vertical-align: top; }}
.entry {{ margin: 0 0 8px 0; }}
</style>
"""


_CHART_URLS = count(1)


def score_chip(bands: RiskBands, score: int) -> str:
    """The band's colour behind its letter and the number, then the band's word."""
    band = bands.band(score)
    return (
        f"<span class='pill' style='background-color:{bands.colour(score)}; "
        f"color:{bands.text_colour(score)}'>&nbsp;{band.letter}&nbsp;{score}&nbsp;</span>"
        f"&nbsp;{band.label}"
    )


def brag_pill(status: Brag) -> str:
    return (
        f"<span class='pill' style='background-color:{status.colour}; "
        f"color:{brag_text_colour(status).name()}'>&nbsp;{escape(status.letter)}&nbsp;</span>"
        f"&nbsp;{escape(status.label)}"
    )


class RiskDetailView(QTextBrowser):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("risk_detail")
        self.setOpenLinks(False)
        self.setAccessibleName("Risk details")
        self.risk: RiskRecord | None = None
        self._chart = QImage()
        self._chart_url = ""
        self.show_nothing()

    def show_nothing(self, message: str = "Select a risk to see its details and reviews.") -> None:
        self.risk = None
        self.setHtml(f"{_style()}<p class='muted'>{escape(message)}</p>")

    def show_risk(self, risk: RiskRecord, bands: RiskBands, today: date) -> None:
        self.risk = risk
        scale = max(2.0, self.devicePixelRatioF())
        self._chart = render_history(risk.reviews, bands, scale=scale)
        # A fresh name each time: the document caches images by name.
        self._chart_url = f"risk-chart:history/{next(_CHART_URLS)}"
        self.setHtml(render_risk(risk, bands, today, self._chart_url))

    def chart_image(self) -> QImage:
        return self._chart

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        url = name.toString() if isinstance(name, QUrl) else name
        if kind == QTextDocument.ResourceType.ImageResource.value and url == self._chart_url:
            return self._chart
        return super().loadResource(kind, name)


def _scores(r: RiskRecord, bands: RiskBands) -> list[tuple[str, str]]:
    rows = []
    for label, lik, imp in (
        ("Inherent", r.inherent_likelihood, r.inherent_impact),
        ("Current", r.current_likelihood, r.current_impact),
        ("Target", r.target_likelihood, r.target_impact),
    ):
        if lik is None or imp is None:
            rows.append((label, "Not set"))
            continue
        score = Score(lik, imp)
        words = f"{LIKELIHOOD_LABELS[lik]} × {IMPACT_LABELS[imp]}"
        rows.append(
            (
                label,
                f"{score_chip(bands, score.value)}&nbsp; "
                f"<span class='muted'>{lik}×{imp} · {words}</span>",
            )
        )
    if r.target_date is not None:
        rows.append(("Target date", fmt_date(r.target_date)))
    return rows


def _table(rows: list[tuple[str, str]]) -> str:
    return (
        "<table>"
        + "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows)
        + "</table>"
    )


def _status(r: RiskRecord) -> str:
    if r.status is RiskStatus.ESCALATED:
        return f"<span class='warn'>{escape(r.status.label)}</span> to the board"
    return escape(r.status.label)


def _review_line(r: RiskRecord) -> str:
    if not r.status.is_live:
        return "Closed: no further reviews due"
    when = fmt_date(r.next_review_date) if r.next_review_date else "not set"
    text = f"Next review {when} ({r.review_frequency.label.lower()})"
    if r.review_state is ReviewState.OVERDUE:
        return f"<span class='warn'>⚠ Review overdue</span> — {text}"
    if r.review_state is ReviewState.DUE:
        return f"<span class='warn'>Review due</span> — {text}"
    return text


def _direction(r: RiskRecord) -> str:
    history = r.score_history
    if len(history) < 2:
        return f"{r.direction.arrow} {r.direction.label} (one assessment so far)"
    return f"{r.direction.arrow} {r.direction.label} ({history[-2]} → {history[-1]})"


def _action(a: LinkedAction) -> str:
    late = " <span class='warn'>⚠ overdue</span>" if a.overdue else ""
    return (
        f"<div class='entry'>{brag_pill(a.status)} <b>{escape(a.reference)}</b>{late} "
        f"<span class='muted'>— {escape(a.lead_officer)}, target {fmt_date(a.target_date)}"
        f"</span><br>{escape(a.description)}</div>"
    )


def _review(review: ReviewRecord, bands: RiskBands) -> str:
    return (
        f"<div class='entry'><b>{fmt_date(review.review_date)}</b> "
        f"{score_chip(bands, review.score)} <span class='muted'>"
        f"({review.likelihood}×{review.impact}) — {escape(review.reviewer)}</span>"
        f"<br>{escape(review.commentary)}</div>"
    )


def render_risk(r: RiskRecord, bands: RiskBands, today: date, chart_url: str) -> str:
    flags = flag_words(r)
    flag_line = (
        f"<p class='warn'>⚠ {escape(' · '.join(flags))} (as at {fmt_date(today)})</p>"
        if flags
        else ""
    )
    facts = [
        *_scores(r, bands),
        ("Direction", _direction(r)),
        ("Review", _review_line(r)),
        ("Last review", fmt_date(r.last_review_date) or "—"),
        ("Status", _status(r)),
        ("Owner", escape(r.owner)),
        ("Category", escape(r.category)),
        ("Raised", fmt_date(r.date_raised)),
        ("Proximity", escape(r.proximity.label) if r.proximity else "Not set"),
    ]
    story = [
        ("Cause", escape(r.cause) or "—"),
        ("Event", escape(r.event) or "—"),
        ("Effect", escape(r.effect) or "—"),
        ("Controls", escape(r.controls) or "None recorded"),
    ]
    actions = "".join(_action(a) for a in r.mitigations) or (
        "<p class='warn'>No plan action mitigates this risk.</p>"
        if r.status.is_live
        else "<p class='muted'>No mitigating actions.</p>"
    )
    reviews = "".join(_review(review, bands) for review in reversed(r.reviews)) or (
        "<p class='muted'>No reviews yet.</p>"
    )
    chart = (
        f"<img src='{chart_url}' width='{CHART_WIDTH}' height='{CHART_HEIGHT}' "
        f"alt='{escape(chart_summary(r.reviews))}'>"
    )
    return (
        f"{_style()}<h2>{escape(r.reference)} · {escape(r.title)}</h2>{flag_line}"
        f"{_table(facts)}<h3>Cause → event → effect</h3>{_table(story)}"
        f"<h3>Score history</h3><p>{chart}</p>"
        f"<h3>Mitigating actions ({len(r.mitigations)})</h3>{actions}"
        f"<h3>Reviews ({len(r.reviews)}), newest first</h3>{reviews}"
    )
