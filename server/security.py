"""HTTP hardening and rate limits shared by pages and sockets.

Rate limits use the `limits` library directly (Flask-Limiter covers HTTP only, and
Socket.IO events need the same counters); the storage URL decides whether counters are
process-local (`memory://`) or shared over processes (`redis://…`; by default the
message queue's Redis when one is set, `config.py`).

When the shared storage cannot be reached (Redis restarting), the counters fall back to
this process's memory until it is back: a command must still commit to the database
while Redis is away (docs/deploy.md, "Several processes"), and a limit counted per
process for a while still stops a flood, where failing open would not.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from limits import parse
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

log = logging.getLogger(__name__)

# Nothing inline, nothing from elsewhere; a string reaches an HTML sink (innerHTML and the
# like) only through the one Trusted Types policy named here, the workspace pictures'
# (static/js/views/workspace/pictures.js; docs/security.md, "XSS and the CSP").
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'; "
       "require-trusted-types-for 'script'; trusted-types server-pictures")


# Scripts and style sheets are never documents: the policy, framing and permissions
# headers only act on a document (or a worker, and Weefwerk starts none), while they
# would add about 450 bytes to each of a phone's forty modules on a slow line (issue 13,
# docs/performance.md). `nosniff` (a script must say it is one) and the referrer policy
# (a style sheet's own requests) do act on them, and stay.
SUBRESOURCE_TYPES = ("text/javascript", "text/css")


def add_security_headers(response):
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype in SUBRESOURCE_TYPES:
        return response
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response


DEFAULT_PORTS = {"http": 80, "https": 443}


def origin_of(url: str) -> str | None:
    """`scheme://host[:port]` of `url`, as a browser writes it in an `Origin` header:
    lower case, the scheme's default port left out. None when `url` names no host."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # a port that is not a number
        return None
    scheme, host = parts.scheme.lower(), (parts.hostname or "")
    if scheme not in DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    return f"{scheme}://{host}" if port in (None, DEFAULT_PORTS[scheme]) \
        else f"{scheme}://{host}:{port}"


def socket_origins(public_url: str | None) -> Callable[[str, dict], bool]:
    """Which browser pages may open a socket: the origin check python-engineio asks for
    every Socket.IO request that carries an `Origin` (a browser always sends one on a
    WebSocket handshake and on a cross-site request). Allowed are the server's own
    address as this request reached it, and `WEEFWERK_PUBLIC_URL`'s.

    "As it reached it" means the WSGI environment's scheme and `Host`, which werkzeug's
    `ProxyFix` has already set from the trusted proxies' `X-Forwarded-*` when
    `WEEFWERK_PROXY_HOPS` says there are any. python-engineio's own default also
    believes `X-Forwarded-Host` and `-Proto` when no proxy is trusted: a client could
    then name its own origin as the host. This check believes only what the rest of the
    app believes (docs/security.md, "Cross-site WebSocket hijacking")."""
    public = origin_of(public_url) if public_url else None

    def allowed(origin: str | None, environ: dict) -> bool:
        if not origin:  # asked for the CORS headers of a request without one
            return False
        host = environ.get("HTTP_HOST")
        own = origin_of(f"{environ.get('wsgi.url_scheme', 'http')}://{host}") if host else None
        claimed = origin_of(origin)
        return claimed is not None and claimed in (own, public)

    return allowed


@dataclass
class RateLimits:
    """Named moving-window limits: commands per actor, wrong join codes (per browser, per
    address, over the whole code space), failed logins."""

    limiter: MovingWindowRateLimiter
    rates: dict
    fallback: MovingWindowRateLimiter = field(
        default_factory=lambda: MovingWindowRateLimiter(MemoryStorage()))

    @classmethod
    def from_config(cls, config: dict) -> RateLimits:
        storage = storage_from_string(config["RATELIMIT_STORAGE_URL"])
        rates = {"command": parse(config["COMMAND_RATE"]),
                 "staff_command": parse(config["STAFF_COMMAND_RATE"]),
                 "join": parse(config["JOIN_RATE"]),
                 "join_address": parse(config["JOIN_ADDRESS_RATE"]),
                 "join_all": parse(config["JOIN_ALL_RATE"]),
                 "login": parse(config["LOGIN_RATE"])}
        return cls(MovingWindowRateLimiter(storage), rates)

    def hit(self, kind: str, key: str) -> bool:
        """Count one attempt; False when over the limit."""
        try:
            return self.limiter.hit(self.rates[kind], kind, key)
        except self.limiter.storage.base_exceptions:
            log.warning("rate-limit storage unreachable: counting %s in memory", kind)
            return self.fallback.hit(self.rates[kind], kind, key)

    def allows(self, kind: str, key: str) -> bool:
        """Whether another attempt would be allowed, without counting one."""
        try:
            return self.limiter.test(self.rates[kind], kind, key)
        except self.limiter.storage.base_exceptions:
            return self.fallback.test(self.rates[kind], kind, key)
