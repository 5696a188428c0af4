"""Pictures on the workspace page of a handed-over evening: the strategy map's nodes and
links, the timeline's bars (today and overdue marked in words) and progress per strategy."""
from __future__ import annotations

import html as htmllib
import re

from tests.http.test_workspace_print import STATUSES, printed  # noqa: F401  (fixture)


def picture(text: str, testid: str) -> str:
    match = re.search(rf'<svg[^>]*data-testid="{testid}".*?</svg>', text, re.S)
    assert match, testid
    return match.group(0)


def workspace_page(client, gid, lang="en"):
    client.get(f"/lang/{lang}")
    response = client.get(f"/g/{gid}/plans")
    assert response.status_code == 200
    return htmllib.unescape(response.get_data(as_text=True))


def test_the_strategy_map_links_vision_strategy_plan_and_actions(printed):  # noqa: F811
    gid, member = printed
    svg = picture(workspace_page(member, gid), "strategy-map")
    nodes = re.findall(r'data-kind="(\w+)" data-id="(\w+)"', svg)
    kinds = [k for k, _ in nodes]
    assert kinds.count("vision_element") == 1 and kinds.count("strategy") == 1
    assert kinds.count("plan") == 1 and kinds.count("action") == len(STATUSES)
    for text in ("Buren kennen elkaar", "Koffieochtend", *(f"Actie {s}" for s in STATUSES)):
        assert f"<title>{text}" in svg, text
    # vision → strategy, strategy → plan, plan → each action
    assert svg.count('data-testid="map-edge"') == 2 + len(STATUSES)
    [plan_id] = [i for k, i in nodes if k == "plan"]
    links = re.findall(r'<a href="([^"]+)" data-testid="map-link">', svg)
    assert f"/g/{gid}/plans/print#plan-{plan_id}" in links
    actions = [i for k, i in nodes if k == "action"]
    assert all(f"/g/{gid}/plans/print#action-{a}" in links for a in actions)
    # the vision element and strategy lead to the plan they are behind
    assert links.count(f"/g/{gid}/plans/print#plan-{plan_id}") == 3
    # no script, no raw user markup: texts are escaped text nodes
    assert "<script" not in svg


def test_the_timeline_has_a_bar_per_dated_action_today_and_overdue_in_words(printed):  # noqa: F811
    gid, member = printed
    svg = picture(workspace_page(member, gid), "timeline-picture")
    assert svg.count('data-testid="timeline-bar"') == len(STATUSES)
    assert 'data-testid="timeline-today"' in svg and ">today<" in svg
    # due in 2020 and not done or dropped: overdue, said in words
    assert svg.count('data-testid="timeline-overdue"') == 4
    assert svg.count("overdue") >= 4
    dutch = picture(workspace_page(member, gid, "nl"), "timeline-picture")
    assert ">vandaag<" in dutch and "te laat" in dutch


def test_progress_per_strategy_counts_done_busy_and_open(printed):  # noqa: F811
    gid, member = printed
    text = workspace_page(member, gid)
    [counts] = re.findall(r'data-testid="progress-counts">([^<]*)<', text)
    # gereed 1, bezig 1, open: idee + gepland + vastgelopen (geschrapt left out)
    assert counts == "1 done · 1 in progress · 3 open"
    assert 'data-testid="progress-row"' in text and "Koffieochtend" in text
