"""The world the authorization matrix is asked in, built once per test module.

Group G1 ("Bewonersraad Noord") is the target. Its facilitator Anna ran evening E0 and
handed it over, so the group has a plan workspace W1 with a plan; her second evening E1
is live, with a plan and residents' cards, back at its second step. Carla is a
facilitator the group grants access but who runs none of its evenings. Dirk ran evening
E3 for the group, opened its console and the group's workspace, and then the group took
his access back (in the store, as a coordinator on another server process would: his
sockets stay open, the policy alone must refuse them). Fatima coordinates the group,
Henk and Kees are members; Joop was one, with the group's plans page open, until he was
removed (in the store as well, so his socket stays open). Group G2 is someone else's:
Bram runs its evening E2, Els is its member, and a resident joined E2.

Every visitor is a real browser (Flask's test client with its own cookies), signed in
the way the pages sign people in; every socket is the real Socket.IO server in-process.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from server.domain.formats.document import format_document
from server.models import Board, User
from server.store.boards import create_workshop
from server.store.groups import create_invite, grant, remove_member
from server.store.own_formats import save_own_format
from tests.conftest import (
    Evening,
    Screen,
    boot_token,
    csrf_from,
    hasher,
    make_app,
    sign_in_as,
)
from tests.databases import ON_POSTGRESQL, postgres
from tests.realtime.test_workspace import build_evening, post_hand_over

PASSCODE = "geheim123"


@dataclass
class Visitor:
    """One kind of visitor: how to make a fresh browser of that kind, the browser the
    matrix uses, and the evening their evening routes are asked for."""

    name: str
    make: object  # () -> a fresh test client of this kind
    evening: int
    projector_key: str
    bearer: str | None = None  # a phone's own participant token (what "my ideas" sends)
    client: object = None


@dataclass
class World:
    app: object
    group: int
    other_group: int
    evening: int  # E1, live
    handed_evening: int  # E0, handed over
    withdrawn_evening: int  # E3, Dirk's
    other_evening: int  # E2, Bram's
    workspace: int
    evening_plan: str
    workspace_plan: str
    users: dict[str, int]
    join_code: str
    projector_key: str
    member_secret: str
    revocable_invite: int
    removable_member: int
    other_groups_invite: int
    other_groups_member: int
    own_format: str = "matrix-eigen"  # Anna's own format (Mijn draaiboeken)
    visitors: dict[str, Visitor] = field(default_factory=dict)
    sockets: dict[str, Screen] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def service(self):
        return self.app.extensions["weefwerk.service"]

    def version_of(self, board_id: int) -> int:
        with self.service().sessions() as db:
            return db.get(Board, board_id).version


def module_app(tmp_path_factory, migrated_database: Path, name: str):
    """An app on a database of this module's own, at the newest schema: a copy of the
    run's migrated SQLite file, or a dedicated PostgreSQL database emptied for it (the
    per-test hand-out would empty it under a later test)."""
    directory = tmp_path_factory.mktemp(name)
    if ON_POSTGRESQL:
        url = postgres().dedicated(f"_{name}")
    else:
        from tests.conftest import copy_database
        copy_database(migrated_database, directory / "test.db")
        url = f"sqlite:///{directory / 'test.db'}"
    return make_app(directory, DATABASE_URL=url, MIGRATE_ON_START=False)


def _user(app, login: str) -> int:
    with app.extensions["weefwerk.service"].sessions() as db:
        user = User(name=login.title(), login=login, password_hash=hasher.hash("x" * 12))
        db.add(user)
        db.commit()
        return user.id


def _evening_of(app, user_id: int, group_id: int, title: str) -> Evening:
    """Another evening of `user_id` for `group_id`, with the `Evening` helper's screens."""
    with app.extensions["weefwerk.service"].sessions() as db:
        from server.models import ResidentGroup
        user, group = db.get(User, user_id), db.get(ResidentGroup, group_id)
        fmt = app.extensions["weefwerk.formats"]["participatory-planning"]
        board = create_workshop(db, user, group, title, fmt)
        db.commit()
        evening = Evening.__new__(Evening)
        evening.app, evening.user_id, evening.board_id = app, user_id, board.id
        evening.code, evening.projector_key = board.join_code, board.projector_key
        return evening


def _group_of(app, board_id: int) -> int:
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.get(Board, board_id).group_id


