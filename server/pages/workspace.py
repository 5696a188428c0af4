"""The resident group's live plan page, where members (and granted facilitators) follow
their plans up together (the hand-over from the console is in `pages/handover.py`).

Handlers stay thin: the rules are in `domain/workspace/aggregate.py`; the page only issues the
socket token for who is looking, and passes a coordinator's sharing switch (whether
residents' phones see the group's progress, docs/workspace.md) on as a command.
"""
from __future__ import annotations

import uuid
from datetime import date

from flask import abort, current_app, redirect, render_template, request, session, url_for

from ..domain.board.actors import FACILITATOR, MEMBER, PROJECTOR, SYSTEM, Actor
from ..domain.group.access import GROUP_ACTIONS, MEMBER_ROLES
from ..domain.plan.my_ideas import shares_progress
from ..domain.workspace.pictures import progress_per_strategy, strategy_map, timeline_picture
from ..i18n.locale import current_language
from ..realtime.tokens import issue
from ..store import groups as group_store
from ..store.accounts import user_by_id
from ..store.boards import workspace_of
from ..store.groups import member_by_id
from .blueprint import bp, db, logged_in_user
from .common import day
from .groups import gate, member_ids
from .join import field_limits
from .script_strings import strings_url


@bp.route("/g/<int:group_id>/plans")
def group_plans(group_id: int):
    """The live plan workspace: what needs doing first, then plans and years, pictures,
    history and downloads, and who can do what (docs/workspace.md, "The page")."""
    group, role = gate(group_id, "view_plans")
    board = workspace_of(db(), group.id)
    notice = session.pop("handover_notice", None)
    if board is None:
        return render_template("group/plans.html", group=group, board=None, notice=notice)
    if role in MEMBER_ROLES:
        who, subject = MEMBER, member_ids().get(str(group.id))
    else:
        who, subject = FACILITATOR, logged_in_user().id
    token = issue(current_app.config["SECRET_KEY"], board.id, who, subject)
    boot = {"token": token, "role": who, "view": "workspace", "lang": current_language(),
            "board_id": board.id, "group_id": group.id, "today": date.today().isoformat(),
            "strings_url": strings_url(), "limits": field_limits(),
            "max_command_bytes": current_app.config["COMMAND_MAX_BYTES"]}
    state = board.state or {}
    return render_template("group/plans.html", group=group, board=board, boot=boot,
                           notice=notice, pictures=_pictures(state), day=day,
                           sharing=shares_progress(state),
                           can_share=role in GROUP_ACTIONS["share_progress"],
                           **_who_can_do_what(group.id, role))


def _who_can_do_what(group_id: int, role: str) -> dict:
    """The names behind each role, for the page's "Who can do what"."""
    grants = group_store.grants_of(db(), group_id)
    users = [user_by_id(db(), g.user_id) for g in grants if g.active]
    return {"members": group_store.members_of(db(), group_id),
            "facilitators": [u.name for u in users if u is not None],
            "can_manage_people": role in GROUP_ACTIONS["invite_members"]}


@bp.route("/g/<int:group_id>/plans/share-progress", methods=["POST"])
def set_share_progress(group_id: int):
    """A coordinator's switch: whether residents' phones show what became of their cards
    (the actions behind them and their status). Sent as the workspace command in the
    coordinator's name, so the history says who changed it."""
    group, _role = gate(group_id, "share_progress")
    board = workspace_of(db(), group.id)
    if board is None:
        abort(404)
    member = member_by_id(db(), member_ids().get(str(group.id)))
    board_id, by = board.id, member.display_name if member else ""
    db().close()  # hand the pooled connection back: the command needs one (eventlet: 1)
    current_app.extensions["weefwerk.service"].handle(
        board_id, f"share-{uuid.uuid4().hex}", "set_share_progress",
        {"on": "1" in request.form.getlist("on")}, Actor(SYSTEM, board_id, display_name=by))
    return redirect(url_for("pages.group_plans", group_id=group_id) + "#who-can-do-what")


def _pictures(state: dict) -> dict:
    today = date.today().isoformat()
    return {"map": strategy_map(state, today), "timeline": timeline_picture(state, today),
            "progress": progress_per_strategy(state)}


@bp.route("/g/<int:group_id>/plans/pictures")
def group_plans_pictures(group_id: int):
    """The pictures alone, as they are now: the plan page fetches them again after a
    change (server-drawn SVG, so the phone draws nothing itself)."""
    group, _role = gate(group_id, "view_plans")
    board = workspace_of(db(), group.id)
    state = (board.state or {}) if board else {}  # before a hand-over: "no plans yet"
    response = current_app.make_response(render_template(
        "group/_pictures_body.html", group=group, pictures=_pictures(state), day=day))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/g/<int:group_id>/plans/screen")
def group_plans_screen(group_id: int):
    """The review screen for a council meeting's projector: the open actions, live and
    read-only (a projector token: it can watch the workspace, never change it)."""
    group, _role = gate(group_id, "view_plans")
    board = workspace_of(db(), group.id)
    if board is None:
        return render_template("group/plans_screen.html", group=group, board=None)
    token = issue(current_app.config["SECRET_KEY"], board.id, PROJECTOR)
    boot = {"token": token, "role": PROJECTOR, "view": "workspace_screen",
            "lang": current_language(), "board_id": board.id, "group_id": group.id,
            "today": date.today().isoformat(), "strings_url": strings_url()}
    return render_template("group/plans_screen.html", group=group, board=board, boot=boot)
