"""The pack's plan, risk and scorecard sections, each built into a PDF and read back with pypdf.

Content comes from the demo board (through the real readers) and from hostile
edits of it: markup-like text, accented names, eighty exceptions. What is
checked is what a board member would notice: text exactly as typed, the
embedded font only, header rows repeated when a table runs over a page,
closed risks absent, first-pack and changes wording.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from pypdf import PdfReader
from reportlab.platypus import Flowable

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS
from improvement_desk.domain.risk import RiskStatus
from improvement_desk.reports.pack.log_section import log_section
from improvement_desk.reports.pack.plan_section import plan_section
from improvement_desk.reports.pack.risk_section import fit_references, risk_section
from improvement_desk.reports.pack.scorecard_section import scorecard_section
from improvement_desk.reports.pages import DocumentInfo, RunningText, build_pdf
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import open_desk
from improvement_desk.services.meeting_reader import MeetingReader
from improvement_desk.services.pack_records import (
    PackChanges,
    PackContent,
    PackTemplate,
    Redated,
    Rerated,
)
from improvement_desk.services.plan_reader import PlanReader
from improvement_desk.services.risk_reader import RiskReader
from improvement_desk.services.scorecard_reader import ScorecardReader

Section = Callable[[PackContent], list[Flowable]]
SECTIONS: dict[str, Section] = {
    "log": log_section,
    "plan": plan_section,
    "risks": risk_section,
    "scorecard": scorecard_section,
}
HOSTILE_THEME = "<b>unclosed"
HOSTILE_ACTION = "R&D <font color='red'>x</font>"
NAMES = "Siân Ŵyn Łukasz Nguyễn"
SAMPLES = Path("/tmp/meet")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> PackContent:
    path = tmp_path_factory.mktemp("pack") / "demo.db"
    create_demo_board(path, ACTOR)
    desk = open_desk(path, ACTOR, read_only=True)
    try:
        ctx = desk.ctx
        meetings = MeetingReader(ctx).meetings()
        meeting = MeetingReader(ctx).meeting(meetings[-1].id)
        return PackContent(
            board_name="Demo Improvement Board",
            meeting=meeting,
            previous=None,
            public=False,
            marking=Marking.OFFICIAL,
            as_at=ctx.today(),
            built_at=datetime(2014, 3, 12, 9, 0, tzinfo=UTC),
            template=PackTemplate(DEFAULT_SECTIONS, DEFAULT_ACCENT, None, 1),
            open_log=(),
            closed_log=(),
            plan=PlanReader(ctx).snapshot(),
            register=RiskReader(ctx).register(),
            scorecard=ScorecardReader(ctx).snapshot(),
            changes=PackChanges(since=None),
            papers=(),
        )
    finally:
        desk.close()


def build(content: PackContent, *sections: Section, png: str = "") -> list[str]:
    """The sections in one PDF; returns each page's text (and leaves PNGs when asked)."""
    story: list[Flowable] = []
    for section in sections:
        story += section(content)
    buffer = io.BytesIO()
    pages = build_pdf(
        buffer,
        story,
        RunningText(content.board_name, "Board pack", content.marking),
        DocumentInfo("Board pack", "Improvement Desk", "Sections"),
    )
    data = buffer.getvalue()
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == pages
    _fonts_are_embedded(reader)
    if png:
        _pngs(data, png)
    return [page.extract_text() for page in reader.pages]


def _fonts_are_embedded(reader: PdfReader) -> None:
    """Every font on every page, and in any form XObject a page draws, is embedded DejaVu."""
    seen = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        fonts = dict(resources.get("/Font", {}))
        for xobject in resources.get("/XObject", {}).values():
            fonts.update(xobject.get_object().get("/Resources", {}).get("/Font", {}))
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]))
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]
    assert seen
    assert not any("Helvetica" in name or "Times" in name for name in seen), seen


def _pngs(data: bytes, name: str) -> None:
    """Pages as PNGs for a person to look at (skipped where poppler is not installed)."""
    if shutil.which("pdftoppm") is None or not SAMPLES.is_dir():
        return
    pdf = SAMPLES / f"{name}.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(SAMPLES / name)], check=True)
    pdf.unlink()


def flat(pages: list[str]) -> str:
    return " ".join(" ".join(pages).split())


def squash(text: str) -> str:
    return "".join(text.split())


def hostile(content: PackContent) -> PackContent:
    plan = content.plan
    actions = list(plan.actions)
    actions[0] = replace(
        actions[0],
        theme=HOSTILE_THEME,
        description=HOSTILE_ACTION,
        lead_officer=NAMES,
        status=Brag.RED,
    )
    risks = list(content.register.risks)
    live = next(i for i, r in enumerate(risks) if r.status.is_live)
    risks[live] = replace(
        risks[live], title=HOSTILE_ACTION, owner=NAMES, current_likelihood=5, current_impact=5
    )
    rows = list(content.scorecard.rows)
    rows[0] = replace(rows[0], indicator=replace(rows[0].indicator, name=HOSTILE_ACTION))
    return replace(
        content,
        plan=replace(plan, actions=tuple(actions), themes=(HOSTILE_THEME, *plan.themes)),
        register=replace(content.register, risks=tuple(risks)),
        scorecard=replace(content.scorecard, rows=tuple(rows)),
    )


