"""Every page the server answers carries the strict Content-Security-Policy: scripts,
styles, pictures and connections from Weefwerk's own address only, no inline script or
style, no plugins, no framing (docs/security.md, "XSS and the CSP").

The routes are read from the app's own URL map, so a page added later without an entry
here fails the test until it has one: every GET route is requested as the person it is
for, and the answer (a page, a download, a redirect or an error) is checked.
"""
from __future__ import annotations

from server.security import CSP
from tests.conftest import Evening, boot_token, sign_in_as
from tests.http.test_group_access import invite_link
from tests.realtime.test_workspace import handed  # noqa: F401  (fixture)

# endpoint -> who asks, the path (with the values below filled in), the status expected
# and any header the page's script sends
PAGES = {
    "pages.home": ("anonymous", "/", 200),
    "pages.setup": ("anonymous", "/setup", 302),  # accounts exist: set-up is closed
    "pages.login": ("anonymous", "/login", 200),
    "pages.set_language": ("anonymous", "/lang/en", 302),
    "pages.join_board": ("phone", "/j/{code}", 200),
    "pages.projector": ("anonymous", "/p/{key}", 200),
    "pages.phone_my_ideas": ("phone", "/phone/{open_board}/my-ideas", 200,
                             {"Authorization": "Bearer {token}"}),
    "pages.console": ("console", "/console", 200),
    "pages.console_board": ("console", "/console/w/{board}", 200),
    "pages.console_projector": ("console", "/console/w/{board}/projector", 200),
    "pages.data_cards": ("carla", "/console/w/{open_board}/data-cards", 200),
    "pages.evening_format": ("carla", "/console/w/{open_board}/format", 200),
    "pages.download_evening_format": ("carla", "/console/w/{open_board}/format.toml", 200),
    # before the last step the confirmation page says what is still to do
    "pages.confirm_hand_over": ("carla", "/console/w/{open_board}/hand-over", 409),
    "pages.own_formats": ("carla", "/console/formats", 200),
    "pages.download_own_format": ("carla", "/console/formats/{own_format}.toml", 200),
    "pages.confirm_delete_own_format": ("carla", "/console/formats/{own_format}/delete", 200),
    "pages.kit_agenda": ("carla", "/console/w/{open_board}/kit/agenda", 200),
    "pages.kit_poster": ("carla", "/console/w/{open_board}/kit/poster", 200),
    "pages.plans": ("console", "/console/w/{board}/plans", 200),
    "pages.plan": ("console", "/console/w/{board}/plans/{plan}", 200),
    "pages.plan_csv": ("console", "/console/w/{board}/plans/{plan}.csv", 200),
    "pages.plan_ics": ("console", "/console/w/{board}/plans/{plan}.ics", 200),
    "pages.plan_md": ("console", "/console/w/{board}/plans/{plan}.md", 200),
    "pages.evening_report": ("console", "/console/w/{board}/report", 200),
    "pages.evening_report_md": ("console", "/console/w/{board}/report.md", 200),
    "pages.group_home": ("fatima", "/g/{gid}", 200),
    "pages.group_sign_in": ("anonymous", "/g/{gid}/sign-in", 200),
    "pages.accept_invite": ("anonymous", "/i/{secret}", 200),
    "pages.remove_member": ("fatima", "/g/{gid}/members/{henk}/remove", 200),
    "pages.delete_everything": ("fatima", "/g/{gid}/delete", 200),
    "pages.export_json": ("fatima", "/g/{gid}/export.json", 200),
    "pages.group_plans": ("henk", "/g/{gid}/plans", 200),
    "pages.group_plans_pictures": ("henk", "/g/{gid}/plans/pictures", 200),
    "pages.group_plans_print": ("henk", "/g/{gid}/plans/print", 200),
    "pages.group_plans_screen": ("henk", "/g/{gid}/plans/screen", 200),
    "pages.group_plan_csv": ("henk", "/g/{gid}/plans/{group_plan}.csv", 200),
    "pages.group_plan_ics": ("henk", "/g/{gid}/plans/{group_plan}.ics", 200),
    "pages.group_plan_md": ("henk", "/g/{gid}/plans/{group_plan}.md", 200),
    "static": ("anonymous", "/static/js/main.js", 200),
    "static, hashed": ("anonymous", "/static/v/{version}/css/app.css", 200),
    "pages.script_strings": ("anonymous", "/strings/nl/{strings}.js", 200),
}
# scripts and style sheets, which are never documents: `nosniff` and no document headers
# (server/security.py, SUBRESOURCE_TYPES); the rest must carry the strict policy
SUBRESOURCES = {"static", "static, hashed", "pages.script_strings"}

