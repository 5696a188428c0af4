"""The plan view: fields, timeline, budget and the chain from an action back to the cards."""
from __future__ import annotations

import copy
from decimal import Decimal

from server.domain.plan.provenance import plan_view, plan_views


def field(value, v=0):
    return {"value": value, "v": v}


def card(card_id, step, text, origin="phone", kind=None, theme=None, about=None,
         hidden=False, author="p-secret", author_name="Henk de Vries"):
    return {"id": card_id, "step": step, "text": text, "origin": origin, "kind": kind,
            "theme": theme, "about": about, "cluster": None, "hidden": hidden,
            "author": author, "author_name": author_name}


def result(result_id, type_, step, title, card_ids, **extra):
    return {"id": result_id, "type": type_, "step": step, "title": title,
            "cluster_id": None, "card_ids": card_ids, "votes": 3, **extra}


def action(action_id, plan_id, **fields):
    return {"id": action_id, "plan_id": plan_id,
            "fields": {k: field(v) for k, v in fields.items()}}


def evening_state() -> dict:
    """An evening with one full chain: trend → challenge, vision element, forces,
    strategy → plan p1 with three actions; plus a second plan made from a challenge."""
    cards = [
        card("c1", 0, "Steeds meer ouderen wonen alleen", kind="rising", theme="wonen"),
        card("c2", 0, "CBS: 38% eenpersoonshuishoudens", origin="data", author=None,
             author_name=None),
        card("c3", 1, "Eenzaamheid onder ouderen"),
        card("c4", 1, "Scheldwoorden over de buren", hidden=True),
        card("c5", 2, "Een plein waar je elkaar tegenkomt", origin="paper", author=None,
             author_name=None),
        card("c6", 3, "Geen plek om te zitten", kind="barrier", about="r3"),
        card("c7", 3, "Buurthuis staat 's middags leeg", kind="potential", about="r3"),
        card("c8", 4, "Bankjes en een koffieochtend", author_name=None),
    ]
    results = [
        result("r1", "trend", 0, "Meer alleenwonenden", ["c1", "c2"], direction="rising",
               theme="wonen"),
        result("r2", "challenge", 1, "Eenzaamheid", ["c3", "c4"], trends=["r1"]),
        result("r3", "vision_element", 2, "Een levendig plein", ["c5"]),
        result("r4", "force", 3, "Nergens om te zitten", ["c6"], polarity="barrier",
               strength=7, reach="together", vision_elements=["r3"]),
        result("r5", "force", 3, "Leeg buurthuis", ["c7"], polarity="potential",
               strength=5, reach="own", vision_elements=["r3"]),
        result("r6", "strategy", 4, "Ontmoeten op het plein", ["c8"], impact=4, effort=2,
               equity={"helps_least_heard": True, "note": "Ouderen die weinig buiten komen"},
               weakens=["r4"], uses=["r5"], serves=["r3"]),
    ]
    plans = [
        {"id": "p1", "source_id": "r6", "issue_id": "r2", "title": "Ontmoeten op het plein",
         "fields": {"title": field("Samen op het plein", 1),
                    "owner": field("Bewonersraad Kanaleneiland"),
                    "involved": field("Woningcorporatie, gemeente"),
                    "goal": field("Elke woensdag koffie op het plein"),
                    "result_by": field("2027-06-01"), "notes": field("")},
         "action_ids": ["a1", "a2", "a3"]},
        {"id": "p2", "source_id": "r2", "issue_id": "r2", "title": "Eenzaamheid",
         "fields": {"owner": field("Werkgroep Zorg")}, "action_ids": []},
    ]
    actions = [
        action("a1", "p1", what="Koffieochtend starten", owner="Fatima", helpers="Jan",
               partners="Welzijn", start="2027-03-01", due="2027-05-01", hours=20,
               euros=150.5, money_source="buurtbudget", status="idee"),
        action("a2", "p1", what="Bankjes aanvragen", owner="Piet", helpers="", partners="gemeente",
               start="2027-01-15", due="2027-02-15", hours=4, euros=None,
               money_source="", status="gepland"),
        action("a3", "p1", what="Flyers maken", owner="Ans", helpers="", partners="",
               start="", due="2027-07-01", hours=None, euros=49.5,
               money_source="buurtbudget", status="idee"),
    ]
    return {"cards": {c["id"]: c for c in cards}, "results": {r["id"]: r for r in results},
            "clusters": {}, "plans": {p["id"]: p for p in plans},
            "actions": {a["id"]: a for a in actions}}


def all_card_texts(view) -> list[str]:
    return [c.text for node in view.provenance.nodes for c in node.cards]


def test_the_plan_view_reads_every_plan_field_from_its_value_and_version_pairs():
    view = plan_view(evening_state(), "p1")
    assert (view.title, view.owner, view.involved, view.goal, view.result_by) == (
        "Samen op het plein", "Bewonersraad Kanaleneiland", "Woningcorporatie, gemeente",
        "Elke woensdag koffie op het plein", "2027-06-01")


def test_the_issue_is_the_challenge_with_its_trends_and_the_source_is_the_strategy():
    chain = plan_view(evening_state(), "p1").provenance
    assert chain.issue.title == "Eenzaamheid"
    assert [t.title for t in chain.trends] == ["Meer alleenwonenden"]
    assert chain.source.type == "strategy"
    assert chain.source.attrs["equity"]["helps_least_heard"] is True


