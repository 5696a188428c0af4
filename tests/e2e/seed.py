"""An evening already under way, for browser tests about how a later step looks.

Walking five steps through the console's buttons would make every such test minutes long
and test the clicks again rather than the screen. So the board is brought to the wanted
step on the running server's own database, through the same `BoardService.handle` the
sockets use (the server keeps no board state in memory: every page that opens afterwards
gets its snapshot from the database). Open the pages after `EveningSeed` has run.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from server import create_app
from server.domain.board.actors import Actor
from server.models import ResidentGroup, User
from server.store.boards import create_workshop
from tests.databases import dispose_after_test
from tests.e2e.conftest import Server


@dataclass
class EveningSeed:
    """A workshop for the shared facilitator's group on `server`, driven step by step."""

    server: Server
    format_slug: str = "participatory-planning"
    title: str = "Bewonersavond Kanaleneiland-Noord"
    board_id: int = 0
    code: str = ""
    plans: dict[str, str] = field(default_factory=dict)  # title -> plan id

    def __post_init__(self):
        self.app = create_app({"DATABASE_URL": self.server.database_url, "ASYNC_MODE": "threading",
                               "SECRET_KEY": "seed-" + uuid.uuid4().hex,
                               "SOCKETIO_MESSAGE_QUEUE": None, "RATELIMIT_STORAGE_URL": "memory://"})
        dispose_after_test(self.app.extensions["weefwerk.engine"])
        self.service = self.app.extensions["weefwerk.service"]
        with self.service.sessions() as db:
            user = db.query(User).order_by(User.id).first()
            group = db.query(ResidentGroup).order_by(ResidentGroup.id).first()
            fmt = self.app.extensions["weefwerk.formats"][self.format_slug]
            board = create_workshop(db, user, group, self.title, fmt)
            db.commit()
            self.board_id, self.code, self.user_id = board.id, board.join_code, user.id
        self.actor = Actor(role="facilitator", board_id=self.board_id, user_id=self.user_id)

    def run(self, command: str, **args) -> dict:
        ack = self.service.handle(self.board_id, uuid.uuid4().hex, command, args, self.actor)
        assert ack["ok"], ack
        return ack.get("result", {})

    def step(self, index: int) -> None:
        self.run("go_to_step", step=index)

    def clusters(self, names: list[str], cards_each: int = 1) -> list[str]:
        """Paper cards and a named cluster for each name on the current step."""
        ids = []
        for name in names:
            cards = [self.run("add_paper_card", text=f"{name} ({n + 1})", kind=self._kind())["card_id"]
                     for n in range(cards_each)]
            ids.append(self.run("create_cluster", card_ids=cards, name=name)["cluster_id"])
        return ids

    def promote(self, names: list[str]) -> None:
        """Clusters for `names`, promoted into the current step's results."""
        self.run("promote_clusters", cluster_ids=self.clusters(names))

    def _kind(self) -> str | None:
        loaded = self.service.load(self.board_id)
        _board, state, fmt = loaded
        kinds = fmt.steps[state.step].options.get("cards", {}).get("kinds", ())
        return kinds[0]["key"] if kinds else None

    def board_state(self):
        return self.service.load(self.board_id)[1]
