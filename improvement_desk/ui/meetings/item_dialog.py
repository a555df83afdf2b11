"""Add or edit an agenda item: what it is, who presents it, why, how long, and whether it is
taken in private.

An exempt item names its Schedule 12A paragraph (the public pack prints the
paragraph's reason in its place), may say from when it can be published, and
may have a public title: the wording the board allows the public pack and
minutes to print instead of "Exempt item". These are offered only while
"Exempt" is ticked, and an item no longer exempt keeps none of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.marking import EXEMPT_PARAGRAPHS, Marking
from improvement_desk.domain.meeting import (
    MAX_ITEM_MINUTES,
    AgendaItemDraft,
    Purpose,
    StandingItem,
    validate_agenda_item,
)
from improvement_desk.domain.text_rules import SHORT_TEXT, clean_text
from improvement_desk.services.meeting_records import AgendaItemRecord
from improvement_desk.ui.forms import FormDialog, OptionalDateEdit, plain_label
from improvement_desk.ui.meetings.meeting_dialog import marking_combo, marking_of, set_marking

CHOOSE_PARAGRAPH = "Choose the paragraph…"
PUBLIC_TITLE_HINT = "Printed in the public pack instead of “Exempt item”"
HINT_COLOUR = "#555555"


def paragraph_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(CHOOSE_PARAGRAPH, None)
    for number, text in EXEMPT_PARAGRAPHS.items():
        combo.addItem(f"{number} — {text}", number)
        combo.setItemData(combo.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
    # The longest paragraph would make the dialog as wide as the screen.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(36)
    return combo


class ItemDialog(FormDialog):
    """`submitted` carries an `AgendaItemDraft`."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: AgendaItemRecord | None,
        meeting_label: str,
        default_marking: Marking = Marking.OFFICIAL,
    ) -> None:
        title = f"Edit item {initial.number}" if initial else "Add agenda item"
        super().__init__(parent, title=f"{title} — {meeting_label}", is_new=initial is None)
        self.setMinimumWidth(600)
        self._standing: StandingItem | None = initial.standing if initial else None
        self._default_marking = default_marking

        self.item_title = QLineEdit()
        self.item_title.setPlaceholderText("As it will read on the agenda")
        self.presenter = QLineEdit()
        self.presenter.setPlaceholderText("e.g. Director of Children's Services")
        for edit in (self.item_title, self.presenter):
            edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        self.purpose = QComboBox()
        for purpose in Purpose:
            self.purpose.addItem(f"For {purpose.label.lower()}", purpose.value)
        self.minutes = QLineEdit()
        self.minutes.setValidator(QIntValidator(0, 9999, self.minutes))
        self.minutes.setPlaceholderText(f"minutes, 1–{MAX_ITEM_MINUTES}; empty if not timed")
        self.marking = marking_combo()
        self.exempt = QCheckBox("E&xempt from publication (Part B, taken in private)")
        self.paragraph = paragraph_combo()
        self.paragraph_text = plain_label()
        self.paragraph_text.setObjectName("paragraph_text")
        self.paragraph_text.setWordWrap(True)
        self.paragraph_text.setStyleSheet(f"color: {HINT_COLOUR};")
        self.publish_from = OptionalDateEdit()
        self.public_title = QLineEdit()
        self.public_title.setPlaceholderText(PUBLIC_TITLE_HINT)
        self.public_title.setMaxLength(SHORT_TEXT * 2)

        self.add_row("Title", "&Title:", self.item_title, "item_title")
        self.add_row("Presenter", "&Presenter:", self.presenter, "presenter")
        self.add_row("Purpose", "P&urpose:", self.purpose, "purpose")
        self.add_row("Time allowed", "Time &allowed:", self.minutes, "minutes_allowed")
        self.add_row("Marking", "&Marking:", self.marking, "marking")
        self.form.addRow("", self.exempt)
        self.exempt.setObjectName("exempt")
        self.add_row("Exempt paragraph", "Schedule 12A pa&ragraph:", self.paragraph, "paragraph")
        self.form.addRow("", self.paragraph_text)
        self.add_row("Publish from", "Publish &from:", self.publish_from, "publish_from")
        self.publish_from.setToolTip("When the exempt papers may be made public, if ever")
        self.add_row("Public title", "Pu&blic title:", self.public_title, "public_title")
        self.public_title.setToolTip(
            "The wording the board allows the public pack and minutes to print for this item; "
            "empty: “Exempt item”"
        )

        self._fill(initial)
        self.chain_tab_order(
            [self.item_title, self.presenter, self.purpose, self.minutes, self.marking,
             self.exempt, self.paragraph, self.publish_from.edit, self.publish_from.none_box,
             self.public_title]
        )  # fmt: skip
        self.watch("Title", self.item_title.textChanged)
        self.watch("Presenter", self.presenter.textChanged)
        self.watch("Purpose", self.purpose.currentIndexChanged)
        self.watch("Time allowed", self.minutes.textChanged)
        self.watch("Marking", self.marking.currentIndexChanged)
        self.watch("Exempt paragraph", self.exempt.toggled, self.paragraph.currentIndexChanged)
        self.watch("Publish from", self.publish_from.changed)
        self.watch("Public title", self.public_title.textChanged)
        self.exempt.toggled.connect(self._exempt_toggled)
        self.paragraph.currentIndexChanged.connect(self._show_paragraph)
        self._exempt_toggled(self.exempt.isChecked())
        self.revalidate()
        self.item_title.setFocus()

    def _fill(self, initial: AgendaItemRecord | None) -> None:
        self.publish_from.setDate(None)
        purpose = initial.purpose if initial else AgendaItemDraft("").purpose
        self.purpose.setCurrentIndex(max(self.purpose.findData(purpose.value), 0))
        if initial is None:
            set_marking(self.marking, self._default_marking)  # the board's setting
            return
        self.item_title.setText(initial.title)
        self.presenter.setText(initial.presenter)
        if initial.minutes_allowed is not None:
            self.minutes.setText(str(initial.minutes_allowed))
        set_marking(self.marking, initial.marking)
        self.exempt.setChecked(initial.exempt)
        self.paragraph.setCurrentIndex(max(self.paragraph.findData(initial.exempt_paragraph), 0))
        self.publish_from.setDate(initial.publish_from)
        self.public_title.setText(initial.public_title)

    def _exempt_toggled(self, on: bool) -> None:
        self.paragraph.setEnabled(on)
        self.publish_from.setEnabled(on)
        self.public_title.setEnabled(on)
        self._show_paragraph()

    def _show_paragraph(self, *_: object) -> None:
        number = self.paragraph.currentData() if self.exempt.isChecked() else None
        self.paragraph_text.setText(EXEMPT_PARAGRAPHS.get(number, "") if number else "")
        self.paragraph_text.setVisible(bool(number))

    def _minutes(self) -> int | None:
        text = self.minutes.text().strip()
        return int(text) if text else None

    def value(self) -> AgendaItemDraft:
        exempt = self.exempt.isChecked()
        paragraph = self.paragraph.currentData() if exempt else None
        return AgendaItemDraft(
            title=clean_text(self.item_title.text()),
            presenter=clean_text(self.presenter.text()),
            purpose=Purpose(self.purpose.currentData()),
            minutes_allowed=self._minutes(),
            marking=marking_of(self.marking),
            exempt=exempt,
            exempt_paragraph=int(paragraph) if paragraph is not None else None,
            publish_from=self.publish_from.date() if exempt else None,
            standing=self._standing,
            public_title=clean_text(self.public_title.text()) if exempt else "",
        )

    def problems(self) -> list[FieldProblem]:
        return validate_agenda_item(self.value())
