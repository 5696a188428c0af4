"""The stored board document, and cards with their kinds, themes and origins."""
from __future__ import annotations

import pytest

from server.domain.board.events import PUBLIC, STAFF, Event, public_card, redact
from server.domain.evening.snapshot import snapshot_state
from server.domain.evening.state import WorkshopState
from tests.unit.board import FORCES, TRENDS, Board, custom_format

OLD_BOARD = {  # a board saved before the planning techniques existed
    "step": 0, "input_open": True, "show_authors": False,
    "timer": {"running": False, "remaining_ms": 1000, "ends_at": None},
    "cards": {"c1": {"id": "c1", "step": 0, "text": "Oud", "author": "p1",
                     "author_name": None, "hidden": False, "origin": "phone",
                     "created_at": 1}},
    "next_card": 2,
}


def test_a_board_saved_before_the_planning_techniques_still_loads_and_counts_on():
    state = WorkshopState.from_dict(OLD_BOARD)
    assert (state.clusters, state.votes, state.results, state.focus) == ({}, {}, {}, None)
    assert state.new_id("k") == "k2"
    assert "next_card" not in state.to_dict()
    shown = snapshot_state(state, {}, Board().fmt, Board().projector, 0)
    card = {**shown["card_defaults"], **shown["cards"][0]}  # as the client reads it
    assert card["cluster"] is None and card["kind"] is None


def test_loading_copies_the_stored_document_so_a_refusal_leaves_it_untouched():
    state = WorkshopState.from_dict(OLD_BOARD)
    state.cards["c1"]["text"] = "Veranderd"
    assert OLD_BOARD["cards"]["c1"]["text"] == "Oud"


def test_a_document_with_unknown_fields_is_not_silently_trimmed():
    with pytest.raises(ValueError):
        WorkshopState.from_dict(OLD_BOARD | {"surprise": 1})


def test_every_id_comes_from_one_counter_and_never_comes_back():
    board = Board().at(TRENDS)
    a = board.write("a", kind="rising")[0]
    cluster = board.cluster([a])
    board.p(0, "withdraw_card", card_id=a)
    b = board.write("b", kind="rising")[0]
    assert (a, cluster, b) == ("c1", "k2", "c3")


def test_a_card_carries_its_kind_theme_and_the_question_it_answered():
    board = Board().at(TRENDS)
    [event] = board.p(0, "add_card", text="Meer ouderen", kind="rising", theme="zorg")
    card = event.data["card"]
    assert (card["kind"], card["theme"], card["about"], card["cluster"], card["origin"]) \
        == ("rising", "zorg", None, None, "phone")


@pytest.mark.parametrize("args", [{"kind": "barrier"}, {"theme": "haven"}])
def test_a_kind_or_theme_the_step_does_not_have_is_refused(args):
    board = Board().at(TRENDS)
    assert board.p_refused(0, "add_card", text="x", **args) == "bad_value"


def test_a_phone_card_without_a_kind_is_accepted_while_older_clients_exist():
    board = Board().at(FORCES)
    [card] = board.write("Geen ruimte")
    assert board.card(card)["kind"] is None


def test_the_facilitator_adds_data_and_paper_cards_even_with_input_closed():
    board = Board().at(TRENDS, open_input=False)
    [data] = board.f("add_data_card", text="65+ groeit met 20%", kind="rising")
    [paper] = board.f("add_paper_card", text="Meer bankjes")
    assert (data.data["card"]["origin"], paper.data["card"]["origin"]) == ("data", "paper")
    assert data.data["card"]["author"] is None


def test_data_cards_can_be_switched_off_by_the_format():
    board = Board(custom_format(cards={"data_cards": False})).at(0)
    assert board.f_refused("add_data_card", text="Cijfer") == "technique_not_active"
    board.f("add_paper_card", text="Papier")


def test_no_screen_ever_receives_a_cards_author_id():
    board = Board().at(TRENDS)
    [event] = board.p(0, "add_card", text="Geheim", kind="rising")
    for audience in (PUBLIC, STAFF):
        assert "author" not in redact(event, audience)["card"]
    for actor in (board.projector, board.facilitator, board.phone(0), board.phone(1)):
        [card] = snapshot_state(board.state, {}, board.fmt, actor, 0)["cards"]
        assert "author" not in card and "participant-0" not in str(card)


def test_a_volatile_event_is_not_logged_and_unknown_names_are_refused():
    assert Event("card_added", {}).logged
    assert not Event("ballot_cast", {}).logged
    with pytest.raises(ValueError):
        Event("ballot_leaked", {})


def test_a_card_stores_its_authors_publication_consent_when_the_step_asks():
    board = Board(custom_format(cards={"publication_consent": True})).at(0)
    [yes] = board.p(0, "add_card", text="Mag in het plan", publish=True)
    [no] = board.p(0, "add_card", text="Liever niet", publish=False)
    [silent] = board.p(0, "add_card", text="Niets gezegd")
    [paper] = board.f("add_paper_card", text="Papier")
    [data] = board.f("add_data_card", text="Cijfer")
    assert [e.data["card"]["publish"] for e in (yes, no, silent, paper, data)] == [
        True, False, False, None, None]
    assert redact(yes, PUBLIC)["card"]["publish"] is True
    assert redact(no, PUBLIC)["card"]["publish"] is False


def test_without_the_option_no_consent_is_asked_and_publish_is_none():
    board = Board(custom_format()).at(0)
    [event] = board.p(0, "add_card", text="Zoals altijd", publish=True)
    assert event.data["card"]["publish"] is None
    assert board.p_refused(0, "add_card", text="x", publish="ja") == "invalid_args"


def test_an_unnamed_cluster_is_never_titled_after_a_card_without_consent():
    board = Board(custom_format(cards={"publication_consent": True})).at(0)
    withheld = board.p(0, "add_card", text="Liever niet", publish=False)[0].data["card"]["id"]
    shown = board.p(0, "add_card", text="Mag wel", publish=True)[0].data["card"]["id"]
    cluster = board.f("create_cluster", card_ids=[withheld, shown])[0].data
    board.f("promote_clusters", cluster_ids=[cluster_id_of(cluster)])
    [result] = board.state.results.values()
    assert result["title"] == "Mag wel"


def cluster_id_of(data: dict) -> str:
    return data.get("cluster_id") or data["cluster"]["id"]


def test_a_snapshot_sends_each_card_without_its_defaults_and_the_defaults_once():
    """Half the bytes of a full board's snapshot (docs/protocol.md, "Snapshots"): what a
    card leaves out is exactly what `card_defaults` puts back."""
    state = WorkshopState.from_dict(OLD_BOARD)
    board = Board()
    state.cards["c1"]["cluster"] = "k1"
    shown = snapshot_state(state, {}, board.fmt, board.projector, 0)
    [card] = shown["cards"]
    assert "cluster" in card and "kind" not in card and "hidden" not in card
    whole = {**shown["card_defaults"], **card}
    assert whole == public_card(state.cards["c1"], PUBLIC, state.show_authors)
