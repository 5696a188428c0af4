"""Every Socket.IO command, fuzzed (docs/testing.md, "Bad input, fuzzed").

Each example sends one command to a live board through the same door a screen uses:
a command of the registry (or a name that is none), from the sender the policy allows
(so the fuzz reaches the rules) or a wrong one, with arguments drawn near the valid ones
for what the board holds now and then broken (`tests/fuzz/arguments.py`). Whatever was
sent, the answer is a well-formed ack, a refusal changes nothing and sends nothing, the
log stays numbered without gaps, ballots keep to their budget, the other boards do not
move, and no traceback reaches the log.
"""
from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable

from hypothesis import given
from hypothesis import strategies as st

from server import socketio
from server.domain.board.actors import FACILITATOR, MEMBER, PARTICIPANT, PROJECTOR, SYSTEM
from server.domain.board.commands import COMMANDS
from server.domain.board.policy import ALLOWED_ROLES, WORKSPACE_ROLES
from server.models import WORKSHOP, WORKSPACE
from tests.conftest import Evening, new_op
from tests.fuzz.arguments import (
    CLEAN_VALUES,
    COMMAND_FIELDS,
    FIELD_VALUES,
    Pool,
    command_args,
    deep_values,
    json_values,
    junk,
    numbers,
    resolve,
    texts,
)
from tests.fuzz.boards import (
    Sender,
    exported,
    handed_over_workspace,
    ok,
    pool_of,
    seeded_evening,
    workspace_pool,
)
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.invariants import (
    TracebackCatcher,
    assert_ballots_within_budget,
    assert_log_contiguous,
    assert_well_formed_ack,
    board_now,
    state_of,
)

NAMES = sorted(COMMANDS)
# names that are no command, about one draw in ten
NOT_COMMANDS = ("", "ADD_CARD", "add_card ", "__class__", "card_added", "\u202eadd_card",
                "x" * 200, None, 7, ["add_card"])


def names_for(roles: dict) -> st.SearchStrategy:
    """Every command and some names that are none; the board's own commands (those its
    policy lets anyone send) twice as often as the other board's."""
    own = sorted(roles)
    return st.one_of(st.sampled_from(own), st.sampled_from(own),
                     st.sampled_from((*NAMES, *NOT_COMMANDS)))


def test_every_command_has_a_fuzz_schema():
    """A new command, or a new argument, fails here until arguments.py says what its
    values look like: from then on it is fuzzed like the others."""
    assert set(COMMAND_FIELDS) == set(COMMANDS), (
        f"not fuzzed: {sorted(set(COMMANDS) - set(COMMAND_FIELDS))}; "
        f"gone: {sorted(set(COMMAND_FIELDS) - set(COMMANDS))}")
    for name, cls in COMMANDS.items():
        assert COMMAND_FIELDS[name] == tuple(f.name for f in dataclasses.fields(cls)), name
        for arg in COMMAND_FIELDS[name]:
            assert arg in FIELD_VALUES and arg in CLEAN_VALUES, f"{name}: no values for {arg!r}"
    # every command runs on a kind of board, so one of the two fuzz tests reaches its rule
    assert set(COMMANDS) == set(ALLOWED_ROLES) | set(WORKSPACE_ROLES)


def _shown(payload: object) -> str:
    text = json.dumps(payload, ensure_ascii=True, default=repr)
    return text if len(text) < 1500 else text[:1500] + f"… ({len(text)} characters)"


