"""Two server processes serve one evening: the console and two phones on process A, the
projector and two phones on process B, all on one PostgreSQL database and one Redis
(docs/deploy.md, "Several processes").

Every event reaches every screen, once and in order, whichever process took the command;
presence counts the residents over both processes (a resident with a socket on each is
one); the tally of a vote whose ballots went to both processes ends on the same right
count on every screen.
"""
from __future__ import annotations

import pytest

from tests.conftest import new_op
from tests.realtime.several_processes import (
    Screen,
    console_token,
    evening_on_postgres,
    needs_postgres_and_redis,
    phone,
    projector_token,
    start_servers,
    wait_for,
)

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_screens_on_two_processes_see_one_board(tmp_path):
    database, queue = needs_postgres_and_redis()
    secret = "two-processes-" + new_op()
    evening = evening_on_postgres(tmp_path, database, secret)
    a, b = start_servers(tmp_path, ["a", "b"], secret, database, queue)
    screens: list[Screen] = []
    try:
        token, cookie = console_token(a.base, evening.board_id)
        console = Screen("console@a", a.base, token, cookie)
        projector = Screen("projector@b", b.base, projector_token(b.base, evening.projector_key))
        phones = [phone("p1@a", a.base, evening.code), phone("p2@a", a.base, evening.code),
                  phone("p3@b", b.base, evening.code), phone("p4@b", b.base, evening.code)]
        # p1 opens the board on B too (a second tab, a reconnect to the other process)
        p1_again = Screen("p1@b", b.base, phones[0].token)
        screens = [console, projector, *phones, p1_again]

        start = console.seen()[0]
        assert all(screen.seen()[0] == start for screen in screens)
        wait_for("every screen to count four residents",
                 lambda: all(screen.participants == 4 for screen in screens))

        acks = [p.command("add_card", {"text": f"kaart van {p.name}"}) for p in phones]
        assert all(ack["ok"] for ack in acks), acks
        acks += [console.command("open_vote")]  # input_closed and vote_opened
        assert acks[-1]["ok"], acks[-1]
        last = acks[-1]["version"]
        wait_for("every event on every screen",
                 lambda: all(screen.seen()[0] == last for screen in screens))
        for screen in screens:  # live, once each, in order: nothing needed a resync
            assert screen.live == list(range(start + 1, last + 1)), screen.name
            assert not screen.behind, screen.name
        cards = console.seen()[1]
        assert sorted(cards.values()) == sorted(f"kaart van {p.name}" for p in phones)
        assert all(screen.seen()[1] == cards for screen in screens)

        # ballots on both processes, one taken back: three voted, after five ballots
        card_ids = sorted(cards)
        ballots = [(phones[0], {card_ids[0]: 1}), (phones[2], {card_ids[1]: 1}),
                   (phones[1], {card_ids[2]: 1}), (phones[3], {card_ids[0]: 1}),
                   (phones[2], {})]
        for voter, votes in ballots:
            assert voter.command("cast_votes", {"votes": votes})["ok"]
        wait_for("every screen to end on the last ballot's tally",
                 lambda: all(s.tally and (s.tally["cast"], s.tally["voters"]) == (5, 3)
                             for s in screens))

        p1_again.close()  # p1 still has its socket on A: still four
        phones[3].close()  # p4 leaves: three
        screens = [s for s in screens if s not in (p1_again, phones[3])]
        wait_for("every screen to count three residents",
                 lambda: all(screen.participants == 3 for screen in screens))
        revealed = console.command("reveal_votes")
        wait_for("the reveal on every screen",
                 lambda: all(s.seen()[0] == revealed["version"] for s in screens))
    finally:
        for screen in screens:
            screen.close()
        for server in (a, b):
            server.stop()
