"""Presence over several processes, in a real Redis (server/realtime/presence.py).

Each `SharedPresence` here stands for one server process. Their clock is the test's, so
"fifteen seconds later" needs no waiting: entries run out by the clock the processes
write and read them with.
"""
from __future__ import annotations

import os
import uuid

import pytest

from server.domain.board.actors import PARTICIPANT, PROJECTOR, Actor
from server.realtime.presence import ENTRY_SECONDS, Presence, SharedPresence
from tests.realtime.real_server import free_port

pytestmark = pytest.mark.redis
BOARD = 7


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def processes():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set: shared presence lives in Redis")
    prefix = "presence-test-" + uuid.uuid4().hex[:8]  # keys of this test only
    clock = Clock()
    return clock, SharedPresence(url, prefix, clock), SharedPresence(url, prefix, clock)


def test_a_resident_on_two_processes_counts_once(processes):
    _, a, b = processes
    a.mark(BOARD, "p1", True)
    b.mark(BOARD, "p1", True)
    b.mark(BOARD, "p2", True)
    assert a.count(BOARD) == b.count(BOARD) == 2
    a.mark(BOARD, "p1", False)  # still on b
    assert a.count(BOARD) == 2
    b.mark(BOARD, "p1", False)
    assert a.count(BOARD) == 1
    assert a.count(BOARD + 1) == 0


def test_a_process_that_stops_renewing_drops_out_of_the_count(processes):
    clock, a, b = processes
    a.renew({BOARD: {"p1", "p2"}})
    b.renew({BOARD: {"p3"}})
    assert b.count(BOARD) == 3
    clock.now += ENTRY_SECONDS - 1  # a beat of b; a has crashed and beats no more
    b.renew({BOARD: {"p3"}})
    assert b.count(BOARD) == 3  # not yet run out
    clock.now += 2
    assert b.count(BOARD) == 1
    b.renew({BOARD: {"p3"}})  # and the run-out entries are cleared away
    assert b._redis.zcard(b._key(BOARD)) == 1


def test_a_renewal_writes_back_what_a_restarted_redis_lost(processes):
    _, a, b = processes
    a.renew({BOARD: {"p1"}})
    a._redis.delete(a._key(BOARD))  # what a restart without persistence leaves
    assert b.count(BOARD) == 0
    a.renew({BOARD: {"p1"}})
    assert b.count(BOARD) == 1


def test_without_redis_a_process_counts_its_own_residents(app):  # app: its Socket.IO sends
    presence = Presence()
    presence.share_through(SharedPresence(f"redis://127.0.0.1:{free_port()}/0", "gone"))
    presence.joined("s1", Actor(PARTICIPANT, BOARD, participant_id="p1"))
    presence.joined("s2", Actor(PARTICIPANT, BOARD, participant_id="p1"))
    presence.joined("s3", Actor(PROJECTOR, BOARD))
    assert presence.count(BOARD) == 1
    presence.beat()  # renewing fails quietly; the next beat tries again
    presence.left("s1")
    assert presence.count(BOARD) == 1
    presence.left("s2")
    assert presence.count(BOARD) == 0
    assert presence.boards_here() == [BOARD]  # the projector is still here
