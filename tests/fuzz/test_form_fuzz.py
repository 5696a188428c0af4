"""Every HTTP form, fuzzed (docs/testing.md, "Bad input, fuzzed").

Each example posts one form of the app's URL map, usually as the person whose form it is
(the facilitator, a coordinator, a member, a passer-by) and now and then as someone else,
to the right ids or another group's, with its fields filled in with odd text (broken
UTF-8, right-to-left and zero-width characters, digits that are no digits, huge values),
fields left out, fields twice, a CSRF token missing or wrong, and odd files on the
upload forms. Whatever was posted, the answer is a page (2xx), a redirect (3xx) or a
clear refusal (4xx), never a 500; no traceback reaches the log; a refusal changes no board.
"""
from __future__ import annotations

import io
import json
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from server.domain.evening.format_changes import ADAPTABLE
from server.domain.formats.catalogue import CATALOGUE
from server.models import WORKSPACE, Member, ResidentGroup, User
from server.store.boards import create_workshop
from server.store.groups import create_invite, grant
from tests.conftest import Evening, csrf_from, new_op, sign_in_as
from tests.fuzz.arguments import (
    AWKWARD_TEXTS,
    LONE_SURROGATES,
    Pool,
    broken,
    json_values,
    plain_texts,
    texts,
)
from tests.fuzz.boards import FORMAT_DOCUMENTS, exported, handed_over_workspace, seeded_evening
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.invariants import TracebackCatcher, board_now, state_of
from tests.http.test_group_access import group_id_of, invite_link, join_group

# text a number field might get: digits that int() refuses although str.isdigit() takes
# them (superscripts), digits of other scripts, full-width ones, huge ones, signs, blanks
NUMBERISH = ("1", "0", "-1", "2", "6", "007", "\u00b2", "\u0663", "\uff11", "1\u200b",
             " 3 ", "1e3", "1_000", "99999999999999999999", "-0", "+1", "", "NaN")
numberish = st.sampled_from(NUMBERISH) | st.integers(-5, 10**7).map(str)
form_texts = st.one_of(plain_texts, plain_texts, texts, numberish)

HUGE = 99999999999999999999  # more than any table's id can be

STEP_FORM_FIELDS = tuple(ADAPTABLE) + ("skip", "position")
format_fields = st.tuples(st.integers(0, 7), st.sampled_from(STEP_FORM_FIELDS)).map(
    lambda pair: f"s{pair[0]}-{pair[1]}")
additions = st.sampled_from((*CATALOGUE, "repeat-0", "repeat-2", "repeat-\u00b2",
                             "repeat-99999999999", "repeat-", ""))


@dataclass(frozen=True)
class Form:
    """A POST route: whose form it is, the ids in its path, its fields and its file."""

    owner: str  # the client that posts it in the normal course
    path: tuple[str, ...] = ()  # the kinds of id in its path, in order
    fields: tuple[tuple[str, st.SearchStrategy], ...] = ()
    upload: str | None = None  # the file field, if it takes a file
    ends_session: bool = False  # posting it signs its client out


def _fields(**strategies: st.SearchStrategy) -> tuple[tuple[str, st.SearchStrategy], ...]:
    return tuple(strategies.items())


