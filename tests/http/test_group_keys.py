"""Who holds the group's keys: a facilitator cannot make itself a coordinator, a
coordinator invite works once, a coordinator removes members but the last coordinator
stays; and a council member finds the way back in after signing out."""
from __future__ import annotations

import pytest

from server.models import Invite, Member
from tests.conftest import Evening, csrf_from, hashed_static_url
from tests.http.test_group_access import (  # noqa: F401
    facilitator_client,
    group,
    group_id_of,
    invite_link,
    join_group,
    post,
)


def invites(app) -> int:
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.query(Invite).count()


def test_a_facilitator_cannot_invite_a_coordinator_once_the_group_has_one(app, group):
    gid = group["id"]
    facilitator = group["clients"]["facilitator_with_grant"]
    before = invites(app)
    response = post(facilitator, f"/g/{gid}", f"/g/{gid}/invites", {"role": "coordinator"})
    assert response.status_code == 403
    assert "Alleen een coördinator kan een andere coördinator uitnodigen" in \
        response.get_data(as_text=True)
    assert invites(app) == before
    page = facilitator.get(f"/g/{gid}").get_data(as_text=True)
    assert 'value="coordinator"' not in page  # not offered either


def test_the_self_made_coordinator_keeps_nothing_after_the_grant_is_taken_back(app, group):
    """The issue's path: invite yourself as coordinator, accept, keep the keys."""
    gid, uid = group["id"], group["evening"].user_id
    facilitator = group["clients"]["facilitator_with_grant"]
    post(facilitator, f"/g/{gid}", f"/g/{gid}/invites", {"role": "coordinator"})
    page = facilitator.get(f"/g/{gid}").get_data(as_text=True)
    assert 'data-testid="new-invite-link"' not in page  # no link to accept oneself
    with app.extensions["weefwerk.service"].sessions() as db:
        coordinators = db.query(Member).filter(Member.role == "coordinator").count()
    assert coordinators == 1  # only Fatima
    post(group["clients"]["coordinator"], f"/g/{gid}", f"/g/{gid}/grants/{uid}",
         {"active": "0"})
    assert facilitator.get(f"/g/{gid}/export.json").status_code == 403
    assert facilitator.get(f"/g/{gid}/delete").status_code == 403
    response = post(facilitator, "/", f"/g/{gid}/grants/{uid}", {"active": "1"})
    assert response.status_code == 403


def test_a_facilitator_invites_the_first_coordinator_and_that_link_works_once(app):
    evening = Evening(app)
    gid = group_id_of(app, evening.board_id)
    facilitator = facilitator_client(app, evening.user_id)
    response = post(facilitator, f"/g/{gid}", f"/g/{gid}/invites", {"role": "coordinator"})
    assert response.status_code == 302
    page = facilitator.get(f"/g/{gid}").get_data(as_text=True)
    link = page.split('data-testid="new-invite-link"')[0].rsplit('value="', 1)[1].split('"')[0]
    path = "/i/" + link.rsplit("/i/", 1)[1]

    join_group(app, path, "Fatima")
    again = app.test_client()
    second = again.get(path)
    assert second.status_code == 410
    assert "al gebruikt" in second.get_data(as_text=True)


def test_a_browser_logged_in_as_facilitator_does_not_accept_a_coordinator_invite(app):
    evening = Evening(app)
    gid = group_id_of(app, evening.board_id)
    link = invite_link(app, gid, "coordinator")
    facilitator = facilitator_client(app, evening.user_id)
    response = post(facilitator, link, link, {"display_name": "Anna", "passcode": "geheim123",
                                              "passcode_again": "geheim123"})
    assert response.status_code == 400
    assert "Geef deze link aan een bewoner" in response.get_data(as_text=True)
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.query(Member).count() == 0
    join_group(app, link, "Fatima")  # the link still works for a resident


def member_id(app, name):
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.query(Member).filter(Member.display_name == name).one().id


def test_a_coordinator_removes_a_member_after_confirming(app, group):
    gid = group["id"]
    coordinator, henk = group["clients"]["coordinator"], group["clients"]["member"]
    henk_id = member_id(app, "Henk")
    confirm = coordinator.get(f"/g/{gid}/members/{henk_id}/remove")
    assert confirm.status_code == 200 and "Henk" in confirm.get_data(as_text=True)
    assert henk.get(f"/g/{gid}").status_code == 200

    response = post(coordinator, f"/g/{gid}/members/{henk_id}/remove",
                    f"/g/{gid}/members/{henk_id}/remove", {})
    assert response.status_code == 302
    assert henk.get(f"/g/{gid}").status_code == 302  # back to signing in
    assert "Henk" not in coordinator.get(f"/g/{gid}").get_data(as_text=True)


@pytest.mark.parametrize("who", ["member", "facilitator_with_grant", "anonymous"])
def test_only_a_coordinator_removes_members(app, group, who):
    gid, henk_id = group["id"], member_id(app, "Henk")
    response = post(group["clients"][who], "/", f"/g/{gid}/members/{henk_id}/remove", {})
    assert response.status_code == (302 if who == "anonymous" else 403)
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(Member, henk_id) is not None


