""""Mijn draaiboeken": the facilitator's own formats as a list of their own. Listed with
their title, name, steps, length and when saved; downloaded as a TOML file the `sessions/`
loader takes; deleted after a confirmation; added from an uploaded TOML file, which is
checked whole first (a refusal names line and column, or step and field, and saves
nothing); and never seen or touched by another facilitator."""
from __future__ import annotations

import io
import re
from html import unescape
from pathlib import Path

import pytest

from server.domain.formats.load import load_formats
from server.store.own_formats import own_formats_of, save_own_format
from tests.conftest import Evening, csrf_from
from tests.http.conftest import desk_for
from tests.http.test_evening_format_pages import form_of

SESSIONS = Path(__file__).resolve().parents[2] / "sessions"
QUICK = (SESSIONS / "quick-start.toml").read_bytes()
QUESTION = "Wat moet er in de Rivierenbuurt als eerste beter?"


def stored(app, evening: Evening) -> dict[str, dict]:
    """The facilitator's own formats as the database holds them: name -> document."""
    with app.extensions["weefwerk.service"].sessions() as db:
        return {row.slug: row.document for row in own_formats_of(db, evening.user_id)}


def keep(app, evening: Evening, slug: str, toml: bytes = QUICK) -> None:
    """An own format put in place the way an upload does, for tests about the list."""
    from server.domain.formats.document import format_document, format_from_toml
    fmt, _document = format_from_toml(slug, toml.decode())
    with app.extensions["weefwerk.service"].sessions() as db:
        save_own_format(db, evening.user_id, slug, format_document(fmt))
        db.commit()


def listing(desk) -> str:
    response = desk.get("/console/formats")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def entries(html: str) -> dict[str, str]:
    """name -> the entry's text as read, one line."""
    return {slug: " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
            for slug, body in re.findall(
                r'data-testid="own-format" data-slug="([^"]+)">(.*?)</li>', html, re.S)}


def upload(desk, raw: bytes, filename: str = "buurtavond.toml", **fields):
    token = csrf_from(listing(desk))
    return desk.post("/console/formats", data={"csrf_token": token, **fields,
                                               "toml": (io.BytesIO(raw), filename)},
                     content_type="multipart/form-data")


def mistakes(response) -> list[str]:
    html = response.get_data(as_text=True)
    return [" ".join(unescape(text).split()) for text in
            re.findall(r'data-testid="own-formats-error">(.*?)</li>', html, re.S)]


def slug_error(response) -> str:
    match = re.search(r'data-field="slug">([^<]*)</p>', response.get_data(as_text=True))
    return unescape(match.group(1)) if match else ""


def test_the_console_links_to_the_list_near_the_new_evening_form(desk):
    html = desk.get("/console").get_data(as_text=True)
    form = html[html.index('id="new-workshop-heading"'):]
    assert 'href="/console/formats"' in form[:form.index("</section>")]
    assert "Mijn draaiboeken" in html


def test_the_list_shows_title_name_steps_length_and_when_saved(app, desk, evening):
    assert "Je hebt nog geen eigen draaiboeken" in listing(desk)
    keep(app, evening, "rivierenbuurt")
    text = entries(listing(desk))["rivierenbuurt"]
    assert text.startswith("Snelle start naam rivierenbuurt · 2 stappen · 45 minuten · bewaard ")
    assert re.search(r"bewaard \d{1,2}-\d{1,2}-\d{2,4},? \d{1,2}:\d{2}", text), text


def test_an_uploaded_file_is_listed_under_its_name_and_offered_for_a_new_evening(app, desk,
                                                                                 evening):
    response = upload(desk, QUICK, "Buurtavond.TOML")
    assert response.status_code == 302, slug_error(response)
    assert response.headers["Location"].endswith("/console/formats")
    html = listing(desk)
    assert 'Bewaard als je eigen draaiboek "buurtavond"' in html
    assert list(entries(html)) == ["buurtavond"]
    response = upload(desk, QUICK, "wat-dan-ook.toml", slug="kort-en-goed")
    assert response.status_code == 302
    assert sorted(stored(app, evening)) == ["buurtavond", "kort-en-goed"]
    console = desk.get("/console").get_data(as_text=True)
    assert '<option value="own:kort-en-goed">' in console


def test_a_name_in_use_is_replaced_only_when_the_form_says_so(app, desk, evening):
    keep(app, evening, "buurtavond")
    before = stored(app, evening)
    other = (SESSIONS / "council-review.toml").read_bytes()
    response = upload(desk, other, "buurtavond.toml")
    assert response.status_code == 400
    assert slug_error(response).startswith("Je hebt al een draaiboek met de naam buurtavond.")
    assert stored(app, evening) == before
    response = upload(desk, other, "buurtavond.toml", replace="on")
    assert response.status_code == 302
    assert "is vervangen door het bestand" in listing(desk)
    assert stored(app, evening)["buurtavond"]["title"]["nl"] == "Raadsvergadering: waar staan we?"


