"""A resident group's own pages: signing in without e-mail, invites, and who has access.

Members reach the group through an invite link (expiring, revocable) and from then on
with their name and a personal passcode. A facilitator sees the group only while the
group's grant is active; a coordinator can take it back and give it again.
"""
from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..domain.board.errors import DomainError
from ..domain.group.access import (
    COORDINATOR,
    GRANTED_FACILITATOR,
    MEMBER,
    MEMBER_ROLES,
    accept_problem,
    allowed,
    invite_role_problem,
    member_name_key,
    role_in,
)
from ..realtime import doors
from ..store import groups as store
from ..store import sign_ins
from ..store.accounts import user_by_id
from ..store.boards import evenings_of_group
from .blueprint import bp, db, lifetime, safe_next
from .qr import qr_svg

ACCESS_MESSAGES = {
    "invite_unknown": _l("This invite link does not work. Ask the person who sent it "
                         "for a new one."),
    "invite_expired": _l("This invite link has expired. Ask for a new one."),
    "invite_revoked": _l("This invite link was withdrawn. Ask for a new one."),
    "name_required": _l("Please fill in your name."),
    "name_too_long": _l("A name can have at most %(limit)s characters."),
    "name_taken": _l("Someone in this group already uses that name. Add a letter or "
                     "your street, for example."),
    "passcode_too_short": _l("Your passcode needs at least %(limit)s characters."),
    "passcode_too_long": _l("Your passcode can have at most %(limit)s characters."),
    "passcode_mismatch": _l("The two passcodes are not the same."),
    "bad_sign_in": _l("That name and passcode do not match."),
    "invite_used": _l("This invite link for a coordinator has already been used. Ask a "
                      "coordinator of the group for a new one."),
    "coordinators_invite_coordinators": _l("This group already has a coordinator. Only a "
                                           "coordinator can invite another coordinator."),
    "facilitator_not_coordinator": _l("You are logged in as a facilitator. A facilitator "
                                      "cannot become a coordinator of the group: give "
                                      "this link to a resident."),
    "last_coordinator": _l("%(name)s is the last coordinator. Make someone else a "
                           "coordinator first, or the group has nobody to manage it."),
    "not_found": _l("That member is no longer in the group."),
    "forbidden": _l("You are not allowed to do that here."),
}


def refusal_text(error: DomainError) -> str:
    return str(ACCESS_MESSAGES.get(error.code, ACCESS_MESSAGES["forbidden"])) % error.params


def member_ids() -> dict:
    return session.get("members") or {}


def current_visitor():
    return store.visitor(db(), session.get("user_id"), member_ids())


def group_or_404(group_id: int):
    group = store.group_by_id(db(), group_id)
    facts = store.facts(db(), group_id)
    if group is None or facts is None:
        abort(404)
    return group, facts


def gate(group_id: int, action: str):
    """The group, the visitor's role, or the right refusal: sign in, or not for you."""
    group, facts = group_or_404(group_id)
    visitor = current_visitor()
    if allowed(visitor, facts, action):
        return group, role_in(visitor, facts)
    if role_in(visitor, facts) is None and session.get("user_id") is None:
        asked = request.full_path.rstrip("?") if request.method == "GET" else None
        abort(redirect(url_for("pages.group_sign_in", group_id=group_id, next=asked)))
    abort(403)


@bp.route("/g/<int:group_id>")
def group_home(group_id: int):
    """The group's home: its evenings and plans; members and access for those who manage."""
    group, role = gate(group_id, "view_plans")
    return _home(group, role)


def _home(group, role, error: str | None = None):
    evenings = evenings_of_group(db(), group.id)
    facts = store.facts(db(), group.id)
    if facts is None:  # (the gate found it a moment ago)
        abort(404)
    visitor = current_visitor()
    can_invite = allowed(visitor, facts, "invite_members")
    grants = [(g, user_by_id(db(), g.user_id)) for g in store.grants_of(db(), group.id)]
    new_link = session.pop("new_invite_link", None)
    coordinators = store.coordinator_count(db(), group.id)
    return render_template(
        "group/home.html", group=group, role=role, evenings=evenings,
        members=store.members_of(db(), group.id),
        invites=store.invites_of(db(), group.id) if can_invite else [],
        can_invite=can_invite, can_manage_grants=allowed(visitor, facts, "manage_grants"),
        can_remove=allowed(visitor, facts, "remove_members"), coordinators=coordinators,
        may_invite_coordinators=invite_role_problem(role, COORDINATOR, coordinators > 0) is None,
        grants=grants, new_link=new_link, error=error,
        new_link_qr=qr_svg(new_link, _("QR code of the invite link"), 6) if new_link else None)


@bp.route("/g/<int:group_id>/invites", methods=["POST"])
def create_invite(group_id: int):
    group, _role = gate(group_id, "invite_members")
    role = request.form.get("role", MEMBER)
    if role not in MEMBER_ROLES:
        role = MEMBER
    problem = invite_role_problem(_role, role, store.coordinator_count(db(), group.id) > 0)
    if problem:
        return _home(group, _role, refusal_text(DomainError(problem))), 403
    made_by = session.get("user_id") if _role == GRANTED_FACILITATOR else None
    _invite, secret = store.create_invite(db(), group.id, role, made_by_user_id=made_by)
    db().commit()
    session["new_invite_link"] = url_for("pages.accept_invite", secret=secret, _external=True)
    return redirect(url_for("pages.group_home", group_id=group.id) + "#invites")


