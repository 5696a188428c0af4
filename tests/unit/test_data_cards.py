"""Data cards with a source, prepared ahead for later steps, and their CSV import:
read with line numbers, checked against the evening, imported all or nothing."""
from __future__ import annotations

from server.domain.board.events import PUBLIC, STAFF, public_card, redact
from server.domain.evening.data_cards import MAX_IMPORT, SOURCE_MAX_LENGTH
from server.domain.evening.data_csv import (
    RowProblem,
    as_command_cards,
    check_against,
    read_csv,
)
from tests.unit.board import ACTIONS, FORCES, TRENDS, Board, custom_format

BOM = b"\xef\xbb\xbf"


def test_a_data_card_keeps_its_source_and_every_screen_sees_it():
    board = Board()
    [event] = board.f("add_data_card", text="  65+  groeit met 20% ", source=" Buurtscan  2026 ")
    card = event.data["card"]
    assert (card["text"], card["source"], card["origin"]) == (
        "65+ groeit met 20%", "Buurtscan 2026", "data")
    for audience in (PUBLIC, STAFF):
        assert redact(event, audience)["card"]["source"] == "Buurtscan 2026"


def test_a_card_without_a_source_stores_none_and_reads_as_none():
    board = Board()
    [event] = board.f("add_data_card", text="Cijfer", source="   ")
    assert "source" not in event.data["card"]
    assert public_card(event.data["card"], PUBLIC, False)["source"] is None


def test_a_data_card_prepared_for_a_later_step_waits_there_without_the_focus():
    board = Board()
    [event] = board.f("add_data_card", text="Veel fietsers", step=FORCES, source="Telling")
    card = board.state.cards[event.data["card"]["id"]]
    assert (card["step"], card["about"], board.state.step) == (FORCES, None, TRENDS)


def test_a_step_that_takes_no_data_cards_or_does_not_exist_is_refused():
    board = Board()
    assert board.f_refused("add_data_card", text="x", step=ACTIONS) == "technique_not_active"
    assert board.f_refused("add_data_card", text="x", step=99) == "bad_step"
    assert board.f_refused("add_data_card", text="x", step=-1) == "bad_step"
    off = Board(custom_format(cards={"data_cards": False}))
    assert off.f_refused("add_data_card", text="x", step=0) == "technique_not_active"


def test_text_and_source_follow_the_card_rules():
    board = Board()
    assert board.f_refused("add_data_card", text="   ") == "empty_text"
    assert board.f_refused("add_data_card", text="x" * 281) == "text_too_long"
    refusal = board.refused(board.facilitator, "add_data_card", text="x",
                            source="y" * (SOURCE_MAX_LENGTH + 1))
    assert (refusal.code, refusal.params["limit"]) == ("source_too_long", SOURCE_MAX_LENGTH)


def test_only_the_facilitator_adds_or_imports_data_cards():
    board = Board()
    assert board.p_refused(1, "add_data_card", text="x") == "forbidden"
    assert board.p_refused(1, "import_data_cards", cards=[{"step": 0, "text": "x"}]) \
        == "forbidden"


def test_an_import_adds_every_card_to_its_step_in_order():
    board = Board()
    events = board.f("import_data_cards", cards=[
        {"step": TRENDS, "text": "Eén", "source": "Buurtscan"},
        {"step": FORCES, "text": "Twee", "source": ""}])
    cards = [e.data["card"] for e in events]
    assert [(c["step"], c["text"], c.get("source")) for c in cards] == [
        (TRENDS, "Eén", "Buurtscan"), (FORCES, "Twee", None)]
    assert list(board.state.cards) == [c["id"] for c in cards]


def test_one_bad_card_refuses_the_whole_import_and_names_which():
    board = Board()
    refusal = board.refused(board.facilitator, "import_data_cards", cards=[
        {"step": TRENDS, "text": "Goed"}, {"step": ACTIONS, "text": "Verkeerde stap"}])
    assert (refusal.code, refusal.params["number"]) == ("technique_not_active", 2)
    assert board.f_refused("import_data_cards", cards=[]) == "nothing_to_import"
    assert board.f_refused("import_data_cards", cards=["tekst"]) == "invalid_args"
    assert board.f_refused("import_data_cards", cards=[{"step": True, "text": "x"}]) \
        == "invalid_args"
    too_many = [{"step": 0, "text": "x"}] * (MAX_IMPORT + 1)
    assert board.f_refused("import_data_cards", cards=too_many) == "too_many_data_cards"


# --- the CSV file ---------------------------------------------------------------------

def test_a_semicolon_file_with_a_bom_and_dutch_columns_is_read():
    raw = BOM + b"stap;tekst;bron\r\n1;65+ groeit;Buurtscan 2026\r\n4;\"Veel; fietsers\";\r\n"
    cards, problems = read_csv(raw)
    assert problems == []
    assert [(c.line, c.step, c.text, c.source) for c in cards] == [
        (2, 1, "65+ groeit", "Buurtscan 2026"), (3, 4, "Veel; fietsers", "")]


def test_a_comma_file_with_english_columns_in_another_order_is_read():
    raw = "Source,Text,Step\nWijkschouw,\"Drie lege panden, één bakker\",2\n".encode()
    cards, problems = read_csv(raw)
    assert problems == []
    assert [(c.step, c.text, c.source) for c in cards] == [
        (2, "Drie lege panden, één bakker", "Wijkschouw")]


