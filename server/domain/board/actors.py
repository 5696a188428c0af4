"""Who is acting: derived on the server from a verified token, never from the payload."""
from __future__ import annotations

from dataclasses import dataclass

PARTICIPANT = "participant"
PROJECTOR = "projector"
FACILITATOR = "facilitator"
MEMBER = "member"  # a member (or coordinator) of the resident group, on its workspace
SYSTEM = "system"  # the server itself (the hand-over); never from a token
ROLES = (PARTICIPANT, PROJECTOR, FACILITATOR, MEMBER)


@dataclass(frozen=True)
class Actor:
    """One connected person or screen.

    `board_id` is the board the actor's token was issued for; `user_id` is set for
    facilitators (their account), `participant_id` for residents (an opaque id kept
    on their phone), `member_id` for members of a resident group on its workspace.
    """

    role: str
    board_id: int
    user_id: int | None = None
    participant_id: str | None = None
    display_name: str | None = None
    member_id: int | None = None

    @property
    def audience(self) -> str:
        """Which redaction of events this actor receives: staff sees hidden cards."""
        return "staff" if self.role == FACILITATOR else "public"

    @property
    def sender(self) -> str:
        """Whose op_ids these are: the same person on every reconnect and reload.

        op_ids are unique per sender, not per board, so one phone (or the facilitator)
        that happens to reuse another's op_id gets its own command applied, never the
        other's stored answer.
        """
        who = self.participant_id or self.member_id or self.user_id or ""
        return f"{self.role}:{who}"


@dataclass(frozen=True)
class BoardRef:
    """What the rules need to know about a board besides its state: its id, its owner,
    and which facilitators its resident group grants access right now (read in the
    command's transaction, so a grant taken back counts from the next command on)."""

    id: int
    owner_id: int
    granted_user_ids: frozenset[int]