@pytest.mark.parametrize(("raw", "filename", "expected"), [
    (b'title = { nl = "Avond"\n', "kapot.toml",
     ["Er is niets veranderd. Het bestand heeft deze fouten:",
      "Regel 1, kolom 23: hier klopt de TOML-schrijfwijze niet (Unclosed inline table)."]),
    (QUICK.replace(b"minutes = 20", b"minutes = 0", 1), "kapot.toml",
     ["Er is niets veranderd. Het bestand heeft deze fouten:",
      "Stap 1 (challenges), minutes: moet een heel getal van 1 tot en met 240 zijn"]),
    (QUICK + b"#" * (64 * 1024 - len(QUICK) + 1), "groot.toml",
     ["Kies een TOML-bestand van hoogstens 64 KB."]),
    (b"", "leeg.toml", ["Kies een TOML-bestand van hoogstens 64 KB."]),
    (QUICK.replace(b"Snelle", "Snelle".encode("utf-16")), "utf16.toml",
     ["Het bestand is geen tekstbestand (UTF-8)."]),
], ids=["syntax", "loader", "too-big", "empty", "not-utf8"])
def test_a_bad_file_is_refused_in_words_and_nothing_is_saved(app, desk, evening, raw, filename,
                                                             expected):
    keep(app, evening, "bewaard")
    before = stored(app, evening)
    # the file's own limit, for when a site allows larger requests than the default
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    response = upload(desk, raw, filename)
    assert response.status_code == 400
    assert mistakes(response) == expected
    assert stored(app, evening) == before


def test_a_file_over_the_request_limit_gets_a_page_that_says_so(app, desk, evening):
    response = upload(desk, QUICK + b"#" * (64 * 1024), "groot.toml")
    assert response.status_code == 413
    assert "Dat bestand is te groot." in response.get_data(as_text=True)
    assert stored(app, evening) == {}


@pytest.mark.parametrize(("filename", "typed", "expected"), [
    ("buurt.toml", "Mijn Avond!", "Gebruik kleine letters en cijfers, met - ertussen, zoals "
                                  "mijn-buurtavond."),
    ("mijn avond (2).toml", "", "De naam van het bestand kan niet de naam van het draaiboek "
                                "zijn. Typ een naam. Gebruik kleine letters en cijfers, met - "
                                "ertussen, zoals mijn-buurtavond."),
    ("buurt.toml", "a" * 81, "Gebruik kleine letters en cijfers, met - ertussen, zoals "
                             "mijn-buurtavond."),
], ids=["typed", "file-name", "too-long"])
def test_a_bad_name_is_refused_next_to_the_name_field(app, desk, evening, filename, typed,
                                                      expected):
    response = upload(desk, QUICK, filename, slug=typed)
    assert response.status_code == 400
    assert slug_error(response) == expected
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert stored(app, evening) == {}


def test_a_form_without_its_csrf_token_saves_nothing(app, desk, evening):
    response = desk.post("/console/formats", data={"toml": (io.BytesIO(QUICK), "x.toml")},
                         content_type="multipart/form-data")
    assert response.status_code == 400
    keep(app, evening, "buurtavond")
    assert desk.post("/console/formats/buurtavond/delete").status_code == 400
    assert list(stored(app, evening)) == ["buurtavond"]


def test_the_download_is_a_file_the_sessions_loader_takes(app, desk, evening, tmp_path):
    keep(app, evening, "buurtavond")
    response = desk.get("/console/formats/buurtavond.toml")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="buurtavond.toml"'
    (tmp_path / "buurtavond.toml").write_bytes(response.data)
    loaded = load_formats(tmp_path)["buurtavond"]
    assert loaded.steps == load_formats(SESSIONS)["quick-start"].steps
    assert desk.get("/console/formats/niet-bestaand.toml").status_code == 404


def test_delete_asks_first_then_deletes_and_evenings_made_from_it_keep_their_copy(
        app, desk, evening):
    keep(app, evening, "buurtavond")
    console = desk.get("/console").get_data(as_text=True)
    group_id = re.search(r'name="group_id".*?<option value="(\d+)"', console, re.S).group(1)
    made = desk.post("/workshops", data={"csrf_token": csrf_from(console), "group_id": group_id,
                                         "title": "Avond 2", "format": "own:buurtavond"})
    board_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[-1])

    question = desk.get("/console/formats/buurtavond/delete")
    assert question.status_code == 200
    html = question.get_data(as_text=True)
    assert '"Snelle start" verwijderen?' in html
    assert "Je kunt dit niet ongedaan maken" in html
    assert list(stored(app, evening)) == ["buurtavond"]  # asking deletes nothing

    response = desk.post("/console/formats/buurtavond/delete",
                         data={"csrf_token": csrf_from(html)})
    assert response.status_code == 302
    assert stored(app, evening) == {}
    assert 'Je draaiboek "buurtavond" is verwijderd.' in listing(desk)
    fmt = app.extensions["weefwerk.service"].load(board_id)[2]
    assert [step.key for step in fmt.steps] == ["challenges", "actions"]
    assert desk.post("/console/formats/buurtavond/delete",
                     data={"csrf_token": csrf_from(html)}).status_code == 404


