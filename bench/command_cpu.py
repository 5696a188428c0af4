"""Server CPU per command on a full board, in-process (issue 14, "constant-cost commands").

    .venv/bin/python bench/command_cpu.py                       # SQLite, 0 / 2,000 / 5,000 cards
    .venv/bin/python bench/command_cpu.py --database postgresql://postgres@127.0.0.1/bench

For each board size it builds an evening whose state already holds that many cards
(written straight into the board's state by `bench/boards.fill_board`, so building a
5,000-card board does not take 5,000 commands), then times `BoardService.handle` for
`--commands` `add_card`s and `--commands` snapshots with `time.process_time`: this
process's CPU time, not wall time, because the machine is shared and wall time would
measure the neighbours. The database server's own CPU (PostgreSQL) is not in the
figure; the driver's and SQLAlchemy's are. No network, no sockets: the broadcast goes
to a Socket.IO server with no clients.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


from bench.boards import fill_board, reset_postgres  # noqa: E402
from server import create_app  # noqa: E402
from server.domain.board.actors import FACILITATOR, PARTICIPANT, Actor  # noqa: E402
from server.models import User  # noqa: E402
from server.store.boards import create_group, create_workshop  # noqa: E402


def make_app(url: str):
    return create_app({"TESTING": True, "DATABASE_URL": url, "ASYNC_MODE": "threading",
                       "SECRET_KEY": uuid.uuid4().hex, "SOCKETIO_MESSAGE_QUEUE": None,
                       "RATELIMIT_STORAGE_URL": "memory://", "RETENTION_ON_START": False})


def full_board(app, cards: int) -> tuple[int, Actor]:
    """A new evening with input open and `cards` cards, and its facilitator."""
    service = app.extensions["weefwerk.service"]
    fmt = app.extensions["weefwerk.formats"]["participatory-planning"]
    with service.sessions() as db:
        user = User(name="Bench", login=f"bench-{uuid.uuid4().hex[:8]}", password_hash="-")
        db.add(user)
        db.flush()
        board = create_workshop(db, user, create_group(db, user, "Bench"), "Bench", fmt)
        db.commit()
        board_id, user_id = board.id, user.id
    facilitator = Actor(FACILITATOR, board_id, user_id=user_id)
    service.handle(board_id, uuid.uuid4().hex, "open_input", {}, facilitator)
    fill_board(app, board_id, cards)
    return board_id, facilitator


def cpu_ms(run, times: int) -> list[float]:
    """The CPU time of each of `times` calls of `run(i)`, in milliseconds."""
    spent = []
    for i in range(times):
        start = time.process_time()
        run(i)
        spent.append((time.process_time() - start) * 1000)
    return spent


def measure(app, cards: int, commands: int) -> dict:
    service = app.extensions["weefwerk.service"]
    board_id, facilitator = full_board(app, cards)

    def add_card(i: int) -> None:
        phone = Actor(PARTICIPANT, board_id, participant_id=f"phone{i}")
        ack = service.handle(board_id, uuid.uuid4().hex, "add_card", {"text": f"nieuw {i}"},
                             phone)
        assert ack["ok"], ack

    def snapshot(_i: int) -> None:
        assert service.snapshot(board_id, facilitator) is not None

    cpu_ms(add_card, 3)  # warm-up: caches, first queries
    command = cpu_ms(add_card, commands)
    shown = cpu_ms(snapshot, commands)
    return {"cards": cards, "command_ms": statistics.median(command),
            "command_mean_ms": statistics.fmean(command),
            "snapshot_ms": statistics.median(shown)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a PostgreSQL URL (its schema is dropped!); "
                        "SQLite in a temporary folder without it")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 2000, 5000])
    parser.add_argument("--commands", type=int, default=30)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if options.database:
            reset_postgres(options.database)
            url, engine = options.database, "PostgreSQL"
        else:
            url, engine = f"sqlite:///{Path(folder) / 'bench.db'}", "SQLite"
        app = make_app(url)
        print(f"{engine}: CPU per command (median of {options.commands}), this process only")
        print(f"{'cards':>6} {'add_card ms':>12} {'(mean)':>8} {'snapshot ms':>12}")
        rows = [measure(app, size, options.commands) for size in options.sizes]
        for row in rows:
            print(f"{row['cards']:>6} {row['command_ms']:>12.2f} {row['command_mean_ms']:>8.2f}"
                  f" {row['snapshot_ms']:>12.2f}")
        if rows[0]["command_ms"] > 0:
            ratio = rows[-1]["command_ms"] / rows[0]["command_ms"]
            print(f"largest / smallest board: {ratio:.2f}x (issue 14 target: <= 1.3x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
