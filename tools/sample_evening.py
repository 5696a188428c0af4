"""The sample evening of the README's screenshots: what Kanaleneiland-Noord's residents
write, how the facilitator groups it, how the room votes, and the plan they make.

Fixed texts and names, so every run of tools/screenshots.py shows the same evening. Each
resident is a participant of their own and the facilitator acts as the evening's owner,
both through `BoardService.handle` (tests/e2e/seed.py), so the cards count as phones'
cards, the votes as residents' ballots, and every rule of a real evening applies.
"""
from __future__ import annotations

import uuid

from server.domain.board.actors import Actor
from tests.e2e.seed import EveningSeed

RESIDENTS = ("Henk", "Fatima", "Joyce", "Mohamed", "Els")


class SampleEvening:
    """The evening's content, step by step, put in as the residents and facilitator would."""

    def __init__(self, seed: EveningSeed):
        self.seed = seed
        self.residents = [Actor(role="participant", board_id=seed.board_id,
                                participant_id=f"voorbeeld-{n}", display_name=name)
                          for n, name in enumerate(RESIDENTS)]

    def as_resident(self, number: int, command: str, **args) -> dict:
        resident = self.residents[number % len(self.residents)]
        ack = self.seed.service.handle(self.seed.board_id, uuid.uuid4().hex, command, args, resident)
        assert ack["ok"], ack
        return ack.get("result", {})

    def cards(self, texts: list[tuple[str, str | None]]) -> list[str]:
        """Residents' cards (text, kind) on the current step, written in turn."""
        return [self.as_resident(n, "add_card", text=text, **({"kind": kind} if kind else {}))["card_id"]
                for n, (text, kind) in enumerate(texts)]

    def cluster(self, name: str, card_ids: list[str]) -> str:
        return self.seed.run("create_cluster", card_ids=card_ids, name=name)["cluster_id"]

    def vote(self, ballots: list[dict[str, int]]) -> None:
        self.seed.run("open_vote")
        for n, ballot in enumerate(ballots):
            self.as_resident(n, "cast_votes", votes=ballot)

    def results(self, kind: str) -> list[dict]:
        return [r for r in self.seed.board_state().results.values() if r["type"] == kind]

    def trends(self) -> list[str]:
        self.seed.run("open_input")
        ids = self.cards([("Steeds meer ouderen wonen alleen", "rising"),
                          ("Meer jonge gezinnen in de flats", "rising"),
                          ("Minder winkels op het plein", "falling"),
                          ("Meer verkeer rond de scholen", "rising"),
                          ("Huren stijgen hard", "rising"),
                          ("Minder plekken voor jongeren", "falling"),
                          ("Evenveel groen als vroeger, maar slechter onderhouden", "steady")])
        return [self.cluster("Vergrijzing en eenzaamheid", [ids[0]]),
                self.cluster("Drukte en verkeer", [ids[3], ids[1]]),
                self.cluster("Voorzieningen verdwijnen", [ids[2], ids[5]])]

    def challenges(self) -> None:
        self.seed.run("open_input")
        ids = self.cards([("Te weinig bankjes in het park", None),
                          ("Ouderen komen de deur niet uit", None),
                          ("Geen plek waar jongeren welkom zijn", None),
                          ("Oversteken bij de school is gevaarlijk", None),
                          ("Buren kennen elkaar niet meer", None),
                          ("Het park is vies en donker", None)])
        clusters = [self.cluster("Ontmoeten in de buurt", [ids[1], ids[4]]),
                    self.cluster("Groen en zitplekken", [ids[0], ids[5]]),
                    self.cluster("Plek voor jongeren", [ids[2]]),
                    self.cluster("Veilig oversteken", [ids[3]])]
        a, b, c, d = clusters
        self.vote([{a: 2, b: 1}, {a: 1, b: 2}, {c: 2, d: 1}, {a: 2, d: 1}])
        return clusters

    def future(self) -> None:
        self.seed.run("open_input")
        ids = self.cards([("Een park waar iedereen graag zit", None),
                          ("Bankjes in de schaduw", None),
                          ("Buren die elkaar groeten", None),
                          ("Een koffieochtend elke week", None),
                          ("Jongeren met een eigen plek", None)])
        self.seed.run("close_input")
        self.seed.run("promote_clusters", cluster_ids=[
            self.cluster("Een groen park om te zitten", ids[:2]),
            self.cluster("Buren die elkaar kennen", ids[2:4]),
            self.cluster("Jongeren horen erbij", ids[4:])])

    def forces(self) -> list[str]:
        self.seed.run("open_input")
        ids = self.cards([("De gemeente heeft geen geld voor bankjes", "barrier"),
                          ("Buurthuis De Boog staat 's avonds leeg", "potential"),
                          ("Veel vrijwilligers bij de moskee en de kerk", "potential"),
                          ("Mensen durven 's avonds niet naar buiten", "barrier"),
                          ("De woningcorporatie wil meedoen", "potential")])
        clusters = [self.cluster("Geen budget", [ids[0]]),
                    self.cluster("Lege ruimtes in de buurt", [ids[1]]),
                    self.cluster("Vrijwilligers en partners", [ids[2], ids[4]]),
                    self.cluster("Onveilig gevoel", [ids[3]])]
        a, b, c, d = clusters
        self.vote([{b: 2, c: 2, a: 1}, {c: 2, d: 2}, {b: 2, a: 1}, {c: 1, b: 1, d: 1}])
        self.seed.run("reveal_votes")
        return clusters

    def strategies(self) -> list[str]:
        self.seed.run("open_input")
        ids = self.cards([("Bankjes adopteren met de buren", None),
                          ("Koffieochtend in buurthuis De Boog", None),
                          ("Jongerenavond samen met het jongerenwerk", None),
                          ("Wandelgroep voor ouderen", None)])
        self.seed.run("close_input")
        clusters = [self.cluster("Koffieochtend in De Boog", [ids[1], ids[3]]),
                    self.cluster("Bankjes adopteren", [ids[0]]),
                    self.cluster("Jongerenavond", [ids[2]])]
        for cluster, impact, effort in zip(clusters, (4, 3, 4), (2, 3, 4), strict=True):
            self.seed.run("place_on_matrix", cluster_id=cluster, impact=impact, effort=effort)
        self.seed.run("set_equity", cluster_id=clusters[0], helps_least_heard=True,
                      note="Ouderen die alleen wonen en nieuwe buren")
        return clusters

    def link_strategy(self) -> None:
        """The first strategy's path back: what it uses, weakens and serves, as the
        facilitator records it, so the plan page can show where the plan comes from."""
        titles = {r["title"]: r["id"] for r in self.seed.board_state().results.values()}
        self.seed.run("update_result", result_id=titles["Koffieochtend in De Boog"], changes={
            "uses": [titles["Lege ruimtes in de buurt"], titles["Vrijwilligers en partners"]],
            "weakens": [titles["Onveilig gevoel"]],
            "serves": [titles["Buren die elkaar kennen"]]})

    def action_plan(self) -> str:
        titles = {r["title"]: r["id"] for r in self.seed.board_state().results.values()}
        plan = self.seed.run("create_plan", source_id=titles["Koffieochtend in De Boog"],
                             issue_id=titles["Ontmoeten in de buurt"])["plan_id"]
        fields = {"owner": "Fatima en Henk", "involved": "Buurthuis De Boog, welzijnswerk, moskee",
                  "goal": "Elke dinsdag koffie in De Boog, waar nieuwe en oude buren elkaar leren kennen.",
                  "result_by": "2027-06-30"}
        for name, value in fields.items():
            base = self.seed.board_state().plans[plan]["fields"][name]["v"]
            self.seed.run("update_plan", plan_id=plan, field=name, value=value, base=base)
        for what, owner, due, hours, euros, status in (
                ("Sleutel van De Boog regelen", "Henk", "2027-01-15", 2, None, "gereed"),
                ("Flyers in vier talen maken", "Fatima", "2027-01-29", 6, 60, "bezig"),
                ("Eerste koffieochtend houden", "Joyce", "2027-02-09", 4, 40, "gepland")):
            self.seed.run("add_action", plan_id=plan, fields={
                "what": what, "owner": owner, "due": due, "hours": hours, "status": status,
                **({"euros": euros, "money_source": "Buurtbudget"} if euros else {})})
        self.seed.run("open_input")
        return plan
