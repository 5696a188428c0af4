"""What a message queue changes in the settings, and rate limits while Redis is away
(docs/deploy.md, "Several processes")."""
from __future__ import annotations

import pytest

from server.config import from_environment
from server.security import RateLimits
from tests.realtime.real_server import free_port

RATES = {"COMMAND_RATE": "2/minute", "STAFF_COMMAND_RATE": "2/minute", "JOIN_RATE": "2/minute",
         "JOIN_ADDRESS_RATE": "2/minute", "JOIN_ALL_RATE": "2/minute", "LOGIN_RATE": "2/minute"}


@pytest.fixture
def environment(monkeypatch):
    for name in ("SOCKETIO_MESSAGE_QUEUE", "RATELIMIT_STORAGE_URL", "WEEFWERK_QUEUE_CHANNEL"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_one_process_counts_in_memory(environment, tmp_path):
    config = from_environment(tmp_path)
    assert config["SOCKETIO_MESSAGE_QUEUE"] is None
    assert config["RATELIMIT_STORAGE_URL"] == "memory://"


def test_with_a_redis_queue_the_counters_default_to_that_redis(environment, tmp_path):
    environment.setenv("SOCKETIO_MESSAGE_QUEUE", "redis://queue.example:6379/2")
    config = from_environment(tmp_path)
    assert config["RATELIMIT_STORAGE_URL"] == "redis://queue.example:6379/2"
    assert config["QUEUE_CHANNEL"] == "weefwerk"
    environment.setenv("RATELIMIT_STORAGE_URL", "redis://limits.example/0")  # its own
    assert from_environment(tmp_path)["RATELIMIT_STORAGE_URL"] == "redis://limits.example/0"


def test_a_queue_that_is_not_redis_leaves_the_counters_in_memory(environment, tmp_path):
    environment.setenv("SOCKETIO_MESSAGE_QUEUE", "amqp://rabbit.example//")
    assert from_environment(tmp_path)["RATELIMIT_STORAGE_URL"] == "memory://"


def test_while_redis_is_away_the_limits_still_count_in_memory():
    """A command must still commit while Redis restarts, and a flood must still stop."""
    limits = RateLimits.from_config({"RATELIMIT_STORAGE_URL":
                                     f"redis://127.0.0.1:{free_port()}/0", **RATES})
    assert [limits.hit("command", "phone") for _ in range(3)] == [True, True, False]
    assert not limits.allows("command", "phone")
    assert limits.allows("command", "another phone")
