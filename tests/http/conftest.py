"""What the HTTP tests of the console's pages share: the facilitator's browser."""
from __future__ import annotations

import pytest

from tests.conftest import Evening, sign_in_as


def desk_for(app, evening: Evening):
    """The browser of `evening`'s facilitator, signed in, asking for Dutch pages."""
    client = app.test_client()
    sign_in_as(app, client, evening.user_id)
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "nl"
    return client


@pytest.fixture
def desk(app, evening):
    return desk_for(app, evening)
