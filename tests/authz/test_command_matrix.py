"""Every Socket.IO command of both kinds of board, sent by every socket that may be
open on the board, and every kind of visitor connecting, against the table in
`matrix.py`; then each visitor's own items against another's. The world is built once
for tests/authz (conftest.py)."""
from __future__ import annotations

import dataclasses
import types
import typing
import uuid

import pytest
from socketio import packet

from server import socketio
from server.domain.board.commands import COMMANDS
from server.domain.evening.aggregate import HANDLERS as EVENING_HANDLERS
from server.domain.workspace.aggregate import HANDLERS as WORKSPACE_HANDLERS

from .matrix import (
    CONNECT,
    EVENING_COMMANDS,
    EVENING_SOCKETS,
    FACILITATORS,
    RESYNC,
    TARGETS,
    VISITORS,
    WORKSPACE_COMMANDS,
    WORKSPACE_SOCKETS,
    evening_expectation,
    workspace_expectation,
)
from .world import World

SAMPLE = {str: "x", int: 0, float: 0.0, bool: False, list: [], dict: {}}


def sample_args(name: str) -> dict:
    """Arguments of the right types for `name`, so the parser lets it through to the
    policy; what they point at need not exist (the rule may refuse it after the policy)."""
    cls = COMMANDS[name]
    hints = typing.get_type_hints(cls)
    args = {}
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING \
                or field.default_factory is not dataclasses.MISSING:
            continue
        hint = hints[field.name]
        kinds = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        kind = typing.get_origin(kinds[0]) or kinds[0]
        args[field.name] = SAMPLE[kind]
    return args


def answer(screen, name: str, args: dict | None = None) -> str:
    ack = screen.io.emit("command", {"op_id": uuid.uuid4().hex, "name": name,
                                     "args": sample_args(name) if args is None else args},
                         callback=True)
    return "ok" if ack["ok"] else ack["error"]["code"]


POLICY_REFUSALS = ("forbidden", "not_granted")


def verdict(code: str) -> str:
    """`ok` when the policy let the command through, else the policy's refusal code."""
    return code if code in POLICY_REFUSALS else "ok"


EVERY_COMMAND = sorted(COMMANDS)


def test_the_table_lists_every_command_of_both_boards_and_no_other():
    """A command added to either board (or to the parser) fails here until the table
    says who may send it."""
    assert sorted(EVENING_COMMANDS) == sorted(c.command_name for c in EVENING_HANDLERS)
    assert sorted(WORKSPACE_COMMANDS) == sorted(c.command_name for c in WORKSPACE_HANDLERS)
    assert set(EVENING_COMMANDS) | set(WORKSPACE_COMMANDS) == set(COMMANDS)


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_who_may_send_it_on_an_evening(world: World, name):
    """On E1 (Dirk: on his E3, from the console he opened before the group took his
    access back). A refused command leaves the board's version where it was."""
    seen, expected = {}, {}
    for who in EVENING_SOCKETS:
        screen = world.sockets[who]
        board = world.withdrawn_evening if who == "withdrawn" else world.evening
        before = world.version_of(board)
        seen[who] = verdict(answer(screen, name))
        expected[who] = evening_expectation(who, name)
        if seen[who] != "ok":
            assert world.version_of(board) == before, f"{who}'s refused {name} changed it"
    assert seen == expected


@pytest.mark.parametrize("name", EVERY_COMMAND)
def test_who_may_send_it_on_the_groups_workspace(world: World, name):
    """On W1, from the plan pages of those who may open them, and Dirk's, opened before
    the group took his access back. A refused command leaves the version as it was."""
    seen, expected = {}, {}
    for who in WORKSPACE_SOCKETS:
        before = world.version_of(world.workspace)
        seen[who] = verdict(answer(world.sockets[f"{who}@workspace"], name))
        expected[who] = workspace_expectation(who, name)
        if seen[who] != "ok":
            assert world.version_of(world.workspace) == before, f"{who}'s {name}"
    assert seen == expected


