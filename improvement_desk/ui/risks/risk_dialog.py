"""Add or edit a risk: cause, event and effect, its owner, its three scores and its review cycle.

Once a risk exists its current score is shown but cannot be changed here:
it moves only by recording a review, which keeps the history honest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk import (
    DEFAULT_CATEGORIES,
    Proximity,
    ReviewFrequency,
    RiskDraft,
    RiskStatus,
    add_months,
    validate_risk,
)
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.text_rules import REFERENCE_TEXT, SHORT_TEXT, clean_text
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.forms import (
    DateField,
    FormDialog,
    OptionalDateEdit,
    editable_combo,
    multiline_edit,
    plain_label,
)
from improvement_desk.ui.risks.score_widgets import (
    ScoreChip,
    level_of,
    required_level,
    scale_combo,
    set_level,
)

CURRENT_LOCKED = "Record a review to change the current score"
NO_TARGET = "No target yet"
HINT_COLOUR = "#555555"


class ScorePair:
    """A likelihood and an impact picker with the live score beside them."""

    def __init__(self, bands: RiskBands, *, optional: bool) -> None:
        none_text = NO_TARGET if optional else None
        self.likelihood = scale_combo("likelihood", none_text=none_text)
        self.impact = scale_combo("impact", none_text=none_text)
        self.chip = ScoreChip(bands)
        self._empty = NO_TARGET if optional else "Not scored yet"
        for combo in (self.likelihood, self.impact):
            combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        self.chip.show_levels(level_of(self.likelihood), level_of(self.impact), self._empty)

    def set(self, likelihood: int | None, impact: int | None) -> None:
        set_level(self.likelihood, likelihood)
        set_level(self.impact, impact)
        self.refresh()


class RiskDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        people: Sequence[str],
        categories: Sequence[str],
        bands: RiskBands,
        initial: RiskRecord | None,
        today: date,
        suggested_reference: str = "",
    ) -> None:
        title = f"Edit risk {initial.reference}" if initial else "New risk"
        super().__init__(parent, title=title, is_new=initial is None, scrollable=True)
        self._people = list(people)
        self._known = set(people)
        self._today = today
        self._initial = initial
        self._next_review_typed = False  # once the user sets it, it is no longer suggested
        self._suggesting = False
        self._build(bands, categories)
        self._fill(initial, suggested_reference)
        self._connect()
        self.revalidate()
        self._size_to_screen()

    # -- building ------------------------------------------------------------------------------

    def _build(self, bands: RiskBands, categories: Sequence[str]) -> None:
        self.reference = QLineEdit()
        self.reference.setMaxLength(REFERENCE_TEXT * 2)
        self.reference.setPlaceholderText("e.g. R7")
        self.risk_title = QLineEdit()
        self.risk_title.setMaxLength(SHORT_TEXT * 2)
        self.risk_title.setPlaceholderText("A few words the board will recognise")
        self.cause = multiline_edit(3)
        self.risk_event = multiline_edit(3)
        self.effect = multiline_edit(3)
        self.category = editable_combo(
            list(dict.fromkeys([*categories, *DEFAULT_CATEGORIES])),
            max_length=SHORT_TEXT * 2,
            placeholder="Pick a category or type a new one",
        )
        self.owner = editable_combo(
            self._people, max_length=SHORT_TEXT * 2, placeholder="Start typing a name from the list"
        )
        completer = QCompleter(QStringListModel(self._people, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.owner.setCompleter(completer)
        self.date_raised = DateField.edit(self._today)
        self.controls = multiline_edit(4)
        self.inherent = ScorePair(bands, optional=False)
        self.current = ScorePair(bands, optional=False)
        self.target = ScorePair(bands, optional=True)
        self.target_date = OptionalDateEdit()
        self.status = QComboBox()
        for status in RiskStatus:
            self.status.addItem(status.label, status.value)
        self.proximity = QComboBox()
        self.proximity.addItem("Not set", None)
        for proximity in Proximity:
            self.proximity.addItem(proximity.label, proximity.value)
        self.frequency = QComboBox()
        for frequency in ReviewFrequency:
            self.frequency.addItem(frequency.label, frequency.value)
        self.next_review = OptionalDateEdit()

        self._heading("The risk", first=True)
        self.add_row("Reference", "&Reference:", self.reference, "reference")
        self.add_row("Title", "&Title:", self.risk_title, "title")
        self.add_row("Cause", "&Cause (because…):", self.cause, "cause")
        self.add_row("Event", "&Event (there is a risk that…):", self.risk_event, "event")
        self.add_row("Effect", "E&ffect (resulting in…):", self.effect, "effect")
        self.add_row("Category", "Cate&gory:", self.category, "category")
        self.add_row("Owner", "&Owner:", self.owner, "owner")
        self.add_row("Date raised", "&Date raised:", self.date_raised, "date_raised")
        self._heading("Scores")
        self._add_pair("Inherent", self.inherent, "inherent", ("In&herent likelihood", "I&mpact"))
        self.add_row("Controls in place", "Co&ntrols in place:", self.controls, "controls")
        self._add_pair("Current", self.current, "current", ("C&urrent likelihood", "&Impact"))
        self.current_note = self._hint(CURRENT_LOCKED + ".", "current_note")
        self._add_pair("Target", self.target, "target", ("Target li&kelihood", "Im&pact"))
        self.add_row("Target date", "T&arget date:", self.target_date, "target_date")
        self._heading("Managing it")
        self.add_row("Status", "&Status:", self.status, "status")
        self.add_row("Proximity", "Pro&ximity:", self.proximity, "proximity")
        self.add_row("Review frequency", "Re&view frequency:", self.frequency, "review_frequency")
        self.add_row("Next review date", "Next revie&w date:", self.next_review, "next_review")
        self.chain_tab_order(
            [
                self.reference, self.risk_title, self.cause, self.risk_event, self.effect,
                self.category, self.owner, self.date_raised,
                self.inherent.likelihood, self.inherent.impact, self.controls,
                self.current.likelihood, self.current.impact,
                self.target.likelihood, self.target.impact,
                self.target_date.edit, self.target_date.none_box, self.status, self.proximity,
                self.frequency, self.next_review.edit, self.next_review.none_box,
            ]
        )  # fmt: skip

    def _heading(self, text: str, *, first: bool = False) -> None:
        label = plain_label(text)
        font = QFont(label.font())
        font.setBold(True)
        label.setFont(font)
        label.setContentsMargins(0, 0 if first else 10, 0, 2)
        self.form.addRow(label)

    def _add_pair(self, stem: str, pair: ScorePair, name: str, texts: tuple[str, str]) -> None:
        """One row: '<stem> likelihood [..]  Impact [..]  4 × 4 = 16  High', errors below."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        impact_label = QLabel(texts[1] + ":")
        impact_label.setBuddy(pair.impact)
        line.addWidget(pair.likelihood, 3)
        line.addSpacing(8)
        line.addWidget(impact_label)
        line.addWidget(pair.impact, 3)
        line.addSpacing(8)
        line.addWidget(pair.chip)
        column.addLayout(line)
        row_label = QLabel(texts[0] + ":")
        row_label.setBuddy(pair.likelihood)
        for field, combo, suffix in (
            (f"{stem} likelihood", pair.likelihood, "likelihood"),
            (f"{stem} impact", pair.impact, "impact"),
        ):
            combo.setObjectName(f"{name}_{suffix}")
            combo.setAccessibleName(field)
            self.inputs[field] = combo
            column.addWidget(self.errors.add(field, combo))
        pair.chip.setObjectName(f"{name}_score")
        self.form.addRow(row_label, holder)

    def _hint(self, text: str, name: str) -> QLabel:
        note = plain_label(text)
        note.setObjectName(name)
        note.setWordWrap(True)
        note.setStyleSheet(f"color: {HINT_COLOUR};")
        self.form.addRow("", note)
        return note

    def _fill(self, initial: RiskRecord | None, suggested_reference: str) -> None:
        self.status.setCurrentIndex(0)
        self.target.set(None, None)
        if initial is None:
            self.reference.setText(suggested_reference)
            for combo in (self.category, self.owner):
                combo.setCurrentIndex(-1)
                combo.setEditText("")
            # The date offered when "None" is unticked: a year on, from the board's today.
            self.target_date.edit.setDate(DateField.to_qdate(add_months(self._today, 12)))
            self.target_date.setDate(None)
            self._suggest_next_review()
            self.current_note.hide()
            return
        self.reference.setText(initial.reference)
        self.risk_title.setText(initial.title)
        self.cause.setPlainText(initial.cause)
        self.risk_event.setPlainText(initial.event)
        self.effect.setPlainText(initial.effect)
        if self.category.findText(initial.category) < 0:
            self.category.addItem(initial.category)
        self.category.setCurrentText(initial.category)
        self.owner.setCurrentText(initial.owner)
        self.date_raised.setDate(DateField.to_qdate(initial.date_raised))
        self.inherent.set(initial.inherent_likelihood, initial.inherent_impact)
        self.controls.setPlainText(initial.controls)
        self.current.set(initial.current_likelihood, initial.current_impact)
        for combo in (self.current.likelihood, self.current.impact):
            combo.setEnabled(False)
            combo.setToolTip(CURRENT_LOCKED)
        self.target.set(initial.target_likelihood, initial.target_impact)
        self.target_date.setDate(initial.target_date)
        self.status.setCurrentIndex(self.status.findData(initial.status.value))
        proximity = initial.proximity.value if initial.proximity else None
        self.proximity.setCurrentIndex(self.proximity.findData(proximity))
        self.frequency.setCurrentIndex(self.frequency.findData(initial.review_frequency.value))
        self.next_review.setDate(initial.next_review_date)

    def _connect(self) -> None:
        self.watch("Reference", self.reference.textChanged)
        self.watch("Title", self.risk_title.textChanged)
        self.watch("Cause", self.cause.textChanged)
        self.watch("Event", self.risk_event.textChanged)
        self.watch("Effect", self.effect.textChanged)
        self.watch("Category", self.category.editTextChanged, self.category.currentIndexChanged)
        self.watch("Owner", self.owner.editTextChanged)
        self.watch("Date raised", self.date_raised.dateChanged)
        self.watch("Controls in place", self.controls.textChanged)
        for stem, pair in (
            ("Inherent", self.inherent),
            ("Current", self.current),
            ("Target", self.target),
        ):
            self.watch(f"{stem} likelihood", pair.likelihood.currentIndexChanged)
            self.watch(f"{stem} impact", pair.impact.currentIndexChanged)
        self.watch("Target date", self.target_date.changed)
        self.watch("Status", self.status.currentIndexChanged)
        self.watch("Proximity", self.proximity.currentIndexChanged)
        self.watch("Review frequency", self.frequency.currentIndexChanged)
        self.watch("Next review date", self.next_review.changed)
        self.next_review.changed.connect(self._next_review_edited)
        self.frequency.currentIndexChanged.connect(self._suggest_next_review)
        if self.is_new:
            self.date_raised.dateChanged.connect(self._suggest_next_review)

    def _next_review_edited(self) -> None:
        if not self._suggesting:
            self._next_review_typed = True

    def _suggest_next_review(self, *_: object) -> None:
        """New: date raised + frequency. Existing: the last review + the (new) frequency."""
        if self._next_review_typed:
            return
        start = DateField.to_date(self.date_raised.date())
        if self._initial is not None:
            start = self._initial.last_review_date or self._initial.date_raised
        self._suggesting = True
        try:
            self.next_review.setDate(self.selected_frequency().next_after(start))
        finally:
            self._suggesting = False

    def _size_to_screen(self) -> None:
        """Wide enough for a score row, never taller than a 1366×768 laptop's screen."""
        self.setMinimumWidth(760)
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen else 700
        body = self.form.sizeHint().height() + self.buttons.sizeHint().height()
        self.resize(800, max(360, min(body + 120, room, 708)))

    # -- the contract --------------------------------------------------------------------------

    def selected_frequency(self) -> ReviewFrequency:
        value = self.frequency.currentData()
        return ReviewFrequency(value) if isinstance(value, str) else ReviewFrequency.MONTHLY

    def _owner(self) -> str:
        """The name as typed, or as the list spells it when only the case differs."""
        typed = clean_text(self.owner.currentText())
        if typed in self._known:
            return typed
        return {name.casefold(): name for name in self._people}.get(typed.casefold(), typed)

    def value(self) -> RiskDraft:
        status = self.status.currentData()
        proximity = self.proximity.currentData()
        return RiskDraft(
            reference=clean_text(self.reference.text()),
            title=clean_text(self.risk_title.text()),
            cause=clean_text(self.cause.toPlainText()),
            event=clean_text(self.risk_event.toPlainText()),
            effect=clean_text(self.effect.toPlainText()),
            category=clean_text(self.category.currentText()),
            owner=self._owner(),
            date_raised=DateField.to_date(self.date_raised.date()),
            inherent_likelihood=required_level(self.inherent.likelihood),
            inherent_impact=required_level(self.inherent.impact),
            current_likelihood=required_level(self.current.likelihood),
            current_impact=required_level(self.current.impact),
            controls=clean_text(self.controls.toPlainText()),
            target_likelihood=level_of(self.target.likelihood),
            target_impact=level_of(self.target.impact),
            target_date=self.target_date.date(),
            status=RiskStatus(status) if isinstance(status, str) else RiskStatus.OPEN,
            proximity=Proximity(proximity) if isinstance(proximity, str) else None,
            review_frequency=self.selected_frequency(),
            next_review_date=self.next_review.date(),
        )

    def problems(self) -> list[FieldProblem]:
        return validate_risk(self.value(), known_people=self._known, today=self._today)
