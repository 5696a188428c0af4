"""What the fuzzer sends: for every command a schema of its arguments, and hypothesis
strategies that fill it with values near the valid ones, then break them.

`COMMAND_FIELDS` names, per wire name, the arguments the command takes. It is written out
by hand rather than read from the dataclasses on purpose: `test_every_command_has_a_fuzz_schema`
compares it with the command registry, so a new command (or a new argument) fails the
suite until someone says here what its values look like, and so gets fuzzed from then on.

Per argument name, `CLEAN_VALUES` is what a screen would send and `FIELD_VALUES` odd
values of every kind. Ids, versions and rounds are drawn as `Ref`s ("the 3rd card id",
"the current version of a field") and resolved against what the board holds only after
hypothesis drew them: what hypothesis draws must not depend on the board, or it cannot
replay an example. `command_args` draws a command as a screen sends it most of the time,
else with odd values, a field replaced by junk of any type or size, a field left out, a
field added, or arguments that are any JSON or no object at all.
"""
from __future__ import annotations

import dataclasses
import random
import string
from dataclasses import dataclass, field

from hypothesis import strategies as st

from server.domain.board.commands import COMMANDS
from server.domain.evening.format_changes import ADAPTABLE
from server.domain.evening.results import DIRECTIONS, POLARITIES, REACHES
from server.domain.formats.catalogue import CATALOGUE
from server.domain.plan.fields import ACTION_FIELDS, PLAN_FIELDS, STATUSES

# Text that has broken software before: right-to-left and zero-width characters, bidi
# overrides left open, combining marks, emoji, placeholders a message formatter might
# read, markup, NUL and the other controls, and the largest code point.
AWKWARD_TEXTS = (
    "", " ", "\t", "\n\n", "\r\n", "\u200b", "\u200d", "\ufeff", "\u00ad",
    "\u202eeviL", "\u2067\u05e9\u05dc\u05d5\u05dd", "\u202a\u202b\u202c\u202d\u2069",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u062c\u064a\u0631\u0627\u0646",
    "Cafe\u0301", "\U0001f600\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "%(field)s", "%s %d", "{0} {limit}", "<script>alert(1)</script>", "' OR 1=1 --",
    "a\x00b", "\x07\x1b[31m", "\x85\x9b", "\U0010ffff", "null", "[]", "c1", "k1",
)
LONE_SURROGATES = ("\ud800", "\udbff", "\udc00", "\udfff", "\ud83c")
RTL_AND_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060",
                      "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066",
                      "\u2067", "\u2068", "\u2069", "\u05d0", "\u0627", "\u061c")
# lengths around every limit the rules have (120, 160, 200, 280, 300, 500, 1000, 2000)
# and past the 12 KB command cap
LENGTHS = (121, 161, 201, 281, 301, 501, 1001, 2001, 13_000)


def _text_with_surrogate(parts: tuple[str, str, str]) -> str:
    before, surrogate, after = parts
    return before + surrogate + after


texts = st.one_of(
    st.text(max_size=30),
    st.sampled_from(AWKWARD_TEXTS),
    st.text(st.sampled_from(RTL_AND_ZERO_WIDTH + tuple("ab \n")), min_size=1, max_size=20),
    st.tuples(st.text(max_size=6), st.sampled_from(LONE_SURROGATES),
              st.text(max_size=6)).map(_text_with_surrogate),
    st.tuples(st.sampled_from(LENGTHS), st.sampled_from("x\u00e9\u05d0\U0001f600 ")).map(
        lambda pair: pair[1] * pair[0]),
)
short_keys = st.text(string.ascii_letters + "_.", max_size=12) | st.sampled_from(AWKWARD_TEXTS)
numbers = st.one_of(
    st.integers(-3, 12),
    st.sampled_from((-(2**63), 2**31, 2**63, 10**30, -1)),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from((0.5, 1.0, 12.345, -0.0, 1e308)),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts)
json_values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(short_keys, inner, max_size=4), max_leaves=10)


def nested(depth: int) -> object:
    """A list or object `depth` levels deep: past MAX_DEPTH (32) the edge refuses it."""
    value: object = "bodem"
    for level in range(depth):
        value = [value] if level % 2 else {"x": value}
    return value


deep_values = st.integers(20, 60).map(nested)
# anything at all, for a field replaced by junk
junk = st.one_of(scalars, json_values, deep_values,
                 st.lists(st.just("c1"), min_size=201, max_size=201))


