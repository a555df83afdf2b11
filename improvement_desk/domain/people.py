"""Rules for the people on the board's list (lead officers, owners)."""

from __future__ import annotations

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text


def validate_person(name: str, role: str, organisation: str) -> list[FieldProblem]:
    checks = [
        check_text("Name", name, max_length=SHORT_TEXT, single_line=True),
        check_text("Role", role, max_length=SHORT_TEXT, required=False, single_line=True),
        check_text(
            "Organisation", organisation, max_length=SHORT_TEXT, required=False, single_line=True
        ),
    ]
    return [p for p in checks if p]
