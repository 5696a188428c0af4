"""The one password hasher: argon2 for facilitators' passwords and members' passcodes.

Its cost comes from the app's configuration (`PASSWORD_HASHING`), so that the test suite
can hash with argon2's cheapest parameters: real argon2, still verifying, but thousands of
times faster than the production parameters, which otherwise take half of the
tests' time. The key is not read from the environment (`config.py`), so a server started
by `serve.py` always hashes at production cost; see docs/deploy.md.

A hash records its own parameters, so either hasher verifies a hash the other made.
"""
from __future__ import annotations

from argon2 import PasswordHasher, profiles
from flask import current_app, has_app_context

PRODUCTION = "production"
CHEAPEST_FOR_TESTS = "cheapest-for-tests"

_PROFILES = {
    PRODUCTION: profiles.RFC_9106_LOW_MEMORY,  # argon2-cffi's default parameters
    CHEAPEST_FOR_TESTS: profiles.CHEAPEST,
}
_PRODUCTION_HASHER = PasswordHasher.from_parameters(_PROFILES[PRODUCTION])
EXTENSION = "weefwerk.passwords"


def hasher_for(config: dict | None) -> PasswordHasher:
    """The hasher a configuration asks for; production cost unless it says otherwise."""
    name = (config or {}).get("PASSWORD_HASHING", PRODUCTION)
    if name not in _PROFILES:
        raise ValueError(f"PASSWORD_HASHING must be one of {sorted(_PROFILES)}, not {name!r}")
    if name == PRODUCTION:
        return _PRODUCTION_HASHER
    return PasswordHasher.from_parameters(_PROFILES[name])


def hasher() -> PasswordHasher:
    """The running app's hasher (set up by `create_app`). Outside an app, e.g. a store
    function called from a script, it is the production one: never cheap by accident."""
    if has_app_context():
        found = current_app.extensions.get(EXTENSION)
        if isinstance(found, PasswordHasher):
            return found
    return _PRODUCTION_HASHER