@dataclass
class Pool:
    """What the board holds now, which a `Ref` is resolved against: ids by kind, the
    other evening's ids, the current versions of plan and action fields, the number of
    steps, the step's card kinds and themes, the open round, the years."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    foreign: list[str] = field(default_factory=list)
    steps: int = 6
    kinds: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    versions: list[int] = field(default_factory=lambda: [0])
    years: list[int] = field(default_factory=lambda: [2026])
    round: int = 1
    documents: list[dict] = field(default_factory=list)  # fixed for a whole test
    evenings: list[dict] = field(default_factory=list)  # fixed for a whole test

    def values(self, kind: str) -> list:
        if kind == "any id":
            return [i for ids in self.ids.values() for i in ids]
        return {"foreign": self.foreign, "version": self.versions, "year": self.years,
                "kind": self.kinds, "theme": self.themes,
                "round": [self.round, self.round - 1, self.round + 1]}.get(
                    kind, self.ids.get(kind, []))


@dataclass(frozen=True)
class Ref:
    """A value the board decides: the `index`-th card id, the current version of a field,
    the steps in a shuffled order. Hypothesis draws the `Ref`, and only then is it
    resolved against what the board holds (`resolve`): what hypothesis draws must never
    depend on the board, or it cannot replay an example."""

    kind: str
    index: int

    def on(self, pool: Pool) -> object:
        if self.kind == "every step, shuffled":
            order = list(range(pool.steps))
            random.Random(self.index).shuffle(order)
            return order
        values = pool.values(self.kind)
        return values[self.index % len(values)] if values else f"{self.kind}-{self.index}"


def resolve(value: object, pool: Pool) -> object:
    """`value` with every `Ref` in it (keys too) replaced by what it names on the board."""
    if isinstance(value, Ref):
        return value.on(pool)
    if isinstance(value, dict):
        return {_key(resolve(k, pool)): resolve(v, pool) for k, v in value.items()}
    if isinstance(value, list):
        return [resolve(v, pool) for v in value]
    return value


def _key(key: object) -> object:
    return key if isinstance(key, str) else str(key)


def ref(kind: str) -> st.SearchStrategy:
    return st.builds(Ref, st.just(kind), st.integers(0, 60))


def _ids(kind: str) -> st.SearchStrategy:
    """An id of `kind` from this board, another id of this board, the other evening's, one
    that never existed, or any text; `None` now and then (some ids may be null)."""
    return st.one_of(ref(kind), ref(kind), ref(kind), ref(kind), ref("any id"), ref("foreign"),
                     st.sampled_from(("c0", "c999999", "k-1", "r1.0", "", "p", "a" * 40)),
                     st.none(), texts)


def _id_lists(kind: str) -> st.SearchStrategy:
    return st.lists(_ids(kind), max_size=5)


plain_texts = st.sampled_from(("Meer groen", "Bankjes bij de speeltuin", "Koffie", "2027-03-01")) \
    | st.text(string.ascii_letters + " \u00e9\u00eb", min_size=1, max_size=40)
text_values = st.one_of(plain_texts, plain_texts, texts)


def _choice(*values: object) -> st.SearchStrategy:
    return st.sampled_from(values) | texts


flags = st.one_of(st.booleans(), st.booleans(), st.booleans(), st.none(),
                  st.sampled_from((0, 1, "true")))
steps = st.integers(0, 5) | st.integers(-1, 9) | st.sampled_from((2**40, 1.0, "1", None))


def _whole(low: int, high: int) -> st.SearchStrategy:
    return st.integers(low, high) | st.integers(low, high) | st.sampled_from((2**63, 2.5, "3",
                                                                               None))


ballots = st.dictionaries(ref("item") | ref("item") | ref("foreign") | short_keys,
                          st.integers(-1, 6) | st.sampled_from((1.5, True, None, "2")),
                          max_size=5)
rounds = ref("round") | st.sampled_from((None, 0, 2**63))

RESULT_CHANGE_KEYS = ("title", "direction", "theme", "polarity", "strength", "reach",
                      "vision_elements", "trends", "weakens", "uses", "serves", "impact",
                      "effort", "equity", "id", "type", "step")
result_changes = st.dictionaries(
    st.sampled_from(RESULT_CHANGE_KEYS) | short_keys,
    st.one_of(text_values, st.integers(-1, 11), _id_lists("result"),
              st.sampled_from(DIRECTIONS + POLARITIES + REACHES), st.none()),
    max_size=4)

FIELD_NAMES = tuple(PLAN_FIELDS) + tuple(ACTION_FIELDS) + ("year", "id", "v")
DATES = ("2027-03-01", "2027-02-30", "2027-3-1", "", "1999-12-31", "9999-12-31", "0000-01-01")
field_values = st.one_of(text_values, st.sampled_from(DATES), st.sampled_from(STATUSES),
                         st.integers(-5, 10**6), st.sampled_from((12.345, 0.01, 1e300, -0.5)),
                         numbers, st.none())
# the version an edit starts from: the current one, a stale one, one from the future
bases = st.one_of(ref("version"), ref("version"), st.integers(-1, 6),
                  st.sampled_from((2**63, 1.0, None)))
action_fields = st.fixed_dictionaries(
    {"what": text_values},
    optional={name: field_values for name in ACTION_FIELDS if name != "what"}) | \
    st.dictionaries(st.sampled_from(FIELD_NAMES) | short_keys, field_values, max_size=4)
data_cards = st.lists(st.fixed_dictionaries({"step": steps, "text": text_values},
                                            optional={"source": text_values, "extra": junk})
                      | json_values, max_size=4) | st.just([{"step": 0, "text": "Feit"}] * 101)


@st.composite
def broken(draw, known: str) -> object:
    """A `Ref` to one of the test's fixed documents ("document" or "evening") with one
    value somewhere in it replaced by junk or removed: right everywhere but in one place.
    The path to that place is drawn as numbers, so the draw is the same whatever the
    document holds."""
    path = draw(st.lists(st.integers(0, 30), max_size=4))
    action = draw(st.sampled_from(("remove", "replace")))
    return Broken(known, draw(st.integers(0, 5)), tuple(path), action, draw(junk))


@dataclass(frozen=True)
class Broken(Ref):
    """One of the pool's fixed documents, broken at a drawn place (see `broken`)."""

    path: tuple[int, ...] = ()
    action: str = "remove"
    junk: object = None

    def on(self, pool: Pool) -> object:
        known = pool.documents if self.kind == "document" else pool.evenings
        if not known:
            return {}
        copy = _json_copy(known[self.index % len(known)])
        node: object = copy
        for step in self.path:
            children = (list(node.items()) if isinstance(node, dict)
                        else list(enumerate(node)) if isinstance(node, list) else [])
            containers = [v for _k, v in children if isinstance(v, (dict, list)) and v]
            if not containers:
                break
            node = containers[step % len(containers)]
        last = self.path[-1] if self.path else 0
        if isinstance(node, dict) and node:
            key = sorted(node, key=str)[last % len(node)]
            if self.action == "remove":
                del node[key]
            else:
                node[key] = self.junk
        elif isinstance(node, list) and node:
            node[last % len(node)] = self.junk
        return copy


