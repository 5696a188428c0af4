"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.models import Base


def test_migrations_match_the_models(app):
    engine = app.extensions["weefwerk.engine"]
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_starting_twice_on_the_same_database_is_harmless(tmp_path):
    from tests.conftest import make_app

    make_app(tmp_path)
    make_app(tmp_path)
