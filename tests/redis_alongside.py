"""The Redis URL for `make test`'s SQLite run while the PostgreSQL run goes alongside:
TEST_REDIS_URL with the next database number, so the runs' counters never meet (a test
resets the rate-limit counters of its own Redis database). Prints it; prints nothing when
TEST_REDIS_URL is not set. Publish/subscribe ignores the database number, which is why
each several-process test has a channel of its own and those tests run in one run only."""
from __future__ import annotations

import os
import re


def alongside(url: str) -> str:
    """`redis://host:6379/0` -> `redis://host:6379/1`; no number means database 0."""
    match = re.fullmatch(r"(?P<base>[^?]*?)(?:/(?P<db>\d+))?(?P<query>\?.*)?", url)
    if match is None or not url:
        return url
    number = (int(match["db"] or 0) + 1) % 16
    return f"{match['base'].rstrip('/')}/{number}{match['query'] or ''}"


if __name__ == "__main__":
    print(alongside(os.environ.get("TEST_REDIS_URL", "")))
