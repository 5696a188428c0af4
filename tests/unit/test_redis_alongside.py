"""`make test`'s SQLite run takes the next Redis database (tests/redis_alongside.py)."""
from __future__ import annotations

import pytest

from tests.redis_alongside import alongside


@pytest.mark.parametrize(("given", "expected"), [
    ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
    ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
    ("redis://redis:6379/15", "redis://redis:6379/0"),
    ("redis://redis:6379/3?health_check_interval=2", "redis://redis:6379/4?health_check_interval=2"),
    ("", ""),
])
def test_the_sqlite_run_takes_the_next_database(given, expected):
    assert alongside(given) == expected