class BoardFuzz:
    """One board under fuzz, its senders, and the boards that must not move meanwhile.

    The board is read once per example, after the command: what it was before is what
    the previous example read (nothing else writes to it), and `pool_of` turns it into
    the pool the next command's `Ref`s are resolved against."""

    def __init__(self, app, board_id: int, kind: str, pool_of: Callable[[object], Pool],
                 senders: list[Sender], roles: dict, untouched: list[int],
                 watchers: list[Sender]):
        self.app, self.board_id, self.kind, self.pool_of = app, board_id, kind, pool_of
        self.senders, self.roles = senders, roles
        self.service = app.extensions["weefwerk.service"]
        self.now = board_now(self.service, board_id)
        self.state = state_of(kind, self.now[1])
        self.untouched = {b: board_now(self.service, b) for b in untouched}
        self.watchers = watchers  # sockets on the untouched boards: they get no event
        for screen in senders + watchers:
            screen.drain()  # what the set-up sent
        self.accepted: dict[str, tuple[dict, dict]] = {}  # sender -> (payload, its ack)
        self.outcomes: Counter[tuple[str, str]] = Counter()  # (name, "ok" or refusal code)

    def run(self, data) -> None:
        name = data.draw(names_for(self.roles), label="name")
        allowed = self.roles.get(name, frozenset()) if isinstance(name, str) else frozenset()
        right = [s for s in self.senders if s.role in allowed]
        wrong = [s for s in self.senders if s.role not in allowed]
        use_right = bool(right) and data.draw(st.sampled_from((True, True, True, False)),
                                              label="the right sender?")
        sender = data.draw(st.sampled_from(right if use_right else wrong), label="sender")
        args = data.draw(command_args(name if isinstance(name, str) else ""), label="args")
        op_id = data.draw(st.sampled_from(("new",) * 18 + ("junk", "resend")), label="op_id")
        resend = op_id == "resend" and sender.name in self.accepted
        if resend:  # the same command again: its first answer, nothing changed
            payload, first = self.accepted[sender.name]
        else:
            junk_id = data.draw(junk | texts, label="junk op_id") if op_id == "junk" else None
            payload = {"op_id": new_op() if op_id != "junk" else junk_id, "name": name,
                       "args": resolve(args, self.pool_of(self.state))}
        what = f"{name} by {sender.name}: {_shown(payload)}"
        before = self.now
        ack = sender.send(self.app, payload)

        assert_well_formed_ack(ack, what, json.dumps(payload, default=repr))
        after = self.now = board_now(self.service, self.board_id)
        received = {s.name: s.drain() for s in self.senders}
        if resend:
            assert ack == first, f"{what}: a resent op_id got another answer: {ack}"
        if ack["ok"] and not resend:
            assert sender.role in allowed, f"{what}: a wrong sender was obeyed: {ack}"
            assert ack["version"] == after[0], f"{what}: ack {ack} at {after[0]}"
            seen = [e["version"] for e in received[self._staff().name]]
            assert seen == list(range(before[0] + 1, after[0] + 1)), (
                f"{what}: versions {before[0]}→{after[0]} but the staff got {seen}")
            self.accepted[sender.name] = (payload, ack)
        else:
            assert after == before, f"{what}: refused ({ack}) yet the board changed"
            assert not any(received.values()), f"{what}: refused ({ack}) yet events went out"
        sent = str(payload.get("name"))[:20]  # a resend sends the earlier command's name
        self.outcomes[(sent, "ok" if ack["ok"] else ack["error"]["code"])] += 1
        if after != before:
            self.state = state_of(self.kind, after[1])
        assert_log_contiguous(self.service, self.board_id, after[0], what)
        if hasattr(self.state, "votes"):
            assert_ballots_within_budget(self.state, what)
        for board_id, then in self.untouched.items():
            assert board_now(self.service, board_id) == then, f"{what}: board {board_id} moved"
        for watcher in self.watchers:
            assert watcher.drain() == [], f"{what}: an event reached {watcher.name}"

    def summary(self) -> str:
        """What the fuzz reached, for `pytest -s`: answers by code, commands that went
        through."""
        codes: Counter[str] = Counter()
        for (_name, outcome), count in self.outcomes.items():
            codes[outcome] += count
        return (f"{sum(codes.values())} commands, {dict(codes.most_common())}; accepted: "
                f"{sorted(self.accepted_commands())}")

    def accepted_commands(self) -> set[str]:
        return {name for (name, outcome) in self.outcomes if outcome == "ok"}

    def _staff(self) -> Sender:
        return next(s for s in self.senders if s.role == FACILITATOR)


def other_evening(app) -> tuple[Evening, list[str], Sender]:
    """A second evening, with a card, a cluster and a parked item of its own: its ids are
    the 'other evening's ids' the fuzz sends, and it must never change."""
    other = Evening(app, login="bram")
    console, phone = other.console(), other.phone()
    ok(console.command("open_input"))
    card = ok(phone.command("add_card", {"text": "Elders"}))["result"]["card_id"]
    cluster = ok(console.command("create_cluster", {"card_ids": [card]}))["result"]
    parked = ok(phone.command("park_item", {"text": "Elders?"}))["result"]["parked_id"]
    return other, [card, cluster["cluster_id"], parked, "r1", "p1", "a1"], \
        Sender("the other evening's console", FACILITATOR, console)


def test_every_evening_command_from_every_sender_is_answered_and_breaks_nothing(fuzz_app):
    app = fuzz_app
    evening = Evening(app)
    screens = seeded_evening(evening)
    other, foreign, other_console = other_evening(app)
    senders = [Sender("console", FACILITATOR, screens["console"]),
               Sender("phone", PARTICIPANT, screens["phone"]),
               Sender("English phone", PARTICIPANT, screens["english"], lang="en"),
               Sender("projector", PROJECTOR, screens["projector"]),
               Sender("server", SYSTEM, None, evening.board_id)]
    service = app.extensions["weefwerk.service"]
    slug, formats = service.load(evening.board_id)[2].slug, app.extensions["weefwerk.formats"]
    fuzz = BoardFuzz(app, evening.board_id, WORKSHOP,
                     lambda state: pool_of(state, slug, formats, foreign),
                     senders, ALLOWED_ROLES, [other.board_id], [other_console])

    with TracebackCatcher() as log:
        @fuzz_settings(260)
        @given(data=st.data())
        def one_command(data):
            fuzz.run(data)

        one_command()

    print(fuzz.summary())
    assert not log.caught, log.report()
    # the fuzz reached the rules, not only the parser and the policy
    assert len(fuzz.accepted_commands()) >= 10, fuzz.outcomes


