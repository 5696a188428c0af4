"""The password hasher's cost: cheap only when a test's config asks, never by default."""
from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from flask import Flask

from server import passwords
from server.config import from_environment


def test_production_cost_is_the_default_and_the_environment_cannot_lower_it(
        tmp_path, monkeypatch):
    monkeypatch.setenv("PASSWORD_HASHING", passwords.CHEAPEST_FOR_TESTS)
    monkeypatch.setenv("WEEFWERK_PASSWORD_HASHING", passwords.CHEAPEST_FOR_TESTS)
    config = from_environment(tmp_path)
    assert config["PASSWORD_HASHING"] == passwords.PRODUCTION
    default = PasswordHasher()
    for chosen in (passwords.hasher_for(config), passwords.hasher_for(None), passwords.hasher()):
        assert (chosen.time_cost, chosen.memory_cost, chosen.parallelism) == (
            default.time_cost, default.memory_cost, default.parallelism)


def test_the_cheap_hasher_is_real_argon2_and_hashes_verify_across_costs():
    cheap = passwords.hasher_for({"PASSWORD_HASHING": passwords.CHEAPEST_FOR_TESTS})
    assert cheap.memory_cost < PasswordHasher().memory_cost
    made_cheaply = cheap.hash("geheim123")
    assert made_cheaply.startswith("$argon2id$")
    assert passwords.hasher_for(None).verify(made_cheaply, "geheim123")
    with pytest.raises(VerificationError):
        cheap.verify(made_cheaply, "verkeerd1")


def test_an_app_hashes_with_its_own_configured_hasher():
    app = Flask(__name__)
    configured = passwords.hasher_for({"PASSWORD_HASHING": passwords.CHEAPEST_FOR_TESTS})
    app.extensions[passwords.EXTENSION] = configured
    with app.app_context():
        assert passwords.hasher() is configured


def test_an_unknown_cost_is_refused_at_start():
    with pytest.raises(ValueError, match="PASSWORD_HASHING"):
        passwords.hasher_for({"PASSWORD_HASHING": "fast"})
