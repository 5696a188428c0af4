"""HTTP pages: first-run set-up, login, creating evenings, joining by code, language switch."""
from __future__ import annotations

import json
import re

from tests.conftest import Evening, csrf_from, make_app, script_strings, sign_in_as


def post_form(client, page_url, action, data):
    token = csrf_from(client.get(page_url).get_data(as_text=True))
    return client.post(action, data={**data, "csrf_token": token})


def test_the_first_visit_creates_the_first_facilitator_and_then_setup_closes(app):
    client = app.test_client()
    assert client.get("/login").headers["Location"].endswith("/setup")
    response = post_form(client, "/setup", "/setup",
                         {"name": "Anna", "login": "anna", "password": "lang-genoeg-1"})
    assert response.status_code == 302
    assert client.get("/console").status_code == 200
    assert app.test_client().get("/setup").headers["Location"].endswith("/login")


def test_setup_refuses_a_short_password_with_a_dutch_message(app):
    client = app.test_client()
    response = post_form(client, "/setup", "/setup",
                         {"name": "Anna", "login": "anna", "password": "kort"})
    assert response.status_code == 400
    assert "wachtwoord" in response.get_data(as_text=True).lower()


def test_forms_without_a_csrf_token_are_refused(app):
    response = app.test_client().post("/setup", data={"name": "A", "login": "a",
                                                      "password": "lang-genoeg-1"})
    assert response.status_code == 400


def test_a_facilitator_creates_a_group_and_an_evening_from_a_format(app):
    client = app.test_client()
    post_form(client, "/setup", "/setup", {"name": "Anna", "login": "anna",
                                           "password": "lang-genoeg-1"})
    post_form(client, "/console", "/groups", {"name": "Bewonersraad Kanaleneiland"})
    page = client.get("/console").get_data(as_text=True)
    assert "Bewonersraad Kanaleneiland" in page
    response = post_form(client, "/console", "/workshops",
                         {"group_id": "1", "title": "Avond 1", "format": "participatory-planning"})
    assert response.status_code == 302
    console = client.get(response.headers["Location"])
    assert console.status_code == 200 and "Avond 1" in console.get_data(as_text=True)


def test_console_pages_need_login_and_ownership(app):
    evening = Evening(app)
    assert app.test_client().get(f"/console/w/{evening.board_id}").status_code == 302
    other = Evening(app, login="bram")
    client = app.test_client()
    sign_in_as(app, client, other.user_id)
    assert client.get(f"/console/w/{evening.board_id}").status_code == 404
    assert client.get(f"/console/w/{evening.board_id}/projector").status_code == 404


def test_the_projector_shows_the_code_and_a_qr_code(app):
    evening = Evening(app)
    page = app.test_client().get(f"/p/{evening.projector_key}").get_data(as_text=True)
    assert evening.code in page
    assert "<svg" in page


def test_a_wrong_join_code_gets_a_friendly_message_and_repeats_are_slowed(tmp_path):
    app = make_app(tmp_path, JOIN_RATE="3/minute")
    client = app.test_client()
    statuses = [post_form(client, "/", "/join", {"code": "BBBBBB"}).status_code
                for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    page = post_form(client, "/", "/join", {"code": "BBBBBB"}).get_data(as_text=True)
    assert "even" in page.lower()  # "wacht even" — Dutch, friendly


def test_joining_with_a_code_asks_for_an_optional_name_then_shows_the_board(app):
    evening = Evening(app)
    client = app.test_client()
    response = post_form(client, "/", "/join", {"code": evening.code.lower()})
    assert response.headers["Location"].split("?")[0].endswith(f"/j/{evening.code}")
    page = client.get(f"/j/{evening.code}").get_data(as_text=True)
    assert 'name="display_name"' in page
    post_form(client, f"/j/{evening.code}", f"/j/{evening.code}", {"display_name": ""})
    board = client.get(f"/j/{evening.code}").get_data(as_text=True)
    assert '"role": "participant"' in board


def test_pages_send_a_strict_content_security_policy(app):
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_the_language_switch_changes_the_page_language(app):
    client = app.test_client()
    assert 'lang="nl"' in client.get("/").get_data(as_text=True)
    client.get("/lang/en?next=/")
    assert 'lang="en"' in client.get("/").get_data(as_text=True)


def boot_of(html: str) -> dict:
    """The JSON the page hands its script (strings, language, token)."""
    match = re.search(r'<script type="application/json" id="boot">(.*?)</script>', html, re.S)
    assert match, "page has no boot block"
    return json.loads(match.group(1))


def test_the_phone_board_speaks_dutch_then_english_in_its_text_and_its_script_strings(app):
    evening = Evening(app)
    phone = app.test_client()
    board_url = f"/j/{evening.code}"
    post_form(phone, board_url, board_url, {"display_name": ""})

    dutch = phone.get(board_url).get_data(as_text=True)
    assert 'lang="nl"' in dutch and "Mijn kaartjes" in dutch and "My cards" not in dutch
    assert boot_of(dutch)["lang"] == "nl"
    assert script_strings(phone, boot_of(dutch))["card.send"] == "Versturen"
    assert script_strings(phone, boot_of(dutch))["step.count"] == "Stap %(i)s van %(n)s: %(title)s"
    assert f'href="/lang/en?next={board_url}' in dutch

    switched = phone.get(f"/lang/en?next={board_url}")
    assert switched.headers["Location"].endswith(board_url)

    english = phone.get(board_url).get_data(as_text=True)
    assert 'lang="en"' in english and "My cards" in english and "Mijn kaartjes" not in english
    assert boot_of(english)["lang"] == "en"
    assert script_strings(phone, boot_of(english))["card.send"] == "Send"
    assert script_strings(phone, boot_of(english))["step.count"] == "Step %(i)s of %(n)s: %(title)s"
    assert f'href="/lang/nl?next={board_url}' in english


def test_every_page_with_a_header_links_to_the_other_language_of_itself(app):
    evening = Evening(app)
    client = app.test_client()
    sign_in_as(app, client, evening.user_id)
    pages = ["/", "/login", f"/j/{evening.code}", "/console",
             f"/console/w/{evening.board_id}", "/no-such-page"]
    for page in pages:
        html = client.get(page).get_data(as_text=True)
        assert f'href="/lang/en?next={page}' in html, f"{page} has no link to English"
