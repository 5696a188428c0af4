"""The console's "phones connected" counts residents, not sockets.

In the hall a phone that drops off the Wi-Fi reconnects with a new socket while the old
one still waits out the ping timeout, and some residents open the board in two tabs: 100
phones showed as 142. The count is read the way a screen gets it, from a snapshot.
"""
from __future__ import annotations

from tests.conftest import Screen, boot_token


def phones_shown(screen: Screen) -> int:
    snapshot = screen.io.emit("resync", {"since": -1}, callback=True)["snapshot"]
    return snapshot["state"]["participants"]


def second_socket(evening, phone: Screen) -> Screen:
    """The same phone again (same participant token): a reconnect or a second tab."""
    html = phone.http.get(f"/j/{evening.code}").get_data(as_text=True)
    return Screen(evening.app, phone.http, boot_token(html))


def test_a_phone_with_two_sockets_counts_once(evening):
    console = evening.console()
    # presence is per process and tests reuse board ids: count from what is there already
    before = phones_shown(console)
    first, other = evening.phone(), evening.phone()
    again = second_socket(evening, first)
    evening.projector()  # screens are not phones
    assert phones_shown(console) == before + 2
    first.io.disconnect()  # the old socket finally times out: the phone is still here
    assert phones_shown(console) == before + 2
    again.io.disconnect()
    assert phones_shown(console) == before + 1
    other.io.disconnect()
    assert phones_shown(console) == before
