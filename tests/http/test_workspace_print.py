"""The group's plans on A4 (/g/<id>/plans/print): every seed field and action status of a
handed-over plan, in Dutch and English, with the print stylesheet and the PDF hint."""
from __future__ import annotations

import html as htmllib

import pytest

from tests.conftest import Evening, hashed_static_url
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import ok, post_hand_over

STATUSES = ("idee", "gepland", "bezig", "gereed", "vastgelopen", "geschrapt")
LABELS = {"nl": ("idee", "gepland", "bezig", "klaar", "vastgelopen", "geschrapt"),
          "en": ("idea", "planned", "in progress", "done", "stuck", "dropped")}


def full_evening(evening: Evening):
    """A plan with issue, strategy, every plan field and one action per status."""
    console, phone = evening.console(), evening.phone(name="Fatima")

    def f(command, /, **args):
        return ok(console.command(command, args))

    f("go_to_step", step=1)
    f("open_input")
    card = ok(phone.command("add_card", {"text": "Eenzaamheid"}))["result"]["card_id"]
    challenge = f("create_cluster", card_ids=[card], name="Eenzaamheid")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[challenge])
    f("go_to_step", step=2)
    f("open_input")
    seen = ok(phone.command("add_card", {"text": "Iedereen kent de buren"}))["result"]["card_id"]
    vision = f("create_cluster", card_ids=[seen], name="Buren kennen elkaar")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[vision])
    f("go_to_step", step=4)
    f("open_input")
    koffie = ok(phone.command("add_card", {"text": "Koffie op dinsdag"}))["result"]["card_id"]
    strategy = f("create_cluster", card_ids=[koffie], name="Koffieochtend")["result"]["cluster_id"]
    f("promote_clusters", cluster_ids=[strategy])
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    results = {r["title"]: r["id"] for r in state["results"]}
    f("update_result", result_id=results["Koffieochtend"],
      changes={"serves": [results["Buren kennen elkaar"]]})
    f("go_to_step", step=5)
    f("open_input")
    plan_id = f("create_plan", source_id=results["Koffieochtend"],
                issue_id=results["Eenzaamheid"])["result"]["plan_id"]
    for field, value in (("owner", "Buurthuis De Boog"), ("involved", "Bewoners Oost"),
                         ("goal", "Elke dinsdag dertig buren"), ("result_by", "2030-06-30"),
                         ("notes", "Begin klein")):
        f("update_plan", plan_id=plan_id, field=field, value=value, base=0)
    for n, status in enumerate(STATUSES):
        f("add_action", plan_id=plan_id, fields={
            "what": f"Actie {status}", "owner": f"Eigenaar {n}", "helpers": f"Helper {n}",
            "partners": f"Partner {n}", "start": "2020-01-0%d" % (n + 1),
            "due": "2020-02-0%d" % (n + 1), "hours": 10 + n, "euros": 12.5,
            "money_source": "Wijkbudget", "status": status})
    return console


@pytest.fixture
def printed(app):
    evening = Evening(app)
    console = full_evening(evening)
    assert post_hand_over(evening, console).status_code == 302
    gid = group_id_of(app, evening.board_id)
    return gid, join_group(app, invite_link(app, gid), "Henk")


def page(client, gid, lang):
    client.get(f"/lang/{lang}")
    response = client.get(f"/g/{gid}/plans/print")
    assert response.status_code == 200
    return htmllib.unescape(response.get_data(as_text=True))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_print_page_shows_every_seed_field_and_action_status(app, printed, lang):
    gid, member = printed
    text = page(member, gid, lang)
    for shown in ("Koffieochtend", "Eenzaamheid", "Buurthuis De Boog", "Bewoners Oost",
                  "Elke dinsdag dertig buren", "Begin klein", "Wijkbudget"):
        assert shown in text, shown
    for n, status in enumerate(STATUSES):
        assert f"Actie {status}" in text
        for value in (f"Eigenaar {n}", f"Helper {n}", f"Partner {n}"):
            assert value in text
    statuses = [s.strip() for s in
                __import__("re").findall(r'data-testid="action-status">([^<]*)<', text)]
    assert statuses == list(LABELS[lang])
    assert text.count('data-testid="action"') == 6
    for part in ("issue", "owner", "involved", "goals", "approach", "timeline", "budget"):
        assert f'data-testid="{part}"' in text
    assert "Buren kennen elkaar" in text  # the vision element the strategy serves
    assert "€75" in text.replace("\xa0", "").replace(" ", "") or "75,00" in text
    assert f'href="{hashed_static_url(app, "css/print.css")}" media="print"' in text
    if lang == "nl":
        assert "kies afdrukken → opslaan als pdf" in text.lower()
        assert "Vraagstuk" in text and "Begroting" in text and "Tijdspad" in text
    else:
        assert "choose print → save as pdf" in text.lower()
        assert "Issue" in text and "Budget" in text and "Timeline" in text


def test_the_print_says_per_result_how_many_residents_cards_fed_it(printed):
    gid, member = printed
    text = page(member, gid, "en")
    counts = __import__("re").findall(
        r'([^<>]+?) <span class="plan-resident-count" data-testid="resident-cards">\(([^<]*)\)',
        text)
    assert [(title.strip(" :,"), count) for title, count in counts] == [
        ("Eenzaamheid", "1 resident's card"), ("Koffieochtend", "1 resident's card"),
        ("Buren kennen elkaar", "1 resident's card")]


def test_overdue_actions_are_marked_in_words(printed):
    gid, member = printed
    text = page(member, gid, "en")
    # due in 2020: every action that is not done or dropped is overdue
    assert text.count("(overdue)") == 4


def test_the_print_page_is_gated_and_linked_from_the_workspace(app, printed):
    gid, member = printed
    assert app.test_client().get(f"/g/{gid}/plans/print").status_code == 302
    assert f'href="/g/{gid}/plans/print"' in member.get(f"/g/{gid}/plans").get_data(as_text=True)


def test_members_download_each_plan_as_markdown_csv_and_calendar(app, printed):
    import csv
    import io
    import re

    gid, member = printed
    html = member.get(f"/g/{gid}/plans/print").get_data(as_text=True)
    [plan_id] = set(re.findall(rf'/g/{gid}/plans/(p\d+)\.md', html))
    md = member.get(f"/g/{gid}/plans/{plan_id}.md")
    assert md.status_code == 200 and md.mimetype == "text/markdown"
    rows = list(csv.reader(io.StringIO(
        member.get(f"/g/{gid}/plans/{plan_id}.csv").get_data(as_text=True))))
    assert len(rows) >= 2
    ics = member.get(f"/g/{gid}/plans/{plan_id}.ics").get_data(as_text=True)
    assert ics.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in ics
    assert app.test_client().get(f"/g/{gid}/plans/{plan_id}.md").status_code == 302
    assert member.get(f"/g/{gid}/plans/p999.md").status_code == 404
