"""The plan pages: every field of a project plan, and the path from each action back to
the residents' own cards, readable by the board's facilitator only."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
from server.models import Board
from tests.conftest import Evening, hashed_static_url, new_op, sign_in_as

AUTHOR_ID, AUTHOR_NAME = "p-henk-7f3a", "Henk de Vries"


@dataclass
class Chain:
    """The ids of one evening's results, plans and actions (the board's counter makes them)."""

    evening: Evening
    trend: str
    challenge: str
    vision: str
    barrier: str
    potential: str
    strategy: str
    plan: str
    other_plan: str
    actions: list[str]


class Room:
    """The facilitator and one named resident, sending commands through the real service."""

    def __init__(self, app, evening: Evening):
        self.service = app.extensions["weefwerk.service"]
        self.board_id = evening.board_id
        self.facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
        self.resident = Actor(PARTICIPANT, evening.board_id, participant_id=AUTHOR_ID,
                              display_name=AUTHOR_NAME)

    def f(self, command: str, /, **args) -> dict:
        return self.run(self.facilitator, command, args)

    def p(self, command: str, /, **args) -> dict:
        return self.run(self.resident, command, args)

    def run(self, actor: Actor, command: str, args: dict) -> dict:
        ack = self.service.handle(self.board_id, new_op(), command, args, actor)
        assert ack["ok"], ack
        return ack["result"]

    def state(self) -> dict:
        with self.service.sessions() as db:
            return db.get(Board, self.board_id).state

    def step(self, index: int) -> None:
        self.f("go_to_step", step=index)
        self.f("open_input")

    def cluster(self, card_ids: list[str], name: str) -> str:
        return self.f("create_cluster", card_ids=card_ids, name=name)["cluster_id"]

    def promote(self, cluster: str) -> str:
        """Promote a cluster; return the id of the result it became."""
        self.f("promote_clusters", cluster_ids=[cluster])
        return next(r["id"] for r in self.state()["results"].values()
                    if r["cluster_id"] == cluster)

    def set_plan(self, plan_id: str, **values) -> None:
        for field, value in values.items():
            base = self.state()["plans"][plan_id]["fields"][field]["v"]
            self.p("update_plan", plan_id=plan_id, field=field, value=value, base=base)


def plan_an_evening(app, evening: Evening, strategy_card: str = "Bankjes en een koffieochtend",
                    first_action: str = "Koffieochtend starten") -> Chain:
    """The whole evening through the service: trend → challenge (one card hidden later),
    vision element (a paper card), barrier and potential, strategy with matrix and equity
    answer → a plan with three actions, and a second plan made from the challenge."""
    room = Room(app, evening)
    room.step(0)
    trend = room.promote(room.cluster([
        room.p("add_card", text="Steeds meer ouderen wonen alleen", kind="rising",
               theme="wonen")["card_id"],
        room.f("add_data_card", text="CBS: 38% eenpersoonshuishoudens",
               kind="rising")["card_id"]], "Meer alleenwonenden"))
    room.step(1)
    hidden = room.p("add_card", text="Scheldwoorden over de buren")["card_id"]
    challenge = room.promote(room.cluster(
        [room.p("add_card", text="Eenzaamheid onder ouderen")["card_id"], hidden],
        "Eenzaamheid"))
    room.f("hide_card", card_id=hidden)
    room.f("update_result", result_id=challenge, changes={"trends": [trend]})
    room.step(2)
    vision = room.promote(room.cluster([room.f(
        "add_paper_card", text="Een plein waar je elkaar tegenkomt")["card_id"]],
        "Een levendig plein"))
    room.step(3)
    room.f("set_focus", result_id=vision)
    barrier = room.promote(room.cluster([room.p(
        "add_card", text="Geen plek om te zitten", kind="barrier")["card_id"]],
        "Nergens om te zitten"))
    potential = room.promote(room.cluster([room.p(
        "add_card", text="Buurthuis staat 's middags leeg", kind="potential")["card_id"]],
        "Leeg buurthuis"))
    room.f("update_result", result_id=barrier, changes={"strength": 7, "reach": "together"})
    room.f("update_result", result_id=potential, changes={"strength": 5, "reach": "own"})
    room.step(4)
    cluster = room.cluster([room.p("add_card", text=strategy_card)["card_id"]],
                           "Ontmoeten op het plein")
    room.f("place_on_matrix", cluster_id=cluster, impact=4, effort=2)
    room.f("set_equity", cluster_id=cluster, helps_least_heard=True,
           note="Ouderen die weinig buiten komen")
    strategy = room.promote(cluster)
    room.f("update_result", result_id=strategy,
           changes={"weakens": [barrier], "uses": [potential], "serves": [vision]})
    room.step(5)
    plan = room.f("create_plan", source_id=strategy, issue_id=challenge)["plan_id"]
    room.set_plan(plan, title="Samen op het plein", owner="Bewonersraad Kanaleneiland",
                  involved="Woningcorporatie, gemeente",
                  goal="Elke woensdag koffie op het plein", result_by="2027-06-01")
    actions = [
        room.p("add_action", plan_id=plan, fields={
            "what": first_action, "owner": "Fatima", "helpers": "Jan",
            "partners": "Welzijn", "start": "2027-03-01", "due": "2027-05-01", "hours": 20,
            "euros": 150.5, "money_source": "buurtbudget"})["action_id"],
        room.f("add_action", plan_id=plan, fields={
            "what": "Bankjes aanvragen", "owner": "Piet", "partners": "gemeente",
            "start": "2027-01-15", "due": "2027-02-15", "hours": 4,
            "status": "gepland"})["action_id"],
        room.f("add_action", plan_id=plan, fields={
            "what": "Flyers maken", "owner": "Ans", "due": "2027-07-01", "euros": 49.5,
            "money_source": "buurtbudget"})["action_id"]]
    other_plan = room.f("create_plan", source_id=challenge)["plan_id"]
    room.set_plan(other_plan, owner="Werkgroep Zorg")
    return Chain(evening, trend, challenge, vision, barrier, potential, strategy, plan,
                 other_plan, actions)


@pytest.fixture
def chain(app) -> Chain:
    return plan_an_evening(app, Evening(app))


def client_of(app, evening: Evening, lang: str | None = None):
    client = app.test_client()
    sign_in_as(app, client, evening.user_id)
    if lang:
        client.get(f"/lang/{lang}")
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def section(html: str, element_id: str, closing: str) -> str:
    """The HTML from the element with `element_id` up to its first `closing` tag."""
    start = html.index(f'id="{element_id}"')
    return html[start:html.index(closing, start)]


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def plan_url(chain: Chain, plan_id: str | None = None) -> str:
    return f"/console/w/{chain.evening.board_id}/plans/{plan_id or chain.plan}"


def test_the_plan_page_shows_every_field_of_the_plan(app, chain):
    html = page(client_of(app, chain.evening), plan_url(chain))
    text = plain(html)
    for expected in ("Samen op het plein", "Eenzaamheid", "Meer alleenwonenden",
                     "Bewonersraad Kanaleneiland", "Woningcorporatie, gemeente",
                     "Elke woensdag koffie op het plein", "1 jun 2027"):
        assert expected in text, expected
    approach = plain(section(html, "approach", "</section>"))
    for expected in ("Koffieochtend starten", "Fatima", "Jan", "Welzijn", "1 mrt 2027",
                     "1 mei 2027", "20", "€ 150,50", "buurtbudget", "idee",
                     "Bankjes aanvragen", "gepland", "Flyers maken"):
        assert expected in approach, expected


def test_the_timeline_and_budget_are_derived_from_the_actions(app, chain):
    html = page(client_of(app, chain.evening), plan_url(chain))
    timeline = plain(section(html, "timeline", "</section>"))
    assert "Van 15 jan 2027 tot 1 jul 2027" in timeline
    assert timeline.index("Bankjes aanvragen") < timeline.index("Koffieochtend starten") \
        < timeline.index("Flyers maken")
    budget = plain(section(html, "budget", "</section>"))
    assert "24 uur" in budget and "€ 200,00" in budget and "buurtbudget" in budget


def test_the_page_shows_the_strategy_with_its_forces_vision_and_equity_answer(app, chain):
    why = plain(section(page(client_of(app, chain.evening), plan_url(chain)), "why",
                        "</section>"))
    for expected in ("Ontmoeten op het plein", "Effect 4 van 5", "Moeite 2 van 5",
                     "Ja — Ouderen die weinig buiten komen", "Nergens om te zitten",
                     "Sterkte 7 van 10", "Samen met anderen", "Leeg buurthuis",
                     "Een levendig plein"):
        assert expected in why, expected


def test_an_action_traces_back_to_the_original_card_texts_with_their_origin(app, chain):
    html = page(client_of(app, chain.evening), plan_url(chain))
    action = chain.actions[1]
    chain_html = section(html, f"from-{action}", "</details>")
    steps = plain(chain_html)
    assert "Waar komt dit vandaan? Bankjes aanvragen" in steps
    assert re.search("Strategie Ontmoeten op het plein .*Verzwakt barrière Nergens om te "
                     "zitten .*Benut potentie Leeg buurthuis .*Draagt bij aan toekomstbeeld "
                     "Een levendig plein .*Vraagstuk Eenzaamheid .*Bouwt voort op trend "
                     "Meer alleenwonenden", steps)
    for card, origin in (("Bankjes en een koffieochtend", "bewoner"),
                         ("Een plein waar je elkaar tegenkomt", "papieren kaartje"),
                         ("CBS: 38% eenpersoonshuishoudens", "datakaartje"),
                         ("Steeds meer ouderen wonen alleen", "bewoner")):
        assert re.search(re.escape(card) + r".{0,10}" + re.escape(origin), steps), card
    targets = [f"action-{action}", f"plan-{chain.plan}"] + [
        f"result-{r}" for r in (chain.strategy, chain.barrier, chain.potential, chain.vision,
                                chain.challenge, chain.trend)]
    for target in targets:
        assert f'href="#{target}"' in chain_html, target
        assert f'id="{target}"' in html, target


def test_each_result_says_how_many_residents_cards_fed_it(app, chain):
    why = section(page(client_of(app, chain.evening), plan_url(chain)), "why", "</section>")
    counts = {}
    for block in why.split('data-testid="result"')[1:]:
        title = plain(block.split("<strong>")[1].split("</strong>")[0])
        counts[title] = plain(block.split('data-testid="resident-cards">')[1].split("</li>")[0])
    assert counts == {
        "Ontmoeten op het plein": "1 kaartje van een bewoner",
        "Nergens om te zitten": "1 kaartje van een bewoner",
        "Leeg buurthuis": "1 kaartje van een bewoner",
        "Een levendig plein": "1 kaartje van een bewoner",  # a paper card is a resident's
        "Eenzaamheid": "1 kaartje van een bewoner",  # the hidden card is not counted
        "Meer alleenwonenden": "1 kaartje van een bewoner"}  # nor the data card


def test_hidden_cards_and_author_names_never_appear(app, chain):
    client = client_of(app, chain.evening)
    for url in (f"/console/w/{chain.evening.board_id}/plans", plan_url(chain),
                plan_url(chain, chain.other_plan)):
        html = page(client, url)
        assert "Eenzaamheid onder ouderen" in html or url.endswith("/plans")
        assert "Scheldwoorden over de buren" not in html
        assert AUTHOR_NAME not in html and AUTHOR_ID not in html


def test_user_text_is_shown_as_text(app):
    evening = Evening(app)
    chain = plan_an_evening(app, evening, strategy_card="<script>alert(1)</script>",
                            first_action="<b>vet</b>")
    html = page(client_of(app, evening), plan_url(chain))
    assert "<script>alert(1)</script>" not in html and "<b>vet</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;b&gt;vet" in html


def test_the_overview_lists_every_plan_with_issue_owner_actions_and_totals(app, chain):
    board_id = chain.evening.board_id
    html = page(client_of(app, chain.evening), f"/console/w/{board_id}/plans")
    rows = [plain(r) for r in re.findall(r'<tr data-testid="plan-row">(.*?)</tr>', html, re.S)]
    assert rows == ["Samen op het plein Eenzaamheid Bewonersraad Kanaleneiland 3 24 € 200,00",
                    "Eenzaamheid Eenzaamheid Werkgroep Zorg 0 0 € 0,00"]
    assert f'href="{plan_url(chain)}"' in html


def test_an_evening_without_plans_says_how_plans_are_made(app):
    evening = Evening(app)
    html = page(client_of(app, evening), f"/console/w/{evening.board_id}/plans")
    assert "Nog geen projectplannen" in html


def test_only_the_owning_facilitator_sees_the_plans(app, chain):
    board_id = chain.evening.board_id
    other = Evening(app, login="bram")
    stranger = client_of(app, other)
    for url in (f"/console/w/{board_id}/plans", plan_url(chain)):
        assert stranger.get(url).status_code == 404
        response = app.test_client().get(url)
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    owner = client_of(app, chain.evening)
    assert owner.get(plan_url(chain, "p999")).status_code == 404
    assert owner.get(plan_url(chain, chain.actions[0])).status_code == 404
    assert owner.get(f"/console/w/{other.board_id}/plans").status_code == 404


def test_the_plan_page_is_dutch_by_default_and_english_after_switching(app, chain):
    dutch = page(client_of(app, chain.evening), plan_url(chain))
    assert 'lang="nl"' in dutch
    for word in ("Vraagstuk", "Eigenaar", "Betrokkenen", "Werkdoelen", "Klaar als…",
                 "Plan van aanpak", "Tijdspad", "Begroting", "Waar komt dit vandaan?"):
        assert word in dutch, word
    english = page(client_of(app, chain.evening, lang="en"), plan_url(chain))
    assert 'lang="en"' in english
    for word in ("Issue", "Owner", "Involved", "Work goals", "Done when…", "Approach",
                 "Timeline", "Budget", "Where does this come from?", "Jun 1, 2027",
                 "€150.50", "data card", "Weakens barrier"):
        assert word in english, word
    assert "Plan van aanpak" not in english and "Vraagstuk" not in english


def test_the_page_links_a_print_stylesheet_and_the_console_links_to_the_plans(app, chain):
    client = client_of(app, chain.evening)
    html = page(client, plan_url(chain))
    print_url = hashed_static_url(app, "css/print.css")
    assert f'<link rel="stylesheet" href="{print_url}" media="print">' in html
    with client.get(print_url) as print_css:
        assert print_css.status_code == 200 and b"@page" in print_css.data
    with client.get("/static/css/plan.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"
    console = page(client, f"/console/w/{chain.evening.board_id}")
    assert f'href="/console/w/{chain.evening.board_id}/plans"' in console
