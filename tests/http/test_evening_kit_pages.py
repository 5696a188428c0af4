"""The console's pages before the evening: "Datakaarten voorbereiden" (one data card, or
a CSV file all or nothing, exactly once) and the evening kit (poster and agenda)."""
from __future__ import annotations

import io
import re
from html import unescape

from tests.conftest import Evening, csrf_from, sign_in_as

BOM = b"\xef\xbb\xbf"


def page_of(desk, evening) -> str:
    response = desk.get(f"/console/w/{evening.board_id}/data-cards")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def data_cards(app, evening) -> list[dict]:
    _board, state, _fmt = app.extensions["weefwerk.service"].load(evening.board_id)
    return [c for c in state.cards.values() if c.get("origin") == "data"]


def upload(desk, evening, raw: bytes, name: str = "kaarten.csv"):
    token = csrf_from(page_of(desk, evening))
    return desk.post(f"/console/w/{evening.board_id}/data-cards/csv",
                     data={"csrf_token": token, "csv": (io.BytesIO(raw), name)},
                     content_type="multipart/form-data")


def texts(html: str, testid: str) -> list[str]:
    """The words of each element with this test id (its tags taken out)."""
    found = re.findall(rf'<(\w+)[^>]*data-testid="{testid}"[^>]*>(.*?)</\1>', html, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", inner)).split()) for _tag, inner in found]


def test_the_console_links_to_the_data_cards_and_the_kit(desk, evening):
    html = desk.get(f"/console/w/{evening.board_id}").get_data(as_text=True)
    for path in ("data-cards", "kit/poster", "kit/agenda"):
        assert f'href="/console/w/{evening.board_id}/{path}"' in html


def test_the_form_offers_only_the_steps_that_take_data_cards(desk, evening):
    html = page_of(desk, evening)
    select = re.search(r'<select[^>]*id="dc-step".*?</select>', html, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == ["1", "2", "3", "4", "5"]


def test_one_data_card_is_added_once_however_often_the_form_is_sent(app, desk, evening):
    html = page_of(desk, evening)
    form = {"csrf_token": csrf_from(html), "op_id": re.search(
        r'name="op_id" value="([^"]+)"', html).group(1), "step": "4",
            "text": "Drie lege winkelpanden", "source": "Wijkschouw maart"}
    for _ in range(2):  # a double click, or a reload of the answer
        response = desk.post(f"/console/w/{evening.board_id}/data-cards", data=form)
        assert response.status_code == 302
    [card] = data_cards(app, evening)
    assert (card["step"], card["text"], card["source"]) == (3, "Drie lege winkelpanden",
                                                            "Wijkschouw maart")
    html = page_of(desk, evening)
    assert texts(html, "data-cards-notice") == ["Datakaartje toegevoegd."]
    assert texts(html, "prepared-data-card") == [
        "Drie lege winkelpanden Bron: Wijkschouw maart"]


def test_a_refused_card_is_said_in_words_and_the_form_keeps_it(app, desk, evening):
    html = page_of(desk, evening)
    response = desk.post(f"/console/w/{evening.board_id}/data-cards", data={
        "csrf_token": csrf_from(html), "op_id": "dc-0123456789abcdef", "step": "1",
        "text": "Cijfer", "source": "b" * 161})
    assert response.status_code == 400
    answer = response.get_data(as_text=True)
    assert texts(answer, "data-cards-error") == ["De bron is te lang: 161 tekens, hoogstens 160."]
    assert ">Cijfer</textarea>" in answer
    assert data_cards(app, evening) == []


def test_a_csv_file_is_imported_once_and_the_console_sees_the_cards(app, desk, evening):
    console = evening.console()
    console.received()
    raw = BOM + b"stap;tekst;bron\r\n1;65+ groeit met 20%;Buurtscan 2026\r\n4;Veel fietsers;\r\n"
    assert upload(desk, evening, raw).status_code == 302
    cards = data_cards(app, evening)
    assert [(c["step"], c["text"], c.get("source")) for c in cards] == [
        (0, "65+ groeit met 20%", "Buurtscan 2026"), (3, "Veel fietsers", None)]
    added = [e["data"]["card"] for e in console.events() if e["name"] == "card_added"]
    assert [(c["text"], c["source"]) for c in added] == [
        ("65+ groeit met 20%", "Buurtscan 2026"), ("Veel fietsers", None)]
    assert texts(page_of(desk, evening), "data-cards-notice") == ["2 datakaartjes ingelezen."]

    assert upload(desk, evening, raw, "nog-eens.csv").status_code == 302
    assert len(data_cards(app, evening)) == 2
    assert texts(page_of(desk, evening), "data-cards-notice") == [
        "Dit bestand is al ingelezen; er is niets opnieuw toegevoegd."]


def test_a_csv_with_bad_rows_names_each_line_and_imports_nothing(app, desk, evening):
    raw = ("stap,tekst,bron\n1,goed,Scan\nzes,slecht,\n6,actiestap,\n2," + "x" * 281
           + ",\n").encode()
    response = upload(desk, evening, raw)
    assert response.status_code == 400
    assert texts(response.get_data(as_text=True), "data-cards-error") == [
        "Regel 3: De stap moet een stapnummer zijn, zoals 1 of 2, niet ‘zes’.",
        "Regel 4: Stap 6 heeft geen datakaartjes.",
        "Regel 5: De tekst is te lang: 281 tekens, hoogstens 280."]
    assert data_cards(app, evening) == []


def test_a_file_that_is_not_a_csv_of_cards_is_refused_in_words(app, desk, evening):
    response = upload(desk, evening, "stap;tekst\n1;café\n".encode("latin-1"))
    assert response.status_code == 400
    assert "UTF-8" in texts(response.get_data(as_text=True), "data-cards-error")[0]
    response = upload(desk, evening, b"stap;tkst\n1;x\n")
    assert texts(response.get_data(as_text=True), "data-cards-error") == [
        "Regel 1: Onbekende kolom ‘tkst’. De kolommen heten stap, tekst en bron (of step, "
        "text en source).", "Regel 1: De kolom ‘tekst/text’ ontbreekt."]
    assert data_cards(app, evening) == []


def test_another_facilitator_cannot_see_or_fill_the_evening(app, evening):
    other = Evening(app, login="bert")
    client = app.test_client()
    sign_in_as(app, client, other.user_id)
    for path in ("data-cards", "kit/poster", "kit/agenda"):
        assert client.get(f"/console/w/{evening.board_id}/{path}").status_code == 404
    assert app.test_client().get(f"/console/w/{evening.board_id}/kit/poster").status_code == 302


def test_the_poster_has_the_qr_code_the_join_code_and_the_address_in_two_languages(desk, evening):
    response = desk.get(f"/console/w/{evening.board_id}/kit/poster")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<svg" in html and "print.css" not in html
    assert texts(html, "kit-code") == [evening.code]
    [host] = texts(html, "kit-host")
    assert texts(html, "kit-invitation-nl") == [
        f"Doe mee met je telefoon: scan de code, of ga naar {host} en typ {evening.code}."]
    assert texts(html, "kit-invitation-en") == [
        f"Join in with your phone: scan the code, or go to {host} and type {evening.code}."]


def test_the_agenda_gives_clock_times_from_the_start_time(desk, evening):
    html = desk.get(f"/console/w/{evening.board_id}/kit/agenda?start=20:00").get_data(
        as_text=True)
    assert texts(html, "kit-time") == ["20:00–20:20", "20:20–20:40", "20:40–21:00",
                                       "21:00–21:20", "21:20–21:40", "21:40–22:05"]
    assert len(texts(html, "kit-question-nl")) == len(texts(html, "kit-question-en")) == 6
    assert texts(html, "kit-end") == [
        "Met welkom, pauze en afsluiting (25 minuten) is de avond rond 22:30 klaar. "
        "With welcome, break and closing (25 minutes) the evening ends around 22:30."]


def test_a_start_time_that_is_no_time_is_said_and_the_usual_one_is_shown(desk, evening):
    response = desk.get(f"/console/w/{evening.board_id}/kit/agenda?start=half+acht")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert texts(html, "kit-start-error") == ["Schrijf de begintijd zoals 19:30."]
    assert texts(html, "kit-time")[0] == "19:30–19:50"


def test_a_format_of_two_evenings_gets_an_agenda_page_for_each(app, desk):
    two = Evening(app, login="carla", format_slug="participatory-planning-two-evenings")
    sign_in_as(app, desk, two.user_id)
    html = desk.get(f"/console/w/{two.board_id}/kit/agenda?start=19.00").get_data(as_text=True)
    assert html.count('data-testid="kit-agenda"') == 2
    starts = [t for t in texts(html, "kit-time") if t.startswith("19:00")]
    assert len(starts) == 2
