"""One editor per kind of setting (domain/settings.py `Kind`), all with the same small contract.

A page never needs to know what a setting is: it asks `editor_for(spec)` for an
editor, lays out `editor.widget`, reads `value()`, writes `set_value()` and
listens to `changed`. The colour swatch, logo check and section list are the
pack template dialog's own (ui/pack/template_fields.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import PackSection
from improvement_desk.domain.settings import Kind, SettingSpec
from improvement_desk.services.pack_template import logo_words
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.pack.template_fields import (
    LogoRefused,
    SectionList,
    normal_accent,
    read_logo,
    swatch,
)
from improvement_desk.ui.widgets import named

LOGO_FILTER = "PNG or JPEG images (*.png *.jpg *.jpeg);;All files (*)"
_PREVIEW = QSize(160, 60)


def object_name(spec: SettingSpec) -> str:
    """'plan.brag.red.label' → 'plan_brag_red_label': how tests find an editor."""
    return spec.key.replace(".", "_")


class SettingEditor(QObject):
    """The editor of one setting: a widget, its value, and a signal when the user changes it."""

    changed = Signal()
    refused = Signal(str)  # a chosen file that cannot be used, in words naming the field

    def __init__(self, spec: SettingSpec, widget: QWidget) -> None:
        super().__init__(widget)
        self.spec = spec
        self.widget = named(widget, object_name(spec), spec.label)
        self.widget.setToolTip(spec.help)

    @property
    def focus(self) -> QWidget:
        """The widget a label's mnemonic and a problem move the focus to."""
        return self.widget

    def value(self) -> object:
        raise NotImplementedError

    def set_value(self, value: object) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        self.widget.setEnabled(not read_only)


class TextEditor(SettingEditor):
    def __init__(self, spec: SettingSpec) -> None:
        self.edit = QLineEdit()
        self.edit.setMaxLength(spec.max_length * 2)  # room to show the too-long error
        super().__init__(spec, self.edit)
        self.edit.textChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> object:
        return self.edit.text()

    def set_value(self, value: object) -> None:
        self.edit.setText(str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)  # still selectable and readable


class IntegerEditor(SettingEditor):
    def __init__(self, spec: SettingSpec) -> None:
        self.spin = QSpinBox()
        self.spin.setRange(spec.minimum, spec.maximum)
        self.spin.setMaximumWidth(90)
        super().__init__(spec, self.spin)
        self.spin.valueChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> object:
        return self.spin.value()

    def set_value(self, value: object) -> None:
        self.spin.setValue(int(value))  # type: ignore[call-overload]


class ColourEditor(SettingEditor):
    """A swatch that opens a palette, beside the colour as text (#RRGGBB)."""

    def __init__(self, spec: SettingSpec) -> None:
        holder = QWidget()
        self.edit = named(QLineEdit(), f"{object_name(spec)}_text", spec.label)
        self.edit.setMaxLength(20)
        self.edit.setPlaceholderText("#RRGGBB")
        self.edit.setFixedWidth(90)
        self.button = named(QPushButton(), f"{object_name(spec)}_swatch", f"Choose {spec.label}")
        self.button.setIconSize(QSize(32, 16))
        self.button.setToolTip("Choose the colour from a palette")
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.button)
        line.addWidget(self.edit)
        line.addStretch(1)
        super().__init__(spec, holder)
        self.edit.textChanged.connect(self._typed)
        self.button.clicked.connect(self.pick)

    @property
    def focus(self) -> QWidget:
        return self.edit

    def _typed(self, text: str) -> None:
        self.button.setIcon(swatch(normal_accent(text)))
        self.changed.emit()

    def pick(self) -> None:
        start = QColor(normal_accent(self.edit.text()))
        chosen = QColorDialog.getColor(
            start if start.isValid() else QColor(str(self.spec.default)), self.widget,
            self.spec.label,
        )  # fmt: skip
        if chosen.isValid():
            self.edit.setText(chosen.name().upper())

    def value(self) -> object:
        return normal_accent(self.edit.text())

    def set_value(self, value: object) -> None:
        self.edit.setText(str(value))

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)


