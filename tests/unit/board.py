"""A board for domain tests: commands go through `parse_command` and `apply` like the
service runs them, each on a private copy of the state that is kept only when the
command is accepted, so a refusal is seen to change nothing."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from server.domain.board.actors import FACILITATOR, PARTICIPANT, PROJECTOR, Actor, BoardRef
from server.domain.board.commands import parse_command
from server.domain.board.errors import DomainError
from server.domain.board.events import Event
from server.domain.evening.aggregate import apply
from server.domain.evening.context import Context
from server.domain.evening.state import WorkshopState
from server.domain.formats.load import load_formats, parse_format
from server.domain.formats.types import Format

FORMATS = load_formats(Path(__file__).resolve().parents[2] / "sessions")
PLANNING = FORMATS["participatory-planning"]
GROUP = "Bewonersraad Kanaleneiland"
TRENDS, CHALLENGES, FUTURE, FORCES, STRATEGIES, ACTIONS = range(6)


def custom_format(**options: Any) -> Format:
    """A one-step-per-technique format with the given options, e.g. cluster={...}."""
    def step(key: str, techniques: list[str], produces: str | None = None) -> dict:
        out = {"key": key, "title": {"nl": key, "en": key},
               "question": {"nl": "?", "en": "?"}, "minutes": 10, "techniques": techniques,
               "options": {t: options[t] for t in techniques if t in options}}
        return out | ({"produces": produces} if produces else {})
    data = {"title": {"nl": "Test", "en": "Test"}, "description": {"nl": "-", "en": "-"},
            "steps": [step("challenges", ["cards", "cluster", "vote"], "challenge"),
                      step("actions", ["action_plan"], "project_plan")]}
    return parse_format("custom", data, "custom.toml")


class Board:
    """One evening's state, the owner's console, a projector and any number of phones."""

    def __init__(self, fmt: Format = PLANNING) -> None:
        self.fmt = fmt
        self.state = WorkshopState.new(fmt)
        self.ref = BoardRef(id=1, owner_id=10, granted_user_ids=frozenset({10}))
        self.facilitator = Actor(FACILITATOR, 1, user_id=10)
        self.projector = Actor(PROJECTOR, 1)
        self.logged: list[Event] = []
        self.volatile: list[Event] = []
        self.workspace: dict | None = None  # the group's plan workspace state, for reviews

    def phone(self, n: int, name: str | None = None) -> Actor:
        return Actor(PARTICIPANT, 1, participant_id=f"participant-{n}", display_name=name)

    def run(self, actor: Actor, command: str, /, **args: Any) -> list[Event]:
        """Run one command; keep the changed state and the events only when accepted."""
        cmd = parse_command(command, args)
        trial = WorkshopState.from_dict(self.state.to_dict())
        events = apply(trial, cmd, actor, Context(self.ref, self.fmt, 1_000_000, GROUP,
                                                  read_workspace=lambda: self.workspace)).events
        self.state = trial
        self.logged += [e for e in events if e.logged]
        self.volatile += [e for e in events if not e.logged]
        return events

    def f(self, command: str, /, **args: Any) -> list[Event]:
        return self.run(self.facilitator, command, **args)

    def p(self, n: int, command: str, /, **args: Any) -> list[Event]:
        return self.run(self.phone(n), command, **args)

    def refused(self, actor: Actor, command: str, /, **args: Any) -> DomainError:
        """The refusal of a command, after checking that it changed nothing."""
        before = self.state.to_dict()
        with pytest.raises(DomainError) as refusal:
            self.run(actor, command, **args)
        assert self.state.to_dict() == before
        return refusal.value

    def f_refused(self, command: str, /, **args: Any) -> str:
        return self.refused(self.facilitator, command, **args).code

    def p_refused(self, n: int, command: str, /, **args: Any) -> str:
        return self.refused(self.phone(n), command, **args).code

    # --- set-up shortcuts -------------------------------------------------------------

    def at(self, step: int, open_input: bool = True) -> Board:
        self.f("go_to_step", step=step)
        if open_input:
            self.f("open_input")
        return self

    def write(self, *texts: str, kind: str | None = None, by: int = 0) -> list[str]:
        """Cards by phone `by`; returns their ids."""
        args = {"kind": kind} if kind else {}
        return [self.p(by, "add_card", text=text, **args)[0].data["card"]["id"]
                for text in texts]

    def cluster(self, card_ids: list[str], name: str = "") -> str:
        args = {"name": name} if name else {}
        [event] = self.f("create_cluster", card_ids=card_ids, **args)
        return event.data["cluster"]["id"]

    def promote(self, *cluster_ids: str) -> list[dict]:
        [event] = self.f("promote_clusters", cluster_ids=list(cluster_ids))
        return event.data["results"]

    def card(self, card_id: str) -> dict:
        return self.state.cards[card_id]
