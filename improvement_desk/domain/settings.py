"""Every setting the app has, declared once: its area, label, type, default, rule and home.

The settings dialog builds its pages from this table, the board-settings
service stores and audits by it, and a validator's message names the field
exactly as the dialog labels it ("Quorum: must be a whole number from 1 to 50").

Where a setting lives matters for governance: a *board* setting changes what
every officer's pack, register or plan shows, so it lives in the database and
each change is audited; a *personal* one (the user's name) belongs to the
person at this computer and lives in QSettings. `store` says which table holds
a board setting: several were stored before this table existed (the board's
name, the risk bands, the quorum, the pack template) and stay where they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import DEFAULT_QUORUM, quorum_problem
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS, validate_template
from improvement_desk.domain.risk_bands import RiskBands, validate_bands
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
BRAG_LABEL_MAX = 30


class Area(StrEnum):
    """A page of the settings dialog, in the order the pages are listed."""

    BOARD = "board"
    PLAN = "plan"
    RISKS = "risks"
    MEETINGS = "meetings"
    PACK = "pack"
    YOU = "you"

    @property
    def label(self) -> str:
        return "You" if self is Area.YOU else self.value.capitalize()


class Kind(StrEnum):
    TEXT = "text"
    INTEGER = "integer"
    COLOUR = "colour"  # "#RRGGBB"
    MARKING = "marking"  # a Marking
    IMAGE = "image"  # PNG or JPEG bytes, or None
    SECTIONS = "sections"  # tuple[PackSection, ...]


class Store(StrEnum):
    """Where a setting's value is kept."""

    BOARD = "board"  # the board row: its name
    BOARD_SETTING = "board_setting"  # the key/value table of migration 0009
    RISK_SETTINGS = "risk_settings"
    MEETING_SETTINGS = "meeting_settings"
    PACK_TEMPLATE = "pack_template"
    PREFERENCES = "preferences"  # QSettings on this computer, never the database


@dataclass(frozen=True, slots=True)
class SettingSpec:
    key: str  # "meetings.quorum"; also the key in `board_setting` and the audit's field
    area: Area
    label: str  # the field's name in the dialog and in every problem about it
    kind: Kind
    default: object
    store: Store
    help: str
    minimum: int = 0
    maximum: int = 0
    max_length: int = SHORT_TEXT
    column: str = ""  # the column in a single-row table (Store.BOARD, RISK_SETTINGS, …)
    # Restore Defaults leaves it alone: the board's own name, the user's own name.
    restorable: bool = True

    @property
    def personal(self) -> bool:
        return self.store is Store.PREFERENCES

    def check(self, value: object) -> FieldProblem | None:
        """This setting's own rule; rules across settings are in `validate_settings`."""
        return _CHECKS[self.kind](self, value)


def _check_text(spec: SettingSpec, value: object) -> FieldProblem | None:
    if not isinstance(value, str):
        return FieldProblem(spec.label, "must be text")
    return check_text(spec.label, clean_text(value), max_length=spec.max_length, single_line=True)


def _check_integer(spec: SettingSpec, value: object) -> FieldProblem | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (spec.minimum <= value <= spec.maximum)
    ):
        return FieldProblem(
            spec.label, f"must be a whole number from {spec.minimum} to {spec.maximum}"
        )
    return None


def _check_colour(spec: SettingSpec, value: object) -> FieldProblem | None:
    if not isinstance(value, str) or not _HEX.match(value.strip()):
        return FieldProblem(spec.label, f"must be a colour like #1F3A5F, not {str(value)!r}")
    return None


def _check_marking(spec: SettingSpec, value: object) -> FieldProblem | None:
    if not isinstance(value, Marking):
        choices = " or ".join(m.label for m in Marking)
        return FieldProblem(spec.label, f"must be {choices}")
    return None


def _check_image(spec: SettingSpec, value: object) -> FieldProblem | None:
    if value is not None and not isinstance(value, bytes):
        return FieldProblem(spec.label, "must be a PNG or JPEG image")
    return None  # size and format: validate_template, which names the field "Logo"


def _check_sections(spec: SettingSpec, value: object) -> FieldProblem | None:
    if not isinstance(value, tuple):
        return FieldProblem(spec.label, "must be a list of pack sections")
    return None  # order and duplicates: validate_template


