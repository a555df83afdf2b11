"""Undo commands for the risk register, undone and redone through the risk services.

As on the plan page, the change is applied before the command is pushed and
a refused undo or redo reports and drops the command.

Which version should an undo expect? Not simply the one its own command
left: after two edits of one risk, undoing the second moves the version on,
and the first would then refuse our own history. So the commands of one
window share a `VersionLedger`: a command expects the version the latest
step of its *chain* left, where a chain is a run of our own steps with no
change by anyone else in between. A colleague's change starts a new chain,
so older commands then expect their own version, and are refused rather
than overwrite it.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from improvement_desk.domain.risk import ReviewDraft
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.services.risk_records import RiskRecord, RiskSnapshot
from improvement_desk.ui.plan.commands import DeskCommand, Refresh, ReportError

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

Key = tuple[str, int]
BANDS_KEY: Key = ("risk_settings", 1)


def risk_key(risk_id: int) -> Key:
    return ("risk", risk_id)


class VersionLedger:
    """For each record: the version our latest step left it at, and that step's chain."""

    def __init__(self) -> None:
        self._left: dict[Key, tuple[int | None, int]] = {}
        self._chains = itertools.count(1)

    def join(self, key: Key, seen: int | None, left: int | None) -> int:
        """A new step from version `seen` to `left`: it continues the chain that left `seen`
        (nobody else has touched the record since), or starts a new one."""
        held = self._left.get(key)
        if held is not None and seen is not None and held[0] == seen:
            chain = held[1]
        else:
            chain = next(self._chains)
        self._left[key] = (left, chain)
        return chain

    def expect(self, key: Key, chain: int, own: int) -> int:
        held = self._left.get(key)
        if held is not None and held[1] == chain and held[0] is not None:
            return held[0]
        return own

    def left(self, key: Key, chain: int, version: int | None) -> None:
        self._left[key] = (version, chain)


class RiskCommand(DeskCommand):
    """A step on one versioned record (a risk, or the bands) that joins the ledger."""

    def __init__(
        self,
        text: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None,
        *,
        key: Key,
        seen: int | None,
        left: int | None,
    ) -> None:
        super().__init__(text, desk, refresh, report)
        self.ledger = ledger if ledger is not None else VersionLedger()
        self.key = key
        self.own = left if left is not None else seen or 0
        self.chain = self.ledger.join(key, seen, left)

    def expected(self) -> int:
        return self.ledger.expect(self.key, self.chain, self.own)

    def leave(self, version: int | None) -> None:
        if version is not None:
            self.own = version
        self.ledger.left(self.key, self.chain, version)

    def leave_risk(self, record: RiskRecord) -> RiskRecord:
        self.leave(record.version)
        return record


class AddRisk(RiskCommand):
    def __init__(
        self,
        record: RiskRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            f"Add risk {record.reference}", desk, refresh, report, ledger,
            key=risk_key(record.id), seen=None, left=record.version,
        )  # fmt: skip
        self.record = record
        self.snapshot: RiskSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.record = self.leave_risk(self.desk.risks.restore(self.snapshot))

    def revert(self) -> None:
        self.snapshot = self.desk.risks.delete(self.record.id, expected_version=self.expected())
        self.leave(None)


class EditRisk(RiskCommand):
    def __init__(
        self,
        before: RiskRecord,
        after: RiskRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            f"Edit risk {after.reference}", desk, refresh, report, ledger,
            key=risk_key(after.id), seen=before.version, left=after.version,
        )  # fmt: skip
        self.before, self.after = before, after

    def _set(self, record: RiskRecord) -> None:
        self.leave_risk(
            self.desk.risks.update(record.id, record.draft(), expected_version=self.expected())
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


class DeleteRisk(RiskCommand):
    def __init__(
        self,
        snapshot: RiskSnapshot,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        risk = snapshot.risk
        super().__init__(
            f"Delete risk {risk.reference}", desk, refresh, report, ledger,
            key=risk_key(risk.id), seen=risk.version, left=None,
        )  # fmt: skip
        self.snapshot = snapshot

    def apply(self) -> None:
        risk_id = self.snapshot.risk.id
        self.snapshot = self.desk.risks.delete(risk_id, expected_version=self.expected())
        self.leave(None)

    def revert(self) -> None:
        self.leave_risk(self.desk.risks.restore(self.snapshot))


def review_text(before: RiskRecord, draft: ReviewDraft) -> str:
    """'Review risk R3 (16 → 12)'."""
    return (
        f"Review risk {before.reference} ({before.current_score} → "
        f"{draft.likelihood * draft.impact})"
    )


class RecordReview(RiskCommand):
    """Undo withdraws the review; redo records the same review again, under a new id."""

    def __init__(
        self,
        before: RiskRecord,
        after: RiskRecord,
        draft: ReviewDraft,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            review_text(before, draft), desk, refresh, report, ledger,
            key=risk_key(before.id), seen=before.version, left=after.version,
        )  # fmt: skip
        self.before = before
        self.draft = draft
        self.review_id = self._new_review(after)

    def _new_review(self, after: RiskRecord) -> int:
        known = {r.id for r in self.before.reviews}
        return max((r.id for r in after.reviews if r.id not in known), default=after.reviews[-1].id)

    def apply(self) -> None:
        after = self.desk.risk_reviews.record(
            self.before.id, self.draft, expected_version=self.expected()
        )
        self.review_id = self._new_review(self.leave_risk(after))

    def revert(self) -> None:
        self.leave_risk(
            self.desk.risk_reviews.withdraw(
                self.before.id, self.review_id, expected_version=self.expected()
            )
        )


class SetMitigations(DeskCommand):
    """Each step expects the set of links the other left.

    Links are not versioned with the risk, so this command stays out of the
    ledger: it must not vouch for a version it never checked.
    """

    def __init__(
        self,
        risk: RiskRecord,
        before: frozenset[int],
        after: frozenset[int],
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(
            f"Change the actions mitigating risk {risk.reference}", desk, refresh, report
        )
        self.risk_id = risk.id
        self.before, self.after = before, after

    def apply(self) -> None:
        self.desk.risks.set_mitigations(self.risk_id, self.after, expected=self.before)

    def revert(self) -> None:
        self.desk.risks.set_mitigations(self.risk_id, self.before, expected=self.after)


class ChangeBands(RiskCommand):
    def __init__(
        self,
        before: RiskBands,
        after: RiskBands,
        versions: tuple[int, int],
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        """`versions`: the settings' version before and after the change."""
        super().__init__(
            "Change score bands and appetite", desk, refresh, report, ledger,
            key=BANDS_KEY, seen=versions[0], left=versions[1],
        )  # fmt: skip
        self.before, self.after = before, after

    def _set(self, bands: RiskBands) -> None:
        record = self.desk.risk_settings.update(bands, expected_version=self.expected())
        self.leave(record.version)

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)
