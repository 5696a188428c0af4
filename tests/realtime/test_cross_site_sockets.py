"""Cross-site WebSocket hijacking is refused: a page on another site, opened in the
facilitator's browser, cannot open the console's socket with the facilitator's cookie,
neither over WebSocket nor over long polling, not even with a valid boot token.

The browser decides what a cross-site page can send: on a WebSocket handshake and on any
cross-site request it always adds the page's own `Origin`, which the page cannot change.
A same-site page's long-polling GET carries no `Origin` at all (browsers add it to a
same-origin request only for other methods), so a request without one is let through:
it comes from our own page or from a program that has no one's cookies
(docs/security.md).

The real server (`serve.py`, eventlet) runs the handshakes as production does; the
in-process app checks the headers a client can forge and the settings.
"""
from __future__ import annotations

import json
import re

import pytest
import requests
import websocket

from tests.conftest import boot_token, make_app
from tests.realtime.real_server import open_evening, stop

FOREIGN = "http://evil.example"
POLLING = "/socket.io/?EIO=4&transport=polling"
REFUSED = "Not an accepted origin"


def console_session(base: str, evening) -> tuple[requests.Session, str]:
    """The facilitator logs in as a browser does; the browser's cookies and the console
    page's boot token."""
    http = requests.Session()
    page = http.get(f"{base}/login").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    answer = http.post(f"{base}/login", data={"login": "anna", "password": "x" * 12,
                                              "csrf_token": csrf})
    assert answer.ok and answer.url.endswith("/console"), answer.url
    return http, boot_token(http.get(f"{base}/console/w/{evening.board_id}").text)


def cookie_header(http: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in http.cookies)


def websocket_handshake(base: str, http: requests.Session, origin: str) -> websocket.WebSocket:
    """Engine.IO's WebSocket transport opened as a browser on `origin` opens it."""
    return websocket.create_connection(
        base.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket",
        origin=origin, cookie=cookie_header(http), timeout=10)


def first_event(ws: websocket.WebSocket, token: str) -> str:
    """Socket.IO's connect with the token; the name of the first event it brings (the
    server sends the snapshot from its connect handler, before the connect's answer)."""
    assert ws.recv().startswith("0{")  # Engine.IO's open packet
    ws.send("40" + json.dumps({"token": token}))
    packets = [ws.recv() for _ in range(2)]
    assert any(p.startswith("40{") for p in packets), f"the connect was refused: {packets}"
    return next(json.loads(p[2:])[0] for p in packets if p.startswith("42"))


def own_page_polling(base: str, http: requests.Session, token: str) -> str:
    """Long polling as our own page does it (its POSTs carry its own Origin): the name
    of the first event after the connect."""
    sid = json.loads(http.get(base + POLLING, timeout=10).text[1:])["sid"]
    connect = http.post(f"{base}{POLLING}&sid={sid}", data="40" + json.dumps({"token": token}),
                        headers={"Origin": base, "Content-Type": "text/plain"}, timeout=10)
    assert connect.status_code == 200 and connect.text == "OK"
    received = ""
    for _ in range(5):  # the connect's answer and the snapshot, perhaps in one read
        received += http.get(f"{base}{POLLING}&sid={sid}", timeout=10).text
        if "42[" in received:
            break
    assert "40{" in received, received[:200]
    return json.loads(received[received.index("42[") + 2:].split("\x1e")[0])[0]


def phone_session(base: str, evening) -> tuple[requests.Session, str]:
    """A resident joins by the evening's link: the phone's cookies and its token."""
    http = requests.Session()
    page = http.get(f"{base}/j/{evening.code}").text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    http.post(f"{base}/j/{evening.code}", data={"display_name": "", "csrf_token": csrf})
    return http, boot_token(http.get(f"{base}/j/{evening.code}").text)


@pytest.fixture
def real_evening(tmp_path):
    """An evening with input open on the real server, stopped after the test."""
    evening, proc, base = open_evening(tmp_path, "origins")
    try:
        yield evening, base
    finally:
        stop(proc)


