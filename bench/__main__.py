"""Weefwerk's benchmark: the six scenarios of issue 14 and issue 13's phone on slow 3G
(7) against the real server over loopback, each printing its targets, the measured
figures and MET / NOT MET.

    .venv/bin/python -m bench                     # all seven at full scale (many minutes)
    .venv/bin/python -m bench --quick             # all seven at small scale, to try it out
    .venv/bin/python -m bench --scenario 1 4      # some of them
    .venv/bin/python -m bench --scenario 7 --phone-baseline 9e1da8b   # with the figures before

bench/README.md says what each scenario does; results go to bench/results/<time>.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

from .common import PHASE, ROOT, machine
from .report import Check, markdown, table

RESULTS = ROOT / "bench" / "results"
SCENARIOS = {
    1: ("fan-out against the floor", "fanout"),
    2: ("vote burst", "vote_burst"),
    3: ("join storm", "join_storm"),
    4: ("snapshot", "snapshot"),
    5: ("memory per phone", "memory"),
    6: ("several processes with Redis", "scale_out"),
    7: ("a phone on slow 3G (issue 13)", "phone_page"),
}


async def run_one(number: int, opts, work: Path) -> tuple[list[Check], dict]:
    """One scenario, bounded by --scenario-timeout; a failure becomes a NOT MEASURED row."""
    import importlib

    title, module_name = SCENARIOS[number]
    module = importlib.import_module(f"bench.{module_name}")
    print(f"\n== scenario {number}: {title}", flush=True)
    try:
        return await asyncio.wait_for(module.run(opts, work / str(number)),
                                      opts.scenario_timeout)
    except (Exception, TimeoutError) as trouble:
        why = (f"gave up after {opts.scenario_timeout:.0f} s"
               if isinstance(trouble, TimeoutError) else f"{type(trouble).__name__}: {trouble}")
        print(f"  FAILED while {PHASE[0]}: {why}", file=sys.stderr, flush=True)
        if not isinstance(trouble, TimeoutError | RuntimeError):
            traceback.print_exc()
        return ([Check(f"{number}. {title}", "the scenario runs", f"failed while "
                       f"{PHASE[0]}: {why}"[:300], None)],
                {"failed": why, "phase": PHASE[0]})


async def main(opts) -> int:
    about = machine()
    scale = "small (--quick)" if opts.quick else "full"
    print(f"Weefwerk benchmark, scenarios {', '.join(map(str, opts.scenario))} at {scale} "
          f"scale, on {about['cpus']} cores ({about['cpu_model']}), load average "
          f"{', '.join(f'{x:.2f}' for x in about['loadavg_at_start'])}")
    checks: list[Check] = []
    details: dict = {}
    with tempfile.TemporaryDirectory(prefix="weefwerk-bench-") as tmp:
        for number in opts.scenario:
            got, detail = await run_one(number, opts, Path(tmp))
            checks += got
            details[str(number)] = detail
            for check in got:
                print(f"  {check.verdict}: {check.what}: {check.figure}", flush=True)
    print("\n" + table(checks))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    out = RESULTS / f"{stamp}.json"
    out.write_text(json.dumps({
        "when": stamp, "machine": about, "loadavg_at_end": os.getloadavg(),
        "settings": {k: v for k, v in vars(opts).items()},
        "checks": [c.as_dict() for c in checks], "markdown": markdown(checks),
        "details": details}, indent=2, default=str) + "\n")
    print(f"\nload average at the end: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if all(c.met for c in checks) else 1


async def guarded(opts) -> int:
    """`main`, cancelled on SIGTERM too, so that every server and client is stopped."""
    task = asyncio.ensure_future(main(opts))
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    try:
        return await task
    except asyncio.CancelledError:
        print("cancelled; servers stopped", file=sys.stderr)
        return 143


def parse(argv=None):
    p = argparse.ArgumentParser(prog="python -m bench",
                                description="Weefwerk's benchmark: issue 14's six scenarios "
                                            "and issue 13's phone on slow 3G (7).")
    p.add_argument("--scenario", type=int, nargs="+", default=sorted(SCENARIOS),
                   choices=sorted(SCENARIOS), help="which scenarios (default: all seven)")
    p.add_argument("--quick", action="store_true",
                   help="small scale (tens of phones, hundreds of cards): to try it out; "
                        "the targets are printed but mean little")
    p.add_argument("--phones", type=int, default=None,
                   help="phones for scenarios 1, 2, 5 and 6's single process instead of "
                        "the issue's 1,000")
    p.add_argument("--scale-out-phones", type=int, default=None,
                   help="phones over the processes of scenario 6 (default 5,000)")
    p.add_argument("--messages", type=int, default=None,
                   help="measured messages per server in scenarios 1 and 6 "
                        "(default 30, 10 with --quick)")
    p.add_argument("--warmup", type=int, default=2, help="messages not counted (default 2)")
    p.add_argument("--gap-ms", type=float, default=50,
                   help="pause after a message reached everyone (default 50)")
    p.add_argument("--timeout", type=float, default=10,
                   help="seconds for one message to reach everyone (default 10)")
    p.add_argument("--connect-timeout", type=float, default=300,
                   help="seconds for all joins, and for all connects (default 300)")
    p.add_argument("--scenario-timeout", type=float, default=1800,
                   help="seconds at most for one scenario (default 1800)")
    p.add_argument("--join", choices=("http", "direct"), default="direct",
                   help="how the phones of scenario 1 get their tokens: direct (made "
                        "before the server starts, default) or http (the join pages)")
    p.add_argument("--database", default=os.environ.get("BENCH_DATABASE_URL"),
                   help="PostgreSQL for scenario 6, its schema is dropped "
                        "(default $BENCH_DATABASE_URL)")
    p.add_argument("--redis", default=os.environ.get("BENCH_REDIS_URL"),
                   help="the message queue of scenario 6 (default $BENCH_REDIS_URL)")
    p.add_argument("--processes", type=int, default=4,
                   help="server processes of scenario 6 (default 4)")
    p.add_argument("--phone-baseline", default=None, metavar="GIT_REF",
                   help="scenario 7 also measures this commit's code, for the figures "
                        "before (e.g. 9e1da8b, the code before issue 13)")
    opts = p.parse_args(argv)
    if opts.messages is None:
        opts.messages = 10 if opts.quick else 30
    return opts


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(asyncio.run(guarded(parse())))
