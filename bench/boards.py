"""The evenings the scenarios run on, made before any server starts.

One place knows how a board is filled: `fill_board` writes cards and clusters straight
into the board's state through the app's own ORM row (`board.state = document`), so a
5,000-card board takes a second instead of 5,000 commands. When the way a board's state is
stored changes, this module is the one to adapt (bench/command_cpu.py uses it too).

The bench uses these parts of the app directly: `server.create_app`,
`server.store.boards.create_group / create_workshop / add_participant`, `server.models`
(`User`, `Board`), `server.domain.board.actors`, `BoardService.handle` (via
`app.extensions`), `server.passwords.hasher_for` and `server.realtime.tokens.issue`.
"""
from __future__ import annotations

import random
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path

from .common import HOST, ROOT, inherited_env, phase

CARDS_PER_SENDER = 100  # the most a format allows per participant and step
VOTE_BUDGET = 3  # scenario 2: each phone casts three votes
FACILITATOR_LOGIN, FACILITATOR_PASSWORD = "bench", "bench-password-not-secret"
# Generous limits for commands (default 60 a minute per participant): one phone sends
# every card of the fan-out. Joining keeps the shipped limits unless a scenario says so.
COMMAND_LIMITS = {"WEEFWERK_COMMAND_RATE": "100000/minute",
                  "WEEFWERK_STAFF_COMMAND_RATE": "100000/minute"}
BENCH_FORMAT = """\
# Written by the benchmark for one run: one step with cards, clusters and a vote, so one
# phone may send every card and the room can vote on the clusters.
title = { nl = "Benchmark", en = "Benchmark" }
description = { nl = "Een stap met kaartjes.", en = "One card step." }

[[steps]]
key = "ideas"
title = { nl = "Ideeen", en = "Ideas" }
question = { nl = "Wat wil je kwijt?", en = "What is on your mind?" }
minutes = 20
techniques = ["cards", "cluster", "vote"]

[steps.options.cards]
max_per_participant = %d

[steps.options.vote]
budget = %d
max_per_item = 1
""" % (CARDS_PER_SENDER, VOTE_BUDGET)


def card_text(seq: int) -> str:
    """A card of ordinary length; its text is the key that matches arrivals to sends."""
    return f"idea {seq:05d}: more benches along the canal and some shade at the playground"


WORDS = ("meer bankjes langs de gracht schaduw speeltuin fietsenstalling buurthuis open "
         "avond jongeren ouderen groen straat veilig verlichting parkeren markt moestuin "
         "samen koffie vrijwilligers hondenpoep afval container bus halte school oversteek "
         "snelheid drempel bomen bloemen kunst muur feest zomer winter hulp boodschappen "
         "eenzaam buren ontmoeten plein water fontein toilet geld subsidie wijkagent").split()


def filler_text(n: int) -> str:
    """A card already on the board: words of a resident's card in a varied order, 40 to
    120 characters, so that sizes and compression on the wire are those of real text."""
    rng = random.Random(n)
    length = rng.randint(40, 120)
    words = [f"{n}:"]
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)


@dataclass
class Evening:
    """A prepared evening: where it is stored and what a server needs to serve it."""

    database_url: str
    secret: str
    formats_dir: Path
    board_id: int
    code: str
    user_id: int

    def server_env(self, port: int, **extra: str) -> dict:
        """The environment a Weefwerk server of this evening starts with on `port`."""
        return {**inherited_env(), "WEEFWERK_SECRET_KEY": self.secret,
                "DATABASE_URL": self.database_url, "WEEFWERK_ASYNC_MODE": "eventlet",
                "WEEFWERK_FORMATS_DIR": str(self.formats_dir), "HOST": HOST, "PORT": str(port),
                "RATELIMIT_STORAGE_URL": "memory://", **COMMAND_LIMITS, **extra}


def reset_postgres(url: str) -> None:
    """An empty schema: the benchmark's database is its own, never the tests'."""
    from sqlalchemy import create_engine, text

    from server.db import normalize_url

    engine = create_engine(normalize_url(url))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


def _app(database_url: str, secret: str, formats_dir: Path):
    sys.path.insert(0, str(ROOT))
    from server import create_app

    return create_app({"DATABASE_URL": database_url, "SECRET_KEY": secret,
                       "ASYNC_MODE": "threading", "FORMATS_DIR": str(formats_dir),
                       "SOCKETIO_MESSAGE_QUEUE": None, "RATELIMIT_STORAGE_URL": "memory://",
                       "RETENTION_ON_START": False})


