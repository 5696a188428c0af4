"""The authorization matrix, written apart from the code: who may open every page and
send every command (docs/security.md explains it in words).

It is what a resident, a council member and a facilitator would expect, not a copy of
what the code does: `test_page_matrix.py` and `test_command_matrix.py` ask the running
app every cell and fail when the code disagrees, and when a route or a command exists
that this table does not list.

Who is asking (the world is `world.py`):

    anonymous          a browser that signed in nowhere
    phone              a resident who joined the target evening E1
    other_phone        a resident who joined another group's evening E2
    owner              Anna, who runs E1 for group G1, which grants her access
    other_facilitator  Bram, who runs another group's evening; G1 does not grant him
    granted            Carla, a facilitator G1 grants access, who does not run E1
    withdrawn          Dirk, who ran E3 for G1 until G1 took his access back; the evening
                       routes are asked for his own evening E3, and his sockets were
                       opened before the grant was taken back (still connected)
    member             Henk, a member of G1
    coordinator        Fatima, a coordinator of G1
    other_member       Els, a member of another group G2
    projector          the hall's PC that opened E1's projector link /p/<key>

What a page answers:

    ok        let in (2xx, or a redirect that is not to a sign-in)
    400 401 409  let in, and the form (deliberately incomplete or wrong) was refused;
              except where the row's note says the 400 *is* the refusal
    403       refused: signed in, but not allowed
    404       refused without saying the thing exists (another facilitator's evening)
    410       refused: the link is closed (a projector link while its group withdrew the
              grant)
    login     refused: redirected to the facilitators' login
    sign-in   refused: redirected to the group's sign-in for members

Commands are answered in the ack: `ok` (the policy let it through; the rule itself may
still refuse it for what it asks, e.g. `technique_not_active`), or the refusal's code.
"""
from __future__ import annotations

from pathlib import Path

VISITORS = ("anonymous", "phone", "other_phone", "owner", "other_facilitator", "granted",
            "withdrawn", "member", "coordinator", "other_member", "projector")
PAGE_OUTCOMES = ("ok", "400", "401", "409", "403", "404", "410", "login", "sign-in")
REFUSALS = ("403", "404", "410", "login", "sign-in")

# the page table: tests/authz/pages.txt, one line per route, one column per visitor
PAGES = (Path(__file__).with_name("pages.txt")).read_text(encoding="utf-8")


def page_table() -> dict[tuple[str, str], dict[str, str]]:
    """`PAGES` read: (method, rule) -> visitor -> expected outcome."""
    table: dict[tuple[str, str], dict[str, str]] = {}
    for line in PAGES.splitlines():
        cells = line.split("#", 1)[0].split()  # after a '#': why a cell is what it is
        if not cells:
            continue
        method, rule, *outcomes = cells
        assert len(outcomes) == len(VISITORS), f"{rule}: {len(outcomes)} cells"
        assert set(outcomes) <= set(PAGE_OUTCOMES), f"{rule}: {outcomes}"
        assert (method, rule) not in table, f"{method} {rule} listed twice"
        table[(method, rule)] = dict(zip(VISITORS, outcomes, strict=True))
    return table


# ---- commands -------------------------------------------------------------------------
# Who holds a socket on the board (the others are refused at connect, CONNECT below):
#   on the evening E1: owner (console), phone, projector, and withdrawn (Dirk's console of
#   his evening E3, opened before G1 took his access back);
#   on the workspace W1: owner, granted, member, coordinator, withdrawn (Dirk's plan
#   page, opened before), and removed (the plans page of Joop, a member the group took
#   out after he opened it).
EVENING_SOCKETS = ("owner", "phone", "projector", "withdrawn")
WORKSPACE_SOCKETS = ("owner", "granted", "member", "coordinator", "withdrawn", "removed")

# connect: with the visitor's own token when their pages give them one for the board
# (Dirk: the one his page gave him before the grant was taken back); else with a copy
# of one that works for someone else (a facilitator copies Anna's, anyone else Anna's
# console token on the evening and Henk's plans-page token on the workspace): the
# browser's own sign-in must back the token
CONNECT = {
    "evening": {"anonymous": "not_owner", "phone": "ok", "other_phone": "not_owner",
                "owner": "ok", "other_facilitator": "not_owner", "granted": "not_owner",
                "withdrawn": "not_granted", "member": "not_owner",
                "coordinator": "not_owner", "other_member": "not_owner", "projector": "ok"},
    "workspace": {"anonymous": "not_a_member", "phone": "not_a_member",
                  "other_phone": "not_a_member", "owner": "ok",
                  "other_facilitator": "not_granted", "granted": "ok",
                  "withdrawn": "not_granted", "member": "ok", "coordinator": "ok",
                  "other_member": "not_a_member", "projector": "not_a_member"},
}
FACILITATORS = ("owner", "other_facilitator", "granted", "withdrawn")

