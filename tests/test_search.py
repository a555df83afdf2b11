"""Search across the board from one box: grouping, matching, ranking, snippets, hostile input."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from improvement_desk.domain.plan import ActionDraft
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk
from improvement_desk.services.search import (
    SearchHit,
    SearchKind,
    SearchResults,
    SearchService,
    fold,
)


@pytest.fixture
def search(desk: Desk) -> SearchService:
    load_demo(desk.ctx)
    return SearchService(desk.ctx)


def _ids(results: SearchResults, kind: SearchKind) -> list[int]:
    group = results.group(kind)
    return [h.record_id for h in group.hits] if group else []


def _found_in_snippet(hit: SearchHit, word: str) -> bool:
    """Every highlight covers one of the words, and the word is in the snippet."""
    return word in fold(hit.snippet) and all(
        fold(hit.snippet[start:end]) == word for start, end in hit.highlights
    )


def test_groups_come_in_a_fixed_order_with_counts_and_limits(search: SearchService) -> None:
    results = search.search("recruitment", limit_per_kind=2)
    kinds = [g.kind for g in results.groups]
    assert kinds == [k for k in SearchKind if k in kinds]
    assert {SearchKind.PLAN_ACTION, SearchKind.LOG_ACTION, SearchKind.RISK} <= set(kinds)
    for group in results.groups:
        assert 1 <= len(group.hits) <= 2
        assert group.total >= len(group.hits)
        assert all(h.kind is group.kind for h in group.hits)
        assert all(_found_in_snippet(h, "recruitment") for h in group.hits)
    unlimited = search.search("recruitment", limit_per_kind=1000)
    assert [g.total for g in unlimited.groups] == [g.total for g in results.groups]
    assert results.total == sum(len(g.hits) for g in unlimited.groups)


def test_every_word_must_match_somewhere_in_the_record(desk: Desk, search: SearchService) -> None:
    snapshot = desk.plan.snapshot()

    def expected(*words: str) -> set[int]:
        return {
            a.id
            for a in snapshot.actions
            if all(
                any(
                    w in fold(text)
                    for text in (
                        a.reference,
                        a.description,
                        a.lead_officer,
                        a.theme,
                        a.success_measures,
                        a.evidence_of_impact,
                    )
                )
                for w in words
            )
        }

    for query, words in (
        ("social worker", ("social", "worker")),
        ("WORKER social", ("social", "worker")),
        ("Mark Hollis retention", ("mark", "hollis", "retention")),
    ):
        found = search.search(query, limit_per_kind=1000)
        assert set(_ids(found, SearchKind.PLAN_ACTION)) == expected(*words) != set()
    assert search.search("recruitment xyzzy").groups == ()


def test_accents_and_case_do_not_matter(desk: Desk, search: SearchService) -> None:
    desk.people.add("Zoë Brontë-Çelik")
    rec = desk.plan.snapshot().recommendations[0]
    action = desk.actions.create(
        rec.id,
        ActionDraft("1.99", "Open the new Café Noël hub", "Zoë Brontë-Çelik", None,
                    date(2014, 9, 30)),
    )  # fmt: skip
    for query in ("zoe", "ZOË", "bronte celik", "café noel", "CAFE"):
        assert _ids(search.search(query), SearchKind.PLAN_ACTION) == [action.id], query
    hit = search.search("noel").hits()[0]
    assert hit.snippet == "Open the new Café Noël hub"
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["Noël"]


def test_reference_first_then_title_then_body_then_newest(
    desk: Desk, search: SearchService
) -> None:
    results = search.search("r1")
    risk = results.group(SearchKind.RISK)
    assert risk is not None
    assert risk.hits[0].title.startswith("R1 — ")
    assert risk.hits[0].rank == 0
    assert [h.rank for h in risk.hits] == sorted(h.rank for h in risk.hits)
    recommendation = results.group(SearchKind.RECOMMENDATION)
    assert recommendation is not None
    assert recommendation.hits[0].rank == 0

    rec = desk.plan.snapshot().recommendations[0]
    desk.people.add("Quentin Zebedee")
    older = desk.actions.create(
        rec.id, ActionDraft("9.1", "Audit the kazoo rota", "Quentin Zebedee", None,
                            date(2014, 9, 30)),
    )  # fmt: skip
    body = desk.actions.create(
        rec.id, ActionDraft("9.2", "Review the rota", "Quentin Zebedee", None,
                            date(2014, 9, 30), success_measures="kazoo used weekly"),
    )  # fmt: skip
    newer = desk.actions.create(
        rec.id, ActionDraft("9.3", "Tune the kazoo", "Quentin Zebedee", None, date(2014, 9, 30)),
    )  # fmt: skip
    hits = search.search("kazoo").group(SearchKind.PLAN_ACTION)
    assert hits is not None
    assert [h.record_id for h in hits.hits] == [newer.id, older.id, body.id]
    assert [h.rank for h in hits.hits] == [1, 1, 2]
    assert _ids(search.search("9.2"), SearchKind.PLAN_ACTION)[0] == body.id


def test_meetings_and_minutes_carry_their_ids(desk: Desk, search: SearchService) -> None:
    minutes = search.search("transposed").group(SearchKind.MINUTE)  # an amendment's text
    assert minutes is not None
    assert minutes.total == 1
    hit = minutes.hits[0]
    assert hit.meeting_id is not None
    assert hit.agenda_item_id is not None
    meeting = desk.meeting_reader.meeting(hit.meeting_id)
    item = next(i for i in meeting.items if i.id == hit.agenda_item_id)
    assert hit.record_id == item.id
    assert item.title in hit.title
    assert "transposed" in hit.snippet

    decisions = search.search("closed as complete on the evidence presented").hits()
    assert len(decisions) == 10
    assert {h.kind for h in decisions} == {SearchKind.MINUTE}
    assert [h.snippet for h in search.search("1.1 closed").hits()] == [
        "RESOLVED: that action 1.1 be closed as complete on the evidence presented."
    ]

    meeting_hits = search.search("31 July 2013").group(SearchKind.MEETING)
    assert meeting_hits is not None
    assert meeting_hits.total == 1
    found = meeting_hits.hits[0]
    assert found.meeting_id == found.record_id
    assert desk.meeting_reader.meeting(found.record_id).summary.meeting_date == date(2013, 7, 31)
    by_slash = search.search("31/07/2013").group(SearchKind.MEETING)
    assert by_slash is not None
    assert by_slash.hits[0].record_id == found.record_id


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "\u00a0"])
def test_an_empty_query_finds_nothing(search: SearchService, text: str) -> None:
    assert search.search(text) == SearchResults(text)


def test_hostile_queries_are_matched_literally(desk: Desk, search: SearchService) -> None:
    long = search.search("social worker " * 714 + "team")  # 10,000 characters
    assert long.total > 0
    assert long == replace(search.search("social worker team"), query=long.query)
    assert search.search("a" * 10_000).groups == ()
    # LIKE would read these as wildcards and find everything; nothing holds them literally.
    for text in ("_", "\\", "%_%", "'; DROP TABLE risk; --", "\x00", "\x1b[31m"):
        assert search.search(text).groups == (), repr(text)
    for text in ("%", '"'):  # a correction to the minutes quotes the wrong figure
        found = search.search(text, limit_per_kind=1000)
        assert found.total > 0
        assert all(text in h.snippet for h in found.hits())
    # The board is untouched by any of it.
    assert search.search("social worker").total > 0

    rec = desk.plan.snapshot().recommendations[0]
    desk.people.add("Pat O'Brien")
    action = desk.actions.create(
        rec.id, ActionDraft("9.9", "Check <b>bold</b> & 100%_done \\ paths", "Pat O'Brien", None,
                            date(2014, 9, 30)),
    )  # fmt: skip
    for text in ("<b>bold</b>", "100%_done", "\\", "o'brien", "& 100%_"):
        assert _ids(search.search(text), SearchKind.PLAN_ACTION) == [action.id], text
    hit = search.search("bold").hits()[0]
    assert hit.snippet == "Check <b>bold</b> & 100%_done \\ paths"  # plain text, never markup
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["bold"]


def test_snippets_are_one_short_line_around_the_first_match(search: SearchService) -> None:
    results = search.search("transposed", limit_per_kind=50)
    hit = results.hits()[0]
    assert "\n" not in hit.snippet
    assert len(hit.snippet) <= 125
    assert hit.snippet.startswith("…")  # the match is well into a long amendment
    for hit in search.search("inspection", limit_per_kind=50).hits():
        assert "\n" not in hit.snippet
        assert "\n" not in hit.title
        assert len(hit.title) <= 120


def test_an_index_searches_what_was_read_when_it_was_made(
    desk: Desk, search: SearchService
) -> None:
    index = search.index()
    assert len(index) > 100
    for text in ("recruitment", "r", "social worker", "31/07/2013", ""):
        assert index.search(text, limit_per_kind=5) == search.search(text, limit_per_kind=5)
    rec = desk.plan.snapshot().recommendations[0]
    lead = desk.plan.snapshot().actions[0].lead_officer
    desk.actions.create(rec.id, ActionDraft("9.1", "Buy a kazoo", lead, None, date(2014, 9, 30)))
    assert index.search("kazoo").groups == ()  # an index is a reading, not a live view
    assert search.index().search("kazoo").total == 1
