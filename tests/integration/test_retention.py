"""Raw cards of a handed-over evening go after the group's retention period; the plan stays."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys

from sqlalchemy import select

from server.db import write_transaction
from server.domain.group.retention import due_evenings, redacted_event, redacted_state
from server.models import Board, BoardEvent, Participant, ResidentGroup
from server.store.retention import apply_retention
from tests.conftest import Evening, csrf_from
from tests.databases import database_url
from tests.http.test_group_access import facilitator_client
from tests.realtime.test_workspace import handed  # noqa: F401  (fixture)

DAY = datetime.timedelta(days=1)


def run(app, now):
    with write_transaction(app.extensions["weefwerk.service"].sessions) as db:
        return apply_retention(db, now)


def evening_rows(app, board_id):
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, board_id)
        events = [(e.name, e.data) for e in db.scalars(
            select(BoardEvent).where(BoardEvent.board_id == board_id))]
        names = [p.display_name for p in db.scalars(
            select(Participant).where(Participant.board_id == board_id))]
        workspace = db.scalar(select(Board).where(Board.group_id == board.group_id,
                                                  Board.kind == "workspace"))
        return board.state, events, names, workspace.state


def test_raw_cards_go_after_the_retention_period_and_the_plan_stays(app, handed):  # noqa: F811
    board_id, now = handed["evening"].board_id, datetime.datetime.now(datetime.UTC)
    state, events, names, plan = evening_rows(app, board_id)
    assert state["cards"] and "Fatima" in names
    assert "Koffie op dinsdag" in json.dumps(events)

    assert run(app, now + 89 * DAY) == 0
    assert evening_rows(app, board_id) == (state, events, names, plan)

    assert run(app, now + 91 * DAY) == 1
    after, logged, names_after, plan_after = evening_rows(app, board_id)
    assert after["cards"] == {} and after["results"] == state["results"]
    assert after["plans"] == state["plans"] and after["actions"] == state["actions"]
    text = json.dumps(logged)
    for secret in ("Koffie op dinsdag", "Niemand kent elkaar", "Geheim kaartje",
                   '"author_name": "Fatima"'):
        assert secret not in text
    assert '"author_name": "Fatima"' in json.dumps(events)
    assert all(d["card"]["redacted"] for n, d in logged if n == "card_added")
    assert set(names_after) == {None}
    assert plan_after == plan  # the group's plan keeps its card texts
    assert run(app, now + 92 * DAY) == 0  # nothing left to remove

    report = facilitator_client(app, handed["evening"].user_id).get(
        f"/console/w/{board_id}/report")
    assert report.status_code == 200


def test_zero_days_keeps_the_cards(app, handed):  # noqa: F811
    with app.extensions["weefwerk.service"].sessions() as db:
        db.get(ResidentGroup, handed["gid"]).retention_days = 0
        db.commit()
    assert run(app, datetime.datetime.now(datetime.UTC) + 4000 * DAY) == 0


def test_a_coordinator_sets_the_period_and_a_member_may_not(app, handed):  # noqa: F811
    gid = handed["gid"]

    def post(who, days):
        html = handed[who].get(f"/g/{gid}").get_data(as_text=True)
        return handed[who].post(f"/g/{gid}/retention",
                                data={"days": days, "csrf_token": csrf_from(html)})

    assert post("henk", "10").status_code == 403
    assert post("fatima", "-1").status_code == 400
    assert post("fatima", "30").status_code == 302
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(ResidentGroup, gid).retention_days == 30


def test_the_rules_on_their_own():
    evenings = [{"board_id": 1, "taken_over_at": 0},
                {"board_id": 2, "taken_over_at": 10 * 86_400_000}]
    assert due_evenings(evenings, 5, 9 * 86_400_000) == [1]
    assert due_evenings(evenings, 0, 10**15) == []
    state = {"cards": {"c1": {"text": "x"}}, "votes": {"1": {"ballots": {"p1": {"k2": 3}},
                                                            "open": False}}, "undo": {"1": [1]}}
    assert redacted_state(state) == {"cards": {}, "undo": {},
                                     "votes": {"1": {"ballots": {}, "open": False}}}
    edited = redacted_event("card_edited", {"card_id": "c1", "text": "geheim", "hidden": False})
    assert edited == {"card_id": "c1", "text": "", "hidden": False, "redacted": True}
    assert redacted_event("card_edited", edited) is None
    assert redacted_event("step_changed", {"step": 2}) is None


def test_the_command_line_entry_needs_no_flask_app(tmp_path):
    env = {"DATABASE_URL": database_url(tmp_path), "PATH": "/usr/bin:/bin",
           "WEEFWERK_SECRET_KEY": "x" * 32}
    from tests.conftest import make_app
    make_app(tmp_path, DATABASE_URL=env["DATABASE_URL"])
    done = subprocess.run([sys.executable, "-m", "server.store.retention"], env=env,
                          capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "retention: 0 evening(s) cleaned" in done.stdout


def test_an_evening_never_handed_over_is_cleaned_once_it_has_not_changed_for_the_period(app):
    evening = Evening(app)
    phone, console = evening.phone(name="Henk"), evening.console()
    assert console.command("open_input")["ok"]
    assert phone.command("add_card", {"text": "Nooit overgedragen"})["ok"]
    now = datetime.datetime.now(datetime.UTC)
    assert run(app, now + 89 * DAY) == 0
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.get(Board, evening.board_id).state["cards"]

    assert run(app, now + 91 * DAY) == 1
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.get(Board, evening.board_id)
        assert board.state["cards"] == {}
        names = {p.display_name for p in db.scalars(
            select(Participant).where(Participant.board_id == board.id))}
        logged = json.dumps([e.data for e in db.scalars(
            select(BoardEvent).where(BoardEvent.board_id == board.id))])
    assert names == {None} and "Nooit overgedragen" not in logged
    assert run(app, now + 92 * DAY) == 0


def test_an_evening_still_in_use_is_kept(app):
    """The period counts from the evening's last change, not from when it was made."""
    evening = Evening(app)
    console = evening.console()
    assert console.command("open_input")["ok"]
    assert evening.phone().command("add_card", {"text": "Nog bezig"})["ok"]
    with write_transaction(app.extensions["weefwerk.service"].sessions) as db:
        board = db.get(Board, evening.board_id)
        board.created_at = board.created_at - 200 * DAY  # made long ago, changed today
    assert run(app, datetime.datetime.now(datetime.UTC) + 30 * DAY) == 0