# answers that are not a route's own page: errors, refusals, a form's redirect
OTHER_ANSWERS = [
    ("anonymous", "GET", "/no/such/page", 404),
    ("anonymous", "GET", "/console", 302),  # to the login page
    ("henk", "GET", "/g/{gid}/delete", 403),  # a member, not a coordinator
    ("anonymous", "GET", "/j/ZZZZZZ", 404),
    ("anonymous", "POST", "/login", 400),  # no CSRF token
]


def test_every_page_and_every_answer_carries_the_strict_policy(app, handed):  # noqa: F811
    values, clients = _world(app, handed)
    routes = {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}
    assert routes - PAGES.keys() == set(), "GET routes this test does not visit"

    for endpoint, (who, path, status, *headers) in PAGES.items():
        sent = {name: value.format(**values) for name, value in (headers or [{}])[0].items()}
        response = clients[who].get(path.format(**values), headers=sent)
        response.close()  # a static file is streamed from an open file
        assert response.status_code == status, (endpoint, response.status_code)
        if endpoint in SUBRESOURCES:
            _assert_subresource(response, endpoint)
        else:
            _assert_strict(response, endpoint)
    for who, method, path, status in OTHER_ANSWERS:
        response = clients[who].open(path.format(**values), method=method)
        assert response.status_code == status, (path, response.status_code)
        _assert_strict(response, f"{method} {path}")


def _assert_strict(response, where: str) -> None:
    policy = response.headers.get("Content-Security-Policy")
    assert policy == CSP, f"{where}: {policy!r}"
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert response.headers.get("X-Frame-Options") == "DENY", where


def _assert_subresource(response, where: str) -> None:
    assert response.mimetype in ("text/javascript", "text/css"), where
    assert response.headers.get("X-Content-Type-Options") == "nosniff", where
    assert "Content-Security-Policy" not in response.headers, where


def test_a_document_served_as_a_static_file_would_still_carry_the_policy(app):
    """Only scripts and style sheets go without the document headers: any other static
    file (an SVG can run script when opened) gets them all."""
    from flask import Response

    from server.security import add_security_headers

    for mimetype in ("image/svg+xml", "text/html", "application/json", "text/plain"):
        _assert_strict(add_security_headers(Response("x", mimetype=mimetype)), mimetype)


def test_the_policy_allows_no_inline_script_style_plugin_framing_or_html_sink():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"  # the empty icon base.html names
    assert directives["require-trusted-types-for"] == "'script'"  # no innerHTML and kin
    assert directives["trusted-types"] == "server-pictures"  # its one policy
    assert not any("unsafe" in value or "*" in value or ":" in value
                   for name, value in directives.items() if name != "img-src")


def _strings_version(app) -> str:
    from server.pages.script_strings import strings_url

    with app.test_request_context():
        return strings_url().rsplit("/", 1)[1].removesuffix(".js")


def _world(app, handed) -> tuple[dict, dict]:
    """The values the paths need and a client for each person: the handed-over evening
    and its group (`handed`), and an evening still open with a phone joined."""
    from server.domain.formats.document import format_document
    from server.models import Member
    from server.store.boards import workspace_of
    from server.store.own_formats import save_own_format

    gid = handed["gid"]
    state = handed["console"].io.emit("resync", {"since": -1}, callback=True)
    [plan] = state["snapshot"]["state"]["plans"]
    with app.extensions["weefwerk.service"].sessions() as db:
        henk = db.query(Member).filter_by(group_id=gid, display_name="Henk").one().id
        [group_plan] = workspace_of(db, gid).state["plans"]  # the workspace's own ids
    evening = handed["evening"]
    open_evening = Evening(app, login="carla")
    phone = open_evening.phone("Mo")
    carla = app.test_client()
    sign_in_as(app, carla, open_evening.user_id)
    with app.extensions["weefwerk.service"].sessions() as db:
        fmt = app.extensions["weefwerk.formats"]["participatory-planning"]
        save_own_format(db, open_evening.user_id, "carlas-avond", format_document(fmt))
        db.commit()
    values = {"board": evening.board_id, "open_board": open_evening.board_id,
              "plan": plan["id"], "group_plan": group_plan, "gid": gid, "henk": henk,
              "code": open_evening.code, "own_format": "carlas-avond",
              "key": open_evening.projector_key,
              "secret": invite_link(app, gid).removeprefix("/i/"),
              "token": boot_token(phone.http.get(f"/j/{open_evening.code}").get_data(as_text=True)),
              "version": app.extensions["weefwerk.static"].version,
              "strings": _strings_version(app)}
    return values, {"anonymous": app.test_client(), "phone": phone.http,
                    "console": handed["console"].http, "carla": carla,
                    "fatima": handed["fatima"], "henk": handed["henk"]}
