"""The process report and the plan exports over HTTP, for an evening run through the service.

The evening goes through `BoardService.handle` with real actors, so what is read back is
the real event log and the real board state: three phones (two with a name), a data card,
a paper card, a hidden card, clusters, a hidden vote and its reveal, promotions, a plan
with actions. The report must count all of that and hold no name; the exports must have
the right content types and content; and another facilitator must learn nothing.
"""
from __future__ import annotations

import csv
import io

import pytest

from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
from server.models import User
from tests.conftest import Evening, hasher, new_op, sign_in_as

NAMES = ("Fatima El Amrani", "Jan de Vries")


class Run:
    """Sends commands to the service as the facilitator or one of three phones."""

    def __init__(self, app):
        self.evening = Evening(app)
        self.service = app.extensions["weefwerk.service"]
        board = self.evening.board_id
        self.f = Actor(FACILITATOR, board, user_id=self.evening.user_id)
        self.phones = [Actor(PARTICIPANT, board, participant_id=f"pid-{n}-secret",
                             display_name=(NAMES + (None,))[n]) for n in range(3)]

    def do(self, actor: Actor, command: str, /, **args) -> dict:
        return self.service.handle(self.evening.board_id, new_op(), command, args, actor)

    def fac(self, command: str, /, **args) -> dict:
        return self.do(self.f, command, **args)


def run_evening(app) -> dict:
    """Trends (vote, two promoted), challenges (one promoted), then a plan with actions."""
    run = Run(app)
    p0, p1, p2 = run.phones
    run.fac("open_input")
    cards = [run.do(p, "add_card", text=text, kind=kind)["result"]["card_id"]
             for p, text, kind in ((p0, "Meer ouderen", "rising"), (p1, "Vergrijzing", "rising"),
                                   (p2, "Minder winkels", "falling"), (p0, "Scheldwoord", "steady"))]
    data = run.fac("add_data_card", text="CBS: 24% is 65+", kind="rising")["result"]["card_id"]
    paper = run.fac("add_paper_card", text="Bakker weg", kind="falling")["result"]["card_id"]
    run.fac("hide_card", card_id=cards[3])
    run.fac("show_authors", shown=True)
    run.fac("close_input")
    old = run.fac("create_cluster", card_ids=[cards[0], cards[1], data],
                  name="Meer ouderen")["result"]["cluster_id"]
    shops = run.fac("create_cluster", card_ids=[cards[2], paper],
                    name="Minder winkels")["result"]["cluster_id"]
    run.fac("open_vote")
    run.do(p0, "cast_votes", votes={old: 2, shops: 1})
    run.do(p1, "cast_votes", votes={old: 1})
    run.do(p2, "cast_votes", votes={shops: 2})
    run.fac("reveal_votes")
    run.fac("promote_clusters", cluster_ids=[old, shops])

    run.fac("go_to_step", step=1)
    run.fac("open_input")
    lonely = [run.do(p, "add_card", text="Eenzaamheid")["result"]["card_id"] for p in (p0, p1)]
    run.fac("close_input")
    cluster = run.fac("create_cluster", card_ids=lonely, name="Eenzaamheid")["result"]
    run.fac("promote_clusters", cluster_ids=[cluster["cluster_id"]])

    run.fac("go_to_step", step=5)
    state = run.service.load(run.evening.board_id)[1].to_dict()
    challenge = next(r for r in state["results"].values() if r["type"] == "challenge")
    plan_id = run.fac("create_plan", source_id=challenge["id"])["result"]["plan_id"]
    run.fac("open_input")
    run.do(p1, "update_plan", plan_id=plan_id, field="owner", value="Werkgroep Ontmoeten",
           base=0)
    run.fac("add_action", plan_id=plan_id, fields={
        "what": "Koffieochtend, elke dinsdag; in de school", "owner": "Ahmed",
        "start": "2027-01-10", "due": "2027-02-01", "hours": 6, "euros": 25.5,
        "money_source": "buurtbudget"})
    run.fac("add_action", plan_id=plan_id, fields={"what": "Folder maken"})
    return {"run": run, "plan_id": plan_id}


@pytest.fixture
def evening(app):
    return run_evening(app)


def client_for(app, user_id: int):
    http = app.test_client()
    sign_in_as(app, http, user_id)
    return http


@pytest.fixture
def http(app, evening):
    return client_for(app, evening["run"].evening.user_id)


def board_url(evening, tail: str) -> str:
    return f"/console/w/{evening['run'].evening.board_id}{tail}"


def assert_no_names(text: str) -> None:
    for secret in NAMES + ("pid-0-secret", "pid-1-secret", "pid-2-secret", "Scheldwoord"):
        assert secret not in text, secret


def test_the_report_page_counts_the_evening_and_shows_no_names(http, evening):
    response = http.get(board_url(evening, "/report"))
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert_no_names(html)
    assert 'data-testid="report-phones">3<' in html
    trends = html.split('data-step="0"', 1)[1].split("</tr>", 1)[0]
    assert 'data-testid="step-phone-cards">4<' in trends
    assert 'data-testid="step-hidden">1<' in trends
    assert 'data-testid="step-clusters">2<' in trends
    assert "3 voted, 6 dots" in trends or "3 stemden, 6 stippen" in trends
    for decided in ("Meer ouderen", "Minder winkels", "Eenzaamheid"):
        assert decided in html


