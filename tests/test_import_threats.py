"""Import threats that need the whole import path (RELIABILITY XL-8, XL-10, XL-16, XL-17)."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import openpyxl
import pytest

from improvement_desk.domain.errors import ValidationError
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind

HEADER = ["Rec", "Ref", "Action", "Owner", "Due", "Status"]


class Listener:
    """A loopback port that records whether anything connected to it."""

    def __init__(self) -> None:
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(1)
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.server.close()


@pytest.fixture
def listener() -> Listener:
    probe = Listener()
    yield probe  # type: ignore[misc]
    probe.close()


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_external_references_are_never_followed(
    desk: Desk, tmp_path: Path, listener: Listener
) -> None:
    """XL-10: WEBSERVICE and external-workbook formulas carry no saved value here."""
    url = f"http://127.0.0.1:{listener.port}/steal"
    path = workbook(
        tmp_path / "links.xlsx",
        [
            ["R1", "1.1", f'=WEBSERVICE("{url}")', "Ann Lee", "31/05/2014", "Green"],
            ["R1", "1.2", "=[other.xlsx]Sheet1!A1", "Ann Lee", "31/05/2014", "Green"],
            [
                "R1",
                "1.3",
                "Recruit",
                "Ann Lee",
                "31/05/2014",
                r"='\\\\server\\share\\[x.xlsx]S'!A1",
            ],
        ],
    )
    preview = desk.imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.REFUSED] * 3
    for outcome in preview.outcomes:
        assert any("formula with no saved result" in p.reason for p in outcome.reasons)
    assert listener.connections == 0


def test_error_values_refuse_their_row(desk: Desk, tmp_path: Path) -> None:
    """XL-16: '#REF!' is an error, not the text of an action."""
    path = tmp_path / "errors.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["R1", "1.1", "Recruit", "Ann Lee", "31/05/2014", "Green"])
    sheet.append(["R1", "1.2", "Audit", "Ann Lee", "31/05/2014", "Green"])
    sheet["C3"].value = "#REF!"
    sheet["C3"].data_type = "e"
    book.save(path)
    preview = desk.imports.preview(path)
    kinds = {o.reference: o.kind for o in preview.outcomes}
    assert kinds == {"1.1": RowKind.NEW, "1.2": RowKind.REFUSED}
    refused = next(o for o in preview.outcomes if o.reference == "1.2")
    assert (refused.reasons[0].column, "#REF!" in refused.reasons[0].reason) == ("C", True)


def test_a_bad_row_anywhere_means_nothing_is_written(desk: Desk, tmp_path: Path) -> None:
    """XL-17: 499 good rows and a bad one at row 500: zero rows written without consent."""
    rows: list[list[object]] = [
        ["R1", f"1.{i}", f"Action {i}", "Ann Lee", "31/05/2014", "Green"] for i in range(1, 500)
    ]
    rows.append(["R1", "1.500", "Action 500", "Ann Lee", "not a date at all 99/99", "Green"])
    path = workbook(tmp_path / "long.xlsx", rows)
    preview = desk.imports.preview(path)
    assert preview.count(RowKind.NEW) == 499
    assert [p.row for p in preview.refused] == [501]
    before = desk.plan.snapshot()
    with pytest.raises(ValidationError, match="nothing was imported"):
        desk.imports.apply(preview)
    assert desk.plan.snapshot() == before
    result = desk.imports.apply(preview, skip_refused=True)
    assert (result.added, result.refused) == (499, 1)
