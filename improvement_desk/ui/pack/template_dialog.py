"""The board's pack template: which sections its packs hold, in what order, their colour and logo.

A board setting, not a personal preference: every officer who builds the board's
pack must get the same document, so this dialog edits the one template the
database holds (desk.pack_template) and saves it with the version it loaded,
so two officers editing at once cannot silently overwrite each other.

It validates as the user works with the domain's own rules (the cover first,
the papers last, a colour like #1F3A5F), so Save is only offered for a template
a pack can be built from. Sections left out stay in the list, unticked, so they
can be put back. The list and the logo check are in template_fields.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import Conflict, DeskError, FieldProblem, ValidationError
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS, validate_template
from improvement_desk.services.pack_records import PackTemplate
from improvement_desk.services.pack_template import logo_words
from improvement_desk.ui.forms import FormDialog, plain_label
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.template_fields import (
    LogoRefused,
    SectionList,
    normal_accent,
    read_logo,
    swatch,
)
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

TITLE = "Board pack template"
READ_ONLY_REASON = "This board is open read-only: the pack template can be seen but not changed."
LOGO_FILTER = "PNG or JPEG images (*.png *.jpg *.jpeg);;All files (*)"
_PREVIEW = QSize(200, 72)


class PackTemplateDialog(FormDialog):
    """Edits a `PackTemplate`; `submitted` carries the new one (with the version it was read at)."""

    def __init__(
        self, parent: QWidget | None, template: PackTemplate, messenger: Messenger, *,
        read_only: bool = False,
    ) -> None:  # fmt: skip
        super().__init__(parent, title=TITLE, is_new=False)
        self.setMinimumWidth(560)
        self.messenger = messenger
        self.read_only = read_only
        self.expected_version = template.version
        self.loaded = template
        self.logo: bytes | None = template.logo
        self.saved: PackTemplate | None = None  # set by the caller once the service stored it
        self.add_note(
            "Every pack built for this board follows this template. Tick the sections the pack "
            "holds; the cover comes first and the papers last.",
            "template_note",
        )
        self._sections_row()
        self._accent_row()
        self._logo_row()
        self.restore = self.buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        named(self.restore, "restore_defaults", "Restore the default template")
        self.restore.setToolTip("All sections in the brief's order, the default colour, no logo")
        self.restore.clicked.connect(self.restore_defaults)
        self.chain_tab_order(
            [self.sections, self.up, self.down, self.accent_button, self.accent,
             self.choose_logo_button, self.remove_logo_button, self.restore]
        )  # fmt: skip
        self.set_template(template)
        self.sections.setFixedHeight(self.sections.fitting_height())  # every section, no scrolling
        self.watch("Sections", self.sections.changed)
        self.watch("Accent colour", self.accent.textChanged)
        self.sections.currentRowChanged.connect(lambda *_: self._update_moves())
        if read_only:
            self._freeze()
        self.revalidate()

    # -- building ------------------------------------------------------------------------------

    def _field(self, field: str, text: str, buddy: QWidget, *rows: QWidget | QHBoxLayout) -> None:
        holder = QWidget()
        holder.setObjectName(f"{field.lower().replace(' ', '_')}_row")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for row in rows:
            if isinstance(row, QHBoxLayout):
                column.addLayout(row)
            else:
                column.addWidget(row)
        column.addWidget(self.errors.add(field, buddy))
        label = QLabel(text)
        label.setBuddy(buddy)
        self.form.addRow(label, holder)
        self.inputs[field] = buddy

    def _sections_row(self) -> None:
        self.sections = named(SectionList(), "sections", "Sections")
        # A tooltip, not the accessible description: FieldErrors puts the error text there.
        self.sections.setToolTip(
            "Tick the sections the pack holds. Ctrl+Up and Ctrl+Down move the selected one."
        )
        self.up = named(QPushButton("Move &up"), "move_up", "Move the section up")
        self.down = named(QPushButton("Move d&own"), "move_down", "Move the section down")
        self.up.setToolTip("Earlier in the pack (Ctrl+Up)")
        self.down.setToolTip("Later in the pack (Ctrl+Down)")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        moves = QVBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        line = QHBoxLayout()
        line.addWidget(self.sections, 1)
        line.addLayout(moves)
        self._field("Sections", "&Sections:", self.sections, line)

    def _accent_row(self) -> None:
        self.accent = named(QLineEdit(), "accent", "Accent colour")
        self.accent.setMaxLength(20)
        self.accent.setPlaceholderText("#RRGGBB")
        self.accent.setMaximumWidth(110)
        self.accent_button = named(QPushButton(), "accent_swatch", "Choose the accent colour")
        self.accent_button.setIconSize(QSize(40, 18))
        self.accent_button.setToolTip("Choose the colour from a palette")
        self.accent_button.clicked.connect(self.pick_colour)
        self.accent.textChanged.connect(
            lambda text: self.accent_button.setIcon(swatch(normal_accent(text)))
        )
        hint = plain_label("colours the board's name on the cover")
        line = QHBoxLayout()
        line.addWidget(self.accent_button)
        line.addWidget(self.accent)
        line.addWidget(hint, 1)
        self._field("Accent colour", "&Accent colour:", self.accent, line)

    def _logo_row(self) -> None:
        self.logo_preview = named(QLabel(), "logo_preview", "Logo preview")
        self.logo_preview.setFixedSize(_PREVIEW)
        self.logo_preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo_words = named(plain_label(), "logo_words", "Logo file")
        self.logo_words.setWordWrap(True)
        self.choose_logo_button = named(QPushButton("C&hoose…"), "choose_logo", "Choose a logo")
        self.choose_logo_button.setToolTip("A PNG or JPEG image of at most 2 MB, for the cover")
        self.remove_logo_button = named(QPushButton("&Remove"), "remove_logo", "Remove the logo")
        self.choose_logo_button.clicked.connect(self.choose_logo)
        self.remove_logo_button.clicked.connect(lambda: self.set_logo(None))
        buttons = QVBoxLayout()
        buttons.addWidget(self.logo_words)
        side = QHBoxLayout()
        side.addWidget(self.choose_logo_button)
        side.addWidget(self.remove_logo_button)
        side.addStretch(1)
        buttons.addLayout(side)
        buttons.addStretch(1)
        line = QHBoxLayout()
        line.addWidget(self.logo_preview, 0, Qt.AlignmentFlag.AlignTop)
        line.addLayout(buttons, 1)
        self._field("Logo", "Lo&go:", self.choose_logo_button, line)

    def _freeze(self) -> None:
        """Read-only: everything stays readable (a disabled list is grey on grey); nothing moves."""
        self.sections.lock()
        self.accent.setReadOnly(True)
        for widget in (self.up, self.down, self.accent_button, self.choose_logo_button,
                       self.remove_logo_button, self.restore):  # fmt: skip
            widget.setEnabled(False)
        note = plain_label(READ_ONLY_REASON)
        note.setObjectName("read_only_note")
        note.setWordWrap(True)
        self.form.insertRow(1, note)

    # -- editing -------------------------------------------------------------------------------

    def set_template(self, template: PackTemplate) -> None:
        self.sections.set_sections(template.sections)
        self.accent.setText(template.accent)
        self.set_logo(template.logo)
        self._update_moves()

    def restore_defaults(self) -> None:
        self.set_template(PackTemplate(DEFAULT_SECTIONS, DEFAULT_ACCENT, None, 0))

    def _move(self, step: int) -> None:
        self.sections.move_current(step)
        self.sections.setFocus()

    def _update_moves(self) -> None:
        row = self.sections.currentRow()
        editable = not self.read_only
        self.up.setEnabled(editable and row > 0)
        self.down.setEnabled(editable and 0 <= row < self.sections.count() - 1)

    def pick_colour(self) -> None:
        start = QColor(normal_accent(self.accent.text()))
        chosen = QColorDialog.getColor(
            start if start.isValid() else QColor(DEFAULT_ACCENT), self, "Pack accent colour"
        )
        if chosen.isValid():
            self.accent.setText(chosen.name().upper())

    def choose_logo(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a logo for the pack", "", LOGO_FILTER)
        if not name:
            return
        try:
            self.set_logo(read_logo(Path(name)))
        except LogoRefused as refused:
            self.messenger.error(self, "Logo not used", f"{refused} The logo is unchanged.")

    def set_logo(self, logo: bytes | None) -> None:
        self.logo = logo
        self.logo_words.setText(logo_words(logo) if logo is not None else "No logo chosen")
        self.remove_logo_button.setEnabled(logo is not None and not self.read_only)
        image = QImage.fromData(logo) if logo is not None else QImage()
        if image.isNull():
            self.logo_preview.setPixmap(QPixmap())
            self.logo_preview.setText("")
        else:
            room = _PREVIEW.shrunkBy(self.logo_preview.contentsMargins()) - QSize(8, 8)
            scaled = image.scaled(
                room, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            self.logo_preview.setPixmap(QPixmap.fromImage(scaled))
        self._edited("Logo")

    # -- the form contract ---------------------------------------------------------------------

    def value(self) -> PackTemplate:
        accent = normal_accent(self.accent.text())
        return PackTemplate(self.sections.included(), accent, self.logo, self.expected_version)

    def problems(self) -> list[FieldProblem]:
        v = self.value()
        return validate_template(v.sections, v.accent, v.logo)

    def revalidate(self) -> list[FieldProblem]:
        found = super().revalidate()
        if self.read_only:
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(READ_ONLY_REASON)
        return found


def _same(a: PackTemplate, b: PackTemplate) -> bool:
    return (a.sections, a.accent, a.logo) == (b.sections, b.accent, b.logo)


def open_pack_template(
    parent: QWidget | None, desk: Desk, messenger: Messenger
) -> PackTemplateDialog | None:
    """The dialog, wired to save through the service; not yet shown (None if it cannot load)."""
    try:
        template = desk.pack_template.load()
    except DeskError as exc:
        messenger.problem(parent, "Cannot open the pack template", exc)
        return None
    dialog = PackTemplateDialog(parent, template, messenger, read_only=desk.read_only)

    def save(value: PackTemplate) -> None:
        if _same(value, dialog.loaded):
            dialog.accept()  # nothing changed: nothing to write or audit
            return
        service = desk.pack_template
        try:
            if _same(value, PackTemplate(DEFAULT_SECTIONS, DEFAULT_ACCENT, None, 0)):
                saved = service.restore_defaults(expected_version=value.version)
            else:
                saved = service.update(
                    value.sections, value.accent, value.logo, expected_version=value.version
                )
        except ValidationError as exc:
            dialog.show_problems(exc.problems)
            return
        except Conflict:
            _conflicted(dialog, desk, messenger)
            return
        except DeskError as exc:
            messenger.problem(dialog, "The pack template was not saved", exc)
            return
        dialog.saved = saved
        dialog.accept()

    dialog.submitted.connect(save)
    return dialog


def _conflicted(dialog: PackTemplateDialog, desk: Desk, messenger: Messenger) -> None:
    """Someone else saved first: say so, keep the form, and let a second Save replace theirs."""
    try:
        current = desk.pack_template.load()
    except DeskError as exc:
        messenger.problem(dialog, "The pack template was not saved", exc)
        return
    dialog.expected_version = current.version
    dialog.loaded = current
    messenger.error(
        dialog,
        "The pack template changed",
        "Someone else saved the board's pack template while this dialog was open; nothing "
        "was saved. Your changes are still here: Save again to replace their template with "
        "yours, or Cancel to keep theirs.",
    )


def edit_pack_template(parent: QWidget, desk: Desk, messenger: Messenger) -> bool:
    """Shows the template dialog until it is closed; True when a changed template was saved."""
    dialog = open_pack_template(parent, desk, messenger)
    if dialog is None:
        return False
    dialog.exec()  # a board setting: nothing else should change while it is open
    saved = dialog.saved is not None
    dialog.deleteLater()
    return saved