def test_demo_sections_build_and_leave_samples(demo: PackContent) -> None:
    text = flat(build(demo, plan_section, risk_section, scorecard_section, png="pack-sections"))
    for heading in (
        "Improvement plan highlight report",
        "Delivery status by theme",
        "Exceptions",
        "Risk register",
        "Heat map of current scores",
        "Top risks",
        "Performance scorecard",
        "Trends",
    ):
        assert heading in text
    assert text.count("This is the first pack issued for this board") == 3


@pytest.mark.parametrize("name", sorted(SECTIONS))
def test_each_section_builds_on_its_own(demo: PackContent, name: str) -> None:
    assert build(demo, SECTIONS[name])


def test_plan_counts_every_theme_and_lists_exceptions(demo: PackContent) -> None:
    text = flat(build(demo, plan_section))
    for theme in {a.theme for a in demo.plan.actions}:
        assert squash(theme) in squash(text)
    assert "Theme Red Amber Green Blue Not started Total" in text
    assert f"All themes {' '.join(str(n) for n in _totals(demo))}" in text
    for action in demo.plan.actions:
        if action.status is Brag.RED:
            assert action.reference in text


def _totals(content: PackContent) -> list[int]:
    counts = [sum(1 for a in content.plan.actions if a.status is b) for b in content.brag_order]
    return [*counts, len(content.plan.actions)]


def test_a_rebaselined_action_shows_its_original_date(demo: PackContent) -> None:
    plan = demo.plan
    first = replace(
        plan.actions[0],
        status=Brag.GREEN,
        overdue_days=0,
        revision_count=1,
        original_target_date=date(2014, 1, 31),
        target_date=date(2014, 6, 30),
        reference="RB-1",
    )
    content = replace(demo, plan=replace(plan, actions=(first,)))
    text = flat(build(content, plan_section))
    assert "RB-1" in text
    assert "30 Jun 2014 (was 31 Jan 2014)" in text
    assert "re-baselined" in text


def test_eighty_exceptions_repeat_the_header_on_every_page(demo: PackContent) -> None:
    base = demo.plan.actions[0]
    actions = tuple(
        replace(
            base,
            reference=f"X{n}",
            description=f"Exception number {n}: a long description of the work still to do.",
            status=Brag.RED,
        )
        for n in range(1, 81)
    )
    content = replace(demo, plan=replace(demo.plan, actions=actions))
    pages = build(content, plan_section)
    start = next(n for n, p in enumerate(pages) if "Exceptions" in p)
    later = [p for p in pages[start:] if "X" in p]
    assert len(later) >= 2
    for page in later:
        assert "Ref Action Lead officer Target Status" in " ".join(page.split())
    text = flat(pages)
    for n in (1, 40, 80):
        assert f"X{n} Exception number {n}:" in text


def test_hostile_text_prints_exactly_as_typed(demo: PackContent) -> None:
    content = hostile(demo)
    pages = build(
        content, plan_section, risk_section, scorecard_section, png="pack-sections-hostile"
    )
    text = flat(pages)
    assert HOSTILE_THEME in text
    assert text.count(HOSTILE_ACTION) >= 3  # the exception, the top risk, the indicator
    assert NAMES in text


def test_closed_risks_are_left_out(demo: PackContent) -> None:
    risks = list(demo.register.risks)
    risks[0] = replace(risks[0], status=RiskStatus.CLOSED, reference="CLOSED-9")
    content = replace(demo, register=replace(demo.register, risks=tuple(risks)))
    text = flat(build(content, risk_section))
    assert "CLOSED-9" not in text
    assert "closed risk not shown" in text or "closed risks not shown" in text


def test_a_crowded_cell_counts_what_does_not_fit(demo: PackContent) -> None:
    base = next(r for r in demo.register.risks if r.status.is_live)
    risks = tuple(
        replace(base, reference=f"RSK-{n:02d}", current_likelihood=4, current_impact=4)
        for n in range(1, 31)
    )
    content = replace(demo, register=replace(demo.register, risks=risks))
    text = flat(build(content, risk_section))
    assert "RSK-01" in text
    assert "more" in text


def test_fit_references_never_drops_a_risk_silently() -> None:
    refs = [f"R{n}" for n in range(1, 40)]
    lines = fit_references(refs, 60, 2)
    shown = " ".join(lines).split()
    assert len(lines) <= 2
    listed = [s for s in shown if s.startswith("R")]
    extra = next(int(s[1:]) for s in shown if s.startswith("+"))
    assert len(listed) + extra == len(refs)
    assert fit_references(["R1", "R2"], 200, 1) == ["R1 R2"]
    assert fit_references([], 100, 3) == []
    assert fit_references(["R1"], 100, 0) == []


