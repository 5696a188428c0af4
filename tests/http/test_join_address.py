"""The address the phones get: the laptop opens Weefwerk on 127.0.0.1, the phones must
not be sent there (`HOST=0.0.0.0 make run` in a hall without WEEFWERK_PUBLIC_URL)."""
from __future__ import annotations

import io
import ipaddress
import json
import re

import pytest
import segno

from server.domain.evening.join_address import phone_address
from server.network import lan_address, start_message
from tests.conftest import Evening, make_app, sign_in_as

LAN = "192.168.1.20"


def hall_app(tmp_path, found=LAN, **config):
    """A server started with HOST=0.0.0.0 whose network finder reports `found`."""
    app = make_app(tmp_path, LISTEN_HOST=config.pop("LISTEN_HOST", "0.0.0.0"), **config)
    asked = []
    app.extensions["weefwerk.lan"] = lambda: asked.append(1) or found
    app.asked = asked
    return app


def boot_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="boot">(.*?)</script>', html, re.S)
    assert match, "page has no boot data"
    return json.loads(match.group(1))


def laptop(app, evening, base="http://127.0.0.1:5000"):
    """The facilitator's laptop, which opens Weefwerk on its own loopback address."""
    client = app.test_client()
    sign_in_as(app, client, evening.user_id, base_url=base)
    get = lambda url: client.get(url, base_url=base).get_data(as_text=True)  # noqa: E731
    return get(f"/console/w/{evening.board_id}"), get(f"/p/{evening.projector_key}")


def qr_of(url: str, code: str) -> str:
    """The projector's QR code for `url`, made exactly as the projector makes it."""
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=10, border=2, xmldecl=False,
                                   svgns=True, title=f"Code om mee te doen: {code}")
    return svg.getvalue().decode()


@pytest.mark.parametrize("base", ["http://127.0.0.1:5000", "http://localhost:5000"])
def test_a_laptop_on_loopback_shows_the_phones_its_lan_address(tmp_path, base):
    app = hall_app(tmp_path)
    evening = Evening(app)
    console, projector = laptop(app, evening, base)
    join_url = boot_of(projector)["join_url"]
    assert join_url.startswith(f"http://{LAN}:5000/j/{evening.code}?k=")
    assert boot_of(console)["join_url"] == join_url
    assert f'data-testid="join-host">{LAN}:5000<' in projector
    assert qr_of(join_url, evening.code) in projector
    assert "127.0.0.1" not in join_url and "localhost" not in projector.split('id="boot"')[0]
    assert f'value="http://{LAN}:5000/p/{evening.projector_key}"' in console
    assert 'data-testid="join-address-warning"' not in console


def test_the_phones_address_is_the_one_the_page_was_asked_for_when_that_is_not_loopback(
        tmp_path):
    app = hall_app(tmp_path)
    evening = Evening(app)
    console, projector = laptop(app, evening, "http://192.168.1.31:5000")
    assert boot_of(projector)["join_url"].startswith("http://192.168.1.31:5000/j/")
    assert 'data-testid="join-address-warning"' not in console
    assert app.asked == []  # nothing to look up


def test_a_public_url_wins_and_nothing_is_looked_up(tmp_path):
    app = hall_app(tmp_path, PUBLIC_URL="https://weefwerk.example.nl/")
    evening = Evening(app)
    console, projector = laptop(app, evening)
    assert boot_of(projector)["join_url"].startswith("https://weefwerk.example.nl/j/")
    assert 'data-testid="join-host">weefwerk.example.nl<' in projector
    assert 'data-testid="join-address-warning"' not in console and app.asked == []


def test_without_a_network_address_the_console_says_phones_cannot_reach_it(tmp_path):
    app = hall_app(tmp_path, found=None)
    evening = Evening(app)
    console, projector = laptop(app, evening)
    warning = re.search(r'data-testid="join-address-warning"[^>]*>(.*?)</p>', console, re.S)
    assert warning, "the console shows no warning"
    text = warning.group(1)
    assert "Telefoons kunnen http://127.0.0.1:5000 niet bereiken" in text
    assert "wifi" in text and "WEEFWERK_PUBLIC_URL" in text
    assert 'role="alert"' in console.split('data-testid="join-address-warning"')[0][-80:]


def test_a_server_that_listens_on_the_laptop_only_says_how_to_open_it_up(tmp_path):
    app = hall_app(tmp_path, LISTEN_HOST="127.0.0.1")
    evening = Evening(app)
    client = app.test_client()
    sign_in_as(app, client, evening.user_id, base_url="http://127.0.0.1:5000")
    with client.session_transaction(base_url="http://127.0.0.1:5000") as s:
        s["lang"] = "en"
    console = client.get(f"/console/w/{evening.board_id}",
                         base_url="http://127.0.0.1:5000").get_data(as_text=True)
    assert 'data-problem="loopback_only"' in console
    assert "HOST=0.0.0.0 make run" in console and "WEEFWERK_PUBLIC_URL" in console
    assert app.asked == []


@pytest.mark.parametrize("host, found, expected", [
    ("0.0.0.0", lambda: LAN, f"Phones: http://{LAN}:5000/"),
    ("::", lambda: LAN, f"Phones: http://{LAN}:5000/"),
    ("192.168.1.7", lambda: None, "Phones: http://192.168.1.7:5000/"),
    ("0.0.0.0", lambda: None, "Phones: no network address found"),
    ("127.0.0.1", lambda: LAN, "Phones cannot reach this address"),
])
def test_the_start_message_says_where_phones_go(host, found, expected):
    message = start_message(host, 5000, None, found)
    assert message.splitlines()[0].startswith("Weefwerk is running: http://")
    assert expected in message
    if "cannot" in expected or "no network" in expected:
        assert "WEEFWERK_PUBLIC_URL" in message


def test_the_start_message_names_the_public_url_when_set():
    assert "Phones: https://weefwerk.example.nl/" in start_message(
        "0.0.0.0", 5000, "https://weefwerk.example.nl", lambda: None)


def test_an_ipv6_lan_address_is_written_with_brackets():
    found = phone_address(None, "http://[::1]:5000/", "::", lambda: "fd00::5")
    assert found.base == "http://[fd00::5]:5000" and found.problem is None


def test_the_lan_address_is_found_without_sending_anything_and_is_never_loopback():
    found = lan_address()  # this machine: a container or a laptop, with or without Wi-Fi
    if found is not None:
        address = ipaddress.ip_address(found)
        assert not (address.is_loopback or address.is_link_local or address.is_unspecified)
