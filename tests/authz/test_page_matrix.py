"""Every page (every rule of the app's url_map, every method) asked by every kind of
visitor, against the table in `matrix.py`. The world is built once for the module."""
from __future__ import annotations

import re
import uuid

import pytest
from flask_babel import force_locale

from server.errors import CSRF_EXPIRED
from tests.conftest import csrf_from

from .matrix import REFUSALS, VISITORS, page_table
from .world import World

TABLE = page_table()

# what a visitor's browser does on a route that changes its own session (logging out,
# joining an evening): a fresh browser of the same kind, so the matrix's browsers keep
# who they are
FRESH = {("POST", "/logout"), ("POST", "/g/<int:group_id>/sign-out"),
         ("POST", "/j/<code>")}


def test_the_table_lists_every_route_of_the_app_and_no_other(world: World):
    routes = {(method, rule.rule) for rule in world.app.url_map.iter_rules()
              for method in rule.methods - {"HEAD", "OPTIONS"}}
    assert sorted(routes - set(TABLE)) == [], "routes the matrix does not list"
    assert sorted(set(TABLE) - routes) == [], "the matrix lists routes the app lacks"


def address(world: World, rule: str, visitor) -> str:
    """The rule filled in for `visitor`: the target group G1, evening E1 (Dirk: his own
    E3) and their plan, invite, member and projector link."""
    plan = world.evening_plan if rule.startswith("/console/") else world.workspace_plan
    values = {"board_id": visitor.evening, "group_id": world.group, "plan_id": plan,
              "key": visitor.projector_key, "code": world.join_code,
              "secret": world.member_secret, "invite_id": world.revocable_invite,
              "member_id": world.removable_member, "user_id": world.users["anna"],
              "lang": "nl", "filename": "css/app.css", "slug": world.own_format,
              # the static tree's hash; the strings take any (an old one: today's strings)
              "version": world.app.extensions["weefwerk.static"].version}
    return re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", lambda m: str(values[m.group(1)]), rule)


def form_for(world: World, rule: str, visitor: str) -> dict:
    """What the page's own form would send; enough that a visitor who is let in gets
    what they asked where that harms nothing else in the matrix."""
    forms = {
        "/login": {"login": f"nobody-{visitor}", "password": "not the password"},
        "/join": {"code": world.join_code},
        "/j/<code>": {"display_name": ""},
        "/groups": {"name": f"Groep van {visitor}"},
        "/workshops": {"title": "Extra avond", "format": "participatory-planning",
                       "group_id": str(world.group)},
        "/console/w/<int:board_id>/data-cards": {
            "text": "Cijfers van de gemeente", "source": "CBS", "step": "1",
            "op_id": uuid.uuid4().hex},
        "/console/w/<int:board_id>/format": {"op_id": uuid.uuid4().hex},
        "/console/w/<int:board_id>/format/save": {"slug": f"matrix-{visitor}"},
        "/console/w/<int:board_id>/hand-over": {"version": "-1"},
        "/console/w/<int:board_id>/take-back": {"version": "-1"},
        "/g/<int:group_id>/sign-in": {"display_name": f"Niemand {visitor}",
                                      "passcode": "verkeerd1"},
        "/g/<int:group_id>/invites": {"role": "member"},
        "/g/<int:group_id>/grants/<int:user_id>": {"active": "1"},
        "/g/<int:group_id>/plans/share-progress": {"on": "1"},
        "/g/<int:group_id>/retention": {"days": "365"},
    }
    return forms.get(rule, {})


def outcome(response) -> str:
    """A response as the table names it (matrix.py). A redirect to a sign-in form that
    says `bye=1` is the way back after signing out, not a refusal."""
    if 300 <= response.status_code < 400:
        location = response.headers["Location"]
        if "bye=1" in location:
            return "ok"
        if re.search(r"^(https?://[^/]+)?/login\b", location):
            return "login"
        if re.search(r"^(https?://[^/]+)?/g/\d+/sign-in\b", location):
            return "sign-in"
        return "ok"
    return "ok" if response.status_code < 300 else str(response.status_code)


CSRF_TOKENS: dict = {}


def csrf_token(client) -> str:
    """The browser's CSRF token (one per session), read from a form as a browser would;
    kept for the matrix's own browsers (a fresh one is gone after its request)."""
    if client not in CSRF_TOKENS:
        CSRF_TOKENS[client] = csrf_from(client.get("/login").get_data(as_text=True))
    return CSRF_TOKENS[client]


def ask(world: World, method: str, rule: str, who: str):
    visitor = world.visitors[who]
    client = visitor.make() if (method, rule) in FRESH else visitor.client
    url = address(world, rule, visitor)
    headers = {"Authorization": f"Bearer {visitor.bearer}"} if visitor.bearer else {}
    if method == "GET":
        return client.get(url, headers=headers)
    token = csrf_token(client) if client is visitor.client else \
        csrf_from(client.get("/login").get_data(as_text=True))
    return client.post(url, data={**form_for(world, rule, who), "csrf_token": token},
                       headers=headers)