def _json_copy(value: object) -> object:
    if isinstance(value, dict):
        return {k: _json_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_copy(v) for v in value]
    return value


# a whole document as the server made it (a format, a group's plans), broken in one
# place, or any JSON object
documents = st.one_of(ref("document"), broken("document"),
                      st.dictionaries(short_keys, json_values, max_size=4))
evening_copies = st.one_of(ref("evening"), broken("evening"),
                           st.fixed_dictionaries({"board_id": st.integers(-1, 10) | junk}),
                           st.dictionaries(short_keys, json_values, max_size=3))
step_changes = st.none() | st.dictionaries(
    st.integers(-1, 9).map(str) | short_keys,
    st.dictionaries(st.sampled_from(tuple(ADAPTABLE)) | short_keys,
                    st.one_of(text_values, st.integers(-1, 300), st.booleans(),
                              st.sampled_from(("top", "all", "none")), st.none()),
                    max_size=3) | junk,
    max_size=2)
step_lists = st.one_of(st.none(), ref("every step, shuffled"), st.lists(steps, max_size=4))
additions = st.none() | st.just([{"technique": "cards"}] * 11) | st.lists(st.one_of(
    st.fixed_dictionaries({"technique": st.sampled_from(tuple(CATALOGUE)) | texts}),
    st.fixed_dictionaries({"repeat": steps}), json_values), max_size=3)
descriptions = st.none() | st.fixed_dictionaries({"nl": text_values, "en": text_values}) | \
    st.dictionaries(short_keys, text_values, max_size=3)


