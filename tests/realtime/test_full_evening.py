"""A whole planning evening over the Socket.IO protocol: one facilitator, twenty phones.

Walks the six steps of `participatory-planning` as a facilitator would run them —
cards, clusters, a hidden vote, reveal, promotion — and ends on project plans whose
every action traces back to the residents' own cards. Along the way it keeps every
packet the phones and the projector received, so the test can prove that no vote or
tally reached them before the reveal.
"""
from __future__ import annotations

import pytest

from tests.conftest import Evening

PHONES = 20


def ok(ack):
    assert ack["ok"], ack
    return ack


class Room:
    """The evening as the facilitator runs it, with every packet the room received."""

    def __init__(self, app):
        self.evening = Evening(app)
        self.console = self.evening.console()
        self.projector = self.evening.projector()
        self.phones = [self.evening.phone(name="Bewoner %d" % i if i % 4 == 0 else "")
                       for i in range(PHONES)]
        self.seen: list[tuple[str, dict]] = []  # (who, packet) for phones and projector

    def collect(self) -> None:
        """Keep what the room received since the last look (the console is not the room)."""
        for n, phone in enumerate(self.phones):
            self.seen += [(f"phone{n}", p) for p in phone.io.get_received()]
        self.seen += [("projector", p) for p in self.projector.io.get_received()]
        self.console.io.get_received()

    def f(self, command, /, **args):
        return ok(self.console.command(command, args))

    def state(self) -> dict:
        """The facilitator's view, fresh from a resync with an unknown version."""
        answer = self.console.io.emit("resync", {"since": -1}, callback=True)
        return answer["snapshot"]["state"]

    def step(self, index: int) -> None:
        self.f("go_to_step", step=index)
        self.f("open_input")

    def write(self, texts_by_phone: dict[int, list[tuple[str, str | None]]]) -> list[str]:
        ids = []
        for n, cards in texts_by_phone.items():
            for text, kind in cards:
                args = {"text": text} | ({"kind": kind} if kind else {})
                ids.append(ok(self.phones[n].command("add_card", args))["result"]["card_id"])
        self.f("close_input")
        return ids

    def cluster(self, groups: dict[str, list[str]]) -> dict[str, str]:
        ids = {}
        for name, card_ids in groups.items():
            ids[name] = self.f("create_cluster", card_ids=card_ids, name=name)["result"][
                "cluster_id"]
        return ids

    def vote(self, ballots: dict[int, dict[str, int]]) -> dict:
        self.collect()
        self.seen.clear()  # what came before this round, earlier reveals included
        self.f("open_vote")
        for n, votes in ballots.items():
            ok(self.phones[n].command("cast_votes", {"votes": votes}))
        self.collect()
        assert_no_votes_leaked(self.seen)
        self.seen.clear()
        return self.f("reveal_votes")

    def promote(self, cluster_ids: list[str]) -> list[dict]:
        self.f("promote_clusters", cluster_ids=cluster_ids)
        return [r for r in self.state()["results"] if r["cluster_id"] in cluster_ids]


def assert_no_votes_leaked(packets: list[tuple[str, dict]]) -> None:
    """No payload before the reveal holds ballots, tallies, or anyone else's dots."""
    for who, packet in packets:
        for key, value in walk(packet):
            assert key != "ballots", (who, packet)
            assert key != "tallies" or value is None, (who, packet)
            assert packet["name"] != "event" or packet["args"][0]["name"] != "votes_revealed"


def walk(node, key=None):
    yield key, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v, key)


def spread(n_cards: int, kinds=(None,)) -> dict[int, list[tuple[str, str | None]]]:
    """n_cards cards written by the phones in turn, kinds in turn."""
    out: dict[int, list] = {}
    for i in range(n_cards):
        out.setdefault(i % PHONES, []).append((f"kaart {i}", kinds[i % len(kinds)]))
    return out


@pytest.fixture
def room(app):
    return Room(app)


