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