# argument name -> what a plausible value of it is (with `Ref`s to what the board holds)
FIELD_VALUES: dict[str, st.SearchStrategy] = {
    "text": text_values, "answer": text_values, "note": text_values, "name": text_values,
    "source": text_values, "group": text_values, "did": text_values,
    "brought": text_values, "learned": text_values, "achieved": text_values,
    "meaning": text_values,
    "kind": ref("kind") | st.sampled_from(("trend", "force", None)) | texts,
    "theme": ref("theme") | st.none() | texts,
    "publish": flags, "shown": flags, "helps_least_heard": flags, "on": flags,
    "size": _choice("large", "small", "auto", "LARGE"),
    "step": steps,
    "seconds": _whole(-5, 4000),
    "impact": _whole(-1, 7), "effort": _whole(-1, 7),
    "year": ref("year") | _whole(1990, 2110),
    "phase": _whole(-1, 6),
    "round": rounds,
    "card_id": _ids("card"), "cluster_id": _ids("cluster"), "into": _ids("cluster"),
    "result_id": _ids("result"), "source_id": _ids("result"), "issue_id": _ids("result"),
    "plan_id": _ids("plan"), "action_id": _ids("action"), "parked_id": _ids("parked"),
    "card_ids": _id_lists("card"), "cluster_ids": _id_lists("cluster"),
    "votes": ballots,
    "changes": result_changes,
    "field": st.sampled_from(FIELD_NAMES) | texts,
    "value": field_values,
    "base": bases,
    "fields": action_fields,
    "cards": data_cards,
    "status": st.sampled_from(STATUSES) | texts,
    "document": documents,
    "evening": evening_copies,
    "steps": step_changes,
    "skip": step_lists,
    "order": step_lists,
    "add": additions,
    "description": descriptions,
}

# argument name -> a value the rules would take if the board were in the right state:
# what a screen would send. Most examples start from these, so that the fuzz gets past
# the parser into the rules and moves the board on (a vote opened, a card clustered).
def _refs(kind: str) -> st.SearchStrategy:
    return st.lists(ref(kind), min_size=1, max_size=3)


CLEAN_VALUES: dict[str, st.SearchStrategy] = {
    **{name: plain_texts for name in ("text", "answer", "note", "name", "source", "group",
                                       "did", "brought", "learned", "achieved", "meaning")},
    "kind": ref("kind") | st.sampled_from(("trend", "force")),
    "theme": ref("theme") | st.none(),
    **{name: st.booleans() for name in ("publish", "shown", "helps_least_heard", "on")},
    "size": st.sampled_from(("large", "small", "auto")),
    "step": st.integers(0, 5),
    "seconds": st.integers(1, 600),
    "impact": st.integers(1, 5), "effort": st.integers(1, 5),
    "year": ref("year"),
    "phase": st.integers(1, 4),
    "round": ref("round"),
    **{name: ref(kind) for name, kind in (
        ("card_id", "card"), ("cluster_id", "cluster"), ("into", "cluster"),
        ("result_id", "result"), ("source_id", "result"), ("issue_id", "result"),
        ("plan_id", "plan"), ("action_id", "action"), ("parked_id", "parked"))},
    "card_ids": _refs("card"), "cluster_ids": _refs("cluster"),
    "votes": st.dictionaries(ref("item"), st.integers(0, 2), max_size=3),
    "changes": st.fixed_dictionaries({}, optional={
        "title": plain_texts, "direction": st.sampled_from(DIRECTIONS),
        "polarity": st.sampled_from(POLARITIES), "reach": st.sampled_from(REACHES),
        "strength": st.integers(1, 10), "serves": _refs("result")}),
    "field": st.sampled_from(FIELD_NAMES[:-3]),
    "value": st.one_of(plain_texts, st.sampled_from(DATES[:2]), st.integers(0, 40),
                       st.sampled_from(STATUSES)),
    "base": ref("version"),
    "fields": st.fixed_dictionaries({"what": plain_texts}, optional={
        "owner": plain_texts, "due": st.sampled_from(DATES[:1]), "hours": st.integers(0, 9),
        "euros": st.sampled_from((0, 12.5)), "status": st.sampled_from(STATUSES)}),
    "cards": st.lists(st.fixed_dictionaries({"step": st.integers(0, 5), "text": plain_texts},
                                            optional={"source": plain_texts}),
                      min_size=1, max_size=3),
    "status": st.sampled_from(STATUSES),
    "document": ref("document"),
    "evening": ref("evening"),
    "steps": st.none() | st.fixed_dictionaries({"5": st.fixed_dictionaries(
        {}, optional={"minutes": st.integers(1, 60), "title.nl": plain_texts})}),
    "skip": st.none() | st.just([5]),
    "order": st.none() | ref("every step, shuffled"),
    "add": st.none() | st.lists(st.fixed_dictionaries(
        {"technique": st.sampled_from(tuple(CATALOGUE))}), max_size=1),
    "description": st.none() | st.fixed_dictionaries({"nl": plain_texts, "en": plain_texts}),
}


