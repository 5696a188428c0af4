"""A resident group decides who sees its plans: invites, passcodes and facilitator grants."""
from __future__ import annotations

from datetime import timedelta

import pytest

from server.models import Invite, Member, User, utcnow
from server.store.groups import create_invite
from tests.conftest import Evening, csrf_from, sign_in_as


def post(client, page_url, url, data):
    html = client.get(page_url).get_data(as_text=True)
    return client.post(url, data={**data, "csrf_token": csrf_from(html)})


def group_id_of(app, board_id):
    from server.models import Board
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.get(Board, board_id).group_id


def invite_link(app, group_id, role="member", days=14):
    with app.extensions["weefwerk.service"].sessions() as db:
        _invite, secret = create_invite(db, group_id, role, days)
        db.commit()
    return f"/i/{secret}"


def join_group(app, link, name, passcode="geheim123"):
    client = app.test_client()
    response = post(client, link, link, {"display_name": name, "passcode": passcode,
                                         "passcode_again": passcode})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def facilitator_client(app, user_id):
    client = app.test_client()
    sign_in_as(app, client, user_id)
    return client


@pytest.fixture
def group(app):
    evening = Evening(app)
    gid = group_id_of(app, evening.board_id)
    coordinator = join_group(app, invite_link(app, gid, "coordinator"), "Fatima")
    member = join_group(app, invite_link(app, gid), "Henk")
    other = Evening(app, login="bram")
    stranger = join_group(app, invite_link(app, group_id_of(app, other.board_id)), "Els")
    return {"id": gid, "evening": evening, "other": other, "clients": {
        "coordinator": coordinator, "member": member, "other_group_member": stranger,
        "facilitator_with_grant": facilitator_client(app, evening.user_id),
        "facilitator_without_grant": facilitator_client(app, other.user_id),
        "anonymous": app.test_client()}}


EXPECTED_HOME = {"coordinator": 200, "member": 200, "other_group_member": 302,
                 "facilitator_with_grant": 200, "facilitator_without_grant": 403,
                 "anonymous": 302}


@pytest.mark.parametrize("who", sorted(EXPECTED_HOME))
def test_who_sees_the_group_page(group, who):
    response = group["clients"][who].get(f"/g/{group['id']}")
    assert response.status_code == EXPECTED_HOME[who]
    if EXPECTED_HOME[who] == 302:
        assert f"/g/{group['id']}/sign-in" in response.headers["Location"]


EXPECTED_INVITE = {"coordinator": 302, "member": 403, "other_group_member": 302,
                   "facilitator_with_grant": 302, "facilitator_without_grant": 403,
                   "anonymous": 302}


@pytest.mark.parametrize("who", sorted(EXPECTED_INVITE))
def test_who_may_make_invite_links(app, group, who):
    client = group["clients"][who]
    with app.extensions["weefwerk.service"].sessions() as db:
        before = db.query(Invite).count()
    response = post(client, "/", f"/g/{group['id']}/invites", {"role": "member"})
    with app.extensions["weefwerk.service"].sessions() as db:
        made = db.query(Invite).count() == before + 1
    assert made == (who in ("coordinator", "facilitator_with_grant"))
    assert response.status_code == EXPECTED_INVITE[who]