def test_changes_since_the_last_board(demo: PackContent) -> None:
    changes = PackChanges(
        since=date(2014, 1, 15),
        new_actions=("N-1",),
        closed_actions=("C-1",),
        rerated_actions=(Rerated("A-9", "Amber", "Red"),),
        redated_actions=(Redated("A-8", date(2014, 2, 1), date(2014, 4, 1)),),
        new_risks=("RN-1",),
        moved_risks=(Rerated("RM-1", "12 Medium", "16 High"),),
        rag_changes=(Rerated("PI-1", "Green", "Amber"),),
        new_log_actions=("L-1", "L-2"),
        closed_log_actions=("L-0",),
        redated_log_actions=(Redated("L-3", date(2014, 3, 1), date(2014, 5, 1)),),
    )
    text = flat(build(replace(demo, changes=changes), *SECTIONS.values()))
    assert text.count("Since the board of 15 January 2014:") == 4
    assert "New actions: L-1, L-2" in text
    assert "Closed by the board: L-0" in text
    assert "Due date changed: L-3: 1 Mar 2014 → 1 May 2014" in text
    assert "New actions: N-1" in text
    assert "Completed (Blue): C-1" in text
    assert "A-9: Amber → Red" in text
    assert "A-8: 1 Feb 2014 → 1 Apr 2014" in text
    assert "New risks: RN-1" in text
    assert "RM-1: 12 Medium → 16 High" in text
    assert "PI-1: Green → Amber" in text
    assert "first pack" not in text


def test_nothing_changed_says_so(demo: PackContent) -> None:
    content = replace(demo, changes=PackChanges(since=date(2014, 1, 15)))
    text = flat(build(content, *SECTIONS.values()))
    assert "No changes to the plan since 15 January 2014." in text
    assert "No changes to the risk register since 15 January 2014." in text
    assert "No changes to the scorecard since 15 January 2014." in text
    assert "No changes to the action log since 15 January 2014." in text


def test_empty_board_builds(demo: PackContent) -> None:
    content = replace(
        demo,
        plan=replace(demo.plan, actions=(), themes=()),
        register=replace(demo.register, risks=()),
        scorecard=replace(demo.scorecard, rows=()),
    )
    text = flat(build(content, *SECTIONS.values()))
    assert "The plan has no actions yet." in text
    assert "No action is Red, overdue or re-baselined." in text
    assert "There are no live risks." in text
    assert "The scorecard has no active indicators." in text


def test_scorecard_gaps_and_missing_figures(demo: PackContent) -> None:
    row = demo.scorecard.rows[0]
    series = tuple(replace(p, value=None) if i % 3 == 1 else p for i, p in enumerate(row.series))
    empty = replace(
        demo.scorecard.rows[1],
        latest=None,
        latest_label="",
        latest_period=None,
        rag=None,
        series=tuple(replace(p, value=None, rag=None) for p in demo.scorecard.rows[1].series),
    )
    rows = (replace(row, series=series), empty, *demo.scorecard.rows[2:])
    text = flat(
        build(replace(demo, scorecard=replace(demo.scorecard, rows=rows)), scorecard_section)
    )
    assert "No figure yet" in text
    assert "No RAG" in text
    assert row.indicator.reference in text


def test_many_themes_make_more_than_one_chart(demo: PackContent) -> None:
    base = demo.plan.actions[0]
    actions = tuple(
        replace(base, theme=f"Theme {n:02d}", reference=f"T{n}", status=Brag.GREEN)
        for n in range(1, 46)
    )
    content = replace(demo, plan=replace(demo.plan, actions=actions, themes=()))
    text = flat(build(content, plan_section))
    assert "Theme 01" in text
    assert "Theme 45" in text
    assert "45 actions in 45 themes" in text


def test_overdue_actions_show_days(demo: PackContent) -> None:
    action = replace(
        demo.plan.actions[0],
        status=Brag.AMBER,
        overdue_days=12,
        revision_count=0,
        reference="OD-1",
        target_date=demo.plan.today - timedelta(days=12),
    )
    text = flat(build(replace(demo, plan=replace(demo.plan, actions=(action,))), plan_section))
    assert "OD-1" in text
    assert "overdue 12 days" in text


def test_sections_import_no_services_and_no_qt_at_run_time() -> None:
    code = (
        "import sys, improvement_desk.reports.pack.plan_section, "
        "improvement_desk.reports.pack.risk_section, "
        "improvement_desk.reports.pack.scorecard_section; "
        "print(sorted(m for m in sys.modules if m.startswith(('improvement_desk.services', "
        "'PySide6'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