class MarkingEditor(SettingEditor):
    def __init__(self, spec: SettingSpec) -> None:
        self.combo = QComboBox()
        for marking in Marking:
            self.combo.addItem(marking.label, marking.value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMaximumWidth(260)
        super().__init__(spec, self.combo)
        self.combo.currentIndexChanged.connect(lambda *_: self.changed.emit())

    def value(self) -> object:
        return Marking(self.combo.currentData())

    def set_value(self, value: object) -> None:
        self.combo.setCurrentIndex(self.combo.findData(Marking(str(value)).value))


class LogoEditor(SettingEditor):
    """A preview, what the image is, and Choose… / Remove."""

    def __init__(self, spec: SettingSpec) -> None:
        holder = QWidget()
        self.logo: bytes | None = None
        self.preview = named(QLabel(), "logo_preview", "Logo preview")
        self.preview.setFixedSize(_PREVIEW)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.words = named(plain_label(), "logo_words", "Logo file")
        self.words.setWordWrap(True)
        self.choose = named(QPushButton("C&hoose…"), "choose_logo", "Choose a logo")
        self.remove = named(QPushButton("Remo&ve"), "remove_logo", "Remove the logo")
        self.choose.clicked.connect(self.choose_file)
        self.remove.clicked.connect(lambda: self.set_value(None))
        side = QVBoxLayout()
        side.addWidget(self.words)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addStretch(1)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.preview, 0, Qt.AlignmentFlag.AlignTop)
        line.addLayout(side, 1)
        self.read_only = False
        super().__init__(spec, holder)

    @property
    def focus(self) -> QWidget:
        return self.choose

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.widget, "Choose the board's logo", "", LOGO_FILTER
        )
        if not name:
            return
        try:
            self.set_value(read_logo(Path(name)))
        except LogoRefused as refused:
            self.refused.emit(f"{refused} The logo is unchanged.")

    def value(self) -> object:
        return self.logo

    def set_value(self, value: object) -> None:
        self.logo = value if isinstance(value, bytes) else None
        self.words.setText(logo_words(self.logo) if self.logo is not None else "No logo chosen")
        self.remove.setEnabled(self.logo is not None and not self.read_only)
        image = QImage.fromData(self.logo) if self.logo is not None else QImage()
        if image.isNull():
            self.preview.setPixmap(QPixmap())
        else:
            room = _PREVIEW - QSize(10, 10)
            scaled = image.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.preview.setPixmap(QPixmap.fromImage(scaled))
        self.changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.choose.setEnabled(not read_only)
        self.remove.setEnabled(self.logo is not None and not read_only)


class SectionsEditor(SettingEditor):
    """The pack's sections, ticked when included, with Move up / Move down."""

    def __init__(self, spec: SettingSpec) -> None:
        holder = QWidget()
        self.list = named(SectionList(), "sections", spec.label)
        self.up = named(QPushButton("Move &up"), "move_up", "Move the section up")
        self.down = named(QPushButton("Move d&own"), "move_down", "Move the section down")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        moves = QVBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.list, 1)
        line.addLayout(moves)
        super().__init__(spec, holder)
        self.list.changed.connect(self.changed.emit)
        self.list.currentRowChanged.connect(lambda *_: self._update_moves())

    @property
    def focus(self) -> QWidget:
        return self.list

    def _move(self, step: int) -> None:
        self.list.move_current(step)
        self.list.setFocus()

    def _update_moves(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(not self.list.locked and row > 0)
        self.down.setEnabled(not self.list.locked and 0 <= row < self.list.count() - 1)

    def value(self) -> object:
        return self.list.included()

    def set_value(self, value: object) -> None:
        sections = tuple(PackSection(s) for s in value)  # type: ignore[attr-defined]
        self.list.set_sections(sections)
        self.list.setFixedHeight(self.list.fitting_height())
        self._update_moves()

    def set_read_only(self, read_only: bool) -> None:
        if read_only:
            self.list.lock()
        self._update_moves()


_EDITORS: dict[Kind, Callable[[SettingSpec], SettingEditor]] = {
    Kind.TEXT: TextEditor,
    Kind.INTEGER: IntegerEditor,
    Kind.COLOUR: ColourEditor,
    Kind.MARKING: MarkingEditor,
    Kind.IMAGE: LogoEditor,
    Kind.SECTIONS: SectionsEditor,
}


def editor_for(spec: SettingSpec) -> SettingEditor:
    return _EDITORS[spec.kind](spec)