def test_the_source_column_may_be_left_out_and_empty_rows_are_skipped():
    cards, problems = read_csv(b"step,text\n\n1,Eerste\n,\n2,Tweede\n")
    assert problems == []
    assert [(c.line, c.text, c.source) for c in cards] == [(3, "Eerste", ""), (5, "Tweede", "")]


def test_bad_rows_are_reported_with_their_line_numbers():
    raw = "stap;tekst\n1;goed\nzes;slecht\n0;ook slecht\n2;\"twee\nregels\"\n3;x;teveel\n"
    cards, problems = read_csv(raw.encode())
    assert problems == [RowProblem(3, "csv_bad_step", {"value": "zes"}),
                        RowProblem(4, "csv_bad_step", {"value": "0"}),
                        RowProblem(7, "csv_too_many_fields", {"count": 2})]
    assert [c.line for c in cards] == [2, 5]  # a quoted line break keeps later lines right


def test_missing_and_unknown_columns_are_reported_on_the_header_line():
    _cards, problems = read_csv(b"stap;tkst;bron\n1;x;y\n")
    assert problems == [RowProblem(1, "csv_unknown_column", {"column": "tkst"}),
                        RowProblem(1, "csv_missing_column", {"column": "tekst/text"})]


def test_an_empty_file_or_one_not_in_utf8_is_reported():
    assert read_csv(b"")[1] == [RowProblem(0, "csv_empty")]
    assert read_csv(b"stap;tekst\n")[1] == [RowProblem(0, "csv_empty")]
    assert read_csv("stap;tekst\n1;café\n".encode("latin-1"))[1] == [
        RowProblem(0, "csv_not_utf8")]


def test_more_rows_than_one_import_takes_is_reported():
    raw = ("stap;tekst\n" + "1;x\n" * (MAX_IMPORT + 1)).encode()
    assert read_csv(raw)[1] == [RowProblem(0, "too_many_data_cards", {"limit": MAX_IMPORT})]


def test_rows_are_checked_against_the_evening_with_their_lines():
    raw = ("stap;tekst;bron\n1;goed;\n6;actiestap;\n9;bestaat niet;\n2;" + "x" * 281
           + ";\n3;;\n").encode()
    cards, problems = read_csv(raw)
    assert problems == []
    found = check_against(Board().fmt, cards)
    assert [(p.line, p.code, p.params.get("step")) for p in found] == [
        (3, "technique_not_active", 6), (4, "bad_step", 9), (5, "text_too_long", 2),
        (6, "empty_text", 3)]


def test_a_good_file_becomes_one_import_command():
    cards, _ = read_csv("stap;tekst;bron\n1;Eén;Scan\n4;Twee;\n".encode())
    board = Board()
    board.f("import_data_cards", cards=as_command_cards(cards))
    assert [(c["step"], c["text"]) for c in board.state.cards.values()] == [
        (TRENDS, "Eén"), (FORCES, "Twee")]


# --- the evening kit's agenda ---------------------------------------------------------

def test_the_agenda_gives_each_step_its_clock_times_from_the_start():
    from server.domain.formats.agenda import agenda, clock
    [evening] = agenda(Board().fmt, 19 * 60 + 30)
    times = [(s.number, clock(s.starts), clock(s.ends)) for s in evening.steps]
    assert times == [(1, "19:30", "19:50"), (2, "19:50", "20:10"), (3, "20:10", "20:30"),
                     (4, "20:30", "20:50"), (5, "20:50", "21:10"), (6, "21:10", "21:35")]
    assert (evening.extra_minutes, clock(evening.ends)) == (25, "22:00")


def test_two_evenings_each_start_at_the_start_time_and_late_times_go_round_the_clock():
    from server.domain.formats.agenda import agenda, clock
    from tests.unit.board import FORMATS
    evenings = agenda(FORMATS["participatory-planning-two-evenings"], 23 * 60)
    assert [e.evening for e in evenings] == [1, 2]
    assert [clock(e.steps[0].starts) for e in evenings] == ["23:00", "23:00"]
    assert clock(evenings[0].steps[-1].ends).startswith("0")


def test_a_start_time_is_read_as_people_type_it():
    from server.domain.formats.agenda import parse_clock
    assert [parse_clock(t) for t in ("19:30", " 9.05 ", "24:00", "19:3", "", "7 uur")] == [
        1170, 545, None, None, None, None]


def test_a_row_goes_through_the_text_rule_before_its_length_is_counted():
    cards, problems = read_csv(b"stap;tekst\n1;Buurt\x07scan\n")  # a bell character
    assert (problems, cards[0].text) == ([], "Buurtscan")


def test_a_step_written_as_a_superscript_or_another_scripts_digit_is_a_bad_step():
    """Found by the fuzz: '²' passes str.isdigit() but not int(), and the upload failed."""
    cards, problems = read_csv("stap;tekst\n\u00b2;Feit\n\u0663;Ander feit\n".encode())

    assert cards == []
    assert [(p.line, p.code) for p in problems] == [(2, "csv_bad_step"), (3, "csv_bad_step")]