def _invite(app, group_id: int, role: str = "member") -> tuple[int, str]:
    with app.extensions["weefwerk.service"].sessions() as db:
        invite, secret = create_invite(db, group_id, role, 14)
        db.commit()
        return invite.id, secret


def _facilitator(app, user_id: int):
    def make():
        client = app.test_client()
        sign_in_as(app, client, user_id)
        return client
    return make


def _member(app, group_id: int, name: str):
    def make():
        client = app.test_client()
        html = client.get(f"/g/{group_id}/sign-in").get_data(as_text=True)
        response = client.post(f"/g/{group_id}/sign-in", data={
            "display_name": name, "passcode": PASSCODE, "csrf_token": csrf_from(html)})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return client
    return make


def _join_members(app, group_id: int, invites: list[tuple[str, str]]) -> None:
    for role, name in invites:
        _id, secret = _invite(app, group_id, role)
        client = app.test_client()
        link = f"/i/{secret}"
        html = client.get(link).get_data(as_text=True)
        response = client.post(link, data={"display_name": name, "passcode": PASSCODE,
                                           "passcode_again": PASSCODE,
                                           "csrf_token": csrf_from(html)})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]


def _member_id(app, group_id: int, name: str) -> int:
    from server.models import Member
    with app.extensions["weefwerk.service"].sessions() as db:
        return db.query(Member).filter_by(group_id=group_id, display_name=name).one().id


def _phone(app, code: str):
    """A fresh phone that joins the evening with `code`; its token is on its page."""
    def make():
        client = app.test_client()
        page = client.get(f"/j/{code}").get_data(as_text=True)
        response = client.post(f"/j/{code}", data={"display_name": "",
                                                   "csrf_token": csrf_from(page)})
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
        return client
    return make


def phone_token(client, code: str) -> str:
    return boot_token(client.get(f"/j/{code}").get_data(as_text=True))


def _projector(app, key: str):
    def make():
        client = app.test_client()
        assert client.get(f"/p/{key}").status_code == 200
        return client
    return make


def plan_ids(screen: Screen) -> list[str]:
    state = screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    return [plan["id"] for plan in state["plans"]]


def build_world(app) -> World:
    """Everything the matrix asks about, through the pages and the service as people
    would make it (see the module's docstring)."""
    handed = Evening(app, login="anna")
    group = _group_of(app, handed.board_id)
    post_hand_over(handed, build_evening(handed)["console"])
    anna = handed.user_id
    live = _evening_of(app, anna, group, "Tweede avond")
    live_screens = build_evening(live)
    evening_plan = plan_ids(live_screens["console"])[0]
    back = live_screens["console"].command("go_to_step", {"step": 1})  # not at its end:
    assert back["ok"], back  # the matrix's commands never take it to the last step

    other = Evening(app, login="bram")
    other_group = _group_of(app, other.board_id)
    carla, dirk = _user(app, "carla"), _user(app, "dirk")
    with app.extensions["weefwerk.service"].sessions() as db:
        grant(db, group, carla, active=True)
        grant(db, group, dirk, active=True)
        db.commit()
    dirks = _evening_of(app, dirk, group, "Avond van Dirk")

    _join_members(app, group, [("coordinator", "Fatima"), ("member", "Henk"),
                               ("member", "Kees"), ("member", "Joop")])
    _join_members(app, other_group, [("member", "Els")])
    revocable, _secret = _invite(app, group)
    _member_invite, member_secret = _invite(app, group)

    with app.extensions["weefwerk.service"].sessions() as db:
        workspace_id = db.query(Board).filter_by(group_id=group, kind="workspace").one().id
    _board, workspace_state, _none = app.extensions["weefwerk.service"].load(workspace_id)
    [workspace_plan] = workspace_state.plans

    world = World(
        app=app, group=group, other_group=other_group, evening=live.board_id,
        handed_evening=handed.board_id, withdrawn_evening=dirks.board_id,
        other_evening=other.board_id, workspace=workspace_id,
        evening_plan=evening_plan, workspace_plan=workspace_plan,
        users={"anna": anna, "bram": other.user_id, "carla": carla, "dirk": dirk},
        join_code=live.code, projector_key=live.projector_key,
        member_secret=member_secret, revocable_invite=revocable,
        removable_member=_member_id(app, group, "Kees"),
        other_groups_invite=_invite(app, other_group)[0],
        other_groups_member=_member_id(app, other_group, "Els"))
    with app.extensions["weefwerk.service"].sessions() as db:
        fmt = app.extensions["weefwerk.formats"]["participatory-planning"]
        save_own_format(db, anna, world.own_format, format_document(fmt))
        db.commit()
    _add_visitors(world, live, dirks, other)
    _open_sockets(world, live, live_screens, dirks)
    live_screens["console"].io.disconnect()  # Anna's console is `sockets["owner"]`
    with app.extensions["weefwerk.service"].sessions() as db:  # as another process would:
        grant(db, group, dirk, active=False)  # no door is closed here, the policy must
        remove_member(db, group, _member_id(app, group, "Joop"))  # Joop's plans page too
        db.commit()
    return world


