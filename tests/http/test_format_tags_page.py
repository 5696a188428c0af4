"""Card kinds and themes on the console's "Avond aanpassen" (docs/formats.md): renamed,
recoloured, removed and added in rows, themes ticked or of the evening's own; a row the
loader refuses is named next to its list, and nothing changes."""
from __future__ import annotations

from tests.http.test_evening_format_pages import evening_format, form_of, page_of

FORCES = 3


def cards_options(app, evening, step: int):
    return evening_format(app, evening).steps[step].options["cards"]


def test_the_form_as_drawn_changes_nothing(app, desk, evening):
    before = evening_format(app, evening)
    response = desk.post(f"/console/w/{evening.board_id}/format",
                         data=form_of(page_of(desk, evening)))
    assert response.status_code == 302
    assert evening_format(app, evening) == before
    assert "Er is niets veranderd" in page_of(desk, evening)


def test_a_kind_renamed_recoloured_removed_and_one_added(app, desk, evening):
    html = page_of(desk, evening)
    assert "Soorten kaartjes en thema" in html and 'value="Barrière"' in html
    form = form_of(html) | {
        "s3-kind0-nl": "Drempel", "s3-kind0-en": "Hurdle", "s3-kind0-color": "purple",
        "s3-kind1-remove": "on",
        "s3-kind-new-nl": "Wat we al hebben", "s3-kind-new-en": "What we have",
        "s3-kind-new-color": "green"}
    assert desk.post(f"/console/w/{evening.board_id}/format", data=form).status_code == 302
    kinds = [dict(k) | {"label": dict(k["label"])}
             for k in cards_options(app, evening, FORCES)["kinds"]]
    assert kinds == [
        {"key": "barrier", "label": {"nl": "Drempel", "en": "Hurdle"}, "color": "purple"},
        {"key": "wat-we-al-hebben", "label": {"nl": "Wat we al hebben", "en": "What we have"},
         "color": "green"}]
    assert 'value="Drempel"' in page_of(desk, evening)


def test_themes_ticked_off_and_one_of_the_evening_s_own(app, desk, evening):
    form = form_of(page_of(desk, evening))
    del form["s0-theme-werken"]
    form |= {"s0-theme-verkeer": "on", "s0-theme-new-nl": "Speeltuinen",
             "s0-theme-new-en": "Playgrounds"}
    assert desk.post(f"/console/w/{evening.board_id}/format", data=form).status_code == 302
    keys = [t["key"] for t in cards_options(app, evening, 0)["themes"]]
    assert keys == ["wonen", "leren", "zorg", "veiligheid", "cultuur_en_sport",
                    "voorzieningen", "openbare_ruimte", "verkeer", "speeltuinen"]
    assert 'value="Speeltuinen"' in page_of(desk, evening)


def test_a_kind_without_its_english_name_is_named_next_to_the_list_and_nothing_changes(
        app, desk, evening):
    before = evening_format(app, evening)
    form = form_of(page_of(desk, evening)) | {"s3-kind-new-nl": "Buurthuis"}
    response = desk.post(f"/console/w/{evening.board_id}/format", data=form)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'data-field="s3-cards.kinds"' in html
    assert "Soort “Buurthuis”, Engelse naam: mag niet leeg zijn" in html
    assert 'value="Buurthuis"' in html  # what was typed stays in the form
    assert evening_format(app, evening) == before


def test_a_kind_a_prepared_data_card_carries_cannot_be_removed(app, desk, evening):
    console = evening.console()
    assert console.command("add_data_card", {"step": 0, "text": "12 lege winkels",
                                             "kind": "rising"})["ok"]
    before = evening_format(app, evening)
    form = form_of(page_of(desk, evening)) | {"s0-kind0-remove": "on"}
    response = desk.post(f"/console/w/{evening.board_id}/format", data=form)
    assert response.status_code == 400
    assert "rising" in response.get_data(as_text=True)
    assert evening_format(app, evening) == before


def test_the_process_report_names_the_kinds_and_themes_by_their_names(desk, evening):
    form = form_of(page_of(desk, evening)) | {"s3-kind0-nl": "Drempel", "s3-kind0-en": "Hurdle"}
    del form["s0-theme-werken"]
    assert desk.post(f"/console/w/{evening.board_id}/format", data=form).status_code == 302
    markdown = desk.get(f"/console/w/{evening.board_id}/report.md").get_data(as_text=True)
    assert 'Stap "forces", cards.kinds: Barrière, Potentie → Drempel, Potentie' in markdown
    assert ('Stap "trends", cards.themes: Wonen, Werk en inkomen, Leren, Zorg en welzijn, '
            'Veiligheid, Cultuur en sport, Voorzieningen, Openbare ruimte → Wonen, Leren'
            ) in markdown
