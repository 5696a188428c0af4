"""The group's open points on the printed plans: the questions parked on an evening and
marked for later, with the answer given there, after the plans; none of the others."""
from __future__ import annotations

from tests.conftest import Evening
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.http.test_workspace_print import full_evening, page
from tests.realtime.test_workspace import ok, post_hand_over


def test_the_print_lists_the_open_points_with_their_answers_and_nothing_else(app):
    evening = Evening(app)
    console = full_evening(evening)
    phone = evening.phone()
    later, closed = (ok(phone.command("park_item", {"text": text}))["result"]["parked_id"]
                     for text in ("Wie beheert de sleutel van het buurthuis?",
                                  "Een vraag die vanavond al beantwoord is"))
    ok(console.command("answer_parked", {"parked_id": later, "answer": "Vragen aan De Boog"}))
    ok(console.command("mark_parked_later", {"parked_id": later}))
    ok(console.command("close_parked", {"parked_id": closed}))
    assert post_hand_over(evening, console).status_code == 302
    gid = group_id_of(app, evening.board_id)
    henk = join_group(app, invite_link(app, gid), "Henk")

    dutch = page(henk, gid, "nl")
    assert "Open punten" in dutch
    assert "Wie beheert de sleutel van het buurthuis?" in dutch
    assert "Antwoord: Vragen aan De Boog" in dutch
    assert "vanavond al beantwoord" not in dutch
    assert dutch.index("Open punten") > dutch.index("Begroting")  # after the plans
    assert "Open points" in page(henk, gid, "en")


def test_a_print_without_open_points_has_no_empty_section(app):
    evening = Evening(app)
    assert post_hand_over(evening, full_evening(evening)).status_code == 302
    gid = group_id_of(app, evening.board_id)
    assert 'data-testid="print-open-points"' not in page(
        join_group(app, invite_link(app, gid), "Henk"), gid, "nl")
