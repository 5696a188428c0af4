"""Commands: what a client asks the board to do (imperative names).

`COMMANDS` maps every wire name to its dataclass; `parse_command` turns an untrusted
`{name, args}` into one of them or refuses with a clear code. The rules live in the
handler modules (`evening/cards.py`, `evening/voting.py`, …), registered in the
`HANDLERS` of `evening/aggregate.py` (an evening) and of `workspace/aggregate.py` (a
resident group's plan workspace). The dataclasses of both kinds of board sit here, one
floor below the rules, so the parser knows every wire name without importing a rule.
"""
from .base import COMMANDS, Command, command, parse_command
from .cards_and_pacing import (
                               AddCard,
                               AddDataCard,
                               AddPaperCard,
                               AnswerParked,
                               CloseInput,
                               CloseParked,
                               EditCard,
                               ExtendTimer,
                               GoToStep,
                               HideCard,
                               HideParked,
                               ImportDataCards,
                               MarkParkedLater,
                               OpenInput,
                               ParkItem,
                               PauseTimer,
                               ResetTimer,
                               SetJoinPanel,
                               ShowAuthors,
                               StartTimer,
                               UnhideCard,
                               UnhideParked,
                               WithdrawCard,
)
from .format_changes import AdaptFormat, UseFormat
from .techniques import (
                               AddAction,
                               CastVotes,
                               CreateCluster,
                               CreatePlan,
                               MergeClusters,
                               MoveCard,
                               OpenVote,
                               PlaceOnMatrix,
                               PromoteClusters,
                               RefreshReview,
                               RemoveAction,
                               RemoveResult,
                               RenameCluster,
                               RevealVotes,
                               SetEquity,
                               SetFocus,
                               SplitCluster,
                               UndoClustering,
                               UpdateAction,
                               UpdatePlan,
                               UpdateResult,
)
from .workspace import (
                               AddActionUpdate,
                               AddMeaning,
                               CloseEvening,
                               EvaluateYear,
                               ImportPlan,
                               ReopenEvening,
                               ReturnEvening,
                               SetActionStatus,
                               SetPlanYear,
                               SetShareProgress,
                               SetYearPhase,
                               TakeOverEvening,
)

__all__ = [
    "COMMANDS", "Command", "command", "parse_command",
    "AddCard", "AddDataCard", "AddPaperCard", "CloseInput", "EditCard", "ExtendTimer",
    "GoToStep", "HideCard", "OpenInput", "PauseTimer", "ResetTimer", "SetJoinPanel",
    "ShowAuthors", "StartTimer", "UnhideCard", "WithdrawCard", "ImportDataCards",
    "AnswerParked", "CloseParked", "HideParked", "MarkParkedLater", "ParkItem", "UnhideParked",
    "AddAction", "CastVotes", "CreateCluster", "CreatePlan", "MergeClusters", "MoveCard",
    "OpenVote", "PlaceOnMatrix", "PromoteClusters", "RefreshReview", "RemoveAction", "RemoveResult",
    "RenameCluster", "RevealVotes", "SetEquity", "SetFocus", "SplitCluster",
    "UndoClustering", "UpdateAction", "UpdatePlan", "UpdateResult",
    "AddActionUpdate", "AddMeaning", "EvaluateYear", "SetActionStatus", "SetPlanYear",
    "SetYearPhase", "TakeOverEvening", "ImportPlan", "ReturnEvening", "CloseEvening",
    "ReopenEvening", "SetShareProgress", "AdaptFormat", "UseFormat",
]
