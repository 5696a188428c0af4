"""Which address the phones in the hall are shown (the QR code, "Or go to …").

The facilitator's laptop usually opens Weefwerk as `http://127.0.0.1:5000/`; that
address means "this laptop" on every phone that scans it. So when no public URL is set
and the page was asked for on a loopback address, the phones get the laptop's address on
the local network instead (docs/deploy.md, "The address the phones get"). When that
cannot work, the problem is named, so the console can say how to fix it.
"""
from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
ALL_INTERFACES = {"", "0.0.0.0", "::"}
LOOPBACK_ONLY = "loopback_only"  # the server listens on this laptop only
NO_NETWORK = "no_network"        # it listens everywhere, but no network address was found


@dataclass(frozen=True)
class PhoneAddress:
    """The start of every address the phones are shown, and what is wrong with it."""

    base: str  # scheme and host, no slash at the end: "http://192.168.1.20:5000"
    problem: str | None = None


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def phone_address(public_url: str | None, request_base: str, listen_host: str | None,
                  find_lan: Callable[[], str | None]) -> PhoneAddress:
    """The public URL when set; else the address the page was asked for, unless that is
    a loopback address: then the machine's LAN address (asked for only then)."""
    if public_url:
        return PhoneAddress(public_url.rstrip("/"))
    asked = urlsplit(request_base)
    base = request_base.rstrip("/")
    if not is_loopback(asked.hostname):
        return PhoneAddress(base)
    listen = (listen_host or "").strip("[]")
    if is_loopback(listen):
        return PhoneAddress(base, LOOPBACK_ONLY)
    lan = listen if listen not in ALL_INTERFACES else find_lan()
    if not lan:
        return PhoneAddress(base, NO_NETWORK)
    host = f"[{lan}]" if ":" in lan else lan
    port = f":{asked.port}" if asked.port else ""
    return PhoneAddress(f"{asked.scheme}://{host}{port}")
