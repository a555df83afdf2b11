"""Shared form helpers: per-field error labels, date fields and the validating dialog frame.

Every dialog validates as the user types with the domain's own rules, shows
each problem under the field it names, and enables Save only when there are
none. Save does not close the dialog: it emits `submitted`, and the caller
either accepts the dialog or hands back the problems the service found.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal, SignalInstance
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import error_text_css, label_colour

DATE_FORMAT = "dd MMM yyyy"
# Light-theme error red (6.4:1 on white), kept for callers that still import it;
# new code should call theme.error_text_css() so dark palettes stay readable.
ERROR_COLOUR = "#B3261E"
_UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
_READS_ON = ("is ", "must ", "may ", "contains ", "cannot ")


def describe(problem: FieldProblem) -> str:
    """'Reference is required', or 'Date: 01 Apr 2014 is in the future'."""
    if problem.message.startswith(_READS_ON):
        return f"{problem.field} {problem.message}"
    return str(problem)


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that shows its text literally: user text is data, never markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def set_button_enabled_from(problems: Sequence[FieldProblem], button: QAbstractButton) -> None:
    """Enabled only without problems; the tooltip says what still stands in the way."""
    button.setEnabled(not problems)
    button.setToolTip(
        "" if not problems else "Not yet: " + "; ".join(describe(p) for p in problems)
    )


class FieldErrors:
    """One small red label per field, shown only while that field has a problem."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self.general = self._make("General", "form_errors")

    def add(self, field: str, widget: QWidget | None = None) -> QLabel:
        label = self._make(field, f"{field.lower().replace(' ', '_')}_error")
        self._labels[field] = label
        if widget is not None:
            self._inputs[field] = widget
        return label

    def label(self, field: str) -> QLabel:
        return self._labels[field]

    def has(self, field: str) -> bool:
        return field in self._labels

    def show(self, problems: Iterable[FieldProblem]) -> None:
        by_field: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            if problem.field in self._labels:
                by_field.setdefault(problem.field, []).append(describe(problem))
            else:
                general.append(describe(problem))
        for field, label in self._labels.items():
            text = "\n".join(dict.fromkeys(by_field.get(field, [])))
            self._set(label, text)
            if field in self._inputs:
                self._inputs[field].setAccessibleDescription(text)
        self._set(self.general, "\n".join(dict.fromkeys(general)))

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    @staticmethod
    def _make(field: str, name: str) -> QLabel:
        label = plain_label()
        label.setObjectName(name)
        label.setAccessibleName(f"{field} error")
        label.setWordWrap(True)
        label.setStyleSheet(label_colour(error_text_css()))
        font = QFont(label.font())
        font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
        label.setFont(font)
        label.hide()
        return label


class DateField:
    """Converts between QDate and datetime.date, and makes consistent date editors."""

    @staticmethod
    def to_qdate(value: dt.date) -> QDate:
        return QDate(value.year, value.month, value.day)

    @staticmethod
    def to_date(value: QDate) -> dt.date:
        return dt.date(value.year(), value.month(), value.day())

    @staticmethod
    def edit(value: dt.date | None = None, parent: QWidget | None = None) -> QDateEdit:
        editor = QDateEdit(parent)
        editor.setLocale(_UK)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat(DATE_FORMAT)
        editor.setDate(DateField.to_qdate(value) if value else QDate.currentDate())
        return editor


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a date editor with a "None" tick box beside it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = DateField.edit(parent=self)
        self.none_box = QCheckBox("&None", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.none_box)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._emit)
        self.none_box.toggled.connect(self._toggled)

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.none_box.setAccessibleName(f"No {name.lower()}")

    def date(self) -> dt.date | None:
        return None if self.none_box.isChecked() else DateField.to_date(self.edit.date())

    def setDate(self, value: dt.date | None) -> None:
        if value is not None:
            self.edit.setDate(DateField.to_qdate(value))
        self.none_box.setChecked(value is None)

    def _toggled(self, checked: bool) -> None:
        self.edit.setEnabled(not checked)
        self.changed.emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit()


