"""This machine's address on the local network, and the start message that names it.

No internet is needed, and nothing is sent: "connecting" a UDP socket to a private
address only makes the kernel choose the interface it would send from; `getsockname`
then tells that interface's address.
"""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from .domain.evening.join_address import ALL_INTERFACES, LOOPBACK_ONLY, NO_NETWORK, phone_address

PROBES = ("10.255.255.255", "192.168.255.255", "172.31.255.255")  # private, never reached


def lan_address() -> str | None:
    """The IPv4 address phones on the same network can reach, or None when none is found."""
    for probe in PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))
                found = udp.getsockname()[0]
        except OSError:
            continue
        address = ipaddress.ip_address(found)
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            return found
    return None


def start_message(host: str, port: int, public_url: str | None,
                  find_lan: Callable[[], str | None] = lan_address) -> str:
    """What `serve.py` prints: where the laptop opens Weefwerk, and where phones go."""
    shown = "localhost" if host in ALL_INTERFACES else host
    lines = [f"Weefwerk is running: http://{shown}:{port}/"]
    phones = phone_address(public_url, f"http://{shown}:{port}/", host, find_lan)
    if phones.problem == LOOPBACK_ONLY:
        lines.append("Phones cannot reach this address: start with HOST=0.0.0.0 make run "
                     "on the hall's network, or set WEEFWERK_PUBLIC_URL.")
    elif phones.problem == NO_NETWORK:
        lines.append("Phones: no network address found. Connect this computer to the "
                     "hall's network and restart, or set WEEFWERK_PUBLIC_URL.")
    else:
        lines.append(f"Phones: {phones.base}/")
    return "\n".join(lines)
