"""Card kinds and themes adapted for one evening (docs/formats.md, "Adapt the evening"):
the lists go whole to `adapt_format`, the loader checks them like a file's, and a kind or
theme a prepared card carries stays."""
from __future__ import annotations

from server.domain.evening.own_format import evening_format, take_copy, where_in_form
from server.domain.formats.options import THEMES
from server.pages.format_tags import kinds_from_form, new_key, themes_from_form

from .board import FORCES, FORMATS, TRENDS, Board

RISING = {"key": "rising", "label": {"nl": "Neemt toe", "en": "Rising"}, "color": "orange"}
CLUBS = {"key": "clubs", "label": {"nl": "Clubs", "en": "Clubs"}}


def own_board() -> Board:
    board = Board()
    take_copy(board.state, board.fmt)
    return board


def fmt_now(board: Board):
    """The evening's copy as adapted (the test board's context keeps the shipped one)."""
    return evening_format(board.state.format_copy, board.fmt.slug, FORMATS)


def kinds_of(board: Board, step: int) -> list[str]:
    return [kind["key"] for kind in fmt_now(board).steps[step].options["cards"]["kinds"]]


def test_kinds_renamed_removed_and_added_are_the_step_s_kinds_from_then_on():
    board = own_board()
    kinds = [RISING | {"label": {"nl": "Wordt meer", "en": "Growing"}},
             {"key": "new-shop", "label": {"nl": "Nieuwe winkel", "en": "New shop"},
              "color": "teal"}]
    [event] = board.f("adapt_format", steps={str(TRENDS): {"cards.kinds": kinds}})
    assert event.name == "format_adapted"
    assert kinds_of(board, TRENDS) == ["rising", "new-shop"]
    assert event.data["fields"]["trends"]["cards.kinds"]["to"] == kinds
    [shown] = [s for s in event.data["steps"] if s["key"] == "trends"]
    assert shown["options"]["cards"]["kinds"][0]["label"]["nl"] == "Wordt meer"


def test_themes_ticked_and_of_the_evening_s_own_are_checked_like_a_file_s():
    board = own_board()
    board.f("adapt_format", steps={str(TRENDS): {"cards.themes": ["wonen", CLUBS]}})
    themes = fmt_now(board).steps[TRENDS].options["cards"]["themes"]
    assert [t["key"] for t in themes] == ["wonen", "clubs"]
    assert dict(themes[0]["label"]) == dict(THEMES["wonen"])
    refusal = board.refused(board.facilitator, "adapt_format", steps={
        str(TRENDS): {"cards.themes": ["wonen", "sport!"]}})
    assert refusal.code == "format_invalid"
    assert ("trends", "cards.themes[2]") in {where_in_form(line)[:2]
                                             for line in refusal.params["errors"]}


def test_a_kind_without_its_english_name_is_refused_with_its_place_and_nothing_changes():
    board = own_board()
    before = kinds_of(board, FORCES)
    bad = [{"key": "barrier", "label": {"nl": "Barrière", "en": ""}}]
    refusal = board.refused(board.facilitator, "adapt_format",
                            steps={str(FORCES): {"cards.kinds": bad}})
    assert ("forces", "cards.kinds[1].label.en") in {where_in_form(line)[:2]
                                                     for line in refusal.params["errors"]}
    assert kinds_of(board, FORCES) == before


def test_a_kind_or_theme_a_prepared_card_carries_stays():
    board = own_board()
    board.f("add_data_card", step=TRENDS, text="12 lege winkels", kind="rising", theme="wonen")
    assert board.f_refused("adapt_format", steps={str(TRENDS): {"cards.kinds": []}}) \
        == "tag_in_use"
    assert board.f_refused("adapt_format", steps={str(TRENDS): {"cards.themes": ["zorg"]}}) \
        == "tag_in_use"
    board.f("adapt_format", steps={str(TRENDS): {"cards.kinds": [RISING]}})  # rising stays
    assert kinds_of(board, TRENDS) == ["rising"]


def test_a_new_kind_s_key_is_made_from_its_name_and_never_taken_twice():
    assert new_key("Nieuwe winkel", set()) == "nieuwe-winkel"
    assert new_key("Barrière", {"barriere"}) == "barriere-2"
    assert new_key("12 jaar", set()) == "k-12-jaar"
    assert new_key("🙂", set()) == "k"


def test_the_rows_of_the_form_are_read_back_into_the_lists_the_file_writes():
    current = [RISING, {"key": "falling", "label": {"nl": "Neemt af", "en": "Falling"}}]
    form = {"s0-kind0-nl": "Wordt meer", "s0-kind0-en": "Growing", "s0-kind0-color": "red",
            "s0-kind1-nl": "Neemt af", "s0-kind1-en": "Falling", "s0-kind1-remove": "on",
            "s0-kind-new-nl": "Blijft", "s0-kind-new-en": ""}
    assert kinds_from_form(form, "s0-", current) == [
        {"key": "rising", "label": {"nl": "Wordt meer", "en": "Growing"}, "color": "red"},
        {"key": "blijft", "label": {"nl": "Blijft", "en": ""}}]
    form = {"s0-theme-zorg": "on", "s0-theme-wonen": "on", "s0-theme0-nl": "Clubs",
            "s0-theme0-en": "Clubs", "s0-theme-new-nl": "Markt", "s0-theme-new-en": "Market"}
    assert themes_from_form(form, "s0-", ["zorg", "leren", CLUBS]) == [
        "zorg", "wonen", CLUBS, {"key": "markt", "label": {"nl": "Markt", "en": "Market"}}]
