"""A new phone joins on the board's own page (issue 13, a slow line): the join link's page
is the phone board with the name form above it and no token yet; the form's script asks
for the token as JSON. A plain form post (no script) still gets the redirect it always
got, and every refusal reaches the script as a translated sentence."""
from __future__ import annotations

import json
import re

from server.models import Participant
from tests.conftest import Evening, boot_token, csrf_from, make_app

JSON = {"Accept": "application/json"}


def boot_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="boot">(.*?)</script>', html, re.S)
    assert match, "page has no boot block"
    return json.loads(match.group(1))


def participants(app) -> list[Participant]:
    with app.extensions["weefwerk.service"].sessions() as db:
        return list(db.query(Participant).order_by(Participant.created_at))


def test_the_join_link_answers_the_board_with_the_name_form_and_no_token_yet(app):
    evening = Evening(app)
    page = app.test_client().get(f"/j/{evening.code}").get_data(as_text=True)
    assert 'data-testid="join-form"' in page and 'name="display_name"' in page
    assert re.search(r'<div class="phone" id="phone" data-testid="phone" hidden>', page)
    boot = boot_of(page)
    assert boot["token"] is None and boot["role"] == "participant"
    assert 'rel="modulepreload"' in page  # the board's scripts load while the form is read
    assert participants(app) == []  # opening the link is not joining


def test_the_forms_script_gets_a_token_that_opens_the_board_and_a_second_tap_joins_once(app):
    evening = Evening(app)
    phone = app.test_client()
    form = phone.get(f"/j/{evening.code}").get_data(as_text=True)
    data = {"display_name": "  Fatima  ", "csrf_token": csrf_from(form)}
    answer = phone.post(f"/j/{evening.code}", data=data, headers=JSON)
    assert answer.status_code == 200 and answer.is_json
    token = answer.get_json()["token"]
    assert token.count(".") >= 1
    again = phone.post(f"/j/{evening.code}", data=data, headers=JSON)  # a late second tap
    assert again.status_code == 200
    assert [p.display_name for p in participants(app)] == ["Fatima"]
    # the session now knows this phone: the link shows the board, with a token, no form
    board = phone.get(f"/j/{evening.code}").get_data(as_text=True)
    assert boot_token(board) and 'data-testid="join-form"' not in board


def test_a_plain_form_post_still_gets_the_redirect_to_the_board(app):
    evening = Evening(app)
    phone = app.test_client()
    form = phone.get(f"/j/{evening.code}").get_data(as_text=True)
    answer = phone.post(f"/j/{evening.code}", data={"display_name": "",
                                                   "csrf_token": csrf_from(form)})
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/j/{evening.code}")


def test_a_too_long_name_is_refused_as_a_translated_sentence_and_nobody_joins(app):
    evening = Evening(app)
    phone = app.test_client()
    form = phone.get(f"/j/{evening.code}").get_data(as_text=True)
    answer = phone.post(f"/j/{evening.code}", headers=JSON,
                        data={"display_name": "x" * 41, "csrf_token": csrf_from(form)})
    assert answer.status_code == 400
    assert answer.get_json() == {"error": "Een naam mag maximaal 40 tekens hebben."}
    phone.get(f"/lang/en?next=/j/{evening.code}")
    english = phone.post(f"/j/{evening.code}", headers=JSON,
                         data={"display_name": "x" * 41, "csrf_token": csrf_from(form)})
    assert english.get_json() == {"error": "A name can have at most 40 characters."}
    assert participants(app) == []


def test_a_full_evening_says_so_to_the_script(tmp_path):
    app = make_app(tmp_path, MAX_JOINS=1)
    evening = Evening(app)
    first, second = app.test_client(), app.test_client()
    forms = [c.get(f"/j/{evening.code}").get_data(as_text=True) for c in (first, second)]
    for client, form in zip((first, second), forms, strict=True):
        answer = client.post(f"/j/{evening.code}", headers=JSON,
                             data={"display_name": "", "csrf_token": csrf_from(form)})
    assert answer.status_code == 403
    assert answer.get_json()["error"].startswith("Deze avond is vol. Er doet al 1 telefoon mee")
    assert len(participants(app)) == 1


def test_a_wrong_code_and_a_missing_form_token_are_refused_without_a_participant(app):
    evening = Evening(app)
    phone = app.test_client()
    csrf = csrf_from(phone.get(f"/j/{evening.code}").get_data(as_text=True))
    wrong = phone.post("/j/ZZZZZZ", headers=JSON, data={"display_name": "", "csrf_token": csrf})
    assert wrong.status_code == 404 and "code" in wrong.get_json()["error"].lower()
    no_token = phone.post(f"/j/{evening.code}", headers=JSON, data={"display_name": ""})
    # a page, not JSON: the script then posts the form plainly and the page says why
    assert no_token.status_code == 400 and not no_token.is_json
    assert participants(app) == []