# wire name -> its arguments (compared with the registry by a test, see the docstring)
COMMAND_FIELDS: dict[str, tuple[str, ...]] = {
    "add_card": ("text", "kind", "theme", "publish"),
    "add_data_card": ("text", "kind", "theme", "source", "step"),
    "import_data_cards": ("cards",),
    "add_paper_card": ("text", "kind", "theme"),
    "edit_card": ("card_id", "text"),
    "withdraw_card": ("card_id",),
    "hide_card": ("card_id",),
    "unhide_card": ("card_id",),
    "show_authors": ("shown",),
    "set_join_panel": ("size",),
    "open_input": (),
    "close_input": (),
    "go_to_step": ("step",),
    "start_timer": ("seconds",),
    "pause_timer": (),
    "extend_timer": ("seconds",),
    "reset_timer": (),
    "park_item": ("text", "publish"),
    "answer_parked": ("parked_id", "answer"),
    "close_parked": ("parked_id",),
    "mark_parked_later": ("parked_id",),
    "hide_parked": ("parked_id",),
    "unhide_parked": ("parked_id",),
    "set_focus": ("result_id",),
    "create_cluster": ("card_ids", "name"),
    "move_card": ("card_id", "cluster_id"),
    "rename_cluster": ("cluster_id", "name"),
    "merge_clusters": ("cluster_id", "into"),
    "split_cluster": ("cluster_id", "card_ids"),
    "undo_clustering": (),
    "open_vote": (),
    "cast_votes": ("votes", "round"),
    "reveal_votes": (),
    "place_on_matrix": ("cluster_id", "impact", "effort"),
    "set_equity": ("cluster_id", "helps_least_heard", "note"),
    "promote_clusters": ("cluster_ids",),
    "update_result": ("result_id", "changes"),
    "remove_result": ("result_id",),
    "create_plan": ("source_id", "issue_id"),
    "update_plan": ("plan_id", "field", "value", "base"),
    "add_action": ("plan_id", "fields"),
    "update_action": ("action_id", "field", "value", "base"),
    "remove_action": ("action_id",),
    "refresh_review": (),
    "adapt_format": ("steps", "skip", "order", "add", "description"),
    "use_format": ("document",),
    "take_over_evening": ("evening",),
    "import_plan": ("document",),
    "set_share_progress": ("on",),
    "set_action_status": ("action_id", "status", "base"),
    "add_action_update": ("action_id", "did", "brought", "learned"),
    "set_plan_year": ("plan_id", "year"),
    "set_year_phase": ("year", "phase"),
    "evaluate_year": ("year", "did", "achieved", "learned", "meaning"),
    "add_meaning": ("year", "text", "kind"),
    "return_evening": ("evening",),
    "close_evening": ("group",),
    "reopen_evening": (),
}

# wire name -> the arguments it may go without (a screen often leaves them out)
OPTIONAL = {name: frozenset(f.name for f in dataclasses.fields(cls)
                            if f.default is not dataclasses.MISSING)
            for name, cls in COMMANDS.items()}

# how a drawn command is made: what a screen would send most often, so that the rules
# themselves are reached; else broken in one of these ways
MUTATIONS = ("as a screen sends it",) * 9 + (
    "odd values", "odd values", "odd values", "odd values", "junk field", "junk field",
    "missing field", "extra field", "args are any JSON", "args are not an object")


@st.composite
def command_args(draw, name: str) -> object:
    """The arguments of command `name`, maybe broken. They hold `Ref`s: `resolve` them
    against the board just before sending."""
    names = COMMAND_FIELDS.get(name, ())
    mutation = draw(st.sampled_from(MUTATIONS))
    if mutation == "args are any JSON":
        return draw(json_values)
    if mutation == "args are not an object":
        return draw(scalars | st.lists(scalars, max_size=3))
    table = FIELD_VALUES if mutation == "odd values" else CLEAN_VALUES
    optional = OPTIONAL.get(name, frozenset())
    args = {arg: draw(table[arg]) for arg in names
            if arg not in optional or draw(st.booleans())}
    if mutation == "junk field" and names:
        args[draw(st.sampled_from(names))] = draw(junk)
    elif mutation == "missing field" and args:
        del args[draw(st.sampled_from(sorted(args)))]
    elif mutation == "extra field":
        args[draw(short_keys)] = draw(junk)
    return args
