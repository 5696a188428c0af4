"""Redis restarts in the middle of an evening served by two processes.

While Redis is away the commands still commit to PostgreSQL (the rate limits count in
memory meanwhile, server/security.py), but their broadcasts to the other process are
lost. Every screen still ends on the database's version and cards: each process tells
its own sockets the board's version every beat, without Redis (server/realtime/beat.py),
and a screen behind it sends `resync`, as static/js/socket.js does. After the restart
python-socketio's listener subscribes again by itself, so events cross between the
processes live once more, and each process writes its residents back into the new,
empty Redis, so presence counts both processes' residents again.

The Redis here is the test's own `redis-server` on a free port, not TEST_REDIS_URL's:
the test stops it.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import redis

from tests.conftest import new_op
from tests.realtime.own_redis import OwnRedis
from tests.realtime.real_server import free_port
from tests.realtime.several_processes import (
    Screen,
    console_token,
    evening_on_postgres,
    needs_postgres_and_redis,
    phone,
    projector_token,
    start_servers,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_every_screen_converges_after_redis_restarts_mid_evening(tmp_path):
    database, _ = needs_postgres_and_redis()
    if not OwnRedis.installed():
        pytest.skip("redis-server is not installed: the test starts and stops its own")
    own = OwnRedis(free_port())
    own.start()
    secret = "redis-restart-" + new_op()
    evening = evening_on_postgres(tmp_path, database, secret)
    a, b = start_servers(tmp_path, ["a", "b"], secret, database, own.url)
    screens: list[Screen] = []
    try:
        token, cookie = console_token(a.base, evening.board_id)
        console = Screen("console@a", a.base, token, cookie)
        projector = Screen("projector@b", b.base, projector_token(b.base, evening.projector_key))
        phone_a, phone_b = phone("phone@a", a.base, evening.code), phone("phone@b", b.base,
                                                                        evening.code)
        screens = [console, projector, phone_a, phone_b]

        def catch_up() -> None:
            for screen in screens:
                screen.catch_up()

        def all_on(version: int) -> Callable[[], bool]:
            return lambda: all(screen.seen()[0] == version for screen in screens)

        before = phone_a.command("add_card", {"text": "voor de storing"})["version"]
        wait_for("the first card everywhere", all_on(before))
        wait_for("both residents counted", lambda: all(s.participants == 2 for s in screens))

        own.stop()
        # B's screens hear B's own card (a process delivers to its sockets first, then
        # publishes), and nothing after it: without a later event they see no gap
        during = [phone_b.command("add_card", {"text": "tijdens de storing (b)"}),
                  console.command("add_data_card", {"text": "cijfers van de gemeente"}),
                  phone_a.command("add_card", {"text": "tijdens de storing (a)"})]
        assert all(ack["ok"] for ack in during), during  # committed without Redis
        newest = during[-1]["version"]
        wait_for("every screen on the database's version while Redis is away",
                 all_on(newest), tick=catch_up)

        own.start()  # on the same port, and empty
        after = [phone_b.command("add_card", {"text": "net na de storing"})]
        newest = after[-1]["version"]
        wait_for("every screen on the database's version", all_on(newest), tick=catch_up)
        late = Screen("late@b", b.base, phone_b.token)
        truth = late.seen()  # a fresh snapshot from the database
        late.close()
        assert truth[0] == newest
        assert len(truth[1]) == 5
        assert all(screen.seen() == truth for screen in screens)

        # live again across the processes: the listeners subscribed once more
        def crossed() -> bool:
            ack = phone_a.command("add_card", {"text": "weer live " + new_op()[:6]})
            deadline = time.time() + 1.5
            while time.time() < deadline:
                if ack["version"] in projector.live and ack["version"] in phone_b.live:
                    return True
                time.sleep(0.05)
            return False

        wait_for("an event from A to reach B's screens live", crossed, seconds=25,
                 tick=catch_up)
        wait_for("both residents counted again, from the new Redis",
                 lambda: all(s.participants == 2 for s in screens), tick=catch_up)
        assert redis.Redis(port=own.port).keys("weefwerk-test-*:presence:*")
    finally:
        for screen in screens:
            screen.close()
        for server in (a, b):
            server.stop()
        own.stop()