def test_every_workspace_command_from_every_sender_is_answered_and_breaks_nothing(fuzz_app):
    app = fuzz_app
    evening = Evening(app)
    screens = seeded_evening(evening)
    other, foreign, other_console = other_evening(app)
    place = handed_over_workspace(app, evening, screens)
    senders = [Sender("coordinator", MEMBER, place["coordinator"]),
               Sender("member", MEMBER, place["member"]),
               Sender("facilitator", FACILITATOR, place["facilitator"]),
               Sender("council screen", PROJECTOR, place["screen"]),
               Sender("server", SYSTEM, None, place["board_id"])]
    service = app.extensions["weefwerk.service"]
    handed = state_of(WORKSPACE, board_now(service, place["board_id"])[1])
    documents = [exported(handed, "Bewonersraad Kanaleneiland")]
    evenings = [dict(e) for e in handed.evenings]
    fuzz = BoardFuzz(app, place["board_id"], WORKSPACE,
                     lambda state: workspace_pool(state, foreign, documents, evenings),
                     senders, WORKSPACE_ROLES, [other.board_id, evening.board_id],
                     [other_console])

    with TracebackCatcher() as log:
        @fuzz_settings(200)
        @given(data=st.data())
        def one_command(data):
            fuzz.run(data)

        one_command()

    print(fuzz.summary())
    assert not log.caught, log.report()
    assert len(fuzz.accepted_commands()) >= 5, fuzz.outcomes


EVENT_NAMES = ("command", "command", "command", "resync", "resync", "connect", "disconnect",
               "message", "snapshot", "event", "", "\u202ecommand")


def test_any_packet_on_the_socket_is_answered_and_breaks_nothing(fuzz_app):
    """Whole packets as a broken or hostile client writes them: any event name, any
    number of arguments of any JSON, nested past the depth cap. `command` and `resync`
    are always answered (a refusal, or a resync's events or snapshot); the board moves
    only for an accepted command."""
    app = fuzz_app
    evening = Evening(app)
    console, phone = evening.console(), evening.phone()
    ok(console.command("open_input"))
    service = app.extensions["weefwerk.service"]
    payloads = st.one_of(
        json_values, deep_values,
        st.fixed_dictionaries({"op_id": st.just("new") | junk, "name": names_for(ALLOWED_ROLES),
                               "args": json_values}),
        st.fixed_dictionaries({"since": st.integers(-2, 5) | numbers | junk}))

    with TracebackCatcher() as log:
        @fuzz_settings(120)
        @given(data=st.data())
        def one_packet(data):
            name = data.draw(st.sampled_from(EVENT_NAMES), label="event")
            args = data.draw(st.lists(payloads, min_size=0, max_size=3), label="arguments")
            args = [{**a, "op_id": new_op()} if isinstance(a, dict) and a.get("op_id") == "new"
                    else a for a in args]
            screen = data.draw(st.sampled_from((console, phone)), label="screen")
            before = board_now(service, evening.board_id)
            text = json.dumps([name, *args], allow_nan=True)
            ack = raw_packet(screen, text)

            after = board_now(service, evening.board_id)
            what = f"{_shown([name, *args])} from {'console' if screen is console else 'phone'}"
            if name in ("command", "resync"):
                assert ack is not None, f"{what}: no answer"
            if name == "resync" and ack.get("ok") is True:
                assert set(ack) in ({"ok", "events"}, {"ok", "snapshot"}), f"{what}: {ack}"
            elif name in ("command", "resync"):
                assert_well_formed_ack(ack, what, text)
            if not (name == "command" and ack and ack.get("ok")):
                assert after == before, f"{what}: the board moved"
            assert_log_contiguous(service, evening.board_id, after[0], what)

        one_packet()

    assert not log.caught, log.report()
    assert phone.command("add_card", {"text": "De socket werkt nog"})["ok"]


def raw_packet(screen, json_text: str) -> dict | None:
    """Send an event packet with an ack id exactly as a client would write it; its answer."""
    screen.io.callback_counter += 1
    screen.io.acks = None
    socketio.server._handle_eio_message(screen.io.eio_sid,
                                        f"2{screen.io.callback_counter}{json_text}")
    ack, screen.io.acks = screen.io.acks, None
    return ack["args"][0] if ack and ack.get("args") else None
