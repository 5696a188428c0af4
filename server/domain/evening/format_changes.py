"""The facilitator adapts the evening's own format: before the evening, and during it
for the steps not yet begun (docs/formats.md, "Adapt the evening").

Each change is made on a copy of the evening's format document and checked whole by the
`sessions/` loader (`own_format.adapted`), so the same limits hold as for a file, and a
refusal (`format_invalid`) carries the loader's lines, which name the field. The event
(`format_adapted`) says what changed, from what to what, so the log and the process
report tell how this evening differed from its format.

Prepared cards keep their step by index (`card.step`). Skipping or moving steps therefore
renumbers every item with its step (`renumber`), and skipping refuses when the skipped
step itself already holds cards, clusters, votes or results: those would be lost without
a word.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..board import commands as c
from ..board.actors import Actor
from ..board.errors import DomainError
from ..board.events import Event, Outcome
from ..formats.catalogue import CATALOGUE, catalogue_step, free_key
from ..formats.types import Format
from .own_format import adapted
from .review import fill_all
from .state import WorkshopState, json_copy

if TYPE_CHECKING:
    from .context import Context

# what the console's form may change in a step: field -> where it sits in the step table
ADAPTABLE: dict[str, tuple[str, ...]] = {
    "title.nl": ("title", "nl"),
    "title.en": ("title", "en"),
    "question.nl": ("question", "nl"),
    "question.en": ("question", "en"),
    "minutes": ("minutes",),
    "cards.max_per_participant": ("options", "cards", "max_per_participant"),
    "cards.publication_consent": ("options", "cards", "publication_consent"),
    "vote.budget": ("options", "vote", "budget"),
    "vote.max_per_item": ("options", "vote", "max_per_item"),
    "vote.select": ("options", "vote", "select"),
    "cards.kinds": ("options", "cards", "kinds"),  # the whole list, as the file writes it
    "cards.themes": ("options", "cards", "themes"),
}
TAGS = {"cards.kinds": "kind", "cards.themes": "theme"}  # list field -> the card field it tags
STEP_ITEMS = ("cards", "clusters", "results", "parked")  # items that carry `step`
STEP_KEYED = ("votes", "undo", "reviews")  # collections keyed by the step's number


def begun(state: WorkshopState, fmt: Format, index: int) -> bool:
    """Whether step `index` has begun: an earlier step is over; the current one has
    begun once input was opened, the timer ran or anyone but the facilitator's prepared
    data cards put something in it."""
    if index != state.step:
        return index < state.step
    timer = state.timer
    untouched_timer = not timer.running and timer.remaining_ms == fmt.steps[index].minutes * 60_000
    written = any(card["step"] == index and card.get("origin") != "data"
                  for card in state.cards.values())
    return state.input_open or not untouched_timer or written \
        or any(k["step"] == index for k in state.clusters.values()) \
        or str(index) in state.votes


def _step_to_change(state: WorkshopState, fmt: Format, index: int) -> None:
    if not 0 <= index < len(fmt.steps):
        raise DomainError("bad_step")
    if begun(state, fmt, index):
        raise DomainError("step_begun", step=index + 1)


def _get(table: dict, path: tuple[str, ...]) -> Any:
    for name in path:
        if not isinstance(table, dict):
            return None
        table = table.get(name)  # type: ignore[assignment]
    return table


def _set(table: dict, path: tuple[str, ...], value: Any) -> None:
    for name in path[:-1]:
        table = table.setdefault(name, {})
    table[path[-1]] = value


def _public(fmt: Format) -> list[dict]:
    return [step.to_public(index) for index, step in enumerate(fmt.steps)]


def _step_numbers(cmd: c.AdaptFormat, state: WorkshopState, fmt: Format) -> dict[int, dict]:
    """The changes by step number, every step named existing and not begun, every field
    one the form offers; a step skipped must not be running or hold anything."""
    changes: dict[int, dict] = {}
    for number, fields_ in (cmd.steps or {}).items():
        index = int(number) if isinstance(number, str) and number.isdigit() else -1
        if not isinstance(fields_, dict) or not fields_:
            raise DomainError("invalid_args", field="steps")
        unknown = sorted(str(name) for name in fields_ if name not in ADAPTABLE)
        if unknown:
            raise DomainError("invalid_args", field=unknown[0][:40])
        _step_to_change(state, fmt, index)
        _tags_kept(state, index, fields_)
        changes[index] = fields_
    for index in cmd.skip or ():
        if isinstance(index, bool) or not isinstance(index, int):
            raise DomainError("invalid_args", field="skip")
        _step_to_change(state, fmt, index)
        if index == state.step:  # the room is on it: go on to the next step instead
            raise DomainError("step_begun", step=index + 1)
        held = sum(1 for name in STEP_ITEMS for item in getattr(state, name).values()
                   if item["step"] == index)
        held += sum(1 for name in ("votes", "undo") if str(index) in getattr(state, name))
        if held:
            raise DomainError("step_has_items", step=index + 1, count=held)
    return changes


def _tags_kept(state: WorkshopState, index: int, fields_: dict) -> None:
    """A kind or theme that a card of the step already carries (a prepared data card)
    stays: without it the card would show a tag the step no longer has."""
    for name, tag in TAGS.items():
        if name not in fields_:
            continue
        listed = fields_[name] if isinstance(fields_[name], list) else []
        keys = {item if isinstance(item, str) else item.get("key")
                for item in listed if isinstance(item, (str, dict))}
        carried = ((card.get("kind") if tag == "kind" else card.get("theme"))
                   for card in state.cards.values() if card["step"] == index)
        used = sorted({value for value in carried if value and value not in keys})
        if used:
            raise DomainError("tag_in_use", step=index + 1, tag=used[0])


def _additions(raw: list, count: int) -> list[dict]:
    """Steps to add: `{technique}` of the catalogue or `{repeat: step number}`."""
    if len(raw) > 10:
        raise DomainError("invalid_args", field="add")
    for item in raw:
        repeat = item.get("repeat") if isinstance(item, dict) else None
        fine = isinstance(item, dict) and len(item) == 1 and (
            item.get("technique") in CATALOGUE or (
                isinstance(repeat, int) and not isinstance(repeat, bool)
                and 0 <= repeat < count))
        if not fine:
            raise DomainError("invalid_args", field="add")
    return raw


def _order(cmd: c.AdaptFormat, state: WorkshopState, fmt: Format) -> list[int]:
    """The steps' new order (every step number once); the steps up to the current one
    keep their places: the room has been there, or is there now."""
    count = len(fmt.steps)
    order = list(range(count)) if cmd.order is None else cmd.order
    if any(isinstance(i, bool) or not isinstance(i, int) for i in order) \
            or sorted(order) != list(range(count)):
        raise DomainError("invalid_args", field="order")
    for position in range(state.step + 1):
        if order[position] != position:
            raise DomainError("step_begun", step=position + 1)
    return order


def adapt_format(state: WorkshopState, cmd: c.AdaptFormat, actor: Actor,
                 ctx: Context) -> Outcome:
    """Change fields of steps not yet begun, put steps in another order, leave steps out,
    and say in the description what the evening now is: one change, checked whole, so a
    skipped step and the length the description names can change together."""
    changes = _step_numbers(cmd, state, ctx.fmt)
    skipped = set(cmd.skip or ())
    order = _order(cmd, state, ctx.fmt)
    kept = [index for index in order if index not in skipped]
    moved = {old: new for new, old in enumerate(kept) if old != new}
    additions = _additions(cmd.add or [], len(ctx.fmt.steps))
    if not changes and not skipped and not moved and not additions \
            and cmd.description is None:
        raise DomainError("invalid_args", field="steps")
    changed: dict[str, dict] = {}
    added: list[dict] = []

    def change(document: dict) -> None:
        if cmd.description is not None and cmd.description != document["description"]:
            changed["description"] = {"from": document["description"],
                                      "to": cmd.description}
            document["description"] = cmd.description
        for index, fields_ in changes.items():
            table, found = document["steps"][index], {}
            for name, value in fields_.items():
                before = _get(table, ADAPTABLE[name])
                if before != value:
                    found[name] = {"from": before, "to": value}
                _set(table, ADAPTABLE[name], value)
            if found:
                changed[table["key"]] = found
        steps = document["steps"]
        taken = {step["key"] for step in steps}
        for addition in additions:  # a repeat copies the step as adapted just now
            evening = steps[kept[-1] if kept else -1].get("evening", 1)  # the last evening
            if "repeat" in addition:
                source = json_copy(steps[addition["repeat"]])
                source["key"] = free_key(source["key"], taken)
                source.pop("feeds", None)  # what one step hands over, the copy does not
                added.append(source | {"evening": evening})
            else:
                added.append(catalogue_step(addition["technique"], taken, evening))
            taken.add(added[-1]["key"])
        document["steps"] = [steps[index] for index in kept] + added

    before = ctx.fmt
    fmt, _document = adapted(state, before, change)
    for index in skipped:
        state.reviews.pop(str(index), None)  # a review is filled again when its step comes
    renumber(state, moved)
    data: dict[str, Any] = {
        "change": "adapted", "fields": changed,
        "skipped": [{"key": before.steps[i].key, "title": dict(before.steps[i].title)}
                    for i in sorted(skipped)],
        "removed": sorted(skipped), "moved": {str(old): new for old, new in moved.items()},
        "order": [before.steps[i].key for i in kept],
        "added": [{"key": step["key"], "title": step["title"]} for step in added],
        "steps": _public(fmt)}
    current = fmt.steps[state.step]
    if not begun(state, before, state.step) and \
            state.timer.remaining_ms != current.minutes * 60_000:
        state.timer.remaining_ms = current.minutes * 60_000  # the time box it starts from
        data["timer"] = {"running": False, "remaining_ms": state.timer.remaining_ms,
                         "ends_at": None}
    return Outcome([Event("format_adapted", data)])


def renumber(state: WorkshopState, moved: dict[int, int]) -> None:
    """Every item of a step that moved goes with it (`moved`: old number -> new), so a
    card prepared for a step stays with that step wherever it goes."""
    if not moved:
        return
    for name in STEP_ITEMS:
        for item in getattr(state, name).values():
            if item["step"] in moved:
                item["step"] = moved[item["step"]]
    for name in STEP_KEYED:
        keyed = getattr(state, name)
        taken = {int(key): keyed.pop(key) for key in list(keyed) if int(key) in moved}
        for old, value in taken.items():
            keyed[str(moved[old])] = value


def use_format(state: WorkshopState, cmd: c.UseFormat, actor: Actor, ctx: Context) -> Outcome:
    """A whole other format for an evening that has not begun and holds nothing yet
    (an uploaded TOML file, or one of the facilitator's own formats)."""
    if state.step != 0 or begun(state, ctx.fmt, 0):
        raise DomainError("step_begun", step=state.step + 1)
    if any(getattr(state, name) for name in STEP_ITEMS):
        raise DomainError("format_in_use")

    def replace(document: dict) -> None:
        document.clear()
        document.update(cmd.document)

    fmt, _document = adapted(state, ctx.fmt, replace)
    state.reviews.clear()
    fill_all(state, fmt, ctx.read_workspace(), ctx.now_ms)
    state.timer.remaining_ms = fmt.steps[0].minutes * 60_000
    return Outcome([Event("format_adapted", {
        "change": "replaced", "title": dict(fmt.title), "steps": _public(fmt),
        "reviews": json_copy(state.reviews),
        "timer": {"running": False, "remaining_ms": state.timer.remaining_ms,
                  "ends_at": None}})])
