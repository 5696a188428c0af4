"""The tests' own databases (tests/databases.py): on either engine every test starts on an
empty database whose ids start at 1, and two directories of one test are two databases."""
from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, inspect, select, table

from server.models import User
from tests.conftest import Evening, hasher, make_app
from tests.databases import ON_POSTGRESQL, postgres, referring_first


def row_counts(app) -> dict[str, int]:
    engine = app.extensions["weefwerk.engine"]
    names = [n for n in inspect(engine).get_table_names() if n != "alembic_version"]
    with engine.connect() as conn:
        return {n: conn.execute(select(func.count()).select_from(table(n))).scalar_one()
                for n in names}


@pytest.mark.parametrize("turn", ["first", "second"])
def test_each_test_starts_empty_with_ids_from_one(app, turn):
    """Twice, so that the second turn starts where the first one wrote rows."""
    counts = row_counts(app)
    assert counts and set(counts.values()) == {0}, counts
    evening = Evening(app)
    assert (evening.user_id, evening.board_id) == (1, 1)
    assert evening.phone().command("add_card", {"text": turn}) is not None


def test_two_directories_of_one_test_are_two_databases(tmp_path):
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    here, there = make_app(tmp_path / "here"), make_app(tmp_path / "there")
    assert here.config["DATABASE_URL"] != there.config["DATABASE_URL"]
    with here.extensions["weefwerk.service"].sessions() as db:
        db.add(User(name="Anna", login="anna", password_hash=hasher.hash("x" * 12)))
        db.commit()
    assert row_counts(here)["users"] == 1 and row_counts(there)["users"] == 0
    again = make_app(tmp_path / "here")  # the same directory: the same database, kept
    assert row_counts(again)["users"] == 1


def test_tables_are_emptied_before_the_tables_they_refer_to():
    refers = [("board_events", "boards"), ("boards", "users"), ("boards", "boards"),
              ("members", "users")]
    order = referring_first({"users", "boards", "board_events", "members"}, refers)
    assert order.index("board_events") < order.index("boards") < order.index("users")
    assert order.index("members") < order.index("users")
    with pytest.raises(AssertionError, match="circle"):
        referring_first({"a", "b"}, [("a", "b"), ("b", "a")])


@pytest.mark.skipif(not ON_POSTGRESQL, reason="PostgreSQL only: about making its databases")
def test_a_database_new_to_the_server_is_made_and_migrated_before_its_first_test(tmp_path):
    """As on a fresh CI machine, where none of the run's databases exist yet."""
    databases = postgres()
    suffix = f"_new_{uuid.uuid4().hex[:8]}"
    url = databases.dedicated(suffix)
    try:
        app = make_app(tmp_path, DATABASE_URL=url, MIGRATE_ON_START=False)
        assert set(row_counts(app).values()) == {0}
        assert Evening(app).board_id == 1
    finally:
        databases.end_test()
        databases.drop(suffix)