def test_another_facilitator_never_sees_or_touches_your_formats(app, desk, evening):
    keep(app, evening, "buurtavond")
    bob = Evening(app, login="bob")
    other = desk_for(app, bob)
    page = other.get("/console/formats").get_data(as_text=True)
    assert entries(page) == {}
    assert other.get("/console/formats/buurtavond.toml").status_code == 404
    assert other.get("/console/formats/buurtavond/delete").status_code == 404
    assert other.post("/console/formats/buurtavond/delete",
                      data={"csrf_token": csrf_from(page)}).status_code == 404
    assert '<option value="own:buurtavond">' not in other.get("/console").get_data(as_text=True)
    # the same name is bob's own, apart from anna's
    assert upload(other, (SESSIONS / "council-review.toml").read_bytes(),
                  "buurtavond.toml").status_code == 302
    assert stored(app, evening)["buurtavond"]["title"]["nl"] == "Snelle start"
    assert stored(app, bob)["buurtavond"]["title"]["nl"] == "Raadsvergadering: waar staan we?"


def test_a_format_this_version_refuses_stays_listed_to_download_or_delete(app, desk, evening):
    keep(app, evening, "oud")
    with app.extensions["weefwerk.service"].sessions() as db:
        row = own_formats_of(db, evening.user_id)[0]
        row.document = {**row.document, "steps": [{**row.document["steps"][0], "minutes": 0}]}
        db.commit()
    html = listing(desk)
    assert "Deze versie van Weefwerk kan dit draaiboek niet meer gebruiken" in html
    assert 'data-testid="own-format-new-evening"' not in html
    assert desk.get("/console/formats/oud.toml").status_code == 200
    assert '<option value="own:oud">' not in desk.get("/console").get_data(as_text=True)


def test_new_evening_with_this_format_preselects_it_in_the_form(app, desk, evening):
    keep(app, evening, "buurtavond")
    html = listing(desk)
    link = re.search(r'href="([^"]+)" data-testid="own-format-new-evening"', html).group(1)
    form = desk.get(unescape(link)).get_data(as_text=True)
    select = re.search(r'<select[^>]*id="ws-format".*?</select>', form, re.S).group(0)
    assert re.findall(r'<option value="([^"]+)" selected>', select) == ["own:buurtavond"]


def test_a_downloaded_evening_uploaded_into_the_list_makes_an_evening_with_the_same_steps(
        app, desk, evening):
    """The round trip: adapt an evening, download it, upload the file into the list, and
    make a new evening from it: it runs the adapted steps, and the console's list of
    evenings names the format each evening runs on."""
    page = desk.get(f"/console/w/{evening.board_id}/format").get_data(as_text=True)
    desk.post(f"/console/w/{evening.board_id}/format/upload",
              data={"csrf_token": csrf_from(page), "toml": (io.BytesIO(QUICK), "snel.toml")},
              content_type="multipart/form-data")
    form = form_of(desk.get(f"/console/w/{evening.board_id}/format").get_data(as_text=True))
    response = desk.post(f"/console/w/{evening.board_id}/format",
                         data=form | {"s0-question.nl": QUESTION})
    assert response.status_code == 302
    adapted = app.extensions["weefwerk.service"].load(evening.board_id)[2]
    assert adapted.steps[0].question["nl"] == QUESTION

    toml = desk.get(f"/console/w/{evening.board_id}/format.toml").data
    assert upload(desk, toml, "snel.toml", slug="rivierenbuurt").status_code == 302
    console = desk.get("/console").get_data(as_text=True)
    group_id = re.search(r'name="group_id".*?<option value="(\d+)"', console, re.S).group(1)
    made = desk.post("/workshops", data={"csrf_token": csrf_from(console), "group_id": group_id,
                                         "title": "Avond 2", "format": "own:rivierenbuurt"})
    board_id = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    fmt = app.extensions["weefwerk.service"].load(board_id)[2]
    assert fmt.steps == adapted.steps
    assert fmt.slug == "rivierenbuurt"

    workshops = {int(board): " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
                 for board, body in re.findall(
                     r'data-testid="workshop" data-board-id="(\d+)">(.*?)</li>',
                     desk.get("/console").get_data(as_text=True), re.S)}
    assert workshops[evening.board_id].startswith("Bewonersavond Snelle start · code")
    assert workshops[board_id].startswith("Avond 2 Snelle start · code")