# endpoint -> its form; `test_every_form_has_a_fuzz_schema` keeps this equal to the POST
# routes of the app, so a new form fails the suite until it is described here
FORMS: dict[str, Form] = {
    "pages.setup": Form("anonymous", (), _fields(name=form_texts, login=form_texts,
                                                  password=form_texts)),
    "pages.login": Form("anonymous", (), _fields(login=form_texts, password=form_texts)),
    "pages.logout": Form("facilitator", (), (), ends_session=True),
    "pages.join": Form("anonymous", (), _fields(code=form_texts)),
    "pages.join_board": Form("anonymous", ("code",), _fields(display_name=form_texts)),
    "pages.create_group": Form("facilitator", (), _fields(name=form_texts)),
    "pages.create_workshop": Form("facilitator", (), _fields(
        title=form_texts, format=st.sampled_from(("participatory-planning", "quick-start"))
        | form_texts, group_id=numberish)),
    "pages.hand_over_evening": Form("facilitator", ("board",), _fields(version=numberish)),
    "pages.take_back_hand_over": Form("facilitator", ("board",), _fields(version=numberish)),
    "pages.add_data_card": Form("facilitator", ("board",), _fields(
        step=numberish, text=form_texts, source=form_texts,
        op_id=st.just("new") | form_texts)),
    "pages.import_data_cards": Form("facilitator", ("board",), upload="csv"),
    "pages.adapt_evening_format": Form("facilitator", ("board",), (
        ("op_id", st.just("new") | form_texts), ("add", additions | form_texts),
        ("description.nl", form_texts), ("description.en", form_texts),
        # the trends step's kinds and themes (pages/format_tags.py): rows renamed, a
        # kind removed, a new kind and theme with any name and any colour
        ("s0-kinds-shown", st.just("1") | form_texts), ("s0-kind0-nl", form_texts),
        ("s0-kind1-remove", st.just("on") | form_texts), ("s0-kind-new-nl", form_texts),
        ("s0-kind-new-en", form_texts), ("s0-kind-new-color", form_texts),
        ("s0-themes-shown", st.just("1") | form_texts), ("s0-theme-verkeer", form_texts),
        ("s0-theme-new-nl", form_texts), ("s0-theme-new-en", form_texts))),
    "pages.save_as_own_format": Form("facilitator", ("board",), _fields(slug=form_texts)),
    "pages.upload_evening_format": Form("facilitator", ("board",), upload="toml"),
    "pages.upload_own_format": Form("facilitator", (), _fields(
        slug=form_texts, replace=st.just("on") | form_texts), upload="toml"),
    "pages.delete_own_format_view": Form("facilitator", ("own format",)),
    "pages.create_invite": Form("coordinator", ("group",), _fields(
        role=st.sampled_from(("member", "coordinator", "admin")) | form_texts)),
    "pages.revoke_invite": Form("coordinator", ("group", "invite")),
    "pages.set_grant": Form("coordinator", ("group", "user"), _fields(
        active=st.sampled_from(("1", "0")) | form_texts)),
    "pages.remove_member": Form("coordinator", ("group", "member")),
    "pages.accept_invite": Form("anonymous", ("secret",), _fields(
        display_name=form_texts, passcode=form_texts, passcode_again=form_texts)),
    "pages.group_sign_in": Form("anonymous", ("group",), _fields(
        display_name=st.sampled_from(("Fatima", "Henk")) | form_texts,
        passcode=st.just("geheim123") | form_texts)),
    "pages.group_sign_out": Form("member", ("group",), ends_session=True),
    "pages.delete_everything": Form("coordinator", ("group",), _fields(
        confirm_name=form_texts)),
    "pages.set_retention": Form("coordinator", ("group",), _fields(days=numberish)),
    "pages.import_plan": Form("other coordinator", ("other group",), upload="document"),
    "pages.set_share_progress": Form("coordinator", ("group",), _fields(
        on=st.sampled_from(("1", "0")) | form_texts)),
}


def test_every_form_has_a_fuzz_schema(app):
    posted = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert posted == set(FORMS), (f"not fuzzed: {sorted(posted - set(FORMS))}; "
                                  f"gone: {sorted(set(FORMS) - posted)}")


def form_body(pairs: list[tuple[str, str]]) -> bytes:
    """An url-encoded body as a broken client may send it: a lone surrogate becomes the
    bytes of its UTF-8 form, which are no UTF-8 (what a phone's bad keyboard produces)."""
    return "&".join(
        urllib.parse.quote(key.encode("utf-8", "surrogatepass"), safe="") + "="
        + urllib.parse.quote(value.encode("utf-8", "surrogatepass"), safe="")
        for key, value in pairs).encode("ascii")


CSV_FILES = (b"stap;tekst;bron\n1;Veel ouderen;Buurtscan\n", b"step,text\n2,Feit\n",
             b"stap;tekst\n\xff\xfe;x\n", b"stap;tekst;bron\n\"1;open quote\n", b"",
             b"tekst\nzonder stap\n", b"stap;tekst\n\xc2\xb2;Feit\n",
             b"stap;tekst\n99999999999999999999;Feit\n", ("stap;tekst\n" + "1;x\n" * 101).encode())


@st.composite
def upload_contents(draw, field: str, known: dict[str, list[dict]]) -> bytes:
    """The bytes of an uploaded file: one the app made, broken in one place, or junk."""
    kind = draw(st.sampled_from(("made", "broken", "junk", "bytes")))
    if field == "csv":
        return draw(st.sampled_from(CSV_FILES) | st.binary(max_size=200))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "junk":
        value = draw(json_values)
    else:
        ref = draw(broken("document")) if kind == "broken" else None
        documents = known[field]
        value = documents[0] if ref is None else ref.on(Pool(documents=documents))
    if field == "toml":
        try:
            return tomli_w.dumps(_without_none(value)).encode("utf-8", "surrogatepass")
        except (TypeError, ValueError, AttributeError):
            return json.dumps(value, default=repr).encode("utf-8", "surrogatepass")
    return json.dumps(value, default=repr).encode("utf-8", "surrogatepass")


