"""The boards the fuzzer works on, built through the real service: an evening with
something in every technique (cards with kinds, clusters, an open vote with ballots,
results of every type, a plan with actions, a parked question), a second evening that
must never change, and a group's workspace handed over from an evening.

`Sender` is one way into a board: a socket (console, phone, projector, a member's or a
facilitator's plan page) or the server itself (`system`, the actor the hand-over and the
import routes use), which goes through the same door a socket does (`run_command`).
"""
from __future__ import annotations

import datetime
import tomllib
from dataclasses import dataclass
from pathlib import Path

from server.domain.board.actors import SYSTEM, Actor
from server.domain.evening.own_format import evening_format
from server.domain.group.export import export_document
from server.realtime.commands import run_command
from tests.conftest import SESSIONS, Evening, Screen, boot_token
from tests.fuzz.arguments import Pool
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import post_hand_over, workspace_id


def ok(ack: dict) -> dict:
    assert ack["ok"], ack
    return ack


@dataclass
class Sender:
    """Who sends a command: their role (as the policy knows it) and how it is sent."""

    name: str
    role: str
    screen: Screen | None = None  # None: the server itself
    board_id: int = 0
    lang: str = "nl"

    def send(self, app, payload: object) -> dict:
        if self.screen is not None:
            return self.screen.io.emit("command", payload, callback=True)
        with app.app_context():
            actor = Actor(SYSTEM, self.board_id, display_name="Weefwerk")
            return run_command(actor, self.lang, payload)

    def drain(self) -> list[dict]:
        """The events this sender's socket received since the last drain."""
        if self.screen is None:
            return []
        return [p["args"][0] for p in self.screen.io.get_received() if p["name"] == "event"]


def seeded_evening(evening: Evening) -> dict[str, Screen]:
    """Something in every technique, left on the strategies step (cards, clusters, the
    matrix and a vote all apply there); the fuzz's own `go_to_step` moves on from it."""
    console, phone, english = evening.console(), evening.phone(name="Fatima"), \
        evening.phone(lang="en")

    def f(command: str, /, **args) -> dict:
        return ok(console.command(command, args))

    def card(screen: Screen, text: str, **extra) -> str:
        return ok(screen.command("add_card", {"text": text, **extra}))["result"]["card_id"]

    f("open_input")
    trends = [card(phone, "Meer ouderen", kind="rising"), card(english, "Fewer shops",
                                                                kind="falling")]
    trend = f("create_cluster", card_ids=trends, name="Vergrijzing")["result"]["cluster_id"]
    f("open_vote")
    ok(phone.command("cast_votes", {"votes": {trend: 2}}))
    f("reveal_votes")
    f("promote_clusters", cluster_ids=[trend])
    f("go_to_step", step=1)
    f("open_input")
    challenge = f("create_cluster", card_ids=[card(phone, "Eenzaamheid")],
                  name="Eenzaamheid")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[challenge])
    f("go_to_step", step=2)
    f("open_input")
    vision = f("create_cluster", card_ids=[card(phone, "Iedereen kent de buren")])
    f("promote_clusters", cluster_ids=[vision["result"]["cluster_id"]])
    f("go_to_step", step=3)
    f("open_input")
    barrier = card(phone, "Geen ruimte", kind="barrier")
    f("create_cluster", card_ids=[barrier, card(english, "A hall", kind="potential")])
    f("go_to_step", step=5)
    f("open_input")
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    challenge_result = next(r["id"] for r in state["results"] if r["type"] == "challenge")
    plan = f("create_plan", source_id=challenge_result)["result"]["plan_id"]
    ok(phone.command("add_action", {"plan_id": plan, "fields": {"what": "Koffie zetten"}}))
    ok(phone.command("park_item", {"text": "Wie betaalt de koffie?"}))
    f("go_to_step", step=4)
    f("open_input")
    koffie = [card(phone, "Koffie op dinsdag"), card(english, "Walk together")]
    strategy = f("create_cluster", card_ids=koffie, name="Koffieochtend")["result"]["cluster_id"]
    f("place_on_matrix", cluster_id=strategy, impact=4, effort=2)
    f("create_cluster", card_ids=[card(phone, "Buurtapp")], name="App")
    return {"console": console, "phone": phone, "english": english,
            "projector": evening.projector()}


