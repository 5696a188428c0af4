"""Scenario 2: a vote burst. N phones each cast 3 votes within 10 s on a 2,000-card board:
the totals exact, every screen converged within 2 s of the last vote.

The board's 2,000 cards are in 40 clusters, and the room votes on the clusters (a round
of dot voting is held on a step's clusters). The facilitator logs in over HTTP and opens
the vote from the console's socket; the projector watches too. Each phone then casts its
three dots at three random moments in the 10 s window, as a resident taps them: each
`cast_votes` is the phone's whole ballot so far (1, then 2, then 3 dots on different
clusters), as the phone's outbox sends it. Ballots are hidden: what a screen sees during
the vote is the coalesced `tally` (how many have voted), so a screen has converged when
its latest `tally` counts every voter. Then the facilitator reveals, and every screen
must get exactly the totals of the ballots the server acknowledged.
"""
from __future__ import annotations

import asyncio
import random
import secrets
import time
from contextlib import AsyncExitStack
from pathlib import Path

from . import boards
from .common import HOST, LoadMeter, free_port, phase, server, weefwerk_command
from .report import Check
from .swarm import Swarm, console_login, phone_auths

WINDOW_S, CONVERGE_S, CLUSTERS = 10.0, 2.0, 40


class Screens:
    """What every screen has seen: the vote's items, its latest tally, the revealed totals."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.opened: dict[int, float] = {}
        self.tallies: dict[int, list[tuple[int, float]]] = {}  # screen -> (voters, when)
        self.revealed: dict[int, tuple[dict, float]] = {}

    def event(self, screen: int, data) -> None:
        name = data.get("name") if isinstance(data, dict) else None
        if name == "vote_opened":
            self.items = data["data"]["items"]
            self.opened[screen] = time.perf_counter()
        elif name == "votes_revealed":
            self.revealed[screen] = (data["data"]["tallies"], time.perf_counter())

    def tally(self, screen: int, data) -> None:
        if isinstance(data, dict) and isinstance(data.get("voters"), int):
            self.tallies.setdefault(screen, []).append((data["voters"], time.perf_counter()))

    def converged(self, voters: int, since: float) -> list[float]:
        """Per screen that got it: when the first tally counting every voter came after
        `since` (the last vote sent), i.e. when the screen showed the final vote."""
        found = []
        for seen in self.tallies.values():
            when = next((t for count, t in seen if count == voters and t >= since), None)
            if when is not None:
                found.append(when)
        return found


async def command(client, name: str, args: dict, timeout: float = 60) -> dict:
    """Send a command and wait for its ack."""
    answer = await client.call("command", {"op_id": secrets.token_hex(8), "name": name,
                                           "args": args}, timeout=timeout)
    return answer if isinstance(answer, dict) else {"ok": False, "error": answer}


async def wait_until(done, seconds: float) -> bool:
    ends = time.perf_counter() + seconds
    while not done():
        if time.perf_counter() > ends:
            return False
        await asyncio.sleep(0.02)
    return True


async def run(opts, work: Path) -> tuple[list[Check], dict]:
    n = opts.phones or (50 if opts.quick else 1000)
    cards = 200 if opts.quick else 2000
    evening = await asyncio.to_thread(boards.make_evening, work, cards, CLUSTERS)
    tokens = await asyncio.to_thread(boards.direct_tokens, evening, n)
    port = free_port()
    env = evening.server_env(port, WEEFWERK_MAX_CONNECTIONS=str(max(5000, n + 100)))
    base = f"http://{HOST}:{port}"
    seen = Screens()
    handlers = {"event": seen.event, "tally": seen.tally}
    async with AsyncExitStack() as stack:
        proc = stack.enter_context(server("weefwerk", weefwerk_command(), env,
                                          work / "weefwerk.log"))
        phones, staff = Swarm("phones"), Swarm("console and projector")
        stack.push_async_callback(phones.close)
        stack.push_async_callback(staff.close)
        await phones.connect(base, phone_auths(tokens), handlers, opts.connect_timeout)
        token, cookie = await console_login(base, evening.board_id)
        console = await staff.connect_one(base, {"token": token, "lang": "nl"}, {
            "event": lambda _i, d: seen.event(n, d), "tally": lambda _i, d: seen.tally(n, d)},
            {"Cookie": cookie})
        projector = await staff.connect_one(
            base, {"token": boards.projector_token(evening), "lang": "nl"},
            {"event": lambda _i, d: seen.event(n + 1, d),
             "tally": lambda _i, d: seen.tally(n + 1, d)})
        if console is None or projector is None:
            raise RuntimeError("the console or the projector could not connect")
        screens = len(phones.clients) + 2
        phase("opening the vote")
        opened = await command(console, "open_vote", {})
        if not opened.get("ok"):
            raise RuntimeError(f"open_vote refused: {opened}")
        if not await wait_until(lambda: len(seen.opened) >= screens, 60):
            raise RuntimeError(f"only {len(seen.opened)} of {screens} screens saw the vote open")

        phase(f"{n} phones casting 3 votes each over {WINDOW_S:.0f} s")
        acked: dict[int, dict] = {}
        refusals: list[dict] = []
        last_sent = [0.0]

        async def phone(index: int, t0: float) -> None:
            rng = random.Random(index)
            chosen = rng.sample(seen.items, 3)
            moments = sorted(rng.uniform(0, WINDOW_S) for _ in range(3))
            client = phones.clients[index]
            for dots, moment in enumerate(moments, start=1):
                await asyncio.sleep(max(0.0, t0 + moment - time.perf_counter()))
                ballot = {item: 1 for item in chosen[:dots]}
                last_sent[0] = max(last_sent[0], time.perf_counter())
                try:
                    answer = await command(client, "cast_votes", {"votes": ballot})
                except Exception as trouble:
                    answer = {"ok": False, "error": repr(trouble)}
                if answer.get("ok"):
                    acked[index] = ballot
                else:
                    refusals.append(answer)

        meter = LoadMeter([proc.pid])
        t0 = time.perf_counter() + 0.2
        await asyncio.gather(*(phone(i, t0) for i in range(len(phones.clients))))
        last_acked = time.perf_counter()
        voters = len(acked)
        phase("waiting for every screen to count every voter")
        await wait_until(lambda: len(seen.converged(voters, last_sent[0])) >= screens, 30)
        other = meter.other_cores()
        converged = seen.converged(voters, last_sent[0])
        expected: dict[str, int] = dict.fromkeys(seen.items, 0)
        for ballot in acked.values():
            for item in ballot:
                expected[item] += 1
        phase("revealing")
        revealed_at = time.perf_counter()
        try:
            reveal = await command(console, "reveal_votes", {})
        except Exception as trouble:  # the console's socket was closed during the burst
            reveal = {"ok": False, "error": repr(trouble)}
        await wait_until(lambda: len(seen.revealed) >= screens, 30 if reveal["ok"] else 0)
    exact = sum(1 for tallies, _ in seen.revealed.values() if tallies == expected)
    lag = [when - last_sent[0] for when in converged]
    reveal_lag = [when - revealed_at for _, when in seen.revealed.values()]
    detail = {"phones": n, "cards": cards, "clusters": CLUSTERS, "screens": screens,
              "votes_acked_voters": voters, "refused": len(refusals),
              "refusals": [str(r)[:200] for r in refusals[:5]],
              "burst_s": round(last_acked - t0, 2), "screens_converged": len(converged),
              "converged_after_last_vote_max_s": round(max(lag), 2) if lag else None,
              "reveal_ok": bool(reveal.get("ok")), "reveal_error": reveal.get("error"),
              "sockets_closed": phones.dropped + staff.dropped,
              "screens_with_exact_totals": exact,
              "reveal_reached_all_s": round(max(reveal_lag), 2) if reveal_lag else None,
              "total_dots": sum(expected.values()), "other_load_cores": other}
    what = f"2. vote burst, {n} phones x 3 votes in {WINDOW_S:.0f} s, {cards} cards"
    totals_ok = voters == len(phones.clients) and not refusals and exact == screens
    converge_ok = len(converged) == screens and bool(lag) and max(lag) <= CONVERGE_S
    return [
        Check(what, "totals exact", f"{voters} voters, {len(refusals)} votes refused, "
              f"{detail['sockets_closed']} of {screens} screens' sockets closed during the "
              f"burst, reveal {'sent' if reveal['ok'] else 'failed'}; "
              f"{exact} of {screens} screens got the exact totals ({sum(expected.values())}"
              f" dots) at the reveal", totals_ok),
        Check(what, f"every screen converged within {CONVERGE_S:.0f} s of the last vote",
              f"{len(converged)} of {screens} screens counted every voter, the last "
              f"{detail['converged_after_last_vote_max_s']} s after the last vote was sent "
              f"(all acked {last_acked - t0:.1f} s into the burst; the reveal reached every "
              f"screen in {detail['reveal_reached_all_s']} s; other load {other})",
              converge_ok),
    ], detail