def test_the_report_as_markdown(http, evening):
    response = http.get(board_url(evening, "/report.md"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"].startswith("attachment; filename=")
    assert response.headers["Content-Disposition"].endswith('.md"')
    text = response.get_data(as_text=True)
    assert_no_names(text)
    assert text.startswith("# ") and "Eenzaamheid" in text and "Meer ouderen" in text


@pytest.mark.parametrize("ext, mimetype", [("md", "text/markdown; charset=utf-8"),
                                           ("csv", "text/csv; charset=utf-8"),
                                           ("ics", "text/calendar; charset=utf-8")])
def test_plan_exports_have_their_content_type_and_a_file_name(http, evening, ext, mimetype):
    response = http.get(board_url(evening, f"/plans/{evening['plan_id']}.{ext}"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == mimetype
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="weefwerk-') and disposition.endswith(
        f'eenzaamheid.{ext}"')
    assert_no_names(response.get_data(as_text=True))


def test_plan_exports_hold_the_plan(http, evening):
    plan = board_url(evening, f"/plans/{evening['plan_id']}")
    markdown = http.get(plan + ".md").get_data(as_text=True)
    for part in ("# Eenzaamheid", "## Vraagstuk", "## Eigenaar\n\nWerkgroep Ontmoeten",
                 "## Plan van aanpak", "## Tijdspad", "## Begroting", "Ahmed", "Folder maken"):
        assert part in markdown, part
    rows = list(csv.reader(io.StringIO(http.get(plan + ".csv").get_data(as_text=True),
                                       newline="")))
    assert len(rows) == 3 and rows[1][1] == "Koffieochtend, elke dinsdag; in de school"
    ics = http.get(plan + ".ics").get_data(as_text=True).replace("\r\n ", "")
    assert ics.count("BEGIN:VEVENT") == 1
    assert "DTSTART;VALUE=DATE:20270201" in ics
    assert "SUMMARY:Koffieochtend\\, elke dinsdag\\; in de school" in ics


def test_an_unknown_plan_is_404(http, evening):
    for ext in ("md", "csv", "ics"):
        assert http.get(board_url(evening, f"/plans/p999.{ext}")).status_code == 404


def test_another_facilitator_gets_404_everywhere(app, evening):
    service = app.extensions["weefwerk.service"]
    with service.sessions() as db:
        other = User(name="Bob", login="bob", password_hash=hasher.hash("y" * 12))
        db.add(other)
        db.commit()
        other_id = other.id
    http = client_for(app, other_id)
    plan = f"/plans/{evening['plan_id']}"
    for tail in ("/report", "/report.md", plan + ".md", plan + ".csv", plan + ".ics"):
        assert http.get(board_url(evening, tail)).status_code == 404, tail


def test_without_login_the_report_sends_to_the_login_page(app, evening):
    response = app.test_client().get(board_url(evening, "/report"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_console_and_the_plan_page_link_to_the_report_and_the_exports(http, evening):
    console = http.get(board_url(evening, "")).get_data(as_text=True)
    assert board_url(evening, "/report") in console
    page = http.get(board_url(evening, f"/plans/{evening['plan_id']}")).get_data(as_text=True)
    for ext in ("md", "csv", "ics"):
        assert board_url(evening, f"/plans/{evening['plan_id']}.{ext}") in page


def test_the_report_counts_the_parking_lot_and_never_shows_what_was_parked(http, evening):
    run = evening["run"]
    assert 'data-testid="report-parking"' not in http.get(board_url(evening, "/report")).get_data(
        as_text=True)  # nothing parked: no empty section
    p0, p1, _p2 = run.phones
    later, answered, hidden = (run.do(p, "park_item", text=text)["result"]["parked_id"]
                               for p, text in ((p0, "Wie heeft de sleutel?"),
                                               (p1, "Komt er een bankje?"),
                                               (p1, "Scheldwoord over de buren")))
    run.fac("answer_parked", parked_id=answered, answer="Ja, in mei")
    run.fac("answer_parked", parked_id=later, answer="Vragen aan De Boog")
    run.fac("mark_parked_later", parked_id=later)
    run.fac("hide_parked", parked_id=hidden)
    http.get("/lang/nl")
    html = http.get(board_url(evening, "/report")).get_data(as_text=True)
    lot = html.split('data-testid="report-parking"', 1)[1].split("</section>", 1)[0]
    assert "Parkeerplaats" in lot
    for name, count in (("parked", 3), ("answered", 2), ("later", 1), ("closed", 0),
                        ("hidden", 1)):
        assert f'data-testid="parking-{name}">{count}<' in lot, name
    text = http.get(board_url(evening, "/report.md")).get_data(as_text=True)
    assert "## Parkeerplaats\n\n- Geparkeerd: 3\n- Beantwoord: 2\n- Voor later: 1\n" in text
    for page in (html, text):
        assert_no_names(page)
        assert "sleutel" not in page and "bankje" not in page and "De Boog" not in page