def pool_of(state, slug: str, formats: dict, foreign: list[str]) -> Pool:
    """What an evening holds now, for the strategies to draw from: on its own copy of its
    format, which the fuzz's `adapt_format` may have changed (more steps, other kinds)."""
    fmt = evening_format(state.format_copy, slug, formats)
    step = fmt.steps[min(state.step, len(fmt.steps) - 1)]
    cards_options = step.options.get("cards", {})
    vote = state.votes.get(str(state.step)) or {}
    versions = sorted({f["v"] for item in (*state.plans.values(), *state.actions.values())
                       for f in item["fields"].values()} | {0})
    return Pool(
        ids={"card": list(state.cards), "cluster": list(state.clusters),
             "result": list(state.results), "plan": list(state.plans),
             "action": list(state.actions), "parked": list(state.parked),
             "item": list(vote.get("items", []))},
        foreign=foreign, steps=len(fmt.steps),
        kinds=[k.get("key", "") if isinstance(k, dict) else str(k)
               for k in cards_options.get("kinds", [])],
        themes=[t.get("key", "") if isinstance(t, dict) else str(t)
                for t in cards_options.get("themes", [])],
        versions=versions, round=vote.get("round", 1), documents=FORMAT_DOCUMENTS)


def _format_documents() -> list[dict]:
    """Every format in `sessions/` as the document `use_format` takes."""
    return [tomllib.loads(path.read_text("utf-8"))
            for path in sorted(Path(SESSIONS).glob("*.toml"))]


FORMAT_DOCUMENTS = _format_documents()


def plans_screen(app, client, group_id: int, page: str = "plans") -> Screen:
    html = client.get(f"/g/{group_id}/{page}").get_data(as_text=True)
    return Screen(app, client, boot_token(html))


def handed_over_workspace(app, evening: Evening, screens: dict[str, Screen]) -> dict:
    """`evening` (seeded) handed over as the facilitator does it, and its group's
    workspace with a coordinator's, a member's, the facilitator's and the screen's
    sockets on it."""
    console = screens["console"]
    ok(console.command("go_to_step", {"step": 5}))
    response = post_hand_over(evening, console)
    assert response.status_code == 302, response.get_data(as_text=True)
    group_id = group_id_of(app, evening.board_id)
    fatima = join_group(app, invite_link(app, group_id, "coordinator"), "Fatima")
    henk = join_group(app, invite_link(app, group_id), "Henk")
    return {"group_id": group_id, "board_id": workspace_id(app, group_id),
            "clients": {"coordinator": fatima, "member": henk},
            "coordinator": plans_screen(app, fatima, group_id),
            "member": plans_screen(app, henk, group_id),
            "facilitator": plans_screen(app, console.http, group_id),
            "screen": plans_screen(app, henk, group_id, "plans/screen")}


def workspace_pool(state, foreign: list[str], documents: list[dict],
                   evenings: list[dict]) -> Pool:
    """What a workspace holds now; `documents` and `evenings` are fixed for the test."""
    versions = sorted({f["v"] for action in state.actions.values()
                       for f in action["fields"].values()} | {0})
    return Pool(
        ids={"action": list(state.actions), "plan": list(state.plans),
             "result": list(state.results), "card": list(state.cards)},
        foreign=foreign, versions=versions,
        years=sorted({int(y) for y in state.years} | {2026, 2027}),
        documents=documents, evenings=evenings)


def exported(state, group_name: str) -> dict:
    """The group's plan document as the export page gives it: what `import_plan` takes."""
    return export_document(group_name, state.to_dict(), [],
                           datetime.datetime.now(datetime.UTC))
