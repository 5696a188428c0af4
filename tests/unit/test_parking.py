"""The parking lot in plain Python: anyone in the room parks during any step, within the
card text rules and a per-phone limit; the facilitator answers, closes, marks for later,
hides; the public never sees a hidden item; what is marked for later goes with the
hand-over as the group's open points, with the cards' consent rules, and comes back out
when the hand-over is taken back."""
from __future__ import annotations

import pytest

from server.domain.board.events import PUBLIC, STAFF, redact
from server.domain.evening.closing import evening_copy
from server.domain.evening.parking import MAX_PARKED_PER_PHONE
from server.domain.evening.snapshot import snapshot_state
from tests.unit.board import ACTIONS, CHALLENGES, Board, custom_format
from tests.unit.test_closing import LoggedSpace
from tests.unit.test_workspace import EVENING_ID, Space, an_evening


def park(board: Board, text: str, by: int | None = 0, **args) -> str:
    """Park `text` from phone `by` (None: the facilitator); the new item's id."""
    events = board.f("park_item", text=text, **args) if by is None else \
        board.p(by, "park_item", text=text, **args)
    return events[0].data["parked"]["id"]


def test_a_resident_parks_a_question_in_any_step_even_with_input_closed():
    board = Board().at(CHALLENGES, open_input=False)
    [event] = board.p(3, "park_item", text="  Wanneer  komt de  bus terug? ")
    item = event.data["parked"]
    assert (item["text"], item["step"], item["status"], item["origin"], item["answer"]) == (
        "Wanneer komt de bus terug?", CHALLENGES, "open", "phone", "")
    assert board.state.parked[item["id"]]["author"] == "participant-3"


def test_a_step_without_cards_takes_parked_items_too():
    board = Board().at(ACTIONS)
    assert park(board, "Wie betaalt de koffie?").startswith("q")


def test_the_facilitator_parks_without_an_author():
    board = Board().at(CHALLENGES)
    parked_id = park(board, "Vraag van de zaal", by=None)
    item = board.state.parked[parked_id]
    assert (item["origin"], item["author"], item["publish"]) == ("facilitator", None, None)


@pytest.mark.parametrize(("text", "code"), [("   ", "empty_text"), ("x" * 281, "text_too_long")])
def test_parked_text_follows_the_card_rules(text, code):
    board = Board().at(CHALLENGES)
    assert board.p_refused(0, "park_item", text=text) == code


def test_a_phone_parks_at_most_its_limit_in_an_evening_and_others_still_can():
    board = Board().at(CHALLENGES)
    for n in range(MAX_PARKED_PER_PHONE):
        park(board, f"vraag {n}")
    board.at(ACTIONS)  # the limit is the evening's, not the step's
    assert board.p_refused(0, "park_item", text="nog een") == "too_many_parked"
    park(board, "van een ander", by=1)
    park(board, "de facilitator heeft geen limiet", by=None)


@pytest.mark.parametrize("command", ["answer_parked", "close_parked", "mark_parked_later",
                                     "hide_parked", "unhide_parked"])
def test_only_the_facilitator_deals_with_parked_items(command):
    board = Board().at(CHALLENGES)
    item = park(board, "Vraag")
    args = {"parked_id": item} | ({"answer": "Ja"} if command == "answer_parked" else {})
    assert board.p_refused(0, command, **args) == "forbidden"
    assert board.refused(board.projector, command, **args).code == "forbidden"


def test_the_facilitator_answers_closes_and_marks_for_later():
    board = Board().at(CHALLENGES)
    a, b, c = (park(board, t) for t in ("Eén", "Twee", "Drie"))
    [answered] = board.f("answer_parked", parked_id=a, answer=" De gemeente\nbeslist in mei ")
    board.f("close_parked", parked_id=b)
    board.f("mark_parked_later", parked_id=c)
    assert answered.name == "parked_updated"
    assert answered.data["parked"]["answer"] == "De gemeente\nbeslist in mei"
    assert [board.state.parked[i]["status"] for i in (a, b, c)] == ["answered", "closed", "later"]


def test_answering_an_item_marked_for_later_keeps_it_for_the_group():
    board = Board().at(CHALLENGES)
    item = park(board, "Vraag")
    board.f("mark_parked_later", parked_id=item)
    board.f("answer_parked", parked_id=item, answer="Voorlopig antwoord")
    assert (board.state.parked[item]["status"], board.state.parked[item]["answer"]) == (
        "later", "Voorlopig antwoord")
    board.f("close_parked", parked_id=item)  # the status may still change, the last counts
    assert board.state.parked[item]["status"] == "closed"


@pytest.mark.parametrize(("args", "code"), [({"answer": " "}, "bad_value"),
                                            ({"answer": "x" * 501}, "field_too_long"),
                                            ({"answer": "Ja", "parked_id": "q999"}, "not_found")])
