"""Add or edit a recommendation: where it came from, its reference, theme and text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import (
    RecommendationDraft,
    RecommendationSource,
    validate_recommendation,
)
from improvement_desk.domain.text_rules import REFERENCE_TEXT, SHORT_TEXT, clean_text
from improvement_desk.services.plan_records import RecommendationRecord
from improvement_desk.ui.forms import FormDialog, editable_combo, multiline_edit


class RecommendationDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        themes: Sequence[str],
        initial: RecommendationRecord | None,
    ) -> None:
        title = f"Edit recommendation {initial.reference}" if initial else "New recommendation"
        super().__init__(parent, title=title, is_new=initial is None)
        self.setMinimumWidth(560)

        self.source = QComboBox()
        for source in RecommendationSource:
            self.source.addItem(source.label, source.value)
        self.reference = QLineEdit()
        self.reference.setMaxLength(REFERENCE_TEXT * 2)  # room to show the too-long error
        self.reference.setPlaceholderText("e.g. R3")
        self.theme = editable_combo(
            themes, max_length=SHORT_TEXT * 2, placeholder="Pick a theme or type a new one"
        )
        self.text = multiline_edit(6)

        self.add_row("Source", "S&ource:", self.source, "source")
        self.add_row("Reference", "&Reference:", self.reference, "reference")
        self.add_row("Theme", "T&heme:", self.theme, "theme")
        self.add_row("Recommendation", "Recommendation &text:", self.text, "text")
        self.chain_tab_order([self.source, self.reference, self.theme, self.text])

        if initial is not None:
            self.source.setCurrentIndex(self.source.findData(initial.source.value))
            self.reference.setText(initial.reference)
            if self.theme.findText(initial.theme) < 0:
                self.theme.addItem(initial.theme)
            self.theme.setCurrentText(initial.theme)
            self.text.setPlainText(initial.text)
        else:
            self.theme.setCurrentIndex(-1)
            self.theme.setEditText("")

        self.watch("Source", self.source.currentIndexChanged)
        self.watch("Reference", self.reference.textChanged)
        self.watch("Theme", self.theme.editTextChanged, self.theme.currentIndexChanged)
        self.watch("Recommendation", self.text.textChanged)
        self.revalidate()

    def value(self) -> RecommendationDraft:
        # Qt hands a StrEnum back as a plain str, so items hold the value.
        return RecommendationDraft(
            source=RecommendationSource(self.source.currentData()),
            reference=clean_text(self.reference.text()),
            text=clean_text(self.text.toPlainText()),
            theme=clean_text(self.theme.currentText()),
        )

    def problems(self) -> list[FieldProblem]:
        return validate_recommendation(self.value())