def test_a_whole_evening_ends_in_plans_whose_actions_trace_back_to_the_cards(room):
    # 1 trends: rising/falling/steady cards, three clusters, dots, two promoted
    room.step(0)
    cards = room.write(spread(24, kinds=("rising", "falling", "steady")))
    k = room.cluster({"Meer ouderen": cards[0:8], "Minder winkels": cards[8:16],
                      "Nieuwe buren": cards[16:24]})
    revealed = room.vote({n: {k["Meer ouderen"]: 2, k["Nieuwe buren"]: 1}
                          for n in range(PHONES)})
    assert revealed["ok"]
    trends = room.promote([k["Meer ouderen"], k["Nieuwe buren"]])
    assert {t["type"] for t in trends} == {"trend"}
    assert next(t for t in trends if t["title"] == "Meer ouderen")["votes"] == 2 * PHONES

    # 2 challenges
    room.step(1)
    cards = room.write(spread(20))
    k = room.cluster({"Eenzaamheid": cards[0:10], "Veilig oversteken": cards[10:20]})
    room.vote({n: {k["Eenzaamheid"]: 2, k["Veilig oversteken"]: 1} for n in range(PHONES)})
    [challenge] = room.promote([k["Eenzaamheid"]])
    room.f("update_result", result_id=challenge["id"],
           changes={"trends": [t["id"] for t in trends]})

    # 3 desired future: no vote, both clusters promoted
    room.step(2)
    cards = room.write(spread(20))
    k = room.cluster({"Een huiskamer in de buurt": cards[0:10], "Groene straten": cards[10:20]})
    visions = room.promote(list(k.values()))
    home = next(v for v in visions if v["title"] == "Een huiskamer in de buurt")

    # 4 barriers and potentials, asked about one vision element
    room.f("go_to_step", step=3)
    room.f("set_focus", result_id=home["id"])
    room.f("open_input")
    cards = room.write(spread(20, kinds=("barrier", "potential")))
    k = room.cluster({"Geen ruimte": cards[0:20:2], "Actieve vrijwilligers": cards[1:20:2]})
    room.vote({n: {k["Geen ruimte"]: 1, k["Actieve vrijwilligers"]: 1} for n in range(PHONES)})
    forces = {f["title"]: f for f in room.promote(list(k.values()))}
    assert forces["Geen ruimte"]["polarity"] == "barrier"
    assert forces["Actieve vrijwilligers"]["polarity"] == "potential"
    assert forces["Geen ruimte"]["vision_elements"] == [home["id"]]
    room.f("update_result", result_id=forces["Geen ruimte"]["id"],
           changes={"strength": 8, "reach": "together"})

    # 5 strategies: matrix, equity question, vote, promotion with links
    room.step(4)
    cards = room.write(spread(20))
    k = room.cluster({"Buurtkamer in de school": cards[0:10], "Koffieochtend": cards[10:20]})
    room.f("place_on_matrix", cluster_id=k["Buurtkamer in de school"], impact=5, effort=3)
    room.f("set_equity", cluster_id=k["Buurtkamer in de school"], helps_least_heard=True,
           note="Ouderen die alleen wonen")
    room.vote({n: {k["Buurtkamer in de school"]: 2} for n in range(PHONES)})
    [strategy] = room.promote([k["Buurtkamer in de school"]])
    assert (strategy["impact"], strategy["effort"]) == (5, 3)
    assert strategy["equity"]["helps_least_heard"] is True
    room.f("update_result", result_id=strategy["id"], changes={
        "weakens": [forces["Geen ruimte"]["id"]], "uses": [forces["Actieve vrijwilligers"]["id"]],
        "serves": [home["id"]]})

    # 6 action planning: the facilitator makes the plan, phones fill it in
    room.step(5)
    plan_id = room.f("create_plan", source_id=strategy["id"],
                     issue_id=challenge["id"])["result"]["plan_id"]
    phone = room.phones[3]
    plan = next(p for p in room.state()["plans"] if p["id"] == plan_id)
    for field, value in {"goal": "Elke dinsdag open", "involved": "School, welzijn",
                         "result_by": "2027-06-01"}.items():
        ok(phone.command("update_plan", {"plan_id": plan_id, "field": field, "value": value,
                                         "base": plan["fields"][field]["v"]}))
    action_id = ok(phone.command("add_action", {"plan_id": plan_id, "fields": {
        "what": "Sleutel regelen met de school", "owner": "Fatima", "start": "2027-01-10",
        "due": "2027-02-01", "hours": 6, "euros": 25.5, "money_source": "buurtbudget"}}
    ))["result"]["action_id"]

    final = room.state()
    [plan] = final["plans"]
    [action] = [a for a in final["actions"] if a["id"] == action_id]
    assert plan["source_id"] == strategy["id"] and plan["issue_id"] == challenge["id"]
    assert plan["fields"]["owner"]["value"] == "Bewonersraad Kanaleneiland"
    assert plan["fields"]["goal"]["value"] == "Elke dinsdag open"
    assert action["fields"]["hours"]["value"] == 6

    # provenance: action → plan → strategy → forces and vision element → their cards
    results = {r["id"]: r for r in final["results"]}
    texts = {c["id"]: c["text"] for c in final["cards"]}
    source = results[plan["source_id"]]
    chain = [results[i] for i in source["weakens"] + source["uses"] + source["serves"]]
    chain.append(results[plan["issue_id"]])
    assert {r["type"] for r in chain} == {"force", "vision_element", "challenge"}
    for result in [source, *chain]:
        assert result["card_ids"] and all(texts[c].startswith("kaart") for c in
                                          result["card_ids"])


def test_a_concurrent_edit_of_one_plan_field_is_superseded_not_lost(room):
    room.step(4)
    cards = room.write(spread(2))
    k = room.cluster({"Koffieochtend": cards})
    [strategy] = room.promote([k["Koffieochtend"]])
    room.step(5)
    plan_id = room.f("create_plan", source_id=strategy["id"])["result"]["plan_id"]
    first, second = room.phones[0], room.phones[1]

    ok(first.command("update_plan", {"plan_id": plan_id, "field": "goal",
                                     "value": "Elke week", "base": 0}))
    late = second.command("update_plan", {"plan_id": plan_id, "field": "goal",
                                          "value": "Elke maand", "base": 0})

    assert late["ok"] is False and late["error"]["code"] == "superseded"
    plan = next(p for p in room.state()["plans"] if p["id"] == plan_id)
    assert plan["fields"]["goal"] == {"value": "Elke week", "v": 1}


def test_the_tally_is_coalesced_and_says_only_how_many_voted(room, app):
    room.step(0)
    cards = room.write(spread(4, kinds=("rising",)))
    k = room.cluster({"Meer ouderen": cards})
    room.f("open_vote")
    room.collect()
    for n in range(PHONES):
        ok(room.phones[n].command("cast_votes", {"votes": {k["Meer ouderen"]: 1}}))
    from server.extensions import socketio
    socketio.sleep(1.0)  # let the coalescer send what it holds
    tallies = [p["args"][0] for p in room.projector.io.get_received() if p["name"] == "tally"]
    assert 1 <= len(tallies) < PHONES, "one tally per ballot is the fan-out we must avoid"
    assert tallies[-1] == {"step": 0, "round": 1, "voters": PHONES, "cast": PHONES}
