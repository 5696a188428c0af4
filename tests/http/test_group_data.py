"""A resident group takes its plan elsewhere (JSON export) and deletes everything it owns."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from server.domain.group.export import SCHEMA, VERSION
from server.models import Base, Board, Member, Participant
from tests.conftest import csrf_from
from tests.http.test_group_access import facilitator_client
from tests.realtime.test_workspace import handed, plans_screen  # noqa: F401  (fixture)


def export(client, gid):
    return client.get(f"/g/{gid}/export.json")


def test_the_export_is_the_groups_whole_plan_without_secrets(app, handed):  # noqa: F811
    fatima = plans_screen(app, handed, "fatima")
    [action] = [p["args"][0] for p in fatima.received("snapshot")][0]["state"]["actions"]
    assert fatima.command("add_action_update", {"action_id": action["id"],
                                                "did": "De school gebeld"})["ok"]
    assert fatima.command("add_meaning", {"year": 2027, "text": "Meer buren",
                                          "kind": "trend"})["ok"]
    response = export(handed["henk"], handed["gid"])
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    document = json.loads(body)
    assert (document["schema"], document["version"]) == (SCHEMA, VERSION)
    assert document["group"] == {"name": "Bewonersraad Kanaleneiland"}
    assert document["exported_at"].endswith("Z")
    space = document["workspace"]
    assert sorted(c["text"] for c in space["cards"]) == [
        "Eenzaamheid", "Koffie op dinsdag", "Niemand kent elkaar"]
    assert all(set(c) <= {"id", "text", "origin", "from"} for c in space["cards"])
    [exported_action] = space["actions"]
    assert exported_action["updates"][0]["did"] == "De school gebeld"
    assert [m["text"] for m in space["meanings"]] == ["Meer buren"]
    assert {p["id"] for p in space["plans"]} == {exported_action["plan_id"]}
    assert [(h["version"], h["name"], h["by"]) for h in document["history"]] == [
        (1, "evening_taken_over", "Anna"), (2, "action_update_added", "Fatima"),
        (3, "meaning_added", "Fatima")]
    assert set(document["history"][0]["data"]) == {"evening"}
    assert all(isinstance(h["at"], int) for h in document["history"])
    with app.extensions["weefwerk.service"].sessions() as db:
        secrets = [m.passcode_hash for m in db.scalars(select(Member))]
        secrets += [p.id for p in db.scalars(select(Participant))]
    assert secrets and not any(s in body for s in secrets)
    assert "Geheim kaartje" not in body and "author" not in body
    assert "participant" not in body and "passcode" not in body


EXPECTED_EXPORT = {"fatima": 200, "henk": 200, "stranger": 302}


@pytest.mark.parametrize("who", sorted(EXPECTED_EXPORT))
def test_who_may_export(handed, who):  # noqa: F811
    assert export(handed[who], handed["gid"]).status_code == EXPECTED_EXPORT[who]


def test_a_granted_facilitator_may_export_and_one_without_grant_may_not(app, handed):  # noqa: F811
    gid = handed["gid"]
    assert export(facilitator_client(app, handed["evening"].user_id), gid).status_code == 200
    with app.extensions["weefwerk.service"].sessions() as db:
        other_owner = db.scalar(select(Board.owner_id).where(Board.group_id != gid))
    assert export(facilitator_client(app, other_owner), gid).status_code == 403


def delete(client, gid, typed):
    html = client.get(f"/g/{gid}").get_data(as_text=True)
    return client.post(f"/g/{gid}/delete", data={"confirm_name": typed,
                                                  "csrf_token": csrf_from(html)})


def rows_of_group(app, gid: int, board_ids: set[int]) -> dict[str, int]:
    """Per table: how many rows still point at the group or one of its boards."""
    found = {}
    with app.extensions["weefwerk.service"].sessions() as db:
        for table in Base.metadata.sorted_tables:
            conditions = []
            if table.name == "resident_groups":
                conditions.append(table.c.id == gid)
            if table.name == "boards":
                conditions.append(table.c.id.in_(board_ids))
            if "group_id" in table.c:
                conditions.append(table.c.group_id == gid)
            if "board_id" in table.c:
                conditions.append(table.c.board_id.in_(board_ids))
            for condition in conditions:
                count = db.scalar(select(func.count()).select_from(table).where(condition))
                found[table.name] = found.get(table.name, 0) + count
    return found


def test_a_coordinator_deletes_everything_the_group_owns(app, handed):  # noqa: F811
    gid = handed["gid"]
    with app.extensions["weefwerk.service"].sessions() as db:
        board_ids = set(db.scalars(select(Board.id).where(Board.group_id == gid)))
        other_boards = db.scalar(select(func.count()).select_from(Board)
                                 .where(Board.group_id != gid))
    before = rows_of_group(app, gid, board_ids)
    for table in ("resident_groups", "boards", "board_events", "processed_commands",
                  "participants", "members", "invites", "facilitator_grants"):
        assert before[table] > 0, table

    assert delete(handed["henk"], gid, "Bewonersraad Kanaleneiland").status_code == 403
    refused = delete(handed["fatima"], gid, "Bewonersraad")
    assert refused.status_code == 400 and 'data-testid="form-error"' in refused.get_data(
        as_text=True)
    assert rows_of_group(app, gid, board_ids) == before

    done = delete(handed["fatima"], gid, "  bewonersraad   kanaleneiland ")
    assert done.status_code == 200 and 'data-testid="group-deleted"' in done.get_data(
        as_text=True)
    assert set(rows_of_group(app, gid, board_ids).values()) == {0}
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.scalar(select(func.count()).select_from(Board)) == other_boards
    assert handed["stranger"].get(f"/g/{gid}").status_code == 404
    assert handed["fatima"].get(f"/g/{gid}").status_code == 404


def test_the_group_page_offers_export_to_all_and_delete_to_coordinators(handed):  # noqa: F811
    gid = handed["gid"]
    coordinator = handed["fatima"].get(f"/g/{gid}").get_data(as_text=True)
    member = handed["henk"].get(f"/g/{gid}").get_data(as_text=True)
    assert 'data-testid="export-json"' in coordinator and 'data-testid="export-json"' in member
    assert 'data-testid="delete-group-link"' in coordinator
    assert 'data-testid="delete-group-link"' not in member
    assert handed["henk"].get(f"/g/{gid}/delete").status_code == 403
    assert handed["fatima"].get(f"/g/{gid}/delete").status_code == 200
