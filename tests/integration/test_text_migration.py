"""Migration 0005 cleans text stored before the edge checked it: boards' state, their event
logs and name columns, on SQLite and PostgreSQL, and running it twice changes nothing."""
from __future__ import annotations

from alembic import command
from sqlalchemy import event, select

from server.migrate import alembic_config, upgrade
from server.models import Board, BoardEvent, Participant
from tests.conftest import Evening
from tests.http.test_plan_page import client_of, plan_an_evening
from tests.integration.test_service import app_on  # noqa: F401  (the two databases)

BROKEN = "Koffie\x00 op\x1b de hoek\u0085 en Cafe\u0301"
REPAIRED = "Koffie op de hoek en Caf\u00e9"


def back_to_0003(engine) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")


def up_to(engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def break_the_stored_text(app, chain) -> None:
    """Write what a phone could send before 0005, straight into the tables."""
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, chain.evening.board_id)
        state = dict(board.state)
        plans = dict(state["plans"])
        plan = dict(plans[chain.plan])
        plan["fields"] = {**plan["fields"], "owner": {"value": BROKEN, "v": 9}}
        plans[chain.plan] = plan
        state["plans"] = plans
        actions = dict(state["actions"])
        action = dict(actions[chain.actions[0]])
        action["fields"] = {**action["fields"], "what": {"value": BROKEN, "v": 9}}
        actions[chain.actions[0]] = action
        state["actions"] = actions
        board.state = state
        board.title = "Avond\x1b in de wijk"  # PostgreSQL stores no NUL outside JSON
        logged = db.scalars(select(BoardEvent).where(
            BoardEvent.board_id == board.id).order_by(BoardEvent.version.desc())).first()
        logged.data = {**logged.data, "note": [BROKEN, {"deeper": BROKEN}]}
        db.add(Participant(id="p-broken", board_id=board.id, display_name="Ans\x07"))
        db.commit()


def test_the_migration_cleans_stored_text_and_is_idempotent(app_on):  # noqa: F811
    chain = plan_an_evening(app_on, Evening(app_on))
    break_the_stored_text(app_on, chain)
    engine = app_on.extensions["weefwerk.engine"]

    back_to_0003(engine)
    upgrade(engine)

    with app_on.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, chain.evening.board_id)
        assert board.state["plans"][chain.plan]["fields"]["owner"]["value"] == REPAIRED
        assert board.state["actions"][chain.actions[0]]["fields"]["what"]["value"] == REPAIRED
        assert board.title == "Avond in de wijk"
        logged = db.scalars(select(BoardEvent).where(
            BoardEvent.board_id == board.id).order_by(BoardEvent.version.desc())).first()
        assert logged.data["note"] == [REPAIRED, {"deeper": REPAIRED}]
        assert db.get(Participant, "p-broken").display_name == "Ans"
    page = client_of(app_on, chain.evening).get(
        f"/console/w/{chain.evening.board_id}/plans/{chain.plan}")
    assert page.status_code == 200 and REPAIRED in page.get_data(as_text=True)

    back_to_0003(engine)
    writes = []

    def listen(_conn, _cursor, statement, *_rest):
        if statement.lstrip().upper().startswith("UPDATE") and "alembic_version" not in statement:
            writes.append(statement)

    event.listen(engine, "before_cursor_execute", listen)
    try:
        up_to(engine, "0005")  # again: nothing left to change, so nothing is written
    finally:
        event.remove(engine, "before_cursor_execute", listen)
    assert writes == []
    upgrade(engine)


def test_a_lone_surrogate_stored_on_sqlite_becomes_a_replacement_character(app):
    chain = plan_an_evening(app, Evening(app))
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, chain.evening.board_id)
        state = dict(board.state)
        state["cards"] = {**state["cards"], "c1": {**state["cards"]["c1"], "text": "x\ud800"}}
        board.state = state
        db.commit()
    engine = app.extensions["weefwerk.engine"]

    back_to_0003(engine)
    upgrade(engine)

    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(Board, chain.evening.board_id).state["cards"]["c1"]["text"] == "x\ufffd"
