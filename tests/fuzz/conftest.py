"""The fuzz tests' app and hypothesis settings (docs/testing.md, "Bad input, fuzzed").

The settings are fixed so a CI run is reproducible: `derandomize` draws the same examples
on every run (hypothesis prints how to reproduce a failure), `deadline` is off (a shared
two-core machine has slow moments that are no bug), no example database is written, and
shrinking is left out: the boards change from one example to the next, so a failure is
reported as it happened, with the command, its sender and its arguments in the message.

Two environment variables widen a local run: `WEEFWERK_FUZZ_SCALE=10` draws ten times
the examples, `WEEFWERK_FUZZ_RANDOM=1` draws new ones on every run.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.conftest import copy_database, make_app
from tests.databases import ON_POSTGRESQL

SCALE = float(os.environ.get("WEEFWERK_FUZZ_SCALE", "1"))
RANDOM = os.environ.get("WEEFWERK_FUZZ_RANDOM") == "1"


def fuzz_settings(examples: int) -> settings:
    """Hypothesis settings for a fuzz test of `examples` examples (times the scale)."""
    return settings(max_examples=max(1, round(examples * SCALE)), deadline=None,
                    derandomize=not RANDOM, database=None,
                    phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much,
                                           HealthCheck.large_base_example))


@pytest.fixture
def fuzz_app(request, tmp_path):
    """The test app with the per-sender command rates out of the way: the fuzz sends
    hundreds of commands a minute from one phone, and `rate_limited` would only hide
    what the rules answer (the limit itself is tested in tests/realtime)."""
    if not ON_POSTGRESQL:
        copy_database(request.getfixturevalue("migrated_database"), tmp_path / "test.db")
    return make_app(tmp_path, MIGRATE_ON_START=False, COMMAND_RATE="1000000/minute",
                    STAFF_COMMAND_RATE="1000000/minute")
