"""Publication consent (`cards.publication_consent`): outside the evening, a card whose
author did not consent shows only as a placeholder; a consented card shows its text."""
from __future__ import annotations

import pathlib
import tomllib

import pytest

from server.domain.formats.load import parse_format
from tests.conftest import Evening
from tests.http.test_plan_page import AUTHOR_ID, AUTHOR_NAME, Room, client_of, page

SLUG = "consent-test"
SHIPPED = pathlib.Path(__file__).resolve().parents[2] / "sessions" / "participatory-planning.toml"
CONSENTED = "Meer fietsers op straat"
WITHHELD = "Mijn buurman Kees drinkt te veel"
UNASKED = "Eenzaamheid onder ouderen"


def add_consent_format(app) -> None:
    """The shipped one-evening format with consent asked in the trends step (step 0)."""
    data = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))
    data["steps"][0]["options"]["cards"]["publication_consent"] = True
    app.extensions["weefwerk.formats"][SLUG] = parse_format(SLUG, data, "test")


@pytest.fixture
def consent_plan(app):
    add_consent_format(app)
    evening = Evening(app, format_slug=SLUG)
    room = Room(app, evening)
    room.step(0)
    yes = room.p("add_card", text=CONSENTED, kind="rising", publish=True)["card_id"]
    no = room.p("add_card", text=WITHHELD, kind="rising", publish=False)["card_id"]
    silent = room.p("add_card", text="Steeds meer ouderen wonen alleen",
                    kind="rising")["card_id"]
    cards = room.state()["cards"]
    assert [cards[i]["publish"] for i in (yes, no, silent)] == [True, False, False]
    trend = room.promote(room.cluster([yes, no, silent], "Meer verkeer"))
    room.step(1)
    unasked = room.p("add_card", text=UNASKED)["card_id"]
    assert room.state()["cards"][unasked]["publish"] is None
    challenge = room.promote(room.cluster([unasked], "Eenzaamheid"))
    room.f("update_result", result_id=challenge, changes={"trends": [trend]})
    room.step(5)
    plan = room.f("create_plan", source_id=challenge)["plan_id"]
    return evening, plan


def test_the_plan_page_withholds_a_card_without_consent(app, consent_plan):
    evening, plan = consent_plan
    html = page(client_of(app, evening), f"/console/w/{evening.board_id}/plans/{plan}")
    assert CONSENTED in html and UNASKED in html
    assert WITHHELD not in html and "Steeds meer ouderen wonen alleen" not in html
    assert html.count('data-testid="withheld-card"') == 2
    assert "Een kaartje van een bewoner, niet voor publicatie" in html
    assert AUTHOR_NAME not in html and AUTHOR_ID not in html


def test_the_markdown_export_withholds_a_card_without_consent(app, consent_plan):
    evening, plan = consent_plan
    client = client_of(app, evening, "en")
    response = client.get(f"/console/w/{evening.board_id}/plans/{plan}.md")
    assert response.status_code == 200
    markdown = response.get_data(as_text=True)
    assert CONSENTED in markdown and UNASKED in markdown
    assert WITHHELD not in markdown and "Steeds meer ouderen wonen alleen" not in markdown
    assert markdown.count("A resident's card, not for publication") == 2
