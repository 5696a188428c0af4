"""The process report is computed from a hand-written event log, as the store keeps it.

The log below is a short evening: data cards prepared the afternoon before, a trends
step (phone cards, a hidden card, a withdrawn card, clusters, a vote, a promotion), a
visit to the challenges step, back to trends, then challenges again with a plan and
actions — and a change made the next week, which is not the evening's.
"""
from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from server.domain.plan.report import Decision, LoggedEvent, StepPlan, VoteRound, process_report

T0 = datetime(2027, 3, 4, 19, 0, 0)
STEPS = [StepPlan("Trends", 20), StepPlan("Challenges", 25), StepPlan("Future", 15)]
NAMES = ("Fatima El Amrani", "Jan de Vries", "Bewoner 4")
PARTICIPANT_IDS = ("pid-aaaa", "pid-bbbb", "pid-cccc")


def card(card_id, step, author=None, name=None, origin="phone"):
    return {"card": {"id": card_id, "step": step, "text": f"tekst {card_id}", "kind": None,
                     "origin": origin, "author": author, "author_name": name,
                     "hidden": False, "cluster": None}, "show_authors": False}


def log(*rows):
    """(minutes after 19:00, name, data, role) rows, numbered as versions."""
    return [LoggedEvent(version=n, name=name, data=data, actor_role=role,
                        created_at=T0 + timedelta(minutes=minutes))
            for n, (minutes, name, data, role) in enumerate(rows, 1)]


F, P = "facilitator", "participant"
A, B, C = PARTICIPANT_IDS

EVENING = log(
    (-180, "card_added", card("c1", 0, origin="data"), F),           # prepared
    (0, "input_opened", {"step": 0}, F),
    (1, "card_added", card("c2", 0, A, NAMES[0]), P),
    (2, "card_added", card("c3", 0, B, NAMES[1]), P),
    (3, "card_added", card("c4", 0, A, NAMES[0]), P),
    (4, "card_added", card("c5", 0, C), P),
    (5, "card_withdrawn", {"card_id": "c5", "removed": []}, P),
    (6, "card_hidden", {"card_id": "c4"}, F),
    (6, "authors_shown", {"shown": True, "names": {"c2": NAMES[0], "c3": NAMES[1]}}, F),
    (7, "card_added", card("c6", 0, origin="paper"), F),
    (8, "cluster_created", {"cluster": {"id": "k7", "step": 0, "name": "Meer ouderen"},
                            "cards": {"c2": "k7", "c3": "k7"}, "removed": []}, F),
    (9, "cluster_created", {"cluster": {"id": "k8", "step": 0, "name": ""},
                            "cards": {"c6": "k8"}, "removed": []}, F),
    (9, "cluster_created", {"cluster": {"id": "k9", "step": 0, "name": "Weg"},
                            "cards": {"c1": "k9"}, "removed": []}, F),
    (10, "clusters_merged", {"cluster_id": "k9", "into": "k8", "cards": {"c1": "k8"}}, F),
    (11, "vote_opened", {"step": 0, "round": 1, "items": ["k7", "k8"], "budget": 3,
                         "max_per_item": 2}, F),
    (14, "votes_revealed", {"step": 0, "round": 1, "tallies": {"k7": 4, "k8": 1},
                            "voters": 3}, F),
    (15, "results_promoted", {"results": [
        {"id": "r10", "type": "trend", "step": 0, "title": "Meer ouderen", "votes": 4},
        {"id": "r11", "type": "trend", "step": 0, "title": "Iets anders", "votes": 1}]}, F),
    (16, "result_removed", {"result_id": "r11"}, F),
    (20, "step_changed", {"step": 1, "input_open": False, "timer": {}}, F),
    (30, "step_changed", {"step": 0, "input_open": False, "timer": {}}, F),
    (35, "result_updated", {"result": {"id": "r10", "type": "trend", "step": 0,
                                       "title": "Steeds meer ouderen", "votes": 4}}, F),
    (40, "step_changed", {"step": 1, "input_open": False, "timer": {}}, F),
    (41, "input_opened", {"step": 1}, F),
    (42, "card_added", card("c12", 1, B, NAMES[1]), P),
    (50, "results_promoted", {"results": [
        {"id": "r13", "type": "challenge", "step": 1, "title": "Eenzaamheid", "votes": 0}]}, F),
    (55, "plan_created", {"plan": {"id": "p14", "source_id": "r13", "issue_id": "r13",
                                   "fields": {"owner": {"value": "Bewonersraad", "v": 0}},
                                   "action_ids": []}}, F),
    (56, "action_added", {"action": {"id": "a15", "plan_id": "p14", "fields": {
        "what": {"value": "Koffie", "v": 0}, "owner": {"value": NAMES[2], "v": 0}}}}, P),
    (57, "action_added", {"action": {"id": "a16", "plan_id": "p14", "fields": {
        "what": {"value": "Folder", "v": 0}}}}, F),
    (58, "action_removed", {"action_id": "a16"}, F),
    (60, "input_closed", {"step": 1}, F),
    (60 * 24 * 7, "action_added", {"action": {"id": "a17", "plan_id": "p14", "fields": {
        "what": {"value": "Later", "v": 0}}}}, F),
)