@bp.route("/g/<int:group_id>/invites/<int:invite_id>/revoke", methods=["POST"])
def revoke_invite(group_id: int, invite_id: int):
    group, _role = gate(group_id, "revoke_invites")
    invite = store.invite_by_id(db(), invite_id)
    if invite is None or invite.group_id != group.id:
        abort(404)
    if invite.revoked_at is None:
        from ..models import utcnow
        invite.revoked_at = utcnow()
        db().commit()
    return redirect(url_for("pages.group_home", group_id=group.id) + "#invites")


@bp.route("/g/<int:group_id>/grants/<int:user_id>", methods=["POST"])
def set_grant(group_id: int, user_id: int):
    """A coordinator takes a facilitator's access back, or gives it again."""
    group, _role = gate(group_id, "manage_grants")
    if user_by_id(db(), user_id) is None:
        abort(404)
    active = request.form.get("active") == "1"
    store.grant(db(), group.id, user_id, active=active)
    if active:
        db().commit()
    else:
        _close_every_door(group.id, user_id)
    return redirect(url_for("pages.group_home", group_id=group.id) + "#access")


def _close_every_door(group_id: int, user_id: int) -> None:
    """With the grant gone: the facilitator's open invite links are withdrawn in the same
    commit; then the sockets open now are closed (the policy refuses everything else)."""
    store.withdraw_invites_made_by(db(), group_id, user_id)
    db().commit()
    doors.grant_withdrawn(group_id, user_id, store.evenings_run_by(db(), group_id, user_id))


@bp.route("/g/<int:group_id>/members/<int:member_id>/remove", methods=["GET", "POST"])
def remove_member(group_id: int, member_id: int):
    """A coordinator takes someone out of the group, after a confirmation; the last
    coordinator stays. The member's sign-ins no longer count and their open workspace
    closes at once."""
    group, role = gate(group_id, "remove_members")
    member = store.member_by_id(db(), member_id)
    if member is None or member.group_id != group.id:
        abort(404)
    if request.method == "GET":
        return render_template("group/remove_member.html", group=group, member=member,
                               error=None)
    name = member.display_name
    try:
        store.remove_member(db(), group.id, member.id)
    except DomainError as error:
        db().rollback()
        return render_template("group/remove_member.html", group=group, member=member,
                               error=refusal_text(DomainError(error.code, name=name))), 409
    db().commit()
    doors.member_removed(member_id)
    return redirect(url_for("pages.group_home", group_id=group.id) + "#members")


@bp.route("/i/<secret>", methods=["GET", "POST"])
def accept_invite(secret: str):
    """The invite link: choose the name others will see and a passcode; no e-mail."""
    try:
        invite = store.usable_invite(db(), secret)
    except DomainError as error:
        return render_template("group/invite.html", group=None, error=refusal_text(error)), 410
    group = store.group_by_id(db(), invite.group_id)
    if request.method == "GET":
        return render_template("group/invite.html", group=group, error=None)
    passcode = request.form.get("passcode", "")
    try:
        problem = accept_problem(invite.role, session.get("user_id") is not None)
        if problem:
            raise DomainError(problem)
        if passcode != request.form.get("passcode_again", ""):
            raise DomainError("passcode_mismatch")
        member = store.accept_invite(db(), invite, request.form.get("display_name", ""),
                                     passcode)
    except DomainError as error:
        db().rollback()
        return render_template("group/invite.html", group=group,
                               error=refusal_text(error)), 400
    db().commit()
    _remember(member)
    return redirect(url_for("pages.group_home", group_id=invite.group_id))


@bp.route("/g/<int:group_id>/sign-in", methods=["GET", "POST"])
def group_sign_in(group_id: int):
    group, _facts = group_or_404(group_id)
    if request.method == "GET":
        return render_template("group/sign_in.html", group=group, error=None,
                               signed_out=request.args.get("bye") == "1")
    limits = current_app.extensions["weefwerk.limits"]
    name = request.form.get("display_name", "")
    # the same name key as sign-in itself: "  Anna " is Anna's budget, not a fresh one
    attempt = f"{request.remote_addr}:g{group_id}:{member_name_key(name)[:40]}"
    if not limits.allows("login", attempt):
        error = _("Too many attempts. Please wait a few minutes and try again.")
        return render_template("group/sign_in.html", group=group, error=error), 429
    try:
        member = store.sign_in(db(), group.id, name, request.form.get("passcode", ""))
    except DomainError as error:
        limits.hit("login", attempt)  # only failures count
        return render_template("group/sign_in.html", group=group,
                               error=refusal_text(error)), 401
    _remember(member)
    home = url_for("pages.group_home", group_id=group.id)
    return redirect(safe_next(request.args.get("next"), home))


@bp.route("/g/<int:group_id>/sign-out", methods=["POST"])
def group_sign_out(group_id: int):
    """"Afmelden": ends the sign-in on the server too, and lands on the group's sign-in
    page, the way back in."""
    members = dict(member_ids())
    members.pop(str(group_id), None)
    session["members"] = members
    ended = sign_ins.restart(db(), session, lifetime())
    db().commit()
    if ended:
        doors.signed_out(ended)
    return redirect(url_for("pages.group_sign_in", group_id=group_id, bye=1))


def _remember(member) -> None:
    """Sign the member in on this browser, backed by its sign-in on the server."""
    sign_ins.ensure(db(), session, lifetime())
    members = dict(member_ids())
    members[str(member.group_id)] = member.id
    session["members"] = members
    session.permanent = True
    db().commit()


__all__ = ["COORDINATOR", "gate", "current_visitor"]
