"""The dashboard's cards, each filled from the `Dashboard` record.

Each builder returns the card and the figure buttons it made, so the page can
route their clicks and tests can find every figure by its key.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.dashboard import (
    BRAG_ORDER,
    Dashboard,
    DueActions,
    NextMeeting,
)
from improvement_desk.ui.dashboard.figures import Card, FigureButton, label
from improvement_desk.ui.dashboard.requests import (
    LogRequest,
    MeetingRequest,
    PlanRequest,
    RiskRequest,
    ScorecardRequest,
)
from improvement_desk.ui.plan.icons import brag_icon

Built = tuple[Card, list[FigureButton]]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _row(*widgets: QWidget) -> QHBoxLayout:
    line = QHBoxLayout()
    line.setSpacing(4)
    for widget in widgets:
        line.addWidget(widget)
    line.addStretch(1)
    return line


def meeting_card(meeting: NextMeeting | None, today: date) -> Built:
    card = Card("meeting", "Next meeting")
    if meeting is None:
        card.body.addWidget(
            label("No meeting is planned. Add the next one on the Meetings page.", wrap=True)
        )
        return card, []
    days = (meeting.meeting_date - today).days
    when = "today" if days == 0 else f"in {_plural(days, 'day')}"
    title = f"{meeting.title}, {meeting.meeting_date:%a %d %b %Y}"
    open_it = FigureButton(
        "meeting",
        title,
        1,
        MeetingRequest(meeting.id),
        f"Next meeting: {title}, {when}",
        big=True,
    )
    card.body.addLayout(_row(open_it))
    card.body.addWidget(label(f"{when.capitalize()} · {meeting.status.label}", role="note"))
    if meeting.issued_at is not None:
        pack = f"Pack issued {meeting.issued_at:%d %b %Y} by {meeting.issued_by}"
    else:
        pack = "Pack not issued yet"
    card.body.addWidget(label(pack))
    papers = (
        f"{_plural(meeting.item_count, 'agenda item')}, {_plural(meeting.paper_count, 'paper')}"
    )
    card.body.addWidget(label(papers))
    missing = meeting.items_without_paper
    gap = FigureButton(
        "meeting.without_paper",
        f"{_plural(len(missing), 'item')} without a paper",
        len(missing),
        MeetingRequest(meeting.id, missing[0].id if missing else None),
        f"{_plural(len(missing), 'agenda item')} of the next meeting without a paper",
    )
    card.body.addLayout(_row(gap))
    for item in missing:
        card.body.addWidget(label(f"   {item.label}", role="note", wrap=True))
    card.body.addWidget(
        label(
            "Standing items are not counted: the pack fills them. "
            "Draft packs saved to a file are not recorded, so only issued packs show.",
            role="note",
            wrap=True,
        )
    )
    return card, [open_it, gap]


def due_card(kind: str, title: str, noun: str, due: DueActions) -> Built:
    """Overdue and due-soon actions of the plan ("plan") or the log ("log"), by owner."""
    card = Card(kind, title)
    buttons: list[FigureButton] = []

    def request(
        owner: str | None, owner_id: int | None, *, overdue: bool
    ) -> PlanRequest | LogRequest:
        due_by = None if overdue else due.due_by
        if kind == "plan":
            return PlanRequest(lead=owner, overdue=overdue, due_by=due_by)
        return LogRequest(owner_id=owner_id, overdue=overdue, due_by=due_by)

    soon_words = f"due by {due.due_by:%d %b}"
    totals = [
        FigureButton(
            f"{kind}.overdue",
            f"{due.overdue} overdue",
            due.overdue,
            request(None, None, overdue=True),
            f"{_plural(due.overdue, noun)} overdue",
            big=True,
        ),
        FigureButton(
            f"{kind}.due_soon",
            f"{due.due_soon} {soon_words}",
            due.due_soon,
            request(None, None, overdue=False),
            f"{_plural(due.due_soon, noun)} {soon_words}, not yet overdue",
            big=True,
        ),
    ]
    buttons += totals
    card.body.addLayout(_row(*totals))
    if not due.owners:
        card.body.addWidget(label("Nothing overdue or due in the next 14 days.", role="note"))
        return card, buttons
    grid = QGridLayout()
    grid.setHorizontalSpacing(8)
    grid.setVerticalSpacing(0)
    grid.addWidget(label("Owner", role="note"), 0, 0)
    grid.addWidget(label("Overdue", role="note"), 0, 1)
    grid.addWidget(label("Due soon", role="note"), 0, 2)
    for row, owner in enumerate(due.owners, start=1):
        grid.addWidget(label(owner.owner), row, 0)
        for col, (overdue, n) in enumerate(((True, owner.overdue), (False, owner.due_soon)), 1):
            what = "overdue" if overdue else soon_words
            button = FigureButton(
                f"{kind}.{'overdue' if overdue else 'due_soon'}.{owner.owner}",
                str(n),
                n,
                request(owner.owner, owner.owner_id, overdue=overdue),
                f"{owner.owner}: {_plural(n, noun)} {what}",
            )
            grid.addWidget(button, row, col)
            buttons.append(button)
    grid.setColumnStretch(3, 1)
    card.body.addLayout(grid)
    return card, buttons


def risk_card(board: Dashboard) -> Built:
    card = Card("risks", "Risks")
    review = FigureButton(
        "risks.review_due",
        f"{board.risks_review_due} due for review",
        board.risks_review_due,
        RiskRequest(review_due=True),
        f"{_plural(board.risks_review_due, 'live risk')} due or overdue for review",
        big=True,
    )
    above = FigureButton(
        "risks.above_appetite",
        f"{board.risks_above_appetite} above appetite",
        board.risks_above_appetite,
        RiskRequest(above_appetite=True),
        f"{_plural(board.risks_above_appetite, 'live risk')} scored above the board's appetite",
        big=True,
    )
    card.body.addLayout(_row(review))
    card.body.addLayout(_row(above))
    card.body.addWidget(label(f"of {_plural(board.live_risks, 'live risk')}", role="note"))
    return card, [review, above]


def indicator_card(board: Dashboard) -> Built:
    card = Card("indicators", "Scorecard")
    n = len(board.red_indicators)
    red = FigureButton(
        "indicators.red",
        f"{n} red this period",
        n,
        ScorecardRequest(Rag.RED),
        f"{_plural(n, 'indicator')} Red in their latest period",
        big=True,
    )
    card.body.addLayout(_row(red))
    for name in board.red_indicators:
        card.body.addWidget(label(f"   {name}", wrap=True))
    card.body.addWidget(
        label(f"of {_plural(board.active_indicators, 'active indicator')}", role="note")
    )
    return card, [red]


def brag_card(board: Dashboard) -> Built:
    """The plan's BRAG by theme: words in the header, a swatch beside each, counts as text."""
    card = Card("brag", "Action plan by theme (BRAG)")
    buttons: list[FigureButton] = []
    if not board.themes:
        card.body.addWidget(label("The plan has no actions yet.", role="note"))
        return card, buttons
    grid = QGridLayout()
    grid.setHorizontalSpacing(6)
    grid.setVerticalSpacing(0)
    grid.addWidget(label("Theme", role="note"), 0, 0)
    for col, status in enumerate(BRAG_ORDER, start=1):
        grid.addWidget(label(status.label, role="note"), 0, col)
    grid.addWidget(label("All", role="note"), 0, len(BRAG_ORDER) + 1)

    def cell(theme: str | None, status: Brag | None, n: int) -> FigureButton:
        where = theme or "All themes"
        what = f"{status.label}" if status else "in all"
        key = f"brag.{theme or '*'}.{status.value if status else '*'}"
        button = FigureButton(
            key,
            str(n),
            n,
            PlanRequest(theme=theme, status=status),
            f"{where}: {_plural(n, 'action')} {what}",
            icon=brag_icon(status, 12) if status is not None else None,
        )
        buttons.append(button)
        return button

    rows: list[tuple[str | None, tuple[tuple[Brag, int], ...], int]]
    rows = [(t.theme, t.counts, t.total) for t in board.themes]
    total = sum(t.total for t in board.themes)
    rows.append((None, board.brag_totals, total))
    for row, (theme, counts, all_n) in enumerate(rows, start=1):
        name = label(theme or "All themes")
        if theme is None:
            font = name.font()
            font.setBold(True)
            name.setFont(font)
        grid.addWidget(name, row, 0)
        for col, (status, n) in enumerate(counts, start=1):
            grid.addWidget(cell(theme, status, n), row, col)
        grid.addWidget(cell(theme, None, all_n), row, len(BRAG_ORDER) + 1)
    grid.setColumnStretch(len(BRAG_ORDER) + 2, 1)
    card.body.addLayout(grid)
    return card, buttons
