"""Hand-over with publication consent: the group's workspace never receives the text of a
card whose author did not consent; the card keeps its place, empty and `withheld`."""
from __future__ import annotations

from tests.conftest import Evening
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.http.test_publication_consent import SLUG, add_consent_format
from tests.realtime.test_workspace import ok, plans_screen, post_hand_over

CONSENTED, WITHHELD = "Meer fietsers op straat", "Mijn buurman Kees drinkt te veel"


def test_the_workspace_snapshot_never_holds_the_text_of_a_card_without_consent(app):
    add_consent_format(app)
    evening = Evening(app, format_slug=SLUG)
    console, phone = evening.console(), evening.phone(name="Fatima")

    def f(command, /, **args):
        return ok(console.command(command, args))["result"]

    f("go_to_step", step=0)
    f("open_input")
    cards = [ok(phone.command("add_card", {"text": text, "kind": "rising",
                                           "publish": publish}))["result"]["card_id"]
             for text, publish in ((CONSENTED, True), (WITHHELD, False))]
    cluster = f("create_cluster", card_ids=cards, name="Meer verkeer")["cluster_id"]
    f("promote_clusters", cluster_ids=[cluster])
    f("go_to_step", step=1)  # a challenge to plan for, then the last step: the plan
    f("open_input")
    lonely = ok(phone.command("add_card", {"text": "Eenzaamheid"}))["result"]["card_id"]
    challenge = f("promote_clusters", cluster_ids=[
        f("create_cluster", card_ids=[lonely], name="Eenzaamheid")["cluster_id"]])
    f("go_to_step", step=5)
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    [challenge] = [r["id"] for r in state["results"] if r["type"] == "challenge"]
    f("create_plan", source_id=challenge)
    confirm = console.http.get(f"/console/w/{evening.board_id}/hand-over").get_data(
        as_text=True)
    assert "1 kaartje gaat mee zonder tekst" in confirm  # the page says it stays behind
    assert post_hand_over(evening, console).status_code == 302

    gid = group_id_of(app, evening.board_id)
    handed = {"gid": gid, "fatima": join_group(app, invite_link(app, gid, "coordinator"),
                                               "Fatima")}
    fatima = plans_screen(app, handed, "fatima")
    [snapshot] = [p["args"][0] for p in fatima.received("snapshot")]
    assert WITHHELD not in str(snapshot)
    cards = {c["from"]["id"]: c for c in snapshot["state"]["cards"]}
    assert cards[cards_by_text(cards, CONSENTED)]["text"] == CONSENTED
    [withheld] = [c for c in cards.values() if c.get("withheld")]
    assert withheld["text"] == "" and withheld["origin"] == "phone"
    [result] = [r for r in snapshot["state"]["results"] if r["type"] == "trend"]
    assert sorted(result["card_ids"]) == sorted(c["id"] for c in cards.values()
                                                if c["text"] != "Eenzaamheid")

    export = handed["fatima"].get(f"/g/{gid}/export.json")  # the group's own export
    assert export.status_code == 200
    assert WITHHELD not in export.get_data(as_text=True)
    assert CONSENTED in export.get_data(as_text=True)


def cards_by_text(cards: dict, text: str) -> str:
    return next(k for k, c in cards.items() if c["text"] == text)
