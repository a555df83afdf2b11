"""Pieces the pack's log, plan, risk and scorecard sections share: headings, rated cells, changes.

A rating (BRAG, risk band, RAG) is always printed as a word in a cell filled
with its colour, so a grey-scale print or a colour-blind reader loses nothing;
the ink on the fill is black or white by contrast, as on screen. The "changes
since the last board" block reads the same in every section.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from improvement_desk.domain.risk_bands import text_colour_on
from improvement_desk.reports.styles import keep_together, styles
from improvement_desk.reports.text import escape, markup, medium_date, short_date

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackChanges, Redated, Rerated


def section_title(title: str) -> Paragraph:
    """The section's own heading (the story adds the outline entry and page break)."""
    return Paragraph(escape(title), styles().title)


def sub_heading(title: str) -> Paragraph:
    return Paragraph(escape(title), styles().section)


def note(text_markup: str) -> Paragraph:
    return Paragraph(text_markup, styles().note)


@cache
def rated_style(fill: str) -> ParagraphStyle:
    """Bold cell text in the ink that reads best on `fill` ("#RRGGBB")."""
    return ParagraphStyle(
        f"rated{fill}",
        parent=styles().cell_bold,
        textColor=colors.HexColor(text_colour_on(fill)),
    )


def rated_cell(word_markup: str, fill: str) -> Paragraph:
    return Paragraph(word_markup, rated_style(fill))


def fill_cells(table: Table, fills: Sequence[tuple[int, int, str]]) -> Table:
    """Paints (column, row, "#RRGGBB") cells over the table's banding."""
    if fills:
        table.setStyle(
            TableStyle(
                [("BACKGROUND", (c, r), (c, r), colors.HexColor(fill)) for c, r, fill in fills]
            )
        )
    return table


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _rerated(item: Rerated) -> str:
    return f"{markup(item.reference)}: {markup(item.before)} → {markup(item.after)}"


def _redated(item: Redated) -> str:
    return f"{markup(item.reference)}: {short_date(item.before)} → {short_date(item.after)}"


def changes_block(
    changes: PackChanges,
    groups: Sequence[tuple[str, Sequence[str]]],
    *,
    subject: str,
) -> list[Flowable]:
    """ "Changes since the last board": one line per kind of change that happened.

    `groups` are (label, references or lines already as markup); an empty group is
    left out, and when nothing changed at all the block says so in words.
    """
    head = sub_heading("Changes since the last board")
    body = styles().body
    if changes.first or changes.since is None:
        return [
            keep_together(
                [
                    head,
                    Paragraph(
                        "This is the first pack issued for this board, so there is nothing "
                        "to compare with.",
                        body,
                    ),
                ]
            )
        ]
    since = medium_date(changes.since)
    lines = [
        Paragraph(f"<b>{escape(label)}:</b> {', '.join(items)}", body)
        for label, items in groups
        if items
    ]
    if not lines:
        lines = [Paragraph(f"No changes to the {escape(subject)} since {since}.", body)]
    else:
        lines.insert(0, Paragraph(f"Since the board of {since}:", styles().note))
    return [keep_together([head, *lines])]


def references(items: Sequence[str]) -> list[str]:
    return [markup(item) for item in items]


def rerated(items: Sequence[Rerated]) -> list[str]:
    return [_rerated(item) for item in items]


def redated(items: Sequence[Redated]) -> list[str]:
    return [_redated(item) for item in items]


def day(value: date | None, missing: str = "Not set") -> str:
    return short_date(value) if value is not None else missing