def test_the_last_coordinator_cannot_be_removed(app, group):
    gid = group["id"]
    coordinator = group["clients"]["coordinator"]
    fatima_id = member_id(app, "Fatima")
    url = f"/g/{gid}/members/{fatima_id}/remove"
    home = coordinator.get(f"/g/{gid}").get_data(as_text=True)
    assert home.count('data-testid="remove-member"') == 1  # Henk's; not the last coordinator
    response = post(coordinator, url, url, {})
    assert response.status_code == 409
    assert "laatste coördinator" in response.get_data(as_text=True)
    assert coordinator.get(f"/g/{gid}").status_code == 200

    join_group(app, invite_link(app, gid, "coordinator"), "Karim")
    assert post(coordinator, url, url, {}).status_code == 302  # now there is another


def test_a_member_from_another_group_is_not_removed_through_this_group(app, group):
    gid = group["id"]
    els_id = member_id(app, "Els")
    response = post(group["clients"]["coordinator"], f"/g/{gid}",
                    f"/g/{gid}/members/{els_id}/remove", {})
    assert response.status_code == 404
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(Member, els_id) is not None


# --- the council member coming back -------------------------------------------------

def test_after_signing_out_the_page_offers_the_way_back_in(app, group):
    gid = group["id"]
    henk = group["clients"]["member"]
    page = henk.get(f"/g/{gid}").get_data(as_text=True)
    out = henk.post(f"/g/{gid}/sign-out", data={"csrf_token": csrf_from(page)})
    landing = henk.get(out.headers["Location"])
    html = landing.get_data(as_text=True)
    assert landing.status_code == 200
    assert 'data-testid="signed-out"' in html and 'data-testid="member-sign-in"' in html


def test_after_logging_out_the_facilitator_lands_on_the_login_form(app, evening):
    from tests.realtime.test_access_ends import log_in

    laptop = log_in(app)
    page = laptop.get("/console").get_data(as_text=True)
    out = laptop.post("/logout", data={"csrf_token": csrf_from(page)})
    html = laptop.get(out.headers["Location"]).get_data(as_text=True)
    assert 'data-testid="logged-out"' in html and 'data-testid="login-submit"' in html


def test_signing_in_lands_on_the_page_that_was_asked_for(app, group):
    gid = group["id"]
    client = app.test_client()
    asked = client.get(f"/g/{gid}/plans/print")
    assert asked.status_code == 302
    sign_in_url = asked.headers["Location"]
    assert "next=" in sign_in_url
    response = post(client, sign_in_url, sign_in_url,
                    {"display_name": "Henk", "passcode": "geheim123"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/g/{gid}/plans/print")


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/",
                                    "/\\evil.example", "javascript:alert(1)",
                                    "/g/1\r\nSet-Cookie: x"])
def test_signing_in_never_follows_a_next_that_leaves_the_site(app, group, target):
    gid = group["id"]
    client = app.test_client()
    url = f"/g/{gid}/sign-in"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, query_string={"next": target},
                           data={"display_name": "Henk", "passcode": "geheim123",
                                 "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/g/{gid}")


def test_logging_in_lands_on_the_page_that_was_asked_for(app, evening):
    client = app.test_client()
    asked = client.get(f"/console/w/{evening.board_id}")
    login_url = asked.headers["Location"]
    page = client.get(login_url).get_data(as_text=True)
    response = client.post(login_url, data={"login": "anna", "password": "x" * 12,
                                            "csrf_token": csrf_from(page)})
    assert response.headers["Location"].endswith(f"/console/w/{evening.board_id}")


def test_a_new_invite_link_has_a_copy_button_and_a_qr_code(app, group):
    gid = group["id"]
    coordinator = group["clients"]["coordinator"]
    post(coordinator, f"/g/{gid}", f"/g/{gid}/invites", {"role": "member"})
    html = coordinator.get(f"/g/{gid}").get_data(as_text=True)
    assert 'data-testid="copy-invite-link"' in html and 'data-copy="new-invite-link"' in html
    qr = html.split('data-testid="invite-qr"')[1]
    assert "<svg" in qr.split("</figure>")[0]
    assert hashed_static_url(app, "js/page-tools.js") in html


def test_the_print_page_has_a_print_button(app, group):
    html = group["clients"]["member"].get(f"/g/{group['id']}/plans/print").get_data(as_text=True)
    assert 'data-testid="print-button"' in html and "data-print" in html
    assert hashed_static_url(app, "js/page-tools.js") in html



def test_an_invite_link_the_facilitator_kept_does_not_let_them_back_in(app, group):
    """Make a member link while granted, keep it, accept it after the grant is gone."""
    gid, uid = group["id"], group["evening"].user_id
    facilitator = group["clients"]["facilitator_with_grant"]
    post(facilitator, f"/g/{gid}", f"/g/{gid}/invites", {"role": "member"})
    page = facilitator.get(f"/g/{gid}").get_data(as_text=True)
    kept = page.split('data-testid="new-invite-link"')[0].rsplit('value="', 1)[1].split('"')[0]
    coordinators_link = invite_link(app, gid)  # one a coordinator shared in the group chat
    post(group["clients"]["coordinator"], f"/g/{gid}", f"/g/{gid}/grants/{uid}",
         {"active": "0"})

    private_window = app.test_client()
    path = "/i/" + kept.rsplit("/i/", 1)[1]
    response = private_window.get(path)
    assert response.status_code == 410 and "ingetrokken" in response.get_data(as_text=True)
    assert app.test_client().get(coordinators_link).status_code == 200