# a resync (catching up after a gap) from each socket that is open: the policy is asked
# again, so a screen the group closed gets nothing new
RESYNC = {
    "evening": {"owner": "ok", "phone": "ok", "projector": "ok", "withdrawn": "not_granted"},
    "workspace": {"owner": "ok", "granted": "ok", "member": "ok", "coordinator": "ok",
                  "withdrawn": "not_granted", "removed": "forbidden"},
}

F, P, PF, NOBODY = "facilitator", "resident", "resident+facilitator", "nobody"

# evening command -> who may send it: the resident of the evening, its facilitator (the
# owner while the group grants them), both, or nobody over a socket (the server itself
# sends it, from the hand-over page)
EVENING_COMMANDS = {
    "add_card": P, "edit_card": P, "withdraw_card": P, "cast_votes": P,
    "park_item": PF, "update_plan": PF, "add_action": PF, "update_action": PF,
    "remove_action": PF,
    "add_data_card": F, "import_data_cards": F, "add_paper_card": F, "hide_card": F,
    "unhide_card": F, "show_authors": F, "set_join_panel": F, "adapt_format": F,
    "use_format": F, "answer_parked": F, "close_parked": F, "mark_parked_later": F,
    "hide_parked": F, "unhide_parked": F, "open_input": F, "close_input": F,
    "go_to_step": F, "start_timer": F, "pause_timer": F, "extend_timer": F,
    "reset_timer": F, "set_focus": F, "refresh_review": F, "create_cluster": F,
    "move_card": F, "rename_cluster": F, "merge_clusters": F, "split_cluster": F,
    "undo_clustering": F, "place_on_matrix": F, "set_equity": F, "open_vote": F,
    "reveal_votes": F, "promote_clusters": F, "update_result": F, "remove_result": F,
    "create_plan": F,
    "close_evening": NOBODY, "reopen_evening": NOBODY,
}

M = "member+facilitator"
# workspace command -> who may send it: a member (or coordinator) still in the group and a
# facilitator the group grants, or nobody over a socket (the hand-over, an import and the
# coordinator's share-progress switch are sent by the server from their pages)
WORKSPACE_COMMANDS = {
    "set_action_status": M, "update_action": M, "add_action": M, "add_action_update": M,
    "set_plan_year": M, "set_year_phase": M, "evaluate_year": M, "add_meaning": M,
    "take_over_evening": NOBODY, "import_plan": NOBODY, "return_evening": NOBODY,
    "set_share_progress": NOBODY,
}


def evening_expectation(who: str, command: str) -> str:
    """The ack `who` gets for `command` on the evening: ok or the refusal's code."""
    rule = EVENING_COMMANDS.get(command)
    if who == "phone":
        return "ok" if rule in (P, PF) else "forbidden"
    if who == "owner":
        return "ok" if rule in (F, PF) else "forbidden"
    if who == "withdrawn":  # a facilitator's command, from a console the group closed
        return "not_granted" if rule in (F, PF) else "forbidden"
    return "forbidden"  # the projector only watches; workspace commands are not evening's


def workspace_expectation(who: str, command: str) -> str:
    """The ack `who` gets for `command` on the workspace: ok or the refusal's code."""
    rule = WORKSPACE_COMMANDS.get(command)
    if rule != M or who == "removed":
        return "forbidden"  # the server's own commands, every evening command, and
    return "not_granted" if who == "withdrawn" else "ok"  # anything from a removed member


# "own or other target": a visitor's own item, and another's
TARGETS = (
    # (who, board, command, target, expected)
    ("phone", "evening", "edit_card", "own card", "ok"),
    ("phone", "evening", "edit_card", "another resident's card", "not_yours"),
    ("phone", "evening", "withdraw_card", "another resident's card", "not_yours"),
    ("other_phone", "other evening", "edit_card", "a card of E1", "not_found"),
    ("other_facilitator", "other evening", "hide_card", "a card of E1", "not_found"),
    ("owner", "evening", "go_to_step", "with another evening's board id", "invalid_args"),
    ("member", "workspace", "set_action_status", "with another board's id", "invalid_args"),
)