def _without_none(value: object) -> object:
    """TOML has no null: a null is left out, as a file would."""
    if isinstance(value, dict):
        return {str(k): _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


class FormWorld:
    """Two facilitators' evenings, a group with its workspace, another group, and a client
    for everyone who posts forms, each with its CSRF token."""

    def __init__(self, app):
        self.app = app
        self.service = app.extensions["weefwerk.service"]
        evening = Evening(app)
        screens = seeded_evening(evening)
        place = handed_over_workspace(app, evening, screens)
        other = Evening(app, login="bram")
        self.group, self.other_group = place["group_id"], group_id_of(app, other.board_id)
        with self.service.sessions() as db:
            anna = db.get(User, evening.user_id)
            fresh = create_workshop(db, anna, db.get(ResidentGroup, self.group), "Tweede avond",
                                    app.extensions["weefwerk.formats"]["participatory-planning"])
            invite, self.secret = create_invite(db, self.group, "member", 14)
            db.commit()
            self.open_board, self.open_code, self.invite = fresh.id, fresh.join_code, invite.id
        self.user, self.other_user = evening.user_id, other.user_id
        self.boards = {"open": self.open_board, "closed": evening.board_id,
                       "other": other.board_id, "workspace": place["board_id"]}
        self.codes = {"open": self.open_code, "other": other.code}
        coordinator, member = place["clients"]["coordinator"], place["clients"]["member"]
        els = join_group(app, invite_link(app, self.other_group, "coordinator"), "Els")
        self.members = {name: self._member_id(name) for name in ("Henk", "Els")}
        self.clients = {"facilitator": screens["console"].http, "coordinator": coordinator,
                        "member": member, "other coordinator": els,
                        "anonymous": app.test_client()}
        self.tokens = {name: self._token(name) for name in self.clients}
        workspace = state_of(WORKSPACE, board_now(self.service, place["board_id"])[1])
        self.documents = {"document": [exported(workspace, "Bewonersraad Kanaleneiland")],
                          "toml": FORMAT_DOCUMENTS}

    def _member_id(self, name: str) -> int:
        with self.service.sessions() as db:
            return db.query(Member).filter_by(display_name=name).one().id

    def _token(self, name: str) -> str:
        page = {"facilitator": "/console", "coordinator": f"/g/{self.group}",
                "member": f"/g/{self.group}", "other coordinator": f"/g/{self.other_group}",
                "anonymous": "/login"}[name]
        return csrf_from(self.clients[name].get(page).get_data(as_text=True))

    def path_value(self, kind: str, choice: int) -> str:
        """The `choice`-th id of `kind`: this group's own, another group's, none at all."""
        options = {
            "group": (self.group, self.group, self.other_group, 0, 999999, HUGE),
            "other group": (self.other_group, self.other_group, self.group, HUGE),
            "board": (self.open_board, self.open_board, self.boards["closed"],
                      self.boards["other"], self.boards["workspace"], 999999, HUGE),
            "invite": (self.invite, 999999, HUGE),
            "user": (self.user, self.other_user, 999999, HUGE),
            "member": (self.members["Henk"], self.members["Els"], 999999, HUGE),
            "secret": (self.secret, "x" * 40, "\u202e"),
            "code": (self.open_code, self.codes["other"], "ZZZZZZ", "k\u0301"),
            "own format": ("participatory-planning", "nergens", "\u202e", "x" * 200),
        }[kind]
        return urllib.parse.quote(str(options[choice % len(options)]), safe="")

    def boards_now(self) -> dict:
        return {name: board_now(self.service, board_id) for name, board_id in self.boards.items()}

    def restore(self, form: Form, client: str) -> None:
        """What a form took away that the next examples need: the facilitator's grant,
        a member a form removed (made again, with a new client), and the session of a
        client that signed out."""
        with self.service.sessions() as db:
            grant(db, self.group, self.user, active=True)
            db.commit()
            gone = [name for name, member_id in self.members.items()
                    if db.get(Member, member_id) is None]
        for name in gone:
            client_name, group = {"Henk": ("member", self.group),
                                  "Els": ("other coordinator", self.other_group)}[name]
            role = "coordinator" if name == "Els" else "member"
            self.clients[client_name] = join_group(self.app, invite_link(self.app, group, role),
                                                   name)
            self.members[name] = self._member_id(name)
            self.tokens[client_name] = self._token(client_name)
        if form.ends_session and client not in gone:
            self._sign_in_again(client)

    def _sign_in_again(self, client: str) -> None:
        if client == "facilitator":
            sign_in_as(self.app, self.clients["facilitator"], self.user)
        elif client in ("coordinator", "member", "other coordinator"):
            name, group = {"coordinator": ("Fatima", self.group), "member": ("Henk", self.group),
                           "other coordinator": ("Els", self.other_group)}[client]
            http = self.clients[client]
            page = http.get(f"/g/{group}/sign-in").get_data(as_text=True)
            response = http.post(f"/g/{group}/sign-in", data={
                "display_name": name, "passcode": "geheim123", "csrf_token": csrf_from(page)})
            assert response.status_code == 302, f"{name} could not sign in again"
        self.tokens[client] = self._token(client)


def test_every_form_answers_a_page_or_a_clear_refusal_and_never_fails(fuzz_app):
    app = fuzz_app
    world = FormWorld(app)
    endpoints = sorted(FORMS)
    statuses: Counter[int] = Counter()

    with TracebackCatcher() as log:
        @fuzz_settings(160)
        @given(data=st.data())
        def one_form(data):
            endpoint = data.draw(st.sampled_from(endpoints), label="form")
            form = FORMS[endpoint]
            client = form.owner if data.draw(st.sampled_from((True, True, True, False))) \
                else data.draw(st.sampled_from(sorted(world.clients)), label="client")
            ids = [world.path_value(kind, data.draw(st.integers(0, 9))) for kind in form.path]
            url = _url(app, endpoint, ids)
            pairs = form_pairs(data, endpoint, form, world.tokens[client])
            before = world.boards_now()
            response = post(data, world.clients[client], url, form, pairs, world.documents)

            what = f"POST {url} as {client} with {pairs!r}"[:1500]
            statuses[response.status_code] += 1
            assert 200 <= response.status_code < 500, f"{what}: {response.status_code}"
            if response.status_code >= 400:
                assert world.boards_now() == before, f"{what}: refused, yet a board moved"
            world.restore(form, client)

        one_form()

    print(sorted(statuses.items()))
    assert not log.caught, log.report()
    # through, refused, and not theirs or not there: the fuzz got past the doors
    assert 302 in statuses and 400 in statuses and {401, 403, 404} & set(statuses), statuses


def form_pairs(data, endpoint: str, form: Form, token: str) -> list[tuple[str, str]]:
    """The form's fields, each now and then left out, odd values in them, maybe a field
    twice or one the form does not have, and the CSRF token as it was, missing or wrong."""
    pairs = [(name, data.draw(strategy)) for name, strategy in form.fields
             if data.draw(st.sampled_from((True, True, True, False)))]
    if endpoint == "pages.adapt_evening_format":
        pairs += [(name, data.draw(form_texts)) for name in
                  data.draw(st.lists(format_fields, max_size=6))]
    pairs = [(k, new_op() if k == "op_id" and v == "new" else v) for k, v in pairs]
    if data.draw(st.integers(0, 9)) == 0:
        known = [k for k, _v in pairs] or ["x"]
        pairs.append(data.draw(st.tuples(st.sampled_from(known) | st.sampled_from(AWKWARD_TEXTS),
                                         form_texts)))
    csrf = data.draw(st.sampled_from(("valid",) * 8 + ("missing", "wrong")))
    if csrf == "valid":
        pairs.append(("csrf_token", token))
    elif csrf == "wrong":
        pairs.append(("csrf_token", data.draw(st.sampled_from(LONE_SURROGATES) | texts)))
    return pairs


def post(data, http, url: str, form: Form, pairs: list[tuple[str, str]], documents: dict):
    """Post the fields url-encoded as bytes (so broken UTF-8 goes as it is), or, for an
    upload, as multipart with a drawn file (its text fields as UTF-8 can carry them)."""
    if not form.upload:
        return http.post(url, data=form_body(pairs),
                         content_type="application/x-www-form-urlencoded")
    content = data.draw(upload_contents(form.upload, documents))
    name = data.draw(st.sampled_from(("plan.json", "x.csv", "\u202egpj.toml", "")))
    fields = {k: v.encode("utf-8", "surrogatepass").decode("utf-8", "replace") for k, v in pairs}
    return http.post(url, data={**fields, form.upload: (io.BytesIO(content), name)},
                     content_type="multipart/form-data")


PLACEHOLDER = re.compile(r"<(?:\w+:)?\w+>")


def _url(app, endpoint: str, ids: list[str]) -> str:
    """The route's path with `ids` put in for its parameters, in their order."""
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint
                and "POST" in r.methods)
    parts = iter(ids)
    return PLACEHOLDER.sub(lambda _match: next(parts), rule.rule)
