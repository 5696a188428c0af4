"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server.models import Base
from tests.integration.test_service import app_on  # noqa: F401  (the fixture)


def test_migrations_match_the_models(app):
    engine = app.extensions["weefwerk.engine"]
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_starting_twice_on_the_same_database_is_harmless(tmp_path):
    from tests.conftest import make_app

    make_app(tmp_path)
    make_app(tmp_path)



def test_op_ids_per_sender_migrate_down_and_up_again(tmp_path):
    """0006 on the run's engine (SQLite's batch mode, or PostgreSQL): down to the
    per-board constraint keeps one of two senders' equal op_ids, up again."""
    from alembic import command
    from sqlalchemy import text

    from server.migrate import alembic_config
    from server.models import ProcessedCommand
    from tests.conftest import Evening, make_app

    app = make_app(tmp_path)
    evening = Evening(app)
    with app.extensions["weefwerk.service"].sessions() as db:
        for sender in ("participant:p1", "participant:p2"):
            db.add(ProcessedCommand(board_id=evening.board_id, sender=sender,
                                    op_id="same-op-id", ack={}))
        db.commit()
    engine = app.extensions["weefwerk.engine"]
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
        assert conn.execute(text("SELECT op_id FROM processed_commands")).all() == [
            ("same-op-id",)]
        command.upgrade(config, "head")
        assert conn.execute(text("SELECT sender FROM processed_commands")).all() == [("",)]


def test_board_items_migrate_down_to_one_document_and_up_again(app_on):  # noqa: F811
    """0007 on the run's engine (SQLite, or PostgreSQL): down, each board's state is its
    whole document again (items in their order) and `board_items` is gone; up, the items
    are rows again and the document reads back the same."""
    import json

    from alembic import command
    from sqlalchemy import inspect, text

    from server.migrate import alembic_config
    from server.models import Board
    from server.store.items import item_count
    from tests.conftest import Evening
    from tests.http.test_plan_page import plan_an_evening

    chain = plan_an_evening(app_on, Evening(app_on))
    service = app_on.extensions["weefwerk.service"]
    with service.sessions() as db:
        before = db.get(Board, chain.evening.board_id).state
    engine = app_on.extensions["weefwerk.engine"]
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        assert "board_items" not in inspect(conn).get_table_names()
        [stored] = conn.execute(text("SELECT state FROM boards WHERE id = :id"),
                                {"id": chain.evening.board_id}).scalars().all()
        whole = stored if isinstance(stored, dict) else json.loads(stored)
        assert whole == before and list(whole["cards"]) == list(before["cards"])
        command.upgrade(config, "head")
    with service.sessions() as db:
        board = db.get(Board, chain.evening.board_id)
        assert board.state == before
        assert list(board.state["plans"]) == list(before["plans"])
        assert board.head["cards"] == {} and board.head["step"] == before["step"]
        items = sum(len(before[name]) for name in ("cards", "clusters", "votes", "results",
                                                   "plans", "actions", "undo", "reviews"))
        assert item_count(db, board.id) == items > 0
