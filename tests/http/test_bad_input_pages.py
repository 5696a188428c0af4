"""Bad input from real phones never takes a page down: a lone surrogate is refused at the
socket, a NUL or control character in a command or a form is removed, and every page and
export of the evening and, after the hand-over, of the group stays 200 — on SQLite and on
PostgreSQL (which refuses to store a NUL at all)."""
from __future__ import annotations

import json
import re

import pytest

from server.models import Participant
from tests.conftest import Evening, csrf_from
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.http.test_workspace_print import full_evening
from tests.integration.test_service import app_on  # noqa: F401  (the two databases)
from tests.realtime.test_workspace import post_hand_over

ODD = "Koffie\x00 en\x1b thee\u0085 op de hoek"  # NUL, ESC and a C1 control
CLEAN = "Koffie en thee op de hoek"


def plan_id_of(console, board_id: int) -> str:
    html = console.http.get(f"/console/w/{board_id}/plans").get_data(as_text=True)
    return re.findall(rf"/console/w/{board_id}/plans/(p\d+)", html)[0]


def test_odd_text_from_a_phone_keeps_every_plan_page_and_export_working(app_on):  # noqa: F811
    evening = Evening(app_on)
    console = full_evening(evening)
    phone = evening.phone(name="Fatima")
    plan_id = plan_id_of(console, evening.board_id)

    refused = phone.command("add_action", {"plan_id": plan_id, "fields": {"what": "x\ud800"}})
    stored = phone.command("add_action", {"plan_id": plan_id,
                                          "fields": {"what": ODD, "owner": ODD}})

    assert refused["ok"] is False and refused["error"]["code"] == "bad_text"
    assert stored["ok"], stored
    base = f"/console/w/{evening.board_id}/plans"
    for url in (base, f"{base}/{plan_id}", f"{base}/{plan_id}.csv", f"{base}/{plan_id}.md",
                f"{base}/{plan_id}.ics", f"/console/w/{evening.board_id}/report"):
        response = console.http.get(url)
        assert response.status_code == 200, url
    page = console.http.get(f"{base}/{plan_id}").get_data(as_text=True)
    assert CLEAN in page and "\x00" not in page

    assert post_hand_over(evening, console).status_code == 302
    gid = group_id_of(app_on, evening.board_id)
    member = join_group(app_on, invite_link(app_on, gid), "Henk")
    for url in (f"/g/{gid}/plans", f"/g/{gid}/plans/print", f"/g/{gid}/plans/pictures",
                f"/g/{gid}/plans/screen", f"/g/{gid}/export.json"):
        response = member.get(url)
        assert response.status_code == 200, url
    document = json.loads(member.get(f"/g/{gid}/export.json").get_data(as_text=True))
    assert CLEAN in json.dumps(document, ensure_ascii=False)


def test_a_nul_in_a_form_field_is_removed_not_a_server_error(app_on):  # noqa: F811
    evening = Evening(app_on)
    phone = app_on.test_client()
    page = phone.get(f"/j/{evening.code}").get_data(as_text=True)

    joined = phone.post(f"/j/{evening.code}", data={"display_name": "Fa\x00tima\x07",
                                                    "csrf_token": csrf_from(page)})

    assert joined.status_code == 302
    with app_on.extensions["weefwerk.service"].sessions() as db:
        assert [p.display_name for p in db.query(Participant)] == ["Fatima"]
    gid = group_id_of(app_on, evening.board_id)
    member = join_group(app_on, invite_link(app_on, gid), "Ans\x00")
    assert member.get(f"/g/{gid}").status_code == 200
    login = app_on.test_client()
    form = login.get("/login").get_data(as_text=True)
    response = login.post("/login", data={"login": "an\x00na", "password": "x\x00",
                                          "csrf_token": csrf_from(form)})
    assert response.status_code in (200, 400, 401)


def test_a_form_field_is_nfc_normalised(app):
    evening = Evening(app)
    phone = app.test_client()
    page = phone.get(f"/j/{evening.code}").get_data(as_text=True)

    phone.post(f"/j/{evening.code}", data={"display_name": "Rene\u0301",
                                           "csrf_token": csrf_from(page)})

    with app.extensions["weefwerk.service"].sessions() as db:
        assert [p.display_name for p in db.query(Participant)] == ["Ren\u00e9"]


@pytest.mark.parametrize("lang, words", [("nl", "Deze pagina werkt niet"),
                                         ("en", "cannot be used this way")])
def test_a_wrong_method_gets_the_apps_own_translated_page(app, lang, words):
    client = app.test_client()
    client.get(f"/lang/{lang}")

    response = client.delete("/login")

    assert response.status_code == 405
    html = response.get_data(as_text=True)
    assert words in html and 'data-testid="error-message"' in html
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize("lang, words", [("nl", "Er ging bij ons iets mis"),
                                         ("en", "Something went wrong on our side")])
def test_a_server_error_gets_the_apps_own_translated_page(tmp_path, lang, words):
    from tests.conftest import make_app

    app = make_app(tmp_path, PROPAGATE_EXCEPTIONS=False)

    @app.route("/boom")
    def boom():
        raise RuntimeError("a bug")

    client = app.test_client()
    client.get(f"/lang/{lang}")
    response = client.get("/boom")

    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert words in html and 'data-testid="error-message"' in html


TOO_LARGE_ID = "99999999999999999999"  # more than a table's id holds (PostgreSQL's INTEGER)


@pytest.mark.parametrize("path", [
    f"/g/{TOO_LARGE_ID}", f"/g/{TOO_LARGE_ID}/plans", f"/console/w/{TOO_LARGE_ID}",
    "/g/2147483648/plans", "/console/w/2147483648/data-cards"])
def test_an_id_too_large_for_the_database_is_a_page_not_found(app, path):
    """Found by the fuzz (docs/testing.md): SQLite cannot bind a number past 2**63, so
    the page failed with a 500 (PostgreSQL compares it as a numeric and finds nothing)."""
    evening = Evening(app)
    http = evening.console().http

    assert http.get(path).status_code == 404
    assert http.get(f"/console/w/{evening.board_id}").status_code == 200  # the largest fits


def test_a_new_evening_for_a_group_id_too_large_is_refused_with_the_form(app):
    """Found by the fuzz: the form's group number went into the query as it was (a 500
    on SQLite past 2**63)."""
    evening = Evening(app)
    http = evening.console().http
    token = csrf_from(http.get("/console").get_data(as_text=True))

    response = http.post("/workshops", data={"title": "Avond", "csrf_token": token,
                                             "format": "quick-start",
                                             "group_id": TOO_LARGE_ID})

    assert response.status_code == 400
    assert "Kies een van je groepen" in response.get_data(as_text=True)


def test_a_multipart_field_whose_name_cannot_be_read_is_left_out(app):
    """Found by the fuzz: a part named with a line break reaches the form with the name
    None, and the text rule failed on it with a 500 before any view ran."""
    import io

    evening = Evening(app)
    http = evening.console().http
    token = csrf_from(http.get(f"/console/w/{evening.board_id}/data-cards").get_data(
        as_text=True))

    response = http.post(f"/console/w/{evening.board_id}/data-cards/csv", data={
        "\r\n": "", "csrf_token": token,
        "csv": (io.BytesIO(b"stap;tekst\n1;Veel ouderen\n"), "kaarten.csv")},
        content_type="multipart/form-data")

    assert response.status_code == 302
    [card] = app.extensions["weefwerk.service"].load(evening.board_id)[1].cards.values()
    assert card["text"] == "Veel ouderen"