def test_a_coordinator_takes_the_facilitators_access_back_and_gives_it_again(group):
    coordinator = group["clients"]["coordinator"]
    facilitator = group["clients"]["facilitator_with_grant"]
    gid, uid = group["id"], group["evening"].user_id

    post(coordinator, f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": "0"})
    assert facilitator.get(f"/g/{gid}").status_code == 403
    assert facilitator.get("/console").get_data(as_text=True).count('data-testid="group"') == 0

    post(coordinator, f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": "1"})
    assert facilitator.get(f"/g/{gid}").status_code == 200


def test_a_member_cannot_take_the_facilitators_access_back(app, group):
    member = group["clients"]["member"]
    gid, uid = group["id"], group["evening"].user_id
    response = post(member, f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": "0"})
    assert response.status_code == 403
    assert group["clients"]["facilitator_with_grant"].get(f"/g/{gid}").status_code == 200


def test_an_expired_invite_gets_a_clear_message_and_makes_no_member(app, group):
    link = invite_link(app, group["id"], days=14)
    with app.extensions["weefwerk.service"].sessions() as db:
        for invite in db.query(Invite):
            invite.expires_at = utcnow() - timedelta(minutes=1)
        db.commit()
        members_before = db.query(Member).count()
    response = app.test_client().get(link)
    assert response.status_code == 410
    assert "verlopen" in response.get_data(as_text=True)
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.query(Member).count() == members_before


def test_a_withdrawn_invite_no_longer_works(app, group):
    gid = group["id"]
    coordinator = group["clients"]["coordinator"]
    link = invite_link(app, gid)
    with app.extensions["weefwerk.service"].sessions() as db:
        newest = db.query(Invite).order_by(Invite.id.desc()).first().id
    post(coordinator, f"/g/{gid}", f"/g/{gid}/invites/{newest}/revoke", {})
    assert app.test_client().get(link).status_code == 410


def test_a_taken_name_is_refused_and_nothing_changes(app, group):
    link = invite_link(app, group["id"])
    client = app.test_client()
    response = post(client, link, link, {"display_name": "  henk ", "passcode": "geheim123",
                                         "passcode_again": "geheim123"})
    assert response.status_code == 400
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.query(Member).filter(Member.name_key == "henk").count() == 1


def test_a_member_signs_in_on_another_device_with_name_and_passcode(app, group):
    gid = group["id"]
    client = app.test_client()
    wrong = post(client, f"/g/{gid}/sign-in", f"/g/{gid}/sign-in",
                 {"display_name": "Henk", "passcode": "verkeerd1"})
    assert wrong.status_code == 401
    right = post(client, f"/g/{gid}/sign-in", f"/g/{gid}/sign-in",
                 {"display_name": "henk", "passcode": "geheim123"})
    assert right.status_code == 302
    assert client.get(f"/g/{gid}").status_code == 200


def test_a_facilitator_account_is_not_a_member_of_another_group(app, group):
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(User, group["other"].user_id) is not None
    other_gid = group_id_of(app, group["other"].board_id)
    response = group["clients"]["facilitator_with_grant"].get(f"/g/{other_gid}")
    assert response.status_code == 403


GROUP_PAGES = ["/g/{gid}/plans", "/g/{gid}/plans/print", "/g/{gid}/plans/screen",
               "/g/{gid}/plans/pictures",
               "/g/{gid}/export.json"]
EXPECTED_PAGES = {"coordinator": 200, "member": 200, "other_group_member": 302,
                  "facilitator_with_grant": 200, "facilitator_without_grant": 403,
                  "anonymous": 302}


@pytest.mark.parametrize("who", sorted(EXPECTED_PAGES))
@pytest.mark.parametrize("url", GROUP_PAGES)
def test_who_sees_the_groups_plan_pages(group, who, url):
    response = group["clients"][who].get(url.format(gid=group["id"]))
    assert response.status_code == EXPECTED_PAGES[who], response.get_data(as_text=True)[:300]


def test_a_facilitator_without_a_grant_no_longer_opens_the_evening_or_its_plans(group):
    coordinator = group["clients"]["coordinator"]
    facilitator = group["clients"]["facilitator_with_grant"]
    gid, uid, board_id = group["id"], group["evening"].user_id, group["evening"].board_id
    pages = [f"/console/w/{board_id}", f"/console/w/{board_id}/plans",
             f"/console/w/{board_id}/report"]
    assert [facilitator.get(p).status_code for p in pages] == [200, 200, 200]
    post(coordinator, f"/g/{gid}", f"/g/{gid}/grants/{uid}", {"active": "0"})
    assert [facilitator.get(p).status_code for p in pages] == [403, 403, 403]
