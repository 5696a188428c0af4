"""A resident's phone after the evening: what became of their cards (docs/protocol.md,
"What became of my ideas").

The phone asks with the token its page was given on the evening (the same link): the
token names the board and the participant, so a phone only ever gets its own cards. The
answer is worked out when asked (`domain/plan/my_ideas.py`): the evening's state for
whose card is whose, the group's workspace for the actions and the status a member set
since, unless the group turned sharing its progress off. Nothing is cached: the next
look shows the newest status.
"""
from __future__ import annotations

from dataclasses import asdict

from flask import abort, current_app, jsonify, request

from ..domain.board.actors import PARTICIPANT
from ..domain.plan.my_ideas import my_ideas
from ..models import WORKSHOP
from ..realtime.tokens import verify
from ..store.boards import board_by_id, participant_by_id, workspace_of
from .blueprint import bp, db


@bp.route("/phone/<int:board_id>/my-ideas")
def phone_my_ideas(board_id: int):
    """The phone's own cards with their cluster, results and (when the group shares its
    progress) the actions behind them; 403 for any token but this board's phone."""
    participant_id = _participant(board_id)
    board = board_by_id(db(), board_id)
    if board is None or board.kind != WORKSHOP:
        abort(404)
    evening = board.state or {}
    workspace = None
    if evening.get("handed_over"):  # before the hand-over there is no progress to read
        found = workspace_of(db(), board.group_id)
        workspace = found.state if found is not None else None
    response = jsonify(asdict(my_ideas(evening, board.id, participant_id, workspace)))
    response.headers["Cache-Control"] = "no-store"
    return response


def _participant(board_id: int) -> str:
    """The participant the request's token names, when it is a phone of this board."""
    header = request.headers.get("Authorization", "")
    token = header.removeprefix("Bearer ") if header.startswith("Bearer ") else None
    claims = verify(current_app.config["SECRET_KEY"], token)
    if claims is None or claims["b"] != board_id or claims["r"] != PARTICIPANT:
        abort(403)
    participant = participant_by_id(db(), claims["s"]) if isinstance(claims["s"], str) else None
    if participant is None or participant.board_id != board_id:
        abort(403)
    return participant.id
