"""The hand-over on real databases: two boards change in one transaction, a double click
from two requests at once hands over once, and a refused half leaves both boards as they
were. Runs on the run's engine: SQLite, and PostgreSQL on `make test`'s second run."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor
from server.domain.board.errors import DomainError
from server.handover import hand_over, take_back
from server.models import Board, BoardEvent
from tests.conftest import Evening, new_op
from tests.integration.test_service import app_on  # noqa: F401  (the fixture)


def ready_evening(app) -> tuple[Evening, object]:
    """On the last step with one plan for a challenge the room chose."""
    evening = Evening(app)
    service = app.extensions["weefwerk.service"]
    facilitator = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)

    def f(command, /, **args):
        return service.handle(evening.board_id, new_op(), command, args,
                              facilitator)["result"]

    f("go_to_step", step=1)
    f("open_input")
    card = service.handle(evening.board_id, new_op(), "add_card", {"text": "Eenzaamheid"},
                          Actor(PARTICIPANT, evening.board_id, participant_id="p1"))
    cluster = f("create_cluster", card_ids=[card["result"]["card_id"]], name="Eenzaamheid")
    f("promote_clusters", cluster_ids=[cluster["cluster_id"]])
    f("go_to_step", step=5)
    with service.sessions() as db:
        [challenge] = db.get(Board, evening.board_id).state["results"]
    f("create_plan", source_id=challenge)
    return evening, service


def versions(service, kind: str) -> list[int]:
    with service.sessions() as db:
        return sorted(db.scalars(select(Board.version).where(Board.kind == kind)).all())


def test_a_double_click_from_two_requests_at_once_hands_over_once(app_on):  # noqa: F811
    evening, service = ready_evening(app_on)
    seen = versions(service, "workshop")[0]
    answers, errors = [], []

    def click() -> None:
        try:
            answers.append(hand_over(service, evening.board_id, "Anna", seen))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(answers) == 4 and all(a == answers[0] for a in answers)
    assert versions(service, "workspace") == [1]  # one workspace, one take-over
    assert versions(service, "workshop") == [seen + 1]  # closed once
    with service.sessions() as db:
        names = db.scalars(select(BoardEvent.name).where(
            BoardEvent.board_id == evening.board_id, BoardEvent.version > seen)).all()
    assert names == ["evening_closed"]


def test_a_refused_hand_over_changes_neither_board(app_on):  # noqa: F811
    evening, service = ready_evening(app_on)
    seen = versions(service, "workshop")[0]
    with pytest.raises(DomainError) as refused:
        hand_over(service, evening.board_id, "Anna", seen - 1)  # counts of an older page
    assert refused.value.code == "confirmation_outdated"
    assert versions(service, "workspace") == [] and versions(service, "workshop") == [seen]


def test_taking_back_and_handing_over_again_keeps_the_plan_once(app_on):  # noqa: F811
    evening, service = ready_evening(app_on)
    hand_over(service, evening.board_id, "Anna", versions(service, "workshop")[0])
    take_back(service, evening.board_id, "Anna", versions(service, "workshop")[0])
    hand_over(service, evening.board_id, "Anna", versions(service, "workshop")[0])
    with service.sessions() as db:
        space = db.scalar(select(Board).where(Board.kind == "workspace"))
        assert len(space.state["plans"]) == 1 and len(space.state["evenings"]) == 1
        assert space.version == 3