def test_a_bad_answer_or_unknown_item_is_refused(args, code):
    board = Board().at(CHALLENGES)
    item = park(board, "Vraag")
    assert board.f_refused("answer_parked", **({"parked_id": item} | args)) == code


def test_the_public_never_sees_a_hidden_item_nor_an_author():
    board = Board().at(CHALLENGES)
    item = park(board, "Scheldwoord")
    [hidden] = board.f("hide_parked", parked_id=item)
    [update] = board.f("answer_parked", parked_id=item, answer="Niet hier")
    assert redact(update, PUBLIC) == {"parked_id": item}
    assert redact(update, STAFF)["parked"]["hidden"] is True
    assert "author" not in redact(board.logged[-3], PUBLIC)["parked"]
    assert redact(hidden, PUBLIC) == {"parked_id": item}
    for actor in (board.projector, board.phone(5), board.phone(0)):
        assert snapshot_state(board.state, {}, board.fmt, actor, 0)["parked"] == []
    staff = snapshot_state(board.state, {}, board.fmt, board.facilitator, 0)["parked"]
    assert [(p["id"], p["hidden"]) for p in staff] == [(item, True)]
    [shown] = board.f("unhide_parked", parked_id=item)
    assert redact(shown, PUBLIC)["parked"]["text"] == "Scheldwoord"


def test_a_phone_snapshot_marks_its_own_parked_items():
    board = Board().at(CHALLENGES)
    mine, theirs = park(board, "Mijn vraag", by=0), park(board, "Hun vraag", by=1)
    seen = snapshot_state(board.state, {}, board.fmt, board.phone(0), 0)["parked"]
    assert {p["id"]: p["mine"] for p in seen} == {mine: True, theirs: False}


def later_evening() -> tuple[Board, dict[str, str]]:
    """An evening ready for the hand-over with parked items in every state."""
    board = an_evening()
    ids = {name: park(board, text) for name, text in (
        ("later", "Hoe zit het met parkeren?"), ("open", "Nog open"),
        ("closed", "Gesloten"), ("hidden", "Verborgen maar later"))}
    ids["staff"] = park(board, "Vraag van de facilitator", by=None)
    board.f("answer_parked", parked_id=ids["later"], answer="Navragen bij de gemeente")
    for name in ("later", "hidden", "staff"):
        board.f("mark_parked_later", parked_id=ids[name])
    board.f("close_parked", parked_id=ids["closed"])
    board.f("hide_parked", parked_id=ids["hidden"])
    return board, ids


def test_the_hand_over_carries_the_visible_items_marked_for_later_as_open_points():
    board, ids = later_evening()
    copy = evening_copy(board.state.to_dict(), EVENING_ID, "")
    assert [(p["id"], p["text"], p["answer"], p["origin"]) for p in copy["open_points"]] == [
        (ids["later"], "Hoe zit het met parkeren?", "Navragen bij de gemeente", "phone"),
        (ids["staff"], "Vraag van de facilitator", "", "facilitator")]
    assert all("author" not in p for p in copy["open_points"])
    space = Space()
    event = space.take_over(board)
    points = list(space.state.open_points.values())
    assert [(p["text"], p["from"]) for p in points] == [
        ("Hoe zit het met parkeren?", {"board_id": EVENING_ID, "id": ids["later"]}),
        ("Vraag van de facilitator", {"board_id": EVENING_ID, "id": ids["staff"]})]
    assert all(p["id"].startswith("o") for p in points)
    assert event.data["open_points"] == points


def test_an_item_without_publication_consent_goes_over_without_its_text():
    board = Board(custom_format(cards={"publication_consent": True})).at(0)
    withheld = park(board, "Geen toestemming")
    agreed = park(board, "Wel toestemming", publish=True)
    for item in (withheld, agreed):
        board.f("mark_parked_later", parked_id=item)
    copy = evening_copy(board.state.to_dict(), EVENING_ID, "")
    assert [(p["text"], p.get("withheld")) for p in copy["open_points"]] == [
        ("", True), ("Wel toestemming", None)]


def test_an_evening_without_consent_questions_stores_no_consent():
    board = Board().at(CHALLENGES)
    parked_id = park(board, "Vraag", publish=True)
    assert board.state.parked[parked_id]["publish"] is None


def test_an_evening_copied_before_the_parking_lot_is_still_taken_over():
    space, copy = Space(), evening_copy(an_evening().state.to_dict(), EVENING_ID, "")
    del copy["open_points"]
    space.run(space.system, "take_over_evening", evening=copy)
    assert space.state.open_points == {}


def test_taking_the_hand_over_back_removes_its_open_points():
    space, (board, _) = LoggedSpace(), later_evening()
    space.take_over(board)
    [event] = space.take_back(board)
    assert space.state.open_points == {}
    assert len(event.data["removed"]["open_points"]) == 2
