"""Add or edit an action of the improvement plan, checked against the plan's rules as typed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QStringListModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import ActionDraft, validate_action
from improvement_desk.domain.text_rules import REFERENCE_TEXT, SHORT_TEXT, clean_text
from improvement_desk.services.plan_records import (
    ActionRecord,
    DecisionChoice,
    RecommendationRecord,
)
from improvement_desk.ui.forms import (
    DateField,
    FormDialog,
    OptionalDateEdit,
    editable_combo,
    multiline_edit,
    plain_label,
)
from improvement_desk.ui.plan.icons import brag_icon
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import label_colour, muted_text_css

TARGET_LOCKED = "Use Re-baseline to move the target of an action under way"
DECISION_HINT = "e.g. Improvement Board 12 Feb 2014, minute 6"
NOT_MINUTED = "Not minuted in the desk: type the decision below"
MINUTED_HINT = "Choose the minuted decision that agreed closure (Blue actions)"


def recommendation_title(rec: RecommendationRecord, width: int = 60) -> str:
    """'R1 — first 60 characters of the text…', on one line."""
    text = " ".join(rec.text.split())
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return f"{rec.reference} — {text}"


def brag_title(status: Brag) -> str:
    return status.label if status is Brag.NOT_STARTED else f"{status.letter} — {status.label}"


class ActionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        people: Sequence[str],
        recommendations: Sequence[RecommendationRecord],
        initial: ActionRecord | None,
        recommendation_id: int | None,
        has_progress_updates: bool,
        target_editable: bool,
        today: date | None = None,
        decisions: Sequence[DecisionChoice] = (),
    ) -> None:
        title = f"Edit action {initial.reference}" if initial else "New action"
        super().__init__(parent, title=title, is_new=initial is None, scrollable=True)
        self._people = list(people)
        self._known = set(people)
        self._previous = initial.status if initial else None
        self._has_updates = has_progress_updates
        self._decisions = list(decisions)
        # The board's "today" (a demo board is viewed as at a fixed date) for default dates.
        self._today = DateField.to_qdate(today) if today else QDate.currentDate()
        self._build(recommendations, target_editable)
        self._fill(initial, recommendation_id)
        self._connect()
        self.revalidate()
        self._size_to_screen()

    # -- building ------------------------------------------------------------------------------

    def _build(
        self, recommendations: Sequence[RecommendationRecord], target_editable: bool
    ) -> None:
        self.recommendation = QComboBox()
        self.recommendation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.recommendation.setMinimumContentsLength(30)
        for rec in recommendations:
            self.recommendation.addItem(recommendation_title(rec), rec.id)
            index = self.recommendation.count() - 1
            tip = plain_tooltip(f"{rec.reference} ({rec.theme}): {rec.text}")
            self.recommendation.setItemData(index, tip, Qt.ItemDataRole.ToolTipRole)

        self.reference = QLineEdit()
        self.reference.setMaxLength(REFERENCE_TEXT * 2)
        self.reference.setPlaceholderText("e.g. 3.2")
        self.description = multiline_edit(4)

        self.lead_officer = editable_combo(
            self._people,
            max_length=SHORT_TEXT * 2,
            placeholder="Start typing a name from the list",
        )
        completer = QCompleter(QStringListModel(self._people, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.lead_officer.setCompleter(completer)

        self.start_date = OptionalDateEdit()
        self.target_date = DateField.edit()
        self.target_date.setEnabled(target_editable)
        self.success_measures = multiline_edit(4)

        self.status = QComboBox()
        for status in Brag:
            self.status.addItem(brag_icon(status), brag_title(status), status.value)
            index = self.status.count() - 1
            self.status.setItemData(index, status.meaning, Qt.ItemDataRole.ToolTipRole)
        self.confidence = QComboBox()
        self.confidence.addItem("Not set", None)
        for level in Confidence:
            self.confidence.addItem(level.label, level.value)
        self.evidence = multiline_edit(4)
        self.decision = QLineEdit()
        self.decision.setMaxLength(SHORT_TEXT * 2)
        self.decision.setPlaceholderText(DECISION_HINT)
        self.minuted = self._minuted_combo()

        self.add_row("Recommendation", "Re&commendation:", self.recommendation, "recommendation")
        self.add_row("Reference", "&Reference:", self.reference, "reference")
        self.add_row("Description", "&Description:", self.description, "description")
        self.add_row("Lead officer", "&Lead officer:", self.lead_officer, "lead_officer")
        self.add_row("Start date", "S&tart date:", self.start_date, "start_date")
        self.add_row("Target date", "Tar&get date:", self.target_date, "target_date")
        if not target_editable:
            self.target_date.setToolTip(TARGET_LOCKED)
            self.target_date.setAccessibleDescription(TARGET_LOCKED)
            self.target_note = self._hint(TARGET_LOCKED + ".", "target_note")
        self.add_row("Success measures", "Success &measures:", self.success_measures, "success_measures")  # fmt: skip
        self.add_row("Status", "St&atus:", self.status, "status")
        self.add_row("Confidence", "Con&fidence:", self.confidence, "confidence")
        self.add_row("Evidence of impact", "&Evidence of impact:", self.evidence, "evidence")
        if self._decisions:  # boards minuting in the desk pick the decision; others type it
            self.add_row("Minuted decision", "M&inuted decision:", self.minuted, "minuted")
        self.add_row("Board decision", "&Board decision:", self.decision, "decision")
        self.chain_tab_order(
            [
                self.recommendation, self.reference, self.description, self.lead_officer,
                self.start_date.edit, self.start_date.none_box, self.target_date,
                self.success_measures, self.status, self.confidence, self.evidence,
                *([self.minuted] if self._decisions else []), self.decision,
            ]
        )  # fmt: skip

    def _minuted_combo(self) -> QComboBox:
        combo = QComboBox()
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(30)
        combo.addItem(NOT_MINUTED, None)
        for choice in self._decisions:
            combo.addItem(choice.label, choice.id)
            tip = plain_tooltip(choice.label)
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        combo.setToolTip(MINUTED_HINT)
        combo.setAccessibleDescription(MINUTED_HINT)
        return combo

    def _hint(self, text: str, name: str) -> QLabel:
        """A grey note under the row just added."""
        note = plain_label(text)
        note.setObjectName(name)
        note.setWordWrap(True)
        note.setStyleSheet(label_colour(muted_text_css()))
        self.form.addRow("", note)
        return note

    def _fill(self, initial: ActionRecord | None, recommendation_id: int | None) -> None:
        rec_id = recommendation_id
        if rec_id is None and initial is not None:
            rec_id = initial.recommendation_id
        index = self.recommendation.findData(rec_id) if rec_id is not None else -1
        self.recommendation.setCurrentIndex(max(index, 0) if self.recommendation.count() else -1)
        if initial is None:
            self.lead_officer.setCurrentIndex(-1)
            self.lead_officer.setEditText("")
            self.start_date.setDate(None)
            self.target_date.setDate(self._today.addMonths(3))
            return
        self.reference.setText(initial.reference)
        self.description.setPlainText(initial.description)
        self.lead_officer.setCurrentText(initial.lead_officer)
        self.start_date.setDate(initial.start_date)
        self.target_date.setDate(DateField.to_qdate(initial.target_date))
        self.success_measures.setPlainText(initial.success_measures)
        self.status.setCurrentIndex(self.status.findData(initial.status.value))
        self.confidence.setCurrentIndex(
            self.confidence.findData(initial.confidence.value if initial.confidence else None)
        )
        self.evidence.setPlainText(initial.evidence_of_impact)
        self.decision.setText(initial.closure_decision)
        linked = self.minuted.findData(initial.closure_decision_id)
        if initial.closure_decision_id is not None and linked > 0:
            self.minuted.setCurrentIndex(linked)
            self.decision.setText(self.minuted.currentText())  # as the minute now reads

    def _connect(self) -> None:
        self.watch("Recommendation", self.recommendation.currentIndexChanged)
        self.watch("Reference", self.reference.textChanged)
        self.watch("Description", self.description.textChanged)
        self.watch("Lead officer", self.lead_officer.editTextChanged)
        self.watch("Start date", self.start_date.changed)
        self.watch("Target date", self.target_date.dateChanged)
        self.watch("Success measures", self.success_measures.textChanged)
        self.watch("Status", self.status.currentIndexChanged)
        self.watch("Confidence", self.confidence.currentIndexChanged)
        self.watch("Evidence of impact", self.evidence.textChanged)
        self.watch("Board decision", self.decision.textChanged)
        self.watch("Minuted decision", self.minuted.currentIndexChanged)
        self.status.currentIndexChanged.connect(self._status_tip)
        self.minuted.currentIndexChanged.connect(self._decision_chosen)
        self.decision.textEdited.connect(self._decision_typed)
        self._status_tip()

    def _decision_chosen(self, *_: object) -> None:
        """A minuted decision writes the board decision's wording, as the service will."""
        if self.minuted.currentIndex() > 0:
            self.decision.setText(self.minuted.currentText())

    def _decision_typed(self, *_: object) -> None:
        """Wording typed by hand is the board's own record: the minute no longer stands behind it."""
        if self.minuted.currentIndex() > 0 and self.decision.text() != self.minuted.currentText():
            self.minuted.setCurrentIndex(0)

    def _status_tip(self, *_: object) -> None:
        meaning = self.selected_status().meaning
        self.status.setToolTip(meaning)
        self.status.setAccessibleDescription(meaning)
        blue = self.selected_status() is Brag.BLUE
        if not blue:
            self.minuted.setCurrentIndex(0)  # only a Blue action names its closing decision
        self.minuted.setEnabled(blue)

    def _size_to_screen(self) -> None:
        """Wide enough to read, never taller than a 1366×768 laptop's screen."""
        self.setMinimumWidth(640)
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry().height() - 60 if screen else 700
        body = self.form.sizeHint().height() + self.buttons.sizeHint().height()
        wanted = body + 120  # margins, and room for a few error lines
        self.resize(720, max(360, min(wanted, room, 708)))

    # -- the contract --------------------------------------------------------------------------

    def selected_status(self) -> Brag:
        # Qt hands a StrEnum back as a plain str, so items hold the value.
        status = self.status.currentData()
        return Brag(status) if isinstance(status, str) else Brag.NOT_STARTED

    def _lead_officer(self) -> str:
        """The name as typed, or as the list spells it when only the case differs."""
        typed = clean_text(self.lead_officer.currentText())
        if typed in self._known:
            return typed
        folded = {name.casefold(): name for name in self._people}
        return folded.get(typed.casefold(), typed)

    def value(self) -> tuple[ActionDraft, int]:
        confidence = self.confidence.currentData()
        draft = ActionDraft(
            reference=clean_text(self.reference.text()),
            description=clean_text(self.description.toPlainText()),
            lead_officer=self._lead_officer(),
            start_date=self.start_date.date(),
            target_date=self._target(),
            success_measures=clean_text(self.success_measures.toPlainText()),
            status=self.selected_status(),
            confidence=Confidence(confidence) if isinstance(confidence, str) else None,
            evidence_of_impact=clean_text(self.evidence.toPlainText()),
            closure_decision=clean_text(self.decision.text()),
        )
        rec_id = self.recommendation.currentData()
        return draft, rec_id if isinstance(rec_id, int) else -1

    def closure_decision_id(self) -> int | None:
        """The minuted decision chosen, while the board decision still reads as its wording."""
        chosen = self.minuted.currentData()
        if not isinstance(chosen, int) or self.decision.text() != self.minuted.currentText():
            return None
        return chosen

    def _target(self) -> date:
        return DateField.to_date(self.target_date.date())

    def problems(self) -> list[FieldProblem]:
        draft, rec_id = self.value()
        found = validate_action(
            draft,
            known_people=self._known,
            previous_status=self._previous,
            has_progress_updates=self._has_updates,
        )
        if rec_id < 0:
            found.insert(0, FieldProblem("Recommendation", "is required"))
        return found
