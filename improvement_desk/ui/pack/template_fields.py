"""The pack template dialog's parts: the section list, the logo check and the colour swatch.

Kept apart from the dialog so each can be read (and tested) on its own: the
section list is where the order rules bite, and the logo check is what stands
between a file the user picked and a pack ReportLab cannot print. A logo is
checked when it is chosen, before it joins the form, so a refusal can name the
file while the user still remembers picking it.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QImage, QKeySequence, QPainter, QPixmap, QShortcut
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from improvement_desk.domain.pack import DEFAULT_SECTIONS, MAX_LOGO_BYTES, PackSection

_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_SECTION_ROLE = Qt.ItemDataRole.UserRole + 1


class LogoRefused(Exception):
    """A chosen logo file the pack could not print; the text names the file and the field."""


def read_logo(path: Path) -> bytes:
    """The file's bytes if it is a readable PNG or JPEG of at most 2 MB; LogoRefused if not."""
    name = f"“{path.name or path}”"
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise LogoRefused(f"Logo: {name} is a folder, not an image file.")
        if size > MAX_LOGO_BYTES:
            raise LogoRefused(
                f"Logo: {name} is {size / 1_000_000:.1f} MB; a logo must be 2 MB or smaller."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise LogoRefused(f"Logo: {name} does not exist ({path}).") from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise LogoRefused(f"Logo: {name} cannot be read ({reason}).") from None
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise LogoRefused(f"Logo: {name} is not a PNG or JPEG image.")
    if QImage.fromData(data).isNull():
        raise LogoRefused(f"Logo: {name} is damaged: it cannot be read as an image.")
    return data


def normal_accent(text: str) -> str:
    """'#1F3A5F' from '1f3a5f' or ' #1f3a5f'; anything else as typed, for the error to quote."""
    text = text.strip()
    if not _HEX.match(text):
        return text
    return ("#" + text.lstrip("#")).upper()


def swatch(colour: str, size: QSize = QSize(40, 18)) -> QIcon:  # noqa: B008
    pixmap = QPixmap(size)
    pixmap.fill(QColor(colour) if _HEX.match(colour) else QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Disabled)  # a read-only board still shows its colour
    return icon


def listed_sections(included: tuple[PackSection, ...]) -> list[PackSection]:
    """Every section: the template's in its order, each one left out where the brief puts it."""
    shown = list(included)
    for section in DEFAULT_SECTIONS:
        if section in shown:
            continue
        before = DEFAULT_SECTIONS[: DEFAULT_SECTIONS.index(section)]
        after = [i for i, s in enumerate(shown) if s in before]
        shown.insert(max(after) + 1 if after else 0, section)
    return shown


class SectionList(QListWidget):
    """The pack's sections, ticked when included; Ctrl+Up / Ctrl+Down move the current one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked = False  # a read-only board: shown as it is, nothing can be ticked or moved
        self.itemChanged.connect(lambda *_: self.changed.emit())
        for keys, step in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            shortcut = QShortcut(QKeySequence(keys), self, lambda s=step: self.move_current(s))
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_sections(self, included: tuple[PackSection, ...]) -> None:
        self.blockSignals(True)
        self.clear()
        for section in listed_sections(included):
            item = QListWidgetItem(section.label)
            item.setData(_SECTION_ROLE, section.value)
            item.setFlags(self._flags())
            ticked = section in included
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)
        self.setCurrentRow(0)
        self.changed.emit()

    def _flags(self) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self.locked else flags | Qt.ItemFlag.ItemIsUserCheckable

    def lock(self) -> None:
        self.locked = True
        for row in range(self.count()):
            self.item(row).setFlags(self._flags())

    def section(self, row: int) -> PackSection:
        return PackSection(self.item(row).data(_SECTION_ROLE))

    def order(self) -> list[PackSection]:
        return [self.section(row) for row in range(self.count())]

    def included(self) -> tuple[PackSection, ...]:
        ticked = Qt.CheckState.Checked
        return tuple(
            self.section(r) for r in range(self.count()) if self.item(r).checkState() == ticked
        )

    def set_ticked(self, section: PackSection, ticked: bool) -> None:
        row = self.order().index(section)
        self.item(row).setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        target = row + step
        if self.locked or row < 0 or not 0 <= target < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(target, item)
        self.setCurrentRow(target)
        self.changed.emit()

    def fitting_height(self) -> int:
        rows = sum(self.sizeHintForRow(r) for r in range(self.count()))
        return rows + 2 * self.frameWidth() + 4
