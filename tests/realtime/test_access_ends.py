"""When access ends, every door closes: a grant taken back mid-evening, a member removed,
a logout. Open sockets are closed at once, commands and resyncs are refused, and the
projector link of the evening stops showing it."""
from __future__ import annotations

import pytest

from server import socketio
from server.domain.board.actors import FACILITATOR, Actor
from server.domain.board.errors import DomainError
from server.models import Member
from server.store.groups import grant
from tests.conftest import Evening, Screen, boot_token, csrf_from, new_op
from tests.http.test_group_access import group, post  # noqa: F401  (fixture)
from tests.realtime.test_workspace import handed, plans_screen  # noqa: F401  (fixture)


def withdraw(group, active="0"):
    gid, uid = group["id"], group["evening"].user_id
    coordinator = group["clients"]["coordinator"]
    response = post(coordinator, f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": active})
    assert response.status_code == 302


def test_taking_the_grant_back_disconnects_the_console_and_the_projector(app, group):
    evening: Evening = group["evening"]
    console, projector = evening.console(), evening.projector()
    phone = evening.phone("Mo")
    assert console.command("open_input")["ok"] is True

    withdraw(group)

    assert not console.io.is_connected()
    assert not projector.io.is_connected()
    assert phone.io.is_connected()  # the evening is the residents': phones stay


def test_after_the_grant_is_taken_back_the_console_cannot_connect_again(app, group):
    evening: Evening = group["evening"]
    console = evening.console()
    html = console.http.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    token = boot_token(html)
    withdraw(group)
    again = socketio.test_client(app, flask_test_client=console.http, auth={"token": token})
    assert not again.is_connected()


def test_a_console_left_open_elsewhere_gets_its_commands_and_resyncs_refused(app, group):
    """Another server process still holds the socket: the policy refuses it anyway."""
    evening: Evening = group["evening"]
    console = evening.console()
    assert console.command("open_input")["ok"] is True
    with app.extensions["weefwerk.service"].sessions() as db:  # not through the page:
        grant(db, group["id"], evening.user_id, active=False)  # no disconnect here
        db.commit()
    assert console.io.is_connected()

    refused = console.command("add_data_card", {"text": "Cijfers van de gemeente"})
    assert refused["ok"] is False and refused["error"]["code"] == "not_granted"
    assert "toegang" in refused["error"]["message"]
    resync = console.io.emit("resync", {"since": 0}, callback=True)
    assert resync["ok"] is False and resync["error"]["code"] == "not_granted"


def test_the_domain_refuses_a_facilitator_the_group_no_longer_grants(app, group):
    evening: Evening = group["evening"]
    service = app.extensions["weefwerk.service"]
    owner = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    assert service.handle(evening.board_id, new_op(), "open_input", {}, owner)["ok"]
    withdraw(group)
    with pytest.raises(DomainError) as refused:
        service.handle(evening.board_id, new_op(), "close_input", {}, owner)
    assert refused.value.code == "not_granted"


def test_the_projector_link_closes_with_the_grant_and_opens_with_it_again(app, group):
    evening: Evening = group["evening"]
    hall_pc = app.test_client()
    assert hall_pc.get(f"/p/{evening.projector_key}").status_code == 200
    html = hall_pc.get(f"/p/{evening.projector_key}").get_data(as_text=True)
    token = boot_token(html)

    withdraw(group)
    closed = hall_pc.get(f"/p/{evening.projector_key}")
    assert closed.status_code == 410
    text = closed.get_data(as_text=True)
    assert "projectorlink is gesloten" in text and '"token"' not in text
    late = socketio.test_client(app, flask_test_client=hall_pc, auth={"token": token})
    assert not late.is_connected()

    withdraw(group, active="1")
    assert hall_pc.get(f"/p/{evening.projector_key}").status_code == 200


def test_another_facilitators_grant_taken_back_leaves_this_evening_open(app, group):
    other: Evening = group["other"]
    console = group["evening"].console()
    with app.extensions["weefwerk.service"].sessions() as db:
        grant(db, group["id"], other.user_id)
        db.commit()
    gid = group["id"]
    post(group["clients"]["coordinator"], f"/g/{gid}", f"/g/{gid}/grants/{other.user_id}",
         {"active": "0"})
    assert console.io.is_connected()
    assert console.command("open_input")["ok"] is True


def log_in(app, login="anna"):
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    response = client.post("/login", data={"login": login, "password": "x" * 12,
                                           "csrf_token": csrf_from(page)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def test_a_cookie_copied_before_logout_no_longer_opens_the_console(app, evening):
    laptop = log_in(app)
    assert laptop.get("/console").status_code == 200
    copied = laptop.get_cookie("weefwerk").value

    page = laptop.get("/console").get_data(as_text=True)
    out = laptop.post("/logout", data={"csrf_token": csrf_from(page)})
    assert out.status_code == 302 and "/login" in out.headers["Location"]

    thief = app.test_client()
    thief.set_cookie("weefwerk", copied)
    response = thief.get("/console")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert thief.get(f"/console/w/{evening.board_id}").status_code == 302


def test_a_cookie_copied_before_logout_opens_no_socket(app, evening):
    laptop = log_in(app)
    html = laptop.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    token, copied = boot_token(html), laptop.get_cookie("weefwerk").value
    open_console = Screen(app, laptop, token)

    laptop.post("/logout", data={"csrf_token": csrf_from(html)})
    assert not open_console.io.is_connected()  # this browser's console closes with it

    thief = app.test_client()
    thief.set_cookie("weefwerk", copied)
    late = socketio.test_client(app, flask_test_client=thief, auth={"token": token})
    assert not late.is_connected()


def test_logging_in_again_after_logout_works(app, evening):
    laptop = log_in(app)
    page = laptop.get("/console").get_data(as_text=True)
    laptop.post("/logout", data={"csrf_token": csrf_from(page)})
    assert laptop.get("/console").status_code == 302
    again = log_in(app)
    assert again.get("/console").status_code == 200


def test_a_members_sign_out_ends_the_copied_cookie_too(app, group):
    gid = group["id"]
    henk = group["clients"]["member"]
    copied = henk.get_cookie("weefwerk").value
    page = henk.get(f"/g/{gid}").get_data(as_text=True)
    out = henk.post(f"/g/{gid}/sign-out", data={"csrf_token": csrf_from(page)})
    assert out.status_code == 302
    thief = app.test_client()
    thief.set_cookie("weefwerk", copied)
    response = thief.get(f"/g/{gid}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_a_removed_members_open_plans_page_closes(app, handed):
    henk = plans_screen(app, handed, "henk")
    gid = handed["gid"]
    with app.extensions["weefwerk.service"].sessions() as db:
        henk_id = db.query(Member).filter(Member.display_name == "Henk").one().id
    url = f"/g/{gid}/members/{henk_id}/remove"
    assert post(handed["fatima"], url, url, {}).status_code == 302
    assert not henk.io.is_connected()
    assert handed["henk"].get(f"/g/{gid}/plans").status_code == 302


def test_logout_closes_the_console_even_after_signing_in_to_a_group_meanwhile(app, group):
    gid = group["id"]
    laptop = log_in(app)
    html = laptop.get(f"/console/w/{group['evening'].board_id}").get_data(as_text=True)
    console = Screen(app, laptop, boot_token(html))
    page = laptop.get(f"/g/{gid}/sign-in").get_data(as_text=True)
    signed = laptop.post(f"/g/{gid}/sign-in", data={"display_name": "Henk",
                                                    "passcode": "geheim123",
                                                    "csrf_token": csrf_from(page)})
    assert signed.status_code == 302
    assert console.io.is_connected()
    laptop.post("/logout", data={"csrf_token": csrf_from(html)})
    assert not console.io.is_connected()
    assert laptop.get(f"/g/{gid}").status_code == 200  # Henk stays signed in here


def test_taking_the_grant_back_closes_the_facilitators_open_plans_page(app, handed):
    gid, uid = handed["gid"], handed["evening"].user_id
    facilitator = handed["console"].http
    html = facilitator.get(f"/g/{gid}/plans").get_data(as_text=True)
    plans = Screen(app, facilitator, boot_token(html))
    henk = plans_screen(app, handed, "henk")
    response = post(handed["fatima"], f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": "0"})
    assert response.status_code == 302
    assert not plans.io.is_connected()
    assert henk.io.is_connected()
