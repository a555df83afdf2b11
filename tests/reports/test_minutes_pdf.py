"""The minutes PDF, built from hand-made records and read back with pypdf.

What is asserted is what a reader of the printed minutes sees: the text,
exactly as typed; the marking on every page; the fonts inside the file; the
layout across pages; and, in the public version, nothing of an exempt item.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from improvement_desk.domain.marking import Marking, exempt_reason
from improvement_desk.domain.meeting import AttendanceStatus, MeetingStatus, MemberKind
from improvement_desk.reports.minutes import build_minutes, minutes_marking
from improvement_desk.reports.pages import BuildCancelled
from improvement_desk.services.meeting_records import MeetingRecord

from .minutes_fixtures import (
    BOARD,
    EXEMPT_MINUTE,
    EXEMPT_TITLE,
    SENSITIVE_MINUTE,
    SENSITIVE_TITLE,
    action,
    amendment,
    item,
    person,
    sample_meeting,
)

NAMES = "Siân Ŵyn Łukasz Nguyễn"


def build(meeting: MeetingRecord, *, public: bool = False) -> tuple[PdfReader, list[str], int]:
    buffer = io.BytesIO()
    result = build_minutes(buffer, meeting, BOARD, public=public)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    pages = [page.extract_text() for page in reader.pages]
    assert result.pages == len(reader.pages)
    return reader, pages, result.pages


def flat(pages: list[str]) -> str:
    """All pages' text with runs of whitespace made one space (wrapping moves line ends)."""
    return " ".join(" ".join(pages).split())


def squash(text: str) -> str:
    """Text without any whitespace: a long word split by wrapping still matches."""
    return "".join(text.split())


def officials(meeting: MeetingRecord) -> MeetingRecord:
    """Only OFFICIAL items, so the document's marking is the meeting's own."""
    return replace(meeting, items=tuple(i for i in meeting.items if i.marking is Marking.OFFICIAL))


# -- exact text ------------------------------------------------------------------------------


def test_names_print_exactly_as_typed() -> None:
    attendance = (
        person(NAMES, MemberKind.VOTING, AttendanceStatus.PRESENT, role="Independent Chair"),
        *sample_meeting().attendance,
    )
    _, pages, _ = build(sample_meeting(attendance=attendance))
    text = "\n".join(pages)
    assert NAMES in text
    for name in ("Siân Ŵyn", "Łukasz Nowak", "Thu Trang Nguyễn", "Cllr Margaret O'Neill"):
        assert name in text
    assert "■" not in text