_CHECKS: dict[Kind, Callable[[SettingSpec, object], FieldProblem | None]] = {
    Kind.TEXT: _check_text,
    Kind.INTEGER: _check_integer,
    Kind.COLOUR: _check_colour,
    Kind.MARKING: _check_marking,
    Kind.IMAGE: _check_image,
    Kind.SECTIONS: _check_sections,
}

_NOT_YET_USED = (
    " Stored for the board, but not yet used by the app's screens and packs "
    "(they still show the standard names and colours)."
)


def _brag_specs() -> list[SettingSpec]:
    specs: list[SettingSpec] = []
    for status in Brag:
        specs.append(
            SettingSpec(
                f"plan.brag.{status.value}.label", Area.PLAN, f"{status.label} name", Kind.TEXT,
                status.label, Store.BOARD_SETTING,
                f"What the board calls “{status.label}” ({status.meaning.lower()})."
                + _NOT_YET_USED,
                max_length=BRAG_LABEL_MAX,
            )
        )  # fmt: skip
        specs.append(
            SettingSpec(
                f"plan.brag.{status.value}.colour", Area.PLAN, f"{status.label} colour",
                Kind.COLOUR, status.colour, Store.BOARD_SETTING,
                f"The fill colour of “{status.label}”." + _NOT_YET_USED,
            )
        )  # fmt: skip
    return specs


_BANDS = RiskBands()

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "board.name", Area.BOARD, "Board name", Kind.TEXT, DEFAULT_BOARD_NAME, Store.BOARD,
        "Printed on every pack's cover, the minutes and the window's title. Restore "
        "Defaults leaves it as it is.", column="name", restorable=False,
    ),
    SettingSpec(
        "board.logo", Area.BOARD, "Logo", Kind.IMAGE, None, Store.PACK_TEMPLATE,
        "A PNG or JPEG image of at most 2 MB, printed on the pack's cover.", column="logo",
    ),
    SettingSpec(
        "board.marking_default", Area.BOARD, "Default protective marking", Kind.MARKING,
        Marking.OFFICIAL, Store.BOARD_SETTING,
        "The marking a new meeting or agenda item starts with (a paper takes its item's).",
    ),
    *_brag_specs(),
    SettingSpec(
        "plan.due_soon_days", Area.PLAN, "Due soon window (days)", Kind.INTEGER, 14,
        Store.BOARD_SETTING,
        "An open action due within this many days counts as “due soon”. An action is "
        "overdue the day after its target date until it is complete (Blue); that rule is "
        "fixed. Home counts the plan and log actions due within it, and opens them in the "
        "plan's and the log's filters.",
        minimum=0, maximum=90,
    ),
    SettingSpec(
        "risks.low_max", Area.RISKS, "Low up to", Kind.INTEGER, _BANDS.low_max,
        Store.RISK_SETTINGS, "Scores up to this are low.", minimum=1, maximum=24,
        column="low_max",
    ),
    SettingSpec(
        "risks.medium_max", Area.RISKS, "Medium up to", Kind.INTEGER, _BANDS.medium_max,
        Store.RISK_SETTINGS, "Scores above the low band and up to this are medium; the rest "
        "are high.", minimum=1, maximum=24, column="medium_max",
    ),
    SettingSpec(
        "risks.appetite", Area.RISKS, "Appetite", Kind.INTEGER, _BANDS.appetite,
        Store.RISK_SETTINGS, "A current score above this is more risk than the board is "
        "willing to carry, and is flagged.", minimum=1, maximum=25, column="appetite",
    ),
    SettingSpec(
        "risks.low_colour", Area.RISKS, "Low colour", Kind.COLOUR, _BANDS.low_colour,
        Store.RISK_SETTINGS, "The low band's colour.", column="low_colour",
    ),
    SettingSpec(
        "risks.medium_colour", Area.RISKS, "Medium colour", Kind.COLOUR, _BANDS.medium_colour,
        Store.RISK_SETTINGS, "The medium band's colour.", column="medium_colour",
    ),
    SettingSpec(
        "risks.high_colour", Area.RISKS, "High colour", Kind.COLOUR, _BANDS.high_colour,
        Store.RISK_SETTINGS, "The high band's colour.", column="high_colour",
    ),
    SettingSpec(
        "meetings.quorum", Area.MEETINGS, "Quorum", Kind.INTEGER, DEFAULT_QUORUM,
        Store.MEETING_SETTINGS, "How many voting members must be present for a meeting to "
        "take decisions; no more than the board's voting members.", minimum=1, maximum=50,
        column="quorum",
    ),
    SettingSpec(
        "pack.sections", Area.PACK, "Sections", Kind.SECTIONS, DEFAULT_SECTIONS,
        Store.PACK_TEMPLATE, "The sections every pack holds, in order: the cover first, the "
        "papers last.", column="sections",
    ),
    SettingSpec(
        "pack.accent", Area.PACK, "Accent colour", Kind.COLOUR, DEFAULT_ACCENT,
        Store.PACK_TEMPLATE, "The colour of the pack's headings and rules.", column="accent",
    ),
    SettingSpec(
        "you.name", Area.YOU, "Your name", Kind.TEXT, "", Store.PREFERENCES,
        "Your name as it appears in the audit trail. Kept on this computer, not in the board.",
        restorable=False,
    ),
)  # fmt: skip

BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SETTINGS}


def specs_of(area: Area) -> tuple[SettingSpec, ...]:
    return tuple(spec for spec in SETTINGS if spec.area is area)


def defaults(specs: tuple[SettingSpec, ...] = SETTINGS) -> dict[str, object]:
    return {spec.key: spec.default for spec in specs}


def normal_value(spec: SettingSpec, value: object) -> object:
    """The value as stored: text trimmed, colours upper case (so "#1f3a5f" is no change)."""
    if spec.kind is Kind.TEXT and isinstance(value, str):
        return clean_text(value)
    if spec.kind is Kind.COLOUR and isinstance(value, str):
        return value.strip().upper()
    return value


def bands_from(values: Mapping[str, object]) -> RiskBands:
    """The `RiskBands` a set of values describes (each value already checked on its own)."""
    fields = {
        spec.column: values[spec.key]
        for spec in SETTINGS
        if spec.store is Store.RISK_SETTINGS and spec.key in values
    }
    return RiskBands(**fields)  # type: ignore[arg-type]


def validate_settings(
    values: Mapping[str, object], *, voting_members: int | None = None
) -> list[FieldProblem]:
    """Every problem with a complete set of values, each naming its field. `voting_members`
    (when known) bounds the quorum."""
    problems: list[FieldProblem] = []
    for key, value in values.items():
        spec = BY_KEY.get(key)
        if spec is None:
            problems.append(FieldProblem("Settings", f"{key!r} is not a setting"))
            continue
        problem = spec.check(value)
        if problem is not None:
            problems.append(problem)
    bad = {p.field for p in problems}
    problems += _across(values, bad, voting_members)
    return list(dict.fromkeys(problems))


def _across(
    values: Mapping[str, object], bad: set[str], voting_members: int | None
) -> list[FieldProblem]:
    """The rules that need more than one value, borrowed from the domain that owns each."""
    found: list[FieldProblem] = []
    risk_keys = [s.key for s in SETTINGS if s.store is Store.RISK_SETTINGS]
    if all(k in values for k in risk_keys) and not bad & {BY_KEY[k].label for k in risk_keys}:
        found += validate_bands(bands_from(values))
    quorum = values.get("meetings.quorum")
    if isinstance(quorum, int) and "Quorum" not in bad:
        problem = quorum_problem(quorum, voting_members)
        if problem is not None:
            found.append(problem)
    pack = ("pack.sections", "pack.accent", "board.logo")
    if all(k in values for k in pack) and not bad & {BY_KEY[k].label for k in pack}:
        sections, accent, logo = (values[k] for k in pack)
        found += validate_template(sections, str(accent).strip().upper(), logo)  # type: ignore[arg-type]
    names = [
        (BY_KEY[k].label, clean_text(str(values[k])).casefold())
        for k in values
        if k.startswith("plan.brag.") and k.endswith(".label")
    ]
    seen: dict[str, str] = {}
    for label, name in names:
        if name and name in seen:
            found.append(FieldProblem(label, f"is the same as {seen[name]}"))
        seen.setdefault(name, label)
    return found


def to_text(spec: SettingSpec, value: object) -> str:
    """How `board_setting` and the audit trail hold a value."""
    if isinstance(value, Marking):
        return value.value
    return str(value)


def from_text(spec: SettingSpec, text: str) -> object:
    """The stored text as a value; the default when it is not one this version understands
    (a newer app's value, or a hand-edited row), so a board never fails to open over it."""
    try:
        value: object
        if spec.kind is Kind.INTEGER:
            value = int(text)
        elif spec.kind is Kind.MARKING:
            value = Marking.parse(text)
        else:
            value = text
    except ValueError:
        return spec.default
    return value if spec.check(value) is None else spec.default
