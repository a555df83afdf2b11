"""The risk detail view: scores readable with and without colour, history in order, user text
shown literally."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.services.risk_records import ReviewRecord
from improvement_desk.ui.risks.history_chart import chart_summary, render_history
from improvement_desk.ui.risks.risk_detail import RiskDetailView

from .risk_fixtures import TODAY, make_linked_action, make_review, make_risk

pytestmark = pytest.mark.gui


def chip_colours(view: RiskDetailView) -> dict[str, str]:
    """What each coloured chip says ('H 16') and the colour behind it, as the view shows them."""
    found: dict[str, str] = {}
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            brush = fragment.charFormat().background()
            text = fragment.text().replace("\xa0", " ").strip()
            if text and brush.style().value != 0:  # Qt.BrushStyle.NoBrush
                found.setdefault(text, brush.color().name().upper())
            it += 1
        block = block.next()
    return found


def reviews() -> tuple[ReviewRecord, ...]:
    return (
        make_review(review_date=date(2013, 10, 1), likelihood=3, impact=4, commentary="First"),
        make_review(review_date=date(2014, 1, 6), likelihood=4, impact=4, commentary="Two leavers"),
        make_review(
            review_date=date(2014, 3, 3),
            likelihood=4,
            impact=5,
            commentary="Agency cover <b>not</b> found & caseloads at 27",
            reviewer="Zoë <i>Ó</i> Briain",
        ),
    )


def shown(qtbot: QtBot, bands: RiskBands, **overrides: Any) -> RiskDetailView:
    view = RiskDetailView()
    qtbot.addWidget(view)
    view.resize(440, 900)
    view.show_risk(make_risk(bands=bands, **overrides), bands, TODAY)
    return view


def test_scores_read_as_letter_number_and_word_on_the_bands_colour(qtbot: QtBot) -> None:
    bands = RiskBands()
    view = shown(qtbot, bands, reviews=reviews(), inherent_likelihood=4, inherent_impact=4)
    chips = chip_colours(view)
    assert chips["H 16"] == bands.colour(16).upper()  # inherent, and a review
    assert chips["H 20"] == bands.colour(20).upper()  # current
    assert chips["M 6"] == bands.colour(6).upper()  # target
    assert chips["M 12"] == bands.colour(12).upper()  # the first review
    text = " ".join(view.toPlainText().replace("\xa0", " ").split())  # as a screen reader hears it
    assert "Inherent H 16 High 4×4 · Likely × Major" in text
    assert "Current H 20 High 4×5 · Likely × Critical" in text
    assert "↑ Worse (16 → 20)" in text

    other = RiskBands(low_max=6, medium_max=20, appetite=20, medium_colour="#1F5FA8")
    view.show_risk(make_risk(bands=other, reviews=reviews()), other, TODAY)
    assert chip_colours(view)["M 20"] == "#1F5FA8"
    assert "Above appetite" not in view.toPlainText()


def test_reviews_newest_first_and_user_text_literal(qtbot: QtBot) -> None:
    view = shown(
        qtbot,
        RiskBands(),
        reviews=reviews(),
        title="<b>Vacancies</b> & agency",
        cause="a < b",
        controls="<script>x</script>",
    )
    text = view.toPlainText()
    assert "<b>Vacancies</b> & agency" in text
    assert "a < b" in text
    assert "<script>x</script>" in text
    assert "Agency cover <b>not</b> found & caseloads at 27" in text
    assert "Zoë <i>Ó</i> Briain" in text
    listed = text.split("Reviews (3), newest first")[1]
    assert listed.index("03 Mar 2014") < listed.index("06 Jan 2014") < listed.index("01 Oct 2013")


def test_flags_review_state_and_mitigations(qtbot: QtBot) -> None:
    view = shown(
        qtbot,
        RiskBands(),
        reviews=reviews(),
        next_review_date=date(2014, 3, 20),
        mitigations=(
            make_linked_action(reference="1.1", status=Brag.GREEN),
            make_linked_action(action_id=2, reference="2.3", status=Brag.RED, overdue=True),
        ),
    )
    text = view.toPlainText().replace("\xa0", " ")
    assert "⚠ Review overdue · Above appetite (as at 31 Mar 2014)" in text
    assert "Next review 20 Mar 2014 (monthly)" in text
    assert "Mitigating actions (2)" in text
    assert "R  Red 2.3 ⚠ overdue" in text
    assert "G  Green 1.1 —" in text
    assert chip_colours(view)["R"] == Brag.RED.colour.upper()

    closed = shown(qtbot, RiskBands(), status=RiskStatus.CLOSED, mitigations=())
    text = closed.toPlainText()
    assert "Closed: no further reviews due" in text
    assert "No mitigating actions." in text
    assert "Review overdue" not in text
    unmitigated = shown(qtbot, RiskBands(), mitigations=())
    assert "No plan action mitigates this risk." in unmitigated.toPlainText()


def test_score_history_chart_uses_the_bands_and_says_it_in_words(qtbot: QtBot) -> None:
    bands = RiskBands(high_colour="#7B1FA2")
    history = reviews()
    image = render_history(history, bands, scale=2.0)
    assert (image.width(), image.height()) == (640, 240)
    colours = {
        image.pixelColor(x, y).name().upper()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert "#7B1FA2" in colours, "a high review's point is filled with the high band's colour"
    assert bands.colour(12).upper() in colours, "the first review (12) is medium"
    assert chart_summary(history) == (
        "Score by review: 12 on 01 Oct 2013, 16 on 06 Jan 2014, 20 on 03 Mar 2014"
    )
    assert chart_summary(()) == "No reviews yet"
    view = shown(qtbot, bands, reviews=history)
    assert view.chart_image().size() == image.size()
    assert not view.chart_image().isNull()
    assert QColor(bands.colour(20)).name().upper() == "#7B1FA2"


def test_nothing_selected_says_what_to_do(qtbot: QtBot) -> None:
    view = RiskDetailView()
    qtbot.addWidget(view)
    view.show_nothing("No risk matches the filters. <b>Clear</b> them.")
    assert view.toPlainText() == "No risk matches the filters. <b>Clear</b> them."
    assert view.risk is None
