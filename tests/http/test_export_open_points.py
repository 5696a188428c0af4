"""The group's plan file carries the plan's open points, the group's switch for sharing
progress with the residents, and a data card's source: out of one installation and into
another, as they were (docs/export.md)."""
from __future__ import annotations

import json

from tests.conftest import Evening, csrf_from
from tests.http.test_group_access import group_id_of, invite_link, join_group
from tests.http.test_group_import import target, upload, workspace_state  # noqa: F401
from tests.http.test_workspace_print import full_evening
from tests.realtime.test_workspace import ok, post_hand_over

SOURCE = "Buurtscan 2026, CBS wijk 0345"


def evening_with_a_data_card_and_an_open_point(app) -> Evening:
    """The printed plan's evening, whose issue builds on a trend a data card fed, with a
    parked question marked for later and answered."""
    evening = Evening(app)
    console = evening.console()
    card = ok(console.command("add_data_card", {"text": "42% woont alleen",
                                                "source": SOURCE}))["result"]["card_id"]
    trend = ok(console.command("create_cluster", {"card_ids": [card], "name": "Alleen"}))
    ok(console.command("promote_clusters", {"cluster_ids": [trend["result"]["cluster_id"]]}))
    console = full_evening(evening)
    state = console.io.emit("resync", {"since": -1}, callback=True)["snapshot"]["state"]
    results = {r["title"]: r["id"] for r in state["results"]}
    ok(console.command("update_result", {"result_id": results["Eenzaamheid"],
                                         "changes": {"trends": [results["Alleen"]]}}))
    parked = ok(evening.phone().command("park_item", {"text": "Wie heeft de sleutel?"}))
    ok(console.command("answer_parked", {"parked_id": parked["result"]["parked_id"],
                                         "answer": "De Boog"}))
    ok(console.command("mark_parked_later", {"parked_id": parked["result"]["parked_id"]}))
    assert post_hand_over(evening, console).status_code == 302
    return evening


def test_open_points_the_switch_and_a_source_survive_export_and_import(app, target):  # noqa: F811
    evening = evening_with_a_data_card_and_an_open_point(app)
    gid = group_id_of(app, evening.board_id)
    coordinator = join_group(app, invite_link(app, gid, "coordinator"), "Ans")
    html = coordinator.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert coordinator.post(f"/g/{gid}/plans/share-progress",
                            data={"csrf_token": csrf_from(html)}).status_code == 302
    source, _version = workspace_state(app, gid)
    assert source["share_progress"] is False
    [point] = source["open_points"].values()
    assert [c["source"] for c in source["cards"].values() if c.get("source")] == [SOURCE]

    body = coordinator.get(f"/g/{gid}/export.json").get_data()
    space = json.loads(body)["workspace"]
    assert space["share_progress"] is False
    assert space["open_points"] == [point]
    assert (point["text"], point["answer"]) == ("Wie heeft de sleutel?", "De Boog")
    assert [c["source"] for c in space["cards"] if "source" in c] == [SOURCE]

    assert upload(target["coordinator"], target["gid"], body).status_code == 302
    state, _version = workspace_state(target["app"], target["gid"])
    assert state["share_progress"] is False
    assert state["open_points"] == source["open_points"]
    assert state["cards"] == source["cards"]
    printed = target["member"].get(f"/g/{target['gid']}/plans/print").get_data(as_text=True)
    assert "Wie heeft de sleutel?" in printed


def test_a_bad_open_point_is_refused_with_its_field_and_nothing_goes_in(app, target):  # noqa: F811
    evening = evening_with_a_data_card_and_an_open_point(app)
    gid = group_id_of(app, evening.board_id)
    henk = join_group(app, invite_link(app, gid), "Henk")
    document = json.loads(henk.get(f"/g/{gid}/export.json").get_data())
    document["workspace"]["open_points"][0]["origin"] = "Henk de Vries"
    document["workspace"]["share_progress"] = "nee"
    response = upload(target["coordinator"], target["gid"], json.dumps(document).encode())
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "open_points.o" in text and "workspace.share_progress" in text
    assert workspace_state(target["app"], target["gid"]) is None


def test_the_plan_page_and_the_groups_markdown_name_a_data_cards_source(app):
    evening = evening_with_a_data_card_and_an_open_point(app)
    gid = group_id_of(app, evening.board_id)
    state, _version = workspace_state(app, gid)
    [plan_id] = state["plans"]
    henk = join_group(app, invite_link(app, gid), "Henk")
    henk.get("/lang/nl")
    markdown = henk.get(f"/g/{gid}/plans/{plan_id}.md").get_data(as_text=True)
    assert f"“42% woont alleen” (Bron: {SOURCE})" in markdown
    console = evening.console()
    [evening_plan] = console.io.emit("resync", {"since": -1},
                                     callback=True)["snapshot"]["state"]["plans"]
    console.http.get("/lang/en")
    page = console.http.get(f"/console/w/{evening.board_id}/plans/{evening_plan['id']}")
    assert page.status_code == 200
    assert f'data-testid="plan-card-source">Source: {SOURCE}<' in page.get_data(as_text=True)


def test_a_file_from_before_open_points_imports_with_none_and_sharing_on(app, target):  # noqa: F811
    evening = evening_with_a_data_card_and_an_open_point(app)
    gid = group_id_of(app, evening.board_id)
    henk = join_group(app, invite_link(app, gid), "Henk")
    document = json.loads(henk.get(f"/g/{gid}/export.json").get_data())
    for name in ("open_points", "share_progress"):
        del document["workspace"][name]
    for card in document["workspace"]["cards"]:
        card.pop("source", None)
    assert upload(target["coordinator"], target["gid"],
                  json.dumps(document).encode()).status_code == 302
    state, _version = workspace_state(target["app"], target["gid"])
    assert state["open_points"] == {} and state["share_progress"] is True
    assert state["plans"] and not any("source" in c for c in state["cards"].values())