@pytest.fixture
def report():
    return process_report(EVENING, STEPS)


def test_the_evening_starts_at_its_first_pacing_and_ends_before_a_long_silence(report):
    assert report.date == date(2027, 3, 4)
    assert report.start == T0
    assert report.end == T0 + timedelta(minutes=60)
    assert report.minutes == 60
    assert report.later_changes == 1


def test_time_per_step_adds_up_the_visits_to_a_step(report):
    trends, challenges, future = report.steps
    assert (trends.minutes, trends.visits) == (20 + 10, 2)
    assert (challenges.minutes, challenges.visits) == (10 + 20, 2)
    assert (future.minutes, future.visits, future.visited) == (0, 0, False)
    assert trends.planned_minutes == 20 and trends.title == "Trends"


def test_cards_are_counted_by_origin_without_withdrawn_ones(report):
    trends = report.steps[0]
    assert trends.cards == {"phone": 3, "data": 1, "paper": 1}
    assert trends.hidden == 1
    assert trends.writers == 3          # C withdrew their only card, but did take part
    assert report.steps[1].cards == {"phone": 1, "data": 0, "paper": 0}


def test_phones_are_the_distinct_writers_or_the_most_voters(report):
    assert report.phones == 3
    two_writers = EVENING[:5]           # prepared card, input opened, A, B, A again
    assert process_report(two_writers, STEPS).phones == 2
    three_voters = two_writers + [dataclasses.replace(EVENING[15], version=6)]
    assert process_report(three_voters, STEPS).phones == 3
    assert process_report(two_writers, STEPS, known_participants=5).phones == 5


def test_clusters_that_were_merged_away_do_not_count(report):
    assert report.steps[0].clusters == 2


def test_votes_and_decisions_per_step(report):
    assert report.steps[0].rounds == [VoteRound(round=1, voters=3, dots=5)]
    assert report.steps[0].decisions == [Decision("trend", "Steeds meer ouderen", 4)]
    assert report.steps[1].decisions == [Decision("challenge", "Eenzaamheid", 0)]
    assert [d.title for d in report.decisions] == ["Steeds meer ouderen", "Eenzaamheid"]


def test_plans_and_actions_are_counted_in_the_step_they_were_made(report):
    challenges = report.steps[1]
    assert (challenges.plans, challenges.actions) == (1, 1)
    assert report.total("actions") == 1    # the removed one and the later one do not count


def test_no_name_or_participant_id_appears_anywhere_in_the_report(report):
    everything = repr(dataclasses.asdict(report)) + repr(report)
    for secret in NAMES + PARTICIPANT_IDS:
        assert secret not in everything
    assert "author" not in everything


def test_an_empty_log_gives_an_empty_report():
    empty = process_report([], STEPS, known_participants=0)
    assert (empty.start, empty.end, empty.date, empty.phones) == (None, None, None, 0)
    assert [s.visits for s in empty.steps] == [0, 0, 0]


def test_a_step_the_format_no_longer_has_still_gets_a_row():
    events = log((0, "step_changed", {"step": 4, "input_open": False, "timer": {}}, F),
                 (5, "input_closed", {"step": 4}, F))
    report = process_report(events, STEPS)
    assert len(report.steps) == 5
    assert report.steps[4].minutes == 5 and report.steps[4].title == ""
    assert report.steps[0].visits == 0  # clicked through at once


def parked(item_id, status="open", answer="", hidden=False, text="Wie heeft de sleutel?"):
    return {"parked": {"id": item_id, "step": 0, "text": text, "origin": "phone",
                       "author": A, "hidden": hidden, "publish": None, "status": status,
                       "answer": answer, "created_at": 0}}


def test_the_parking_lot_is_counted_as_the_evening_left_it_without_its_texts():
    events = log(
        (0, "input_opened", {"step": 0}, F),
        (1, "item_parked", parked("q1"), P),
        (2, "item_parked", parked("q2"), P),
        (3, "item_parked", parked("q3"), F),
        (4, "item_parked", parked("q4", text="Jan de Vries is lastig"), P),
        (5, "parked_updated", parked("q1", "answered", "Morgen"), F),
        (6, "parked_updated", parked("q1", "later", "Morgen"), F),  # answered, then later
        (7, "parked_updated", parked("q2", "later"), F),
        (8, "parked_updated", parked("q3", "closed"), F),
        (9, "parked_hidden", {"parked_id": "q4"}, F),
        (10, "parked_hidden", {"parked_id": "q3"}, F),
        (11, "parked_unhidden", {"parked": parked("q3", "closed")["parked"]}, F),
        (60 * 24 * 7, "parked_updated", parked("q3", "later"), F),  # the next week
    )
    report = process_report(events, STEPS)
    lot = report.parking
    assert (lot.parked, lot.answered, lot.later, lot.closed, lot.hidden) == (4, 1, 2, 1, 1)
    assert report.later_changes == 1
    assert "sleutel" not in repr(report) and "Jan de Vries" not in repr(report)
    assert A not in repr(report)


def test_an_evening_without_a_parked_item_counts_none():
    lot = process_report(EVENING, STEPS).parking
    assert (lot.parked, lot.answered, lot.later, lot.closed, lot.hidden) == (0, 0, 0, 0, 0)