def connect_refusal(world: World, client, token: str) -> str:
    """`ok`, or the code the server refused the connection with. Flask-SocketIO's test
    client keeps no refusal's reason, so the server's packets are made of a kind that
    notes a refusal's data as it is made."""
    server = socketio.server
    made = server.packet_class
    refusals: list = []

    class Noted(made):  # type: ignore[misc, valid-type]
        def __init__(self, packet_type=packet.EVENT, data=None, *args, **kwargs):
            super().__init__(packet_type, data, *args, **kwargs)
            if packet_type == packet.CONNECT_ERROR:
                refusals.append(data)

    server.packet_class = Noted
    try:
        io = socketio.test_client(world.app, flask_test_client=client,
                                  auth={"token": token, "lang": "nl"})
    finally:
        server.packet_class = made
    if io.is_connected():
        io.disconnect()
        return "ok"
    [refusal] = refusals
    return refusal["message"] if isinstance(refusal, dict) else str(refusal)


def token_for(world: World, board: str, who: str) -> str:
    """The visitor's own token for the board, else a copy of one that works (matrix.py)."""
    own = f"{who}@workspace" if board == "workspace" else who
    if own in world.tokens:
        return world.tokens[own]
    if board == "evening":
        return world.tokens["owner"]
    return world.tokens["owner@workspace" if who in FACILITATORS else "member@workspace"]


@pytest.mark.parametrize("board", ["evening", "workspace"])
def test_who_may_connect(world: World, board):
    seen = {who: connect_refusal(world, world.visitors[who].client,
                                 token_for(world, board, who)) for who in VISITORS}
    assert seen == CONNECT[board]


@pytest.mark.parametrize("board", ["evening", "workspace"])
def test_who_may_catch_up(world: World, board):
    seen = {}
    for who in RESYNC[board]:
        socket = world.sockets[f"{who}@workspace" if board == "workspace" else who]
        ack = socket.io.emit("resync", {"since": 0}, callback=True)
        seen[who] = "ok" if ack["ok"] else ack["error"]["code"]
    assert seen == RESYNC[board]


def test_a_socket_without_a_valid_token_is_refused(world: World):
    client = world.visitors["anonymous"].client
    assert connect_refusal(world, client, "") == "bad_token"
    forged = world.tokens["owner"][:-4] + ("AAAA" if not world.tokens["owner"].endswith(
        "AAAA") else "BBBB")
    assert connect_refusal(world, world.visitors["owner"].client, forged) == "bad_token"


def test_own_items_and_other_peoples(world: World):
    """A resident changes only their own cards; a phone or a console of another evening
    does not reach this evening's cards; no command names another board."""
    owner, phone, neighbour = (world.sockets[w] for w in ("owner", "phone", "second_phone"))
    assert answer(owner, "go_to_step", {"step": 1}) == "ok"
    assert answer(owner, "open_input", {}) == "ok"
    mine = phone.command("add_card", {"text": "Meer bankjes"})["result"]["card_id"]
    theirs = neighbour.command("add_card", {"text": "Speeltuin"})["result"]["card_id"]
    args = {"own card": {"card_id": mine, "text": "Meer bankjes bij de vijver"},
            "another resident's card": {"card_id": theirs, "text": "Weg ermee"},
            "a card of E1": {"card_id": theirs, "text": "Weg ermee"},
            "with another evening's board id": {"step": 0, "board_id": world.other_evening},
            "with another board's id": {"action_id": "x", "status": "done", "base": 0,
                                        "board_id": world.evening}}
    boards = [world.evening, world.other_evening, world.workspace]
    for who, board, name, target, expected in TARGETS:
        socket = {"evening": who, "other evening": who, "workspace": f"{who}@workspace"}[board]
        versions = [world.version_of(b) for b in boards]
        command_args = {k: v for k, v in args[target].items()
                        if k in {f.name for f in dataclasses.fields(COMMANDS[name])}
                        or k == "board_id"}
        assert (who, target, answer(world.sockets[socket], name, command_args)) \
            == (who, target, expected)
        if expected != "ok":
            assert [world.version_of(b) for b in boards] == versions, (who, target)