def _add_visitors(world: World, live: Evening, dirks: Evening, other: Evening) -> None:
    app, e1 = world.app, live.board_id
    kinds = {
        "anonymous": (app.test_client, e1, live.projector_key),
        "phone": (_phone(app, live.code), e1, live.projector_key),
        "other_phone": (_phone(app, other.code), e1, live.projector_key),
        "owner": (_facilitator(app, world.users["anna"]), e1, live.projector_key),
        "other_facilitator": (_facilitator(app, world.users["bram"]), e1, live.projector_key),
        "granted": (_facilitator(app, world.users["carla"]), e1, live.projector_key),
        "withdrawn": (_facilitator(app, world.users["dirk"]), dirks.board_id,
                      dirks.projector_key),
        "member": (_member(app, world.group, "Henk"), e1, live.projector_key),
        "coordinator": (_member(app, world.group, "Fatima"), e1, live.projector_key),
        "other_member": (_member(app, world.other_group, "Els"), e1, live.projector_key),
        "projector": (_projector(app, live.projector_key), e1, live.projector_key),
    }
    for name, (make, evening, key) in kinds.items():
        visitor = Visitor(name, make, evening, key)
        visitor.client = make()
        world.visitors[name] = visitor
    world.visitors["phone"].bearer = phone_token(world.visitors["phone"].client, live.code)
    world.visitors["other_phone"].bearer = phone_token(world.visitors["other_phone"].client,
                                                       other.code)


def workspace_token(client, group_id: int) -> str:
    return boot_token(client.get(f"/g/{group_id}/plans").get_data(as_text=True))


def _open_sockets(world: World, live: Evening, live_screens: dict, dirks: Evening) -> None:
    """The screens that may connect, connected: on E1 its console, a phone and the
    projector; on W1 the members' and granted facilitators' plan pages; and Dirk's
    console and plan page, opened while the group still granted him access. Each
    screen's token is kept, for the connect matrix to present again or to copy."""
    app, visitors, tokens = world.app, world.visitors, world.tokens
    anna = visitors["owner"].client
    tokens["owner"] = boot_token(anna.get(f"/console/w/{live.board_id}").get_data(as_text=True))
    tokens["phone"] = visitors["phone"].bearer
    tokens["projector"] = boot_token(
        visitors["projector"].client.get(f"/p/{live.projector_key}").get_data(as_text=True))
    dirk = visitors["withdrawn"].client
    tokens["withdrawn"] = boot_token(dirk.get(f"/console/w/{dirks.board_id}")
                                     .get_data(as_text=True))
    for who in ("owner", "phone", "projector", "withdrawn"):
        world.sockets[who] = Screen(app, visitors[who].client, tokens[who])
    for who in ("owner", "granted", "withdrawn", "member", "coordinator"):
        client = visitors[who].client
        tokens[f"{who}@workspace"] = workspace_token(client, world.group)
        world.sockets[f"{who}@workspace"] = Screen(app, client, tokens[f"{who}@workspace"])
    joop = _member(app, world.group, "Joop")()  # removed from the group after this
    tokens["removed@workspace"] = workspace_token(joop, world.group)
    world.sockets["removed@workspace"] = Screen(app, joop, tokens["removed@workspace"])
    world.sockets["second_phone"] = live_screens["phone"]  # Fatima's phone of E1, her cards
    world.sockets["other_phone"] = Screen(app, visitors["other_phone"].client,
                                          visitors["other_phone"].bearer)
    bram = visitors["other_facilitator"].client
    world.sockets["other_facilitator"] = Screen(app, bram, boot_token(
        bram.get(f"/console/w/{world.other_evening}").get_data(as_text=True)))
    for screen in world.sockets.values():
        screen.io.get_received()


def close_world(world: World) -> None:
    for screen in world.sockets.values():
        if screen.io.is_connected():
            screen.io.disconnect()
    world.app.extensions["weefwerk.engine"].dispose()