@pytest.mark.parametrize("route", list(TABLE), ids=[f"{m} {r}" for m, r in TABLE])
def test_who_is_let_in(world: World, route):
    """Every visitor asks; those the table refuses go first, and their requests must
    leave the target as it was (`counted`)."""
    method, rule = route
    with world.app.test_request_context(), force_locale("nl"):
        csrf_expired = str(CSRF_EXPIRED)
    seen, before = {}, counted(world)
    for who in sorted(VISITORS, key=lambda who: not refused(route, who)):
        if not refused(route, who) and all(refused(route, w) for w in seen):
            assert counted(world) == before, "a refused request changed something"
        response = ask(world, method, rule, who)
        seen[who] = outcome(response)
        body = response.get_data(as_text=True)
        response.close()  # a static file's stays open until closed
        assert csrf_expired not in body, f"{who}: the form's CSRF token was refused"
        assert response.status_code != 500, f"{who}: {body[:300]}"
    if all(refused(route, who) for who in VISITORS):
        assert counted(world) == before, "a refused request changed something"
    differences = {who: f"table says {TABLE[route][who]}, the app answers {seen[who]}"
                   for who in VISITORS if seen[who] != TABLE[route][who]}
    assert differences == {}


def refused(route: tuple[str, str], who: str) -> bool:
    """Whether the table refuses `who` on `route` (a 400 it names as a refusal too)."""
    return TABLE[route][who] in REFUSALS or who in REFUSED_WITH_400.get(route, ())


# a 400 that is a refusal (pages.txt says why): the group is not one of the visitor's
REFUSED_WITH_400 = {("POST", "/workshops"): ("other_facilitator", "withdrawn")}


def test_a_groups_pages_reach_only_the_groups_own_items(world: World):
    """The coordinator of G1, through G1's own addresses, names another group's invite,
    member or plan: each is not found there, and nothing of the other group changes."""
    from server.models import Invite, Member

    coordinator = world.visitors["coordinator"].client
    token = csrf_token(coordinator)
    g1, invite, member = world.group, world.other_groups_invite, world.other_groups_member
    revoke = coordinator.post(f"/g/{g1}/invites/{invite}/revoke", data={"csrf_token": token})
    remove = coordinator.post(f"/g/{g1}/members/{member}/remove", data={"csrf_token": token})
    confirm = coordinator.get(f"/g/{g1}/members/{member}/remove")
    plan = coordinator.get(f"/g/{g1}/plans/{world.evening_plan}.md")  # E1's, not W1's
    assert [r.status_code for r in (revoke, remove, confirm, plan)] == [404, 404, 404, 404]
    with world.service().sessions() as db:
        assert db.get(Invite, invite).revoked_at is None
        assert db.get(Member, member) is not None


def counted(world: World) -> tuple:
    """What a refused request must leave as it was: the evening's and the workspace's
    versions, the target group's evenings, members, invites and grants, and the own
    formats."""
    from server.models import Board, FacilitatorGrant, Invite, Member, OwnFormat

    with world.service().sessions() as db:
        return (world.version_of(world.evening), world.version_of(world.workspace),
                db.query(Board).filter_by(group_id=world.group).count(),
                db.query(Member).filter_by(group_id=world.group).count(),
                db.query(Invite).filter_by(group_id=world.group).count(),
                sorted((g.user_id, g.active) for g in db.query(FacilitatorGrant)
                       .filter_by(group_id=world.group)),
                sorted((f.owner_id, f.slug) for f in db.query(OwnFormat)))


# whose POST without a CSRF token is tried: the first of these the table lets in
STRONGEST_FIRST = ("coordinator", "owner", "granted", "member", "phone", "anonymous")


@pytest.mark.parametrize("route", [r for r in TABLE if r[0] == "POST"],
                         ids=[r for m, r in TABLE if m == "POST"])
def test_every_form_needs_its_csrf_token(world: World, route):
    """A form sent without its CSRF token (another site's page posting in the visitor's
    browser) is refused with the translated 'form expired' page, and changes nothing,
    even from the visitor the matrix lets in."""
    method, rule = route
    who = next((w for w in STRONGEST_FIRST if TABLE[route][w] not in REFUSALS), "anonymous")
    visitor = world.visitors[who]
    client = visitor.make() if route in FRESH else visitor.client
    before = counted(world)
    response = client.post(address(world, rule, visitor), data=form_for(world, rule, who))
    with world.app.test_request_context(), force_locale("nl"):
        expired = str(CSRF_EXPIRED)
    assert (response.status_code, expired in response.get_data(as_text=True)) == (400, True)
    assert counted(world) == before
