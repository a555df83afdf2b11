"""Pick the plan actions that mitigate a risk: a filterable list of tick boxes.

Each line carries the action's BRAG letter and due date, so whoever links
actions sees at once whether the mitigation is itself in trouble.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.risk_records import LinkedAction, RiskRecord
from improvement_desk.ui.forms import FormDialog, plain_label
from improvement_desk.ui.plan.icons import brag_icon
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import error_text_css, label_colour

ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
UNMITIGATED = "No action chosen: the risk will be flagged as unmitigated."
DESCRIPTION_WIDTH = 56


def action_line(action: LinkedAction) -> str:
    """'1.2  Recruit eight social workers…  [A] Amber, due 30 Apr 2014'."""
    text = " ".join(action.description.split())
    if len(text) > DESCRIPTION_WIDTH:
        text = text[: DESCRIPTION_WIDTH - 1].rstrip() + "…"
    due = f"{action.target_date:%d %b %Y}"
    state = f"overdue since {due}" if action.overdue else f"due {due}"
    return f"{action.reference}  {text}  [{action.status.letter}] {action.status.label}, {state}"


class MitigationDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        risk: RiskRecord,
        actions: Sequence[LinkedAction],
    ) -> None:
        super().__init__(parent, title=f"Mitigating actions — {risk.reference}", is_new=False)
        self.setMinimumWidth(800)
        self._live = risk.status.is_live
        self.about = self.add_note(f"{risk.reference}: {risk.title}", "risk_summary")

        self.model = QStandardItemModel(self)
        chosen = {a.action_id for a in risk.mitigations}
        for action in actions:
            item = QStandardItem(brag_icon(action.status), action_line(action))
            item.setEditable(False)
            item.setCheckable(True)
            item.setCheckState(
                Qt.CheckState.Checked if action.action_id in chosen else Qt.CheckState.Unchecked
            )
            item.setData(action.action_id, ACTION_ID_ROLE)
            item.setData(f"{action.reference} {action.description}", SEARCH_ROLE)
            tip = f"{action.reference}: {action.description}\nLead officer: {action.lead_officer}"
            item.setToolTip(plain_tooltip(tip) or "")
            self.model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a reference or words from the description")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.action_list = QListView()
        self.action_list.setModel(self.proxy)
        self.action_list.setUniformItemSizes(True)
        # A narrow window shortens the description, never the status and date at the end.
        self.action_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.action_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.action_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.action_list.setMinimumHeight(self.action_list.fontMetrics().lineSpacing() * 14)
        self.add_row("Find", "&Find:", self.search, "search")
        self.add_row("Mitigating actions", "&Actions:", self.action_list, "actions")
        self.count = plain_label()
        self.count.setObjectName("chosen_count")
        self.form.addRow("", self.count)
        self.warning = plain_label(UNMITIGATED)
        self.warning.setObjectName("unmitigated_note")
        self.warning.setStyleSheet(label_colour(error_text_css()))
        self.form.addRow("", self.warning)
        if not actions:
            self.count.setText("The plan has no actions yet: add them on the plan page first.")
        self.chain_tab_order([self.search, self.action_list])
        self.resize(820, 540)  # a plan has dozens of actions: show a good run of them

        self.model.itemChanged.connect(self._changed)
        self._changed()
        self.revalidate()
        self.search.setFocus()

    def _changed(self, *_: object) -> None:
        chosen = len(self.value())
        if self.model.rowCount():
            self.count.setText(f"{chosen} of {self.model.rowCount()} actions chosen")
        self.warning.setVisible(self._live and chosen == 0)
        self._edited("Mitigating actions")

    def value(self) -> frozenset[int]:
        chosen: set[int] = set()
        for row in range(self.model.rowCount()):
            item = self.model.item(row)
            if item.checkState() is Qt.CheckState.Checked:
                chosen.add(int(item.data(ACTION_ID_ROLE)))
        return frozenset(chosen)

    def problems(self) -> list[FieldProblem]:
        return []  # any set is allowed; none at all is flagged, not refused