def test_a_strategy_leads_to_the_forces_it_weakens_and_uses_and_the_vision_it_serves():
    chain = plan_view(evening_state(), "p1").provenance
    assert [f.title for f in chain.weakens] == ["Nergens om te zitten"]
    assert [f.title for f in chain.uses] == ["Leeg buurthuis"]
    assert [v.title for v in chain.serves] == ["Een levendig plein"]


def test_every_action_traces_back_to_the_original_card_texts_with_their_origin():
    view = plan_view(evening_state(), "p1")
    for act in view.actions:
        texts = [c.text for node in act.provenance.nodes for c in node.cards]
        assert "Bankjes en een koffieochtend" in texts       # the strategy's card
        assert "Geen plek om te zitten" in texts             # a barrier it weakens
        assert "Steeds meer ouderen wonen alleen" in texts   # a trend behind the issue
    origins = {c.text: c.origin for node in view.provenance.nodes for c in node.cards}
    assert origins["CBS: 38% eenpersoonshuishoudens"] == "data"
    assert origins["Een plein waar je elkaar tegenkomt"] == "paper"


def test_hidden_cards_and_authors_never_reach_the_plan_view():
    view = plan_view(evening_state(), "p1")
    assert "Scheldwoorden over de buren" not in all_card_texts(view)
    assert "Henk de Vries" not in repr(view) and "p-secret" not in repr(view)


def test_each_result_counts_the_residents_cards_behind_it_not_data_or_hidden_cards():
    state = evening_state()
    state["cards"]["c9"] = card("c9", 0, "Mijn moeder woont alleen")
    state["results"]["r1"]["card_ids"].append("c9")
    state["cards"]["c3"]["publish"] = False  # withheld: its text stays, its count not
    counts = {n.title: n.resident_cards for n in plan_view(state, "p1").provenance.nodes}
    assert counts == {"Ontmoeten op het plein": 1, "Nergens om te zitten": 1,
                      "Leeg buurthuis": 1, "Een levendig plein": 1,  # a paper card
                      "Eenzaamheid": 1,  # c4 is hidden
                      "Meer alleenwonenden": 2}  # two phones' cards and a data card


def test_the_timeline_sorts_actions_by_start_and_spans_first_start_to_last_due():
    timeline = plan_view(evening_state(), "p1").timeline
    assert [a.id for a in timeline.actions] == ["a2", "a1", "a3"]
    assert (timeline.first, timeline.last) == ("2027-01-15", "2027-07-01")
    assert timeline.offset(timeline.actions[1]) == 45
    assert timeline.length(timeline.actions[2]) == 1


def test_the_budget_sums_hours_and_euros_and_groups_money_by_source():
    budget = plan_view(evening_state(), "p1").budget
    assert budget.hours == 24
    assert budget.euros == Decimal("200.00")
    assert budget.by_source == (("buurtbudget", Decimal("200.00")),)
    assert budget.unestimated == 0


def test_a_plan_made_from_a_challenge_has_that_challenge_as_source_and_issue():
    view = plan_view(evening_state(), "p2")
    assert view.provenance.source.id == view.provenance.issue.id == "r2"
    assert view.title == "Eenzaamheid" and view.actions == ()
    assert view.budget.hours == 0 and view.timeline.first == ""


def test_missing_collections_and_dangling_ids_are_harmless():
    state = evening_state()
    del state["results"]["r5"], state["cards"]["c6"], state["clusters"]
    view = plan_view(state, "p1")
    assert view.provenance.uses == ()
    assert view.provenance.weakens[0].cards == ()
    assert plan_view({}, "p1") is None and plan_views({}) == ()
    assert plan_view({"plans": {"p9": {"id": "p9"}}}, "p9").title == ""


def test_a_snapshot_shaped_state_with_lists_gives_the_same_view():
    state = evening_state()
    listed = {k: list(v.values()) for k, v in copy.deepcopy(state).items()}
    assert plan_view(listed, "p1") == plan_view(state, "p1")


def test_all_plans_of_the_evening_come_in_the_order_they_were_made():
    state = evening_state()
    state["plans"]["p10"] = {"id": "p10", "source_id": "r6", "fields": {}}
    assert [v.id for v in plan_views(state)] == ["p1", "p2", "p10"]


def test_unreadable_dates_and_amounts_show_as_empty_instead_of_breaking_the_page():
    state = evening_state()
    fields = state["actions"]["a1"]["fields"]
    fields.update(start=field("1 maart"), due=field(None), hours=field("veel"),
                  euros=field("12.345"))
    a1 = next(a for a in plan_view(state, "p1").actions if a.id == "a1")
    assert (a1.start, a1.due, a1.hours, a1.euros) == ("", "", None, Decimal("12.35"))
    assert a1 in plan_view(state, "p1").timeline.undated
    state["plans"]["p1"]["fields"]["result_by"] = field("volgend jaar")
    assert plan_view(state, "p1").result_by == ""


def test_a_card_without_publication_consent_comes_out_without_its_text():
    state = evening_state()
    state["cards"]["c1"]["publish"] = False      # asked, not given
    state["cards"]["c3"]["publish"] = True       # asked and given
    view = plan_view(state, "p1")
    cards = {c.id: c for node in view.provenance.nodes for c in node.cards}
    assert cards["c1"].withheld and cards["c1"].text is None
    assert "Steeds meer ouderen wonen alleen" not in repr(view)
    assert (cards["c3"].withheld, cards["c3"].text) == (False, "Eenzaamheid onder ouderen")
    assert (cards["c2"].withheld, cards["c2"].origin) == (False, "data")  # publish unset
