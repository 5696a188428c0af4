"""A coordinator imports an exported plan into an empty workspace: all of it or nothing."""
from __future__ import annotations

import copy
import io
import json

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from server.handover import discard_unused_workspace, ensure_workspace
from server.models import Board, BoardEvent
from tests.conftest import Evening, csrf_from, make_app
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.realtime.test_workspace import handed, plans_screen  # noqa: F401  (fixture)

PARTS = ("results", "cards", "plans", "actions", "years", "meanings", "next_id")


def upload(client, gid, body: bytes):
    """Post the file as a browser would (encoded in memory: no spooled temporary file)."""
    html = client.get(f"/g/{gid}").get_data(as_text=True)
    boundary, payload = encode_multipart({
        "csrf_token": csrf_from(html), "document": FileStorage(io.BytesIO(body), "plan.json")})
    return client.post(f"/g/{gid}/import", data=payload,
                       content_type=f"multipart/form-data; boundary={boundary}")


def workspace_state(app, gid):
    with app.extensions["weefwerk.service"].sessions() as db:
        board = db.scalar(select(Board).where(Board.group_id == gid,
                                              Board.kind == "workspace"))
        return None if board is None else (board.state, board.version)


@pytest.fixture
def exported(app, handed):  # noqa: F811
    fatima = plans_screen(app, handed, "fatima")
    [action] = [p["args"][0] for p in fatima.received("snapshot")][0]["state"]["actions"]
    for command, args in (
            ("add_action_update", {"action_id": action["id"], "did": "De school gebeld"}),
            ("set_year_phase", {"year": 2027, "phase": 2}),
            ("add_meaning", {"year": 2027, "text": "Meer buren", "kind": "force"})):
        assert fatima.command(command, args)["ok"]
    body = handed["henk"].get(f"/g/{handed['gid']}/export.json").get_data()
    return {**handed, "body": body, "document": json.loads(body)}


@pytest.fixture
def target(tmp_path):
    """A second installation on its own SQLite file: a fresh group and its coordinator."""
    (tmp_path / "other").mkdir()
    other = make_app(tmp_path / "other")
    gid = group_id_of(other, Evening(other, login="bram").board_id)
    return {"app": other, "gid": gid,
            "coordinator": join_group(other, invite_link(other, gid, "coordinator"), "Ans"),
            "member": join_group(other, invite_link(other, gid), "Kees")}


def test_an_exported_plan_comes_back_whole_in_another_installation(app, exported, target):
    source, _version = workspace_state(app, exported["gid"])
    response = upload(target["coordinator"], target["gid"], exported["body"])
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith(f"/g/{target['gid']}/plans")
    state, version = workspace_state(target["app"], target["gid"])
    assert version == 1
    assert {k: state[k] for k in PARTS} == {k: source[k] for k in PARTS}
    assert [(e["title"], e["board_id"], e["imported"]) for e in state["evenings"]] == [
        ("Bewonersavond", None, True)]
    again = json.loads(target["member"].get(f"/g/{target['gid']}/export.json").get_data())
    assert again["workspace"]["actions"] == exported["document"]["workspace"]["actions"]
    [line] = again["history"]
    assert (line["name"], line["by"]) == ("plan_imported", "Ans")
    assert line["data"]["history"] == exported["document"]["history"]


def refused(target, body: bytes) -> str:
    response = upload(target["coordinator"], target["gid"], body)
    assert response.status_code == 400
    assert workspace_state(target["app"], target["gid"]) is None  # nothing changed
    return response.get_data(as_text=True)


def test_a_broken_document_changes_nothing_and_says_what_is_wrong(exported, target):
    document = exported["document"]
    assert "JSON" in refused(target, b"{not json")
    other = {**document, "schema": "something.else"}
    assert "weefwerk.group-plan" in refused(target, json.dumps(other).encode())
    newer = {**document, "version": 2}
    assert "2" in refused(target, json.dumps(newer).encode())
    dangling = copy.deepcopy(document)
    dangling["workspace"]["actions"][0]["plan_id"] = "p999"
    assert "p999" in refused(target, json.dumps(dangling).encode())
    missing = copy.deepcopy(document)
    del missing["workspace"]["plans"]
    assert "workspace.plans" in refused(target, json.dumps(missing).encode())
    big = copy.deepcopy(document)
    big["workspace"]["cards"][0]["text"] = "x" * (2 * 1024 * 1024)
    assert "2 MB" in refused(target, json.dumps(big).encode())


def test_only_a_coordinator_imports(exported, target):
    assert upload(target["member"], target["gid"], exported["body"]).status_code == 403
    assert workspace_state(target["app"], target["gid"]) is None


def test_a_workspace_with_plans_is_not_overwritten(app, exported):
    before = workspace_state(app, exported["gid"])
    with app.extensions["weefwerk.service"].sessions() as db:
        events = db.scalar(select(func.count()).select_from(BoardEvent))
    response = upload(exported["fatima"], exported["gid"], exported["body"])
    assert response.status_code == 400
    assert 'data-testid="import-errors"' in response.get_data(as_text=True)
    assert workspace_state(app, exported["gid"]) == before
    with app.extensions["weefwerk.service"].sessions() as db:
        assert db.scalar(select(func.count()).select_from(BoardEvent)) == events


def test_a_workspace_made_for_a_refused_first_import_is_removed_again(exported, target):
    """The import route makes the workspace before the import runs; when the import is
    then refused, the empty workspace goes again. One that took a command stays."""
    other = target["app"]
    service = other.extensions["weefwerk.service"]
    board_id = ensure_workspace(service, target["gid"], 1)
    assert workspace_state(other, target["gid"]) is not None
    discard_unused_workspace(service, board_id)
    assert workspace_state(other, target["gid"]) is None
    assert upload(target["coordinator"], target["gid"], exported["body"]).status_code == 302
    board_id = ensure_workspace(service, target["gid"], 1)  # finds the one there is
    discard_unused_workspace(service, board_id)  # version 1 now: it holds the import
    assert workspace_state(other, target["gid"])[1] == 1


def test_a_deeply_nested_file_gets_a_clear_refusal_not_a_server_error(target):
    deep = b'{"schema": "weefwerk.group-plan", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"

    response = upload(target["coordinator"], target["gid"], deep)

    assert response.status_code == 400
    assert "lagen diep" in response.get_data(as_text=True)
    assert workspace_state(target["app"], target["gid"]) is None


def test_a_lone_surrogate_in_an_imported_text_is_refused_and_control_characters_go(
        exported, target):
    document = copy.deepcopy(exported["document"])
    document["workspace"]["plans"][0]["fields"]["title"]["value"] = "Koffie \ud83c"
    response = upload(target["coordinator"], target["gid"], json.dumps(document).encode())
    assert response.status_code == 400
    assert "teken dat we niet kunnen bewaren" in response.get_data(as_text=True)
    assert workspace_state(target["app"], target["gid"]) is None

    document["workspace"]["plans"][0]["fields"]["title"]["value"] = "Koffie\x00 op\x1b de hoek"
    response = upload(target["coordinator"], target["gid"], json.dumps(document).encode())
    assert response.status_code == 302, response.get_data(as_text=True)
    state, _version = workspace_state(target["app"], target["gid"])
    [plan] = state["plans"].values()
    assert plan["fields"]["title"]["value"] == "Koffie op de hoek"
