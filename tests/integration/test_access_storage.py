"""The group's keys and the evening's grant, on SQLite and on PostgreSQL: a coordinator
link accepted twice at once makes one coordinator; a grant taken back stops the owner's
next command; an ended sign-in stays ended."""
from __future__ import annotations

from datetime import timedelta

import pytest

from server.domain.board.actors import FACILITATOR, Actor
from server.domain.board.errors import DomainError
from server.models import Board, Member
from server.store import sign_ins
from server.store.groups import accept_invite, create_invite, grant, usable_invite
from tests.conftest import Evening, new_op
from tests.integration.test_service import app_on  # noqa: F401  (fixture)

MONTH = timedelta(days=30)


def test_one_coordinator_link_accepted_twice_at_once_makes_one_coordinator(app_on):
    sessions = app_on.extensions["weefwerk.service"].sessions
    evening = Evening(app_on)
    with sessions() as db:
        group_id = db.get(Board, evening.board_id).group_id
        _invite, secret = create_invite(db, group_id, "coordinator")
        db.commit()
    with sessions() as first, sessions() as second:
        mine, theirs = usable_invite(first, secret), usable_invite(second, secret)
        second.commit()  # both requests have checked the link before either accepts
        accept_invite(first, mine, "Fatima", "geheim123")
        first.commit()
        with pytest.raises(DomainError) as refused:
            accept_invite(second, theirs, "Karim", "geheim123")
        assert refused.value.code == "invite_used"
        second.rollback()
    with sessions() as db:
        assert [m.display_name for m in db.query(Member)] == ["Fatima"]


def test_the_owners_next_command_after_the_grant_is_taken_back_is_refused(app_on):
    evening = Evening(app_on)
    service = app_on.extensions["weefwerk.service"]
    owner = Actor(FACILITATOR, evening.board_id, user_id=evening.user_id)
    service.handle(evening.board_id, new_op(), "open_input", {}, owner)
    with service.sessions() as db:
        grant(db, db.get(Board, evening.board_id).group_id, evening.user_id, active=False)
        db.commit()
    with pytest.raises(DomainError) as refused:
        service.handle(evening.board_id, new_op(), "close_input", {}, owner)
    assert refused.value.code == "not_granted"
    with service.sessions() as db:
        assert db.get(Board, evening.board_id).state["input_open"] is True


def test_an_ended_sign_in_does_not_come_back(app_on):
    sessions = app_on.extensions["weefwerk.service"].sessions
    cookie: dict = {"user_id": 1, "lang": "en"}
    with sessions() as db:
        sign_ins.start(db, cookie, MONTH)
        db.commit()
        copy = dict(cookie)
        assert sign_ins.current(db, dict(copy), MONTH) is not None
        sign_ins.end(db, cookie)
        db.commit()
        assert sign_ins.current(db, copy, MONTH) is None
    assert copy == {"lang": "en"}  # the account is gone from it, the language stays
