"""The council meeting's review screen (/g/<id>/plans/screen): gated like the plans, a
read-only projector token for the workspace board, live through the socket."""
from __future__ import annotations

from tests.conftest import Screen, boot_token, script_strings
from tests.http.test_workspace_pages import boot_of
from tests.http.test_workspace_print import printed  # noqa: F401  (fixture)


def test_the_screen_boots_a_read_only_projector_view_of_the_workspace(app, printed):  # noqa: F811
    gid, member = printed
    page = member.get(f"/g/{gid}/plans/screen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    boot = boot_of(html)
    assert (boot["role"], boot["view"]) == ("projector", "workspace_screen")
    assert "ws.screen.none" in script_strings(member, boot) and "code" not in boot
    assert 'data-testid="screen-plans"' in html
    assert f'href="/g/{gid}/plans/screen"' in member.get(f"/g/{gid}/plans").get_data(as_text=True)
    assert app.test_client().get(f"/g/{gid}/plans/screen").status_code == 302  # sign in first

    screen = Screen(app, app.test_client(), boot_token(html))
    [snapshot] = [p["args"][0] for p in screen.received("snapshot")]
    actions = snapshot["state"]["actions"]
    assert len(actions) == 6
    refused = screen.command("set_action_status", {
        "action_id": actions[0]["id"], "status": "gereed",
        "base": actions[0]["fields"]["status"]["v"]})
    assert refused["ok"] is False and refused["error"]["code"] == "forbidden"