def make_evening(work: Path, cards: int = 0, clusters: int = 0,
                 database_url: str | None = None) -> Evening:
    """A fresh database (SQLite in `work` unless a PostgreSQL URL is given, whose schema is
    dropped) with a facilitator who can log in, a group and one evening with input open
    and `cards` cards in `clusters` clusters already on the board."""
    phase(f"preparing an evening with {cards} cards")
    work.mkdir(parents=True, exist_ok=True)
    formats_dir = work / "formats"
    formats_dir.mkdir(exist_ok=True)
    (formats_dir / "bench.toml").write_text(BENCH_FORMAT)
    if database_url is None:
        database_url = f"sqlite:///{work / 'weefwerk.db'}"
    else:
        reset_postgres(database_url)
    secret = "bench-" + secrets.token_hex(16)
    from server.domain.board.actors import FACILITATOR, Actor
    from server.models import User
    from server.passwords import hasher_for
    from server.store.boards import create_group, create_workshop

    app = _app(database_url, secret, formats_dir)
    service = app.extensions["weefwerk.service"]
    with service.sessions() as db:
        user = User(name="Bench", login=FACILITATOR_LOGIN,
                    password_hash=hasher_for(None).hash(FACILITATOR_PASSWORD))
        db.add(user)
        db.flush()
        group = create_group(db, user, "Bewonersraad Benchmark")
        board = create_workshop(db, user, group, "Benchmarkavond",
                                app.extensions["weefwerk.formats"]["bench"])
        db.commit()
        user_id, board_id, code = user.id, board.id, board.join_code
    service.handle(board_id, secrets.token_hex(8), "open_input", {},
                   Actor(FACILITATOR, board_id, user_id=user_id))
    if cards or clusters:
        fill_board(app, board_id, cards, clusters)
    app.extensions["weefwerk.engine"].dispose()
    return Evening(database_url, secret, formats_dir, board_id, code, user_id)


def fill_board(app, board_id: int, cards: int, clusters: int = 0) -> None:
    """Put `cards` phone cards on step 0 of a board, dealt in turn over `clusters` new
    clusters (none: all unclustered), by writing the board's state document.

    The one card added first through the real `add_card` is the model, so every card has
    exactly the fields the rules give one; the authors are 300 made-up phones."""
    from server.domain.board.actors import PARTICIPANT, Actor
    from server.domain.evening.nouns import new_cluster
    from server.models import Board

    service = app.extensions["weefwerk.service"]
    service.handle(board_id, secrets.token_hex(8), "add_card", {"text": "model card"},
                   Actor(PARTICIPANT, board_id, participant_id="model"))
    with service.sessions() as db:
        board = db.get(Board, board_id)
        state = dict(board.state)
        model = next(iter(state["cards"].values()))
        next_id = state["next_id"]
        made_clusters = {}
        for n in range(clusters):
            cluster_id = f"k{next_id}"
            made_clusters[cluster_id] = new_cluster(cluster_id, 0, f"thema {n + 1}")
            next_id += 1
        cluster_ids = list(made_clusters)
        grown = {}
        for n in range(cards):
            card_id = f"c{next_id}"
            grown[card_id] = {**model, "id": card_id, "text": filler_text(n),
                              "author": f"filler{n % 300}",
                              "cluster": cluster_ids[n % clusters] if clusters else None}
            next_id += 1
        state["cards"], state["clusters"], state["next_id"] = grown, made_clusters, next_id
        board.state = state
        db.commit()


def direct_tokens(evening: Evening, n: int) -> list[str]:
    """Phones that joined without the HTTP pages: participant rows made in the database,
    tokens signed with the server's secret (`--join direct`)."""
    phase(f"making {n} participants")
    from server.db import make_engine, make_sessionmaker
    from server.domain.board.actors import PARTICIPANT
    from server.models import Board
    from server.realtime.tokens import issue
    from server.store.boards import add_participant

    engine = make_engine(evening.database_url, "threading")
    try:
        with make_sessionmaker(engine)() as db:
            board = db.get(Board, evening.board_id)
            people = [add_participant(db, board, None) for _ in range(n)]
            db.commit()
            return [issue(evening.secret, evening.board_id, PARTICIPANT, p.id)
                    for p in people]
    finally:
        engine.dispose()


def projector_token(evening: Evening) -> str:
    """The wall's token: a projector has no account, its token is all it has."""
    from server.domain.board.actors import PROJECTOR
    from server.realtime.tokens import issue

    return issue(evening.secret, evening.board_id, PROJECTOR, None)