def test_the_real_server_refuses_a_foreign_page_on_either_transport(real_evening):
    evening, base = real_evening
    http, token = console_session(base, evening)

    # WebSocket: the handshake itself is refused, before any token is read
    with pytest.raises(websocket.WebSocketBadStatusException) as refused:
        websocket_handshake(base, http, FOREIGN)
    assert refused.value.status_code == 400

    # long polling: opening a session is refused
    opened = http.get(base + POLLING, headers={"Origin": FOREIGN}, timeout=10)
    assert opened.status_code == 400 and REFUSED in opened.text
    assert "sid" not in opened.text

    # a session our own page opened (its GET has no Origin) cannot be ridden either:
    # the foreign page's connect and its read are refused, and nothing was connected
    own = http.get(base + POLLING, timeout=10)
    sid = json.loads(own.text[1:])["sid"]
    connect = http.post(f"{base}{POLLING}&sid={sid}", data="40" + json.dumps({"token": token}),
                        headers={"Origin": FOREIGN, "Content-Type": "text/plain"}, timeout=10)
    assert connect.status_code == 400 and REFUSED in connect.text
    read = http.get(f"{base}{POLLING}&sid={sid}", headers={"Origin": FOREIGN}, timeout=10)
    assert read.status_code == 400 and REFUSED in read.text

    # an opaque origin (a sandboxed frame, a file) is foreign too
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket_handshake(base, http, "null")

    # a resident's phone page is refused the same way
    phone, _phone_token = phone_session(base, evening)
    with pytest.raises(websocket.WebSocketBadStatusException):
        websocket_handshake(base, phone, FOREIGN)

    # the same cookie and token from the console's own page are let in, on either
    # transport, and the snapshot follows: what was refused was the origin alone
    ws = websocket_handshake(base, http, base)
    try:
        assert first_event(ws, token) == "snapshot"
    finally:
        ws.close()
    assert own_page_polling(base, http, token) == "snapshot"


def polling_open(client, origin: str | None = None, **headers):
    if origin:
        headers["Origin"] = origin
    return client.get(POLLING, headers=headers)


def test_a_forged_forwarded_host_does_not_make_a_foreign_origin_our_own(app):
    """Without trusted proxies (WEEFWERK_PROXY_HOPS=0) X-Forwarded-Host comes from the
    client; python-engineio's default check would believe it."""
    client = app.test_client()
    forged = polling_open(client, FOREIGN, **{"X-Forwarded-Host": "evil.example",
                                              "X-Forwarded-Proto": "http"})
    assert forged.status_code == 400 and REFUSED in forged.get_data(as_text=True)
    assert polling_open(client, "http://localhost").status_code == 200  # its own host
    assert polling_open(client).status_code == 200  # no Origin: not a cross-site browser


def test_behind_a_trusted_proxy_the_origin_is_the_host_the_proxy_passes(tmp_path):
    app = make_app(tmp_path, PROXY_HOPS=1)
    client = app.test_client()
    proxied = {"X-Forwarded-Host": "weefwerk.example.nl", "X-Forwarded-Proto": "https",
               "X-Forwarded-For": "203.0.113.9"}
    assert polling_open(client, "https://weefwerk.example.nl", **proxied).status_code == 200
    assert polling_open(client, "http://weefwerk.example.nl", **proxied).status_code == 400
    assert polling_open(client, FOREIGN, **proxied).status_code == 400


def test_the_public_address_is_an_origin_of_its_own(tmp_path):
    """A proxy that passes no host of its own: the address in the QR code still works."""
    app = make_app(tmp_path, PUBLIC_URL="https://weefwerk.example.nl/")
    client = app.test_client()
    assert polling_open(client, "https://weefwerk.example.nl").status_code == 200
    assert polling_open(client, "https://weefwerk.example.nl:443").status_code == 200
    assert polling_open(client, "https://weefwerk.example.nl:8443").status_code == 400
    assert polling_open(client, FOREIGN).status_code == 400
