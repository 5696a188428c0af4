"""The new-evening form on the console's start page, as a facilitator reads it in the
dropdown: the main format is chosen already, and each format's length is printed once."""
from __future__ import annotations

import re
from html import unescape

import pytest

from tests.conftest import Evening, sign_in_as


@pytest.fixture
def form_page(app):
    """The console start page of a facilitator with one group, in Dutch."""
    evening = Evening(app)
    client = app.test_client()
    sign_in_as(app, client, evening.user_id)
    return client.get("/console", headers={"Accept-Language": "nl"}).get_data(as_text=True)


def format_options(page: str) -> dict[str, tuple[str, bool]]:
    """slug -> (the option's text, selected?) of the form's format dropdown."""
    select = re.search(r'<select[^>]*id="ws-format".*?</select>', page, re.S).group(0)
    return {slug: (" ".join(unescape(text).split()), bool(selected))
            for slug, selected, text in re.findall(
                r'<option value="([^"]+)"( selected)?>(.*?)</option>', select, re.S)}


def test_the_form_preselects_the_one_evening_participatory_planning(form_page):
    options = format_options(form_page)
    assert [slug for slug, (_text, selected) in options.items() if selected] == [
        "participatory-planning"]


def test_every_format_names_its_length_once(form_page):
    for slug, (text, _selected) in format_options(form_page).items():
        lengths = re.findall(r"\d+\s*minuten|\d+(?:,\d+)?\s*uur", text)
        assert len(lengths) == 1, (slug, text)
    assert format_options(form_page)["quick-start"][0] == "Snelle start — 45 minuten"


def test_the_one_evening_format_shows_the_evening_its_description_promises(form_page):
    """"about 2.5 hours" in the description: 125 minutes of steps plus welcome, break and
    closing make 150, and that is the number in the dropdown."""
    options = format_options(form_page)
    assert options["participatory-planning"][0] == "Participatieve planning (één avond) — 150 minuten"
    assert options["participatory-planning-two-evenings"][0].endswith("2 avonden: 130 + 150 minuten")
