"""One world for the whole authorization matrix (`world.py`), built once: the page
matrix and the command matrix ask it in turn, and neither changes who may do what."""
from __future__ import annotations

import pytest

from .world import build_world, close_world, module_app


@pytest.fixture(scope="package")
def world(tmp_path_factory, migrated_database):
    built = build_world(module_app(tmp_path_factory, migrated_database, "authz"))
    yield built
    close_world(built)