HOSTILE = [
    "<b>unclosed",
    "R&D budget",
    "<font color='red'>x</font>",
    "AT&T &copy; &bogus;",
    '<a href="javascript:app.alert(1)">click</a>',
    '<img src="/etc/passwd"/>',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_text_anywhere_prints_literally(hostile: str) -> None:
    meeting = sample_meeting(
        plan_minute=f"Before {hostile} after",
        extra_items=(
            item(
                8,
                f"Title {hostile}",
                f"Minute {hostile}",
                decisions=(f"RESOLVED: decision {hostile}",),
                actions=(action("A20", f"Action {hostile}", f"Owner {hostile}", date(2014, 5, 1)),),
                presenter=f"Presenter {hostile}",
            ),
        ),
        attendance=(person(f"Name {hostile}", MemberKind.VOTING, AttendanceStatus.PRESENT),),
    )
    reader, pages, _ = build(meeting)
    text = squash(" ".join(pages))
    for expected in (
        f"Before {hostile} after",
        f"8. Title {hostile}",
        f"Minute {hostile}",
        f"RESOLVED: decision {hostile}",
        f"Action {hostile}",
        f"Presenter {hostile}",
        f"Name {hostile}",
    ):
        assert squash(expected) in text
    for page in reader.pages:
        assert "/Annots" not in page  # no link was made from user text


def test_fonts_are_embedded_and_no_base14_font_is_used() -> None:
    reader, _, _ = build(sample_meeting())
    seen = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            seen.add(str(font["/BaseFont"]))
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
    assert not any("Helvetica" in name or "Times" in name for name in seen)
    assert any("DejaVu" in name or "DeskSans" in name for name in seen), seen


def test_line_breaks_in_a_minute_are_kept() -> None:
    minute = "First point\nSecond point\nThird point"
    _, pages, _ = build(sample_meeting(plan_minute=minute))
    lines = [line.strip() for line in "\n".join(pages).splitlines()]
    start = next(n for n, line in enumerate(lines) if line.endswith("First point"))
    assert lines[start + 1] == "Second point"
    assert lines[start + 2] == "Third point"


def test_minute_paragraphs_are_numbered_under_their_item() -> None:
    _, pages, _ = build(sample_meeting(plan_minute="Opening.\n\nSecond paragraph."))
    text = flat(pages)
    assert "5.1 Opening." in text
    assert "5.2 Second paragraph." in text


# -- the parts of the minutes ----------------------------------------------------------------


def test_heading_and_attendance_sections() -> None:
    _, pages, _ = build(sample_meeting())
    first = flat(pages[:1])
    assert BOARD in first
    assert "Improvement Board" in first
    assert "Wednesday 12 March 2014" in first
    assert "10.00 am" in first
    assert "Committee Room 2, County Hall, Northshire" in first
    for heading in ("Present", "Apologies", "In attendance", "Absent"):
        assert f"\n{heading}\n" in "\n" + pages[0]
    assert "Detective Supt Alan Hughes (substitute: DCI Rebecca Shaw)" in first
    assert "Siân Ŵyn Independent Chair, Independent" in first
    assert "Thu Trang Nguyễn DfE Improvement Adviser, Department for Education" in first
    assert "The meeting was quorate (4 voting members present; the quorum is 3)." in first
    assert "Not Recorded" not in flat(pages)
    # Officers are in attendance, not present; absent members are listed.
    assert first.index("In attendance") < first.index("Joanne Pike") < first.index("Absent")
    assert first.index("Absent") < first.index("Mark Ellison")


def test_no_attendance_and_no_declarations() -> None:
    meeting = replace(sample_meeting(attendance=()), declarations=(), voting_present=0)
    _, pages, _ = build(meeting)
    text = flat(pages)
    assert "Attendance has not been recorded." in text
    assert "2. Declarations of interest 2.1" not in text
    assert "None declared." in text


def test_not_quorate_is_said() -> None:
    _, pages, _ = build(replace(sample_meeting(), voting_present=2))
    assert "The meeting was not quorate (2 voting members present; the quorum is 3)." in flat(pages)


def test_declarations_decisions_and_actions() -> None:
    _, pages, _ = build(sample_meeting())
    text = flat(pages)
    assert "Dr Priya Raman Item 5: Her husband is employed by the fostering agency" in text
    # Typed without the prefix: printed with it; typed with it: not doubled.
    assert "RESOLVED: That actions A1 and A2 be closed." in text
    assert "RESOLVED: RESOLVED" not in text
    assert "Action A7: Femi Adeyemi to add a measure of supervision quality" in text
    assert "Presented by Joanne Pike, Director of Children's Services" in text


def test_matters_arising_are_listed_under_the_action_log_item() -> None:
    _, pages, _ = build(sample_meeting())
    text = flat(pages)
    at = text.index("Matters arising Ref Action Owner Due Status")
    assert text.index("4. Action log") < at < text.index("5. Improvement plan progress")
    assert "A4 Recruit twelve agency social workers" in text
    assert "was 1 Mar 2014" in text  # a revised due date shows what was first promised
    assert "Overdue" in text


def test_exempt_and_sensitive_items_are_marked_in_the_full_minutes() -> None:
    _, pages, _ = build(sample_meeting())
    text = flat(pages)
    assert f"6. {EXEMPT_TITLE} Exempt — Schedule 12A paragraph 1" in text
    assert EXEMPT_MINUTE in text
    assert f"7. {SENSITIVE_TITLE} OFFICIAL-SENSITIVE" in text
    assert SENSITIVE_MINUTE in text


def test_action_summary_lists_this_meetings_actions() -> None:
    _, pages, _ = build(sample_meeting())
    text = flat(pages)
    summary = text[text.index("Summary of action points") :]
    assert summary.startswith("Summary of action points Ref Action Owner Due Status")
    for ref in ("A7", "A8", "A9"):
        assert f"{ref} " in summary
    assert "A4 " not in summary  # matters arising belong to earlier meetings


def test_no_actions_says_so() -> None:
    meeting = sample_meeting(plan_actions=())
    meeting = replace(meeting, items=tuple(replace(i, actions=()) for i in meeting.items))
    _, pages, _ = build(meeting)
    assert "No actions were agreed at this meeting." in flat(pages)


# -- draft, approved, amended ----------------------------------------------------------------


def test_a_draft_says_draft_on_every_page() -> None:
    reader, pages, count = build(sample_meeting())
    assert count >= 2
    for page in pages:
        assert "DRAFT" in page
    assert "not yet approved" in flat(pages)
    assert "Approved as a correct record" not in flat(pages)
    assert "(draft)" in reader.metadata.title


def test_approved_minutes_carry_the_approval_and_amendments() -> None:
    meeting = sample_meeting(
        status=MeetingStatus.MINUTES_APPROVED,
        approved_at=date(2014, 4, 9),
        amendments=(amendment('In minute 5.1, read <10 Amber> for "9 Amber".'),),
    )
    _, pages, _ = build(meeting)
    text = flat(pages)
    assert "DRAFT" not in text
    assert "Approved as a correct record at the meeting on 9 April 2014." in text
    assert (
        'Amendment recorded 12 Apr 2014: item 5: In minute 5.1, read <10 Amber> for "9 Amber".'
        in text
    )
    assert text.index("Approved as a correct record at the meeting") < text.index(
        "Amendment recorded"
    )


# -- marking and metadata --------------------------------------------------------------------


def test_marking_is_the_highest_and_on_every_page_top_and_bottom() -> None:
    meeting = sample_meeting()
    assert minutes_marking(meeting) is Marking.OFFICIAL_SENSITIVE
    assert minutes_marking(officials(meeting)) is Marking.OFFICIAL
    reader, pages, _ = build(meeting)
    for page in pages:
        assert page.count("OFFICIAL-SENSITIVE") >= 2
    assert pages[0].count("OFFICIAL-SENSITIVE") >= 3  # and the banner on the first page
    assert reader.metadata.subject.startswith("OFFICIAL-SENSITIVE")


def test_official_minutes_are_marked_official() -> None:
    _, pages, _ = build(officials(sample_meeting()))
    for page in pages:
        assert "OFFICIAL-SENSITIVE" not in page
        assert page.count("OFFICIAL") >= 2


def test_metadata_outline_and_language() -> None:
    reader, _, _ = build(sample_meeting())
    meta = reader.metadata
    assert meta.title == "Minutes of the Improvement Board, 12 March 2014 (draft)"
    assert meta.author == BOARD
    assert "minutes of the Improvement Board held on 12 March 2014" in meta.subject
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    titles = [entry.title for entry in reader.outline]
    assert titles[0] == "1. Welcome, introductions and apologies"
    assert f"6. {EXEMPT_TITLE}" in titles
    pages = [reader.get_destination_page_number(entry) for entry in reader.outline]
    assert pages == sorted(pages)  # each bookmark on its own item's page, in order
    assert pages[0] == 0
    assert pages[-1] > 0


# -- long content ----------------------------------------------------------------------------


def test_a_long_minute_breaks_across_pages() -> None:
    paragraphs = [
        f"Paragraph {n} of the long minute, with enough words to wrap." for n in range(1, 181)
    ]
    _, pages, count = build(sample_meeting(plan_minute="\n\n".join(paragraphs)))
    assert count >= 5
    text = flat(pages)
    for n in (1, 90, 180):
        assert f"5.{n} Paragraph {n} of the long minute" in text


def test_sixty_actions_repeat_the_header_row_on_every_page() -> None:
    actions = tuple(
        action(
            f"A{n}",
            f"Action number {n}: report back to the board with the evidence of impact "
            "and the plan for the next quarter.",
            "Joanne Pike",
            date(2014, 5, 1),
        )
        for n in range(1, 61)
    )
    _, pages, _ = build(sample_meeting(plan_actions=actions))
    summary_start = next(n for n, p in enumerate(pages) if "Summary of action points" in p)
    summary_pages = pages[summary_start:]
    assert len(summary_pages) >= 2
    for page in summary_pages:
        if "A60" in page or any(f"A{n} " in page for n in range(1, 61)):
            assert "Ref Action Owner Due Status" in " ".join(page.split())
    text = flat(summary_pages)
    for n in (1, 30, 60):
        assert f"A{n} Action number {n}:" in text


def test_one_enormous_cell_splits_instead_of_failing() -> None:
    huge = " ".join(["A very long action description sentence."] * 900)
    actions = (action("A1", huge, "Joanne Pike", date(2014, 5, 1)),)
    _, pages, count = build(sample_meeting(plan_actions=actions))
    assert count > 3
    # Printed twice (under the item and in the summary); "sentence." never straddles a page.
    assert flat(pages).count("sentence.") == 1800


# -- the public version ----------------------------------------------------------------------


def test_public_version_withholds_exempt_and_sensitive_items() -> None:
    reader, pages, _ = build(sample_meeting(), public=True)
    text = flat(pages)
    assert "6. Exempt item" in text
    assert " ".join(exempt_reason(1).split()) in text
    secrets = [EXEMPT_TITLE, EXEMPT_MINUTE, "Quixotic", "Zanzibar", SENSITIVE_TITLE, "Vortex"]
    outline = " ".join(entry.title for entry in reader.outline)
    metadata = " ".join(str(v) for v in reader.metadata.values())
    for secret in secrets:
        assert secret not in text, secret
        assert secret not in outline
        assert secret not in metadata
    assert "A9" not in text  # the exempt item's action is not in the summary either
    assert "Item 6 (exempt): an interest was declared." in text
    assert "OFFICIAL-SENSITIVE" not in text
    assert "Public version" in text
    assert "Minutes (public)" in pages[0]


def test_public_version_prints_the_public_title_the_board_allowed() -> None:
    allowed = "Staffing: <b>senior</b> & agency"
    base = sample_meeting()
    items = tuple(replace(i, public_title=allowed) if i.exempt else i for i in base.items)
    reader, pages, _ = build(replace(base, items=items), public=True)
    text = flat(pages)
    assert f"6. {allowed}" in text
    assert " ".join(exempt_reason(1).split()) in text
    assert "Exempt item" not in text
    assert f"6. {allowed}" in [entry.title for entry in reader.outline]
    for secret in (EXEMPT_TITLE, EXEMPT_MINUTE, "Quixotic", "Zanzibar"):
        assert secret not in text, secret
    _, pages, _ = build(replace(base, items=items))
    assert allowed not in flat(pages), "the full version prints the item's own title"


def test_public_version_drops_amendments_to_withheld_items() -> None:
    meeting = sample_meeting(
        status=MeetingStatus.MINUTES_APPROVED,
        approved_at=date(2014, 4, 9),
        amendments=(amendment("Zanzibar correction", item_number="6"),),
    )
    _, public_pages, _ = build(meeting, public=True)
    assert "Zanzibar" not in flat(public_pages)
    _, full_pages, _ = build(meeting)
    assert "Amendment recorded 12 Apr 2014: item 6: Zanzibar correction" in flat(full_pages)


# -- building ---------------------------------------------------------------------------------


def test_progress_is_reported_per_page_and_cancel_stops_the_build() -> None:
    seen: list[int] = []
    result = build_minutes(io.BytesIO(), sample_meeting(), BOARD, progress=seen.append)
    assert seen == list(range(1, result.pages + 1))
    with pytest.raises(BuildCancelled):
        build_minutes(io.BytesIO(), sample_meeting(), BOARD, cancelled=lambda: True)


def test_characters_the_font_lacks_are_reported() -> None:
    result = build_minutes(io.BytesIO(), sample_meeting(plan_minute="Notes in 漢字 too"), BOARD)
    assert result.missing_characters == "漢字"
    assert build_minutes(io.BytesIO(), sample_meeting(), BOARD).missing_characters == ""


def test_an_agenda_without_standing_items_still_has_declarations_and_matters_arising() -> None:
    meeting = sample_meeting()
    own = tuple(i for i in meeting.items if i.standing is None and i.marking is Marking.OFFICIAL)
    _, pages, _ = build(replace(meeting, items=own, declarations=()))
    text = flat(pages)
    assert "Declarations of interest None declared." in text
    assert "Matters arising Ref Action Owner Due Status A2 Board Secretary" in text
    assert text.index("Matters arising") < text.index(f"6. {EXEMPT_TITLE}")
