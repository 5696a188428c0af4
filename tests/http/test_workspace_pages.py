"""The hand-over route and the group's plan page over plain HTTP: who may, CSRF, boot blocks."""
from __future__ import annotations

import json
import re

from server.store.groups import grant
from tests.conftest import Evening, csrf_from, script_strings, sign_in_as
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import build_evening


def boot_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="boot">(.*?)</script>', html, re.S)
    assert match, "page has no boot block"
    return json.loads(match.group(1))


def facilitator(app, user_id):
    client = app.test_client()
    sign_in_as(app, client, user_id)
    return client


def hand_over(client, board_id, with_csrf=True):
    """The confirmation page, then "Yes, hand over" with the version it showed."""
    html = client.get(f"/console/w/{board_id}").get_data(as_text=True)
    confirm = client.get(f"/console/w/{board_id}/hand-over").get_data(as_text=True)
    version = re.search(r'name="version" value="(\d+)"', confirm)
    data = {"version": version.group(1) if version else "0"}
    if with_csrf:
        data["csrf_token"] = csrf_from(html)
    return client.post(f"/console/w/{board_id}/hand-over", data=data)


def ready_evening(app, **kwargs) -> Evening:
    """An evening on its last step with a plan: one that may be handed over."""
    evening = Evening(app, **kwargs)
    build_evening(evening)
    return evening


def test_before_a_hand_over_the_plan_page_says_there_are_no_plans_yet(app):
    evening = Evening(app)
    gid = group_id_of(app, evening.board_id)
    member = join_group(app, invite_link(app, gid), "Henk")
    home = member.get(f"/g/{gid}").get_data(as_text=True)
    assert f'href="/g/{gid}/plans"' in home
    page = member.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert 'data-testid="no-plans"' in page and 'id="boot"' not in page


def test_the_hand_over_needs_the_csrf_token_the_owner_and_the_groups_grant(app):
    evening, other = ready_evening(app), Evening(app, login="bram")
    gid = group_id_of(app, evening.board_id)
    owner = facilitator(app, evening.user_id)
    assert hand_over(owner, evening.board_id, with_csrf=False).status_code == 400
    stranger = facilitator(app, other.user_id)
    html = stranger.get("/console").get_data(as_text=True)
    assert stranger.post(f"/console/w/{evening.board_id}/hand-over",
                         data={"csrf_token": csrf_from(html)}).status_code == 404
    with app.extensions["weefwerk.service"].sessions() as db:
        grant(db, gid, evening.user_id, active=False)
        db.commit()
    assert hand_over(owner, evening.board_id).status_code == 403
    with app.extensions["weefwerk.service"].sessions() as db:
        grant(db, gid, evening.user_id, active=True)
        db.commit()
    response = hand_over(owner, evening.board_id)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/g/{gid}/plans")


def test_the_plan_page_boots_the_workspace_for_members_and_granted_facilitators(app):
    evening = ready_evening(app)
    gid = group_id_of(app, evening.board_id)
    owner = facilitator(app, evening.user_id)
    hand_over(owner, evening.board_id)
    member = join_group(app, invite_link(app, gid), "Henk")
    as_member = boot_of(member.get(f"/g/{gid}/plans").get_data(as_text=True))
    as_facilitator = boot_of(owner.get(f"/g/{gid}/plans").get_data(as_text=True))
    assert (as_member["role"], as_member["view"]) == ("member", "workspace")
    assert (as_facilitator["role"], as_facilitator["view"]) == ("facilitator", "workspace")
    assert as_member["board_id"] == as_facilitator["board_id"] != evening.board_id
    assert "code" not in as_member and "join_url" not in as_member
    assert "ws.overdue" in script_strings(member, as_member)
    assert app.test_client().get(f"/g/{gid}/plans").status_code == 302  # sign in first
    # the group page lists evenings, not the workspace board
    home = member.get(f"/g/{gid}").get_data(as_text=True)
    assert home.count('class="workshop"') == 1
