"""Joining in a real hall: sixty phones behind one address, a proxy in front, typos,
guessers, a full evening, and the facilitator's own logins."""
from __future__ import annotations

import os
import re

import pytest

from tests.conftest import Evening, boot_token, csrf_from, make_app
from tests.databases import database_url
from tests.http.test_group_access import group_id_of, invite_link, join_group

HALL = "198.51.100.7"    # the community centre's one public address (NAT)
PROXY = "10.0.0.2"       # the reverse proxy in front of Weefwerk


def phone(app, address=HALL, via_proxy=False):
    """A fresh phone (its own cookie jar) whose requests come from `address`."""
    client = app.test_client()
    if via_proxy:
        client.environ_base.update(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    else:
        client.environ_base["REMOTE_ADDR"] = address
    return client


def type_code(client, code):
    token = csrf_from(client.get("/").get_data(as_text=True))
    return client.post("/join", data={"code": code, "csrf_token": token})


def take_part(client, link):
    """Follow the link after a right code, leave the name empty, open the phone board."""
    page = client.get(link)
    assert page.status_code == 200, page.get_data(as_text=True)
    done = client.post(link, data={"display_name": "", "csrf_token": csrf_from(
        page.get_data(as_text=True))})
    assert done.status_code == 302, done.get_data(as_text=True)
    board = client.get(done.headers["Location"]).get_data(as_text=True)
    assert '"role": "participant"' in board
    return board


def qr_link(app, evening):
    """The link in the projector's QR code, read from the projector's boot data."""
    html = app.test_client().get(f"/p/{evening.projector_key}").get_data(as_text=True)
    return re.search(r'"join_url":\s*"([^"]+)"', html).group(1).split("localhost", 1)[1]


@pytest.mark.parametrize("via_proxy", [False, True], ids=["behind NAT", "behind a proxy"])
def test_fifty_phones_from_one_address_all_join_after_ten_wrong_codes(tmp_path, via_proxy):
    hops = {"PROXY_HOPS": 1} if via_proxy else {}
    app = make_app(tmp_path, JOIN_RATE="10/minute", **hops)
    evening = Evening(app)
    typist = phone(app, via_proxy=via_proxy)
    assert [type_code(typist, "BBBBBB").status_code for _ in range(10)] == [404] * 10
    for _ in range(50):
        client = phone(app, via_proxy=via_proxy)
        response = type_code(client, evening.code.lower())
        assert response.status_code == 302, response.get_data(as_text=True)
        take_part(client, response.headers["Location"])
    # even the phone that made the typos gets in by scanning the QR code
    take_part(typist, qr_link(app, evening))


def test_a_browser_that_keeps_guessing_is_slowed_and_its_right_code_waits_too(tmp_path):
    app = make_app(tmp_path, JOIN_RATE="10/minute")
    evening = Evening(app)
    guesser = phone(app)
    assert [type_code(guesser, "BBBBBB").status_code for _ in range(11)] == [404] * 10 + [429]
    # over its own budget its guesses are not even checked: a right one would give it away
    refused = type_code(guesser, evening.code)
    assert refused.status_code == 429
    assert "Te veel verkeerde codes" in refused.get_data(as_text=True)
    assert type_code(phone(app), evening.code).status_code == 302  # its neighbours: fine


def test_a_script_that_drops_its_cookie_meets_the_address_ceiling(tmp_path):
    app = make_app(tmp_path, JOIN_RATE="10/minute", JOIN_ADDRESS_RATE="20/minute")
    evening = Evening(app)
    statuses = [type_code(phone(app, "203.0.113.9"), "BBBBBB").status_code for _ in range(21)]
    assert statuses == [404] * 20 + [429]
    assert type_code(phone(app, "203.0.113.9"), evening.code).status_code == 429
    assert type_code(phone(app, HALL), evening.code).status_code == 302
    take_part(phone(app, "203.0.113.9"), qr_link(app, evening))


def test_many_addresses_guessing_together_stay_slow_but_the_hall_still_gets_in(tmp_path):
    app = make_app(tmp_path, JOIN_ALL_RATE="30/minute")
    evening = Evening(app)
    already_in = phone(app)
    take_part(already_in, qr_link(app, evening))
    statuses = [type_code(phone(app, f"203.0.113.{n}"), "BBBBBB").status_code
                for n in range(31)]
    assert statuses == [404] * 30 + [429]
    assert type_code(phone(app), evening.code).status_code == 429  # typing waits a minute
    take_part(phone(app), qr_link(app, evening))                    # scanning does not
    reload = already_in.get(f"/j/{evening.code}")                   # nor coming back
    assert reload.status_code == 200 and '"role": "participant"' in reload.get_data(True)


def test_a_forged_qr_key_is_a_guess_like_any_other(tmp_path):
    app = make_app(tmp_path, JOIN_RATE="2/minute")
    evening = Evening(app)
    client = phone(app)
    statuses = [client.get(f"/j/{evening.code}?k=0123456789ab").status_code,
                client.get("/j/BBBBBB?k=0123456789ab").status_code,
                client.get("/j/BBBBBC").status_code,
                client.get(f"/j/{evening.code}?k=0123456789ab").status_code]
    assert statuses == [200, 404, 404, 429]


@pytest.mark.parametrize("hops, separate", [(1, True), (0, False)],
                         ids=["WEEFWERK_PROXY_HOPS=1", "no proxy trusted"])
def test_the_client_address_comes_from_the_trusted_proxy_only(tmp_path, hops, separate):
    app = make_app(tmp_path, JOIN_ADDRESS_RATE="3/minute", PROXY_HOPS=hops)
    Evening(app)
    for _ in range(3):
        assert type_code(phone(app, "203.0.113.9", via_proxy=True), "BBBBBB").status_code == 404
    other = type_code(phone(app, "192.0.2.44", via_proxy=True), "BBBBBB").status_code
    assert other == (404 if separate else 429)


@pytest.mark.parametrize("hops, expected", [
    (1, "https://weefwerk.example.nl/j/"), (0, "http://weefwerk.internal:5000/j/")])
def test_behind_a_trusted_proxy_the_join_link_has_the_public_scheme_and_host(
        tmp_path, hops, expected):
    app = make_app(tmp_path, PROXY_HOPS=hops)
    evening = Evening(app)
    client = app.test_client()
    html = client.get(f"/p/{evening.projector_key}", base_url="http://weefwerk.internal:5000",
                      headers={"X-Forwarded-For": "192.0.2.44", "X-Forwarded-Proto": "https",
                               "X-Forwarded-Host": "weefwerk.example.nl"}).get_data(True)
    assert f'"join_url": "{expected}{evening.code}?k=' in html


def test_an_evening_takes_at_most_the_configured_number_of_phones(tmp_path):
    app = make_app(tmp_path, MAX_JOINS=3)
    evening = Evening(app)
    joined = []
    for _ in range(3):
        client = phone(app)
        take_part(client, f"/j/{evening.code}")
        joined.append(client)
    late = phone(app)
    page = late.get(f"/j/{evening.code}")
    assert page.status_code == 403
    assert "Deze avond is vol" in page.get_data(as_text=True)
    posted = late.post(f"/j/{evening.code}", data={  # a script that skips the form
        "display_name": "", "csrf_token": csrf_from(late.get("/").get_data(as_text=True))})
    assert posted.status_code == 403
    assert participants(app, evening) == 3
    for client in joined:  # a phone that already joined always comes back
        reload = client.get(f"/j/{evening.code}")
        assert reload.status_code == 200 and boot_token(reload.get_data(as_text=True))


def participants(app, evening) -> int:
    from server.store.boards import participant_count
    with app.extensions["weefwerk.service"].sessions() as db:
        return participant_count(db, evening.board_id)


def login(client, name, password):
    token = csrf_from(client.get("/login").get_data(as_text=True))
    return client.post("/login", data={"login": name, "password": password,
                                       "csrf_token": token})


def test_the_login_limit_counts_only_failed_logins(tmp_path):
    app = make_app(tmp_path, LOGIN_RATE="3/5minutes")
    Evening(app)  # the facilitator "anna" with password "x" * 12
    laptop = phone(app)
    for _ in range(5):  # logging in and out all evening is not an attack
        assert login(laptop, "anna", "x" * 12).status_code == 302
        laptop.post("/logout", data={"csrf_token": csrf_from(laptop.get("/").get_data(True))})
    assert [login(laptop, "anna", "wrong-password").status_code for _ in range(3)] == [401] * 3
    assert login(laptop, "anna", "x" * 12).status_code == 429


def sign_in(client, gid, name, passcode):
    url = f"/g/{gid}/sign-in"
    token = csrf_from(client.get(url).get_data(as_text=True))
    return client.post(url, data={"display_name": name, "passcode": passcode,
                                  "csrf_token": token})


def test_the_passcode_limit_counts_the_name_as_sign_in_reads_it(tmp_path):
    app = make_app(tmp_path, LOGIN_RATE="3/5minutes")
    gid = group_id_of(app, Evening(app).board_id)
    join_group(app, invite_link(app, gid), "Anna")
    client = phone(app)
    for _ in range(4):  # signing in again and again costs nothing
        assert sign_in(phone(app), gid, "Anna", "geheim123").status_code == 302
    spellings = ["Anna", "  Anna  ", " anna", "ANNA "]
    statuses = [sign_in(client, gid, name, "verkeerd1").status_code for name in spellings]
    assert statuses == [401, 401, 401, 429]


def test_a_new_installation_shows_the_code_page_with_the_way_to_set_up(app):
    home = app.test_client().get("/").get_data(as_text=True)
    assert 'data-testid="join-code"' in home
    assert 'href="/setup"' in home and "Account voor de begeleider maken" in home
    Evening(app)
    assert 'href="/setup"' not in app.test_client().get("/").get_data(as_text=True)


@pytest.mark.redis
def test_two_server_processes_share_the_wrong_code_budgets_through_redis(tmp_path):
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is not set: the shared counters need Redis")
    shared = {"RATELIMIT_STORAGE_URL": url, "JOIN_ALL_RATE": "5/minute",
              "DATABASE_URL": database_url(tmp_path)}  # one database, two processes
    first = make_app(tmp_path / "a", **shared)
    second = make_app(tmp_path / "b", **shared)
    first.extensions["weefwerk.limits"].limiter.storage.reset()  # our own Redis db only
    evening = Evening(first)
    statuses = [type_code(phone(first, f"203.0.113.{n}"), "BBBBBB").status_code
                for n in range(5)]
    assert statuses == [404] * 5
    assert type_code(phone(second, "192.0.2.44"), "BBBBBB").status_code == 429
    take_part(phone(second), qr_link(second, evening))
    first.extensions["weefwerk.limits"].limiter.storage.reset()