def editable_combo(items: Sequence[str], *, max_length: int, placeholder: str) -> QComboBox:
    """A combo box the user may also type into; typing never adds to the list."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(items))
    line = combo.lineEdit()
    assert isinstance(line, QLineEdit)
    line.setMaxLength(max_length)
    line.setPlaceholderText(placeholder)
    return combo


def multiline_edit(lines: int = 4, parent: QWidget | None = None) -> QPlainTextEdit:
    """A plain-text box about `lines` lines high where Tab moves on instead of typing a tab."""
    editor = QPlainTextEdit(parent)
    editor.setTabChangesFocus(True)
    height = editor.fontMetrics().lineSpacing() * lines
    margins = editor.contentsMargins()
    frame = 2 * editor.frameWidth() + int(2 * editor.document().documentMargin())
    editor.setFixedHeight(height + margins.top() + margins.bottom() + frame)
    return editor


class FormDialog(QDialog):
    """The frame every editing dialog shares: form, error labels, Save and Cancel.

    Subclasses add rows with `add_row`, connect edits with `watch`, implement
    `problems()` (the domain validator) and `value()`, and call `revalidate()`.
    """

    submitted = Signal(object)

    def __init__(
        self, parent: QWidget | None, *, title: str, is_new: bool, scrollable: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.is_new = is_new
        self._touched: set[str] = set()
        self._external: list[FieldProblem] = []
        self.inputs: dict[str, QWidget] = {}  # by the domain's field name
        self.errors = FieldErrors()

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        body = QWidget()
        body.setLayout(self.form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        self._scrollable = scrollable
        outer = QVBoxLayout(self)
        if scrollable:
            self.scroll_area = QScrollArea()
            self.scroll_area.setWidgetResizable(True)
            self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
            self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.scroll_area.setWidget(body)
            outer.addWidget(self.scroll_area, 1)
        else:
            self.form.setContentsMargins(0, 0, 0, 0)
            outer.addWidget(body, 1)
        outer.addWidget(self.errors.general)
        outer.addSpacing(6)
        outer.addWidget(self.buttons)

    # -- building ------------------------------------------------------------------------------

    def add_row(self, field: str, text: str, widget: QWidget, name: str) -> QLabel:
        """A labelled row for `field` (the domain's name), with its error label underneath."""
        widget.setObjectName(name)
        widget.setAccessibleName(field)
        label = QLabel(text)
        label.setBuddy(widget)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(self.errors.add(field, widget))
        self.form.addRow(label, holder)
        self.inputs[field] = widget
        return label

    def add_note(self, text: str, name: str, *, limit: int = 240) -> QLabel:
        """A read-only paragraph of (possibly user) text across the top of the form.

        Long text is cut at `limit` characters; the whole of it is in the tooltip.
        """
        short = " ".join(text.split())
        if len(short) > limit:
            short = short[: limit - 1].rstrip() + "…"
            note = plain_label(short)
            note.setToolTip(plain_tooltip(text) or "")
        else:
            note = plain_label(short)
        note.setObjectName(name)
        note.setWordWrap(True)
        note.setContentsMargins(0, 0, 0, 6)
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(note)
        return note

    def watch(self, field: str, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(lambda *_, f=field: self._edited(f))

    def chain_tab_order(self, widgets: Sequence[QWidget]) -> None:
        order = [
            *widgets,
            self.save_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

    # -- the contract --------------------------------------------------------------------------
    # Each dialog defines `problems()` (the domain's rules on what is typed now) and `value()`
    # (what `submitted` carries). Declared, not defined: ABCMeta cannot combine with Qt's
    # metaclass, and a base that raised would only move the error to run time.
    problems: Callable[[], list[FieldProblem]]
    value: Callable[[], object]

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Problems the service found: shown until the user edits the field they name."""
        self._external = list(problems)
        self.revalidate()
        for problem in problems:
            if problem.field in self.inputs:
                self.inputs[problem.field].setFocus()
                break

    def revalidate(self) -> list[FieldProblem]:
        found = self.problems()
        shown = [p for p in found if not self._quiet(p)]
        shown += [p for p in self._external if p not in shown]
        self.errors.show(shown)
        set_button_enabled_from([*found, *self._external], self.save_button)
        self._grow_to_fit()
        return found

    def _grow_to_fit(self) -> None:
        """Taller when error lines appear. Qt keeps a shown window at its layout's minimum
        height, which undercounts wrapped lines, so fixed-height boxes were squeezed. A
        scrolling form scrolls instead."""
        layout = self.layout()
        if self._scrollable or layout is None or not self.isVisible():
            return
        need = max(layout.totalHeightForWidth(self.width()), layout.totalSizeHint().height())
        if need > self.height():
            self.resize(self.width(), need)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._grow_to_fit()

    def quiet_until_touched(self, problem: FieldProblem) -> bool:
        """Problems not worth shaming the user with before they reach the field."""
        return problem.message == "is required"

    def _quiet(self, problem: FieldProblem) -> bool:
        return (
            self.is_new and problem.field not in self._touched and self.quiet_until_touched(problem)
        )

    def _edited(self, field: str) -> None:
        self._touched.add(field)
        self._external = [
            p for p in self._external if p.field != field and self.errors.has(p.field)
        ]
        self.revalidate()

    def _submit(self) -> None:
        self._touched.update(self.inputs)
        if self.revalidate() or self._external:
            return
        self.submitted.emit(self.value())
