"""Étape 5 « Projet professionnel » (espace.inscription.forms_project), through its page on both
profiles: a valid step is saved done; a job or a place naming several is offered as radios; every
hostile input gets a clear French message, the step answers 400 and keeps what was typed."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.inscription.samples.project import VALUES
from tests.functional.profiles import each_case_on_one_profile

EMAIL = "projet@example.org"
STEP = "/mon-espace/inscription/demande/projet"


def typed(**changes) -> dict[str, list[str]]:
    values = {name: list(v) for name, v in VALUES.items()}
    values.update({name: v if isinstance(v, list) else [v] for name, v in changes.items()})
    return values


def draft_values():
    from espace.bootstrap import get_services

    item = get_services().records.get(f"USER#{user_id_of(EMAIL)}", "DRAFT#inscription")
    return item["steps"]["projet"]


def test_the_sample_is_a_valid_step_and_the_page_shows_it_again_with_its_choices(platform):
    client = signed_in_client(platform, EMAIL)
    page = client.get(STEP)
    assert page.status == 200 and "Étape 5 sur 5" in page.html.xpath("//h1")[0].text_content()
    saved = client.post(STEP, {**VALUES, "action": "plus-tard"})
    assert saved.status == 303, saved.error_summary()
    assert draft_values()["status"] == "Terminé"
    again = client.get(STEP)
    assert again.html.xpath('//input[@name="appellation"][@checked]/following-sibling::label/text()') == [
        "Maçon / Maçonne"]
    assert again.html.xpath('//input[@name="lieu_1_code"][@checked]/following-sibling::label/text()') == [
        "La Rochelle (17)"]
    assert again.html.xpath('//input[@name="contrats"][@checked]/@value') == ["CDI", "CDD"]


def test_words_naming_several_jobs_offer_them_and_the_choice_is_carried(platform):
    client = signed_in_client(platform, EMAIL)
    page = client.post(STEP, typed(metier="vendeur", appellation=[]))
    assert page.status == 400
    assert page.field_error("appellation").startswith("Erreur : ")
    assert "correspondent à « vendeur »" in page.field_error("appellation")
    offered = page.html.xpath('//input[@name="appellation"]/@value')
    assert len(offered) > 1
    assert page.html.xpath('//input[@name="distance"]/@value') == ["30"]  # the rest kept
    chosen = client.post(STEP, typed(metier="vendeur", appellation=offered[0], action="plus-tard"))
    assert chosen.status == 303
    assert draft_values()["values"]["appellation"] == [offered[0]]


def test_a_place_naming_several_communes_offers_them(platform):
    client = signed_in_client(platform, EMAIL)
    page = client.post(STEP, typed(lieu_2="Saint-Denis"))
    assert page.status == 400
    assert page.field_error("lieu_2_code") == ("Erreur : Plusieurs lieux s'appellent « Saint-Denis » : choisissez "
                                               "le vôtre.")
    assert "commune:93066" in page.html.xpath('//input[@name="lieu_2_code"]/@value')
    assert client.post(STEP, typed(lieu_2="Saint-Denis", lieu_2_code="commune:93066")).status == 303
    assert client.post(STEP, typed(lieu_3="Charente-Maritime")).status == 303


HOSTILE = [
    ({"metier": "x" * 4_000}, "metier", "L'emploi recherché doit contenir au plus 120 caractères."),
    ({"metier": "", "appellation": [], "code_rome": ""}, "metier",
     "Saisissez l'emploi que vous recherchez, par exemple maçon, ou son code ROME."),
    ({"metier": "", "appellation": [], "code_rome": "Z9999"}, "code_rome", None),
    ({"metier": "zzqqxxw", "appellation": []}, "metier", "Aucun métier ne correspond à « zzqqxxw »."),
    ({"distance": ""}, "distance", "Indiquez la distance que vous acceptez de parcourir pour travailler"),
    ({"distance": "abc"}, "distance", "La distance doit être un nombre entier de kilomètres, de 0 à 200"),
    ({"distance": "999"}, "distance", "La distance doit être un nombre entier de kilomètres, de 0 à 200"),
    ({"distance": "-5"}, "distance", "La distance doit être un nombre entier de kilomètres"),
    ({"lieu_1": "Bretagne", "lieu_1_code": []}, "lieu_1",
     "« Bretagne » est une région : indiquez plutôt une commune ou un département"),
    ({"lieu_1": "qqqzzzxx", "lieu_1_code": []}, "lieu_1", "Nous ne connaissons pas « qqqzzzxx »."),
    ({"lieu_1": "y" * 4_000, "lieu_1_code": []}, "lieu_1", "Le lieu n° 1 doit contenir au plus 120 caractères."),
    ({"contrats": []}, "contrats", "Cochez au moins un type de contrat."),
    ({"contrats": ["CDI", "<script>"]}, "contrats", "Une des cases envoyées n'existe pas dans la liste"),
    ({"temps": []}, "temps", "Choisissez temps plein ou temps partiel."),
    ({"temps": "partiel"}, "heures", "Indiquez le nombre d'heures par semaine"),
    ({"temps": "partiel", "heures": "40"}, "heures", "doit être un nombre entier de 1 à 34"),
    ({"temps": "partiel", "heures": "0"}, "heures", "doit être un nombre entier de 1 à 34"),
    ({"qualification": "directeur"}, "qualification", None),
    ({"qualification": []}, "qualification", "Choisissez votre qualification."),
]


@each_case_on_one_profile(("changes", "field", "message"), HOSTILE,
                         ids=[f"{f}-{i}" for i, (_, f, _) in enumerate(HOSTILE)])
def test_hostile_input_gets_a_clear_message_and_keeps_the_rest(platform, changes, field, message):
    client = signed_in_client(platform, EMAIL)
    page = client.post(STEP, typed(**changes))
    assert page.status == 400, page.text()[:300]
    assert page.html.xpath("//title/text()")[0].startswith("Erreur")
    anchor = f"{field}-1" if field in {"contrats", "temps", "qualification"} else field
    error = page.field_error(field) or ""
    assert error.startswith("Erreur : "), (field, error, page.error_summary())
    if message:
        assert message in error
    assert any(link.endswith(f"#{anchor}") for link in page.html.xpath("//*[@data-error-summary]//a/@href"))
    # What was typed elsewhere is kept, and so is the draft (as typed, not done).
    if field != "distance":
        assert page.html.xpath('//input[@name="distance"]/@value') == [changes.get("distance", "30")]
    assert draft_values()["status"] == "En cours"


def test_part_time_hours_are_kept_and_full_time_ignores_them(platform):
    client = signed_in_client(platform, EMAIL)
    assert client.post(STEP, typed(temps="partiel", heures="24", action="plus-tard")).status == 303
    assert draft_values()["values"]["heures"] == ["24"]
    assert client.post(STEP, typed(temps="plein", heures="99", action="plus-tard")).status == 303


def test_a_10_kb_field_gets_its_message_and_the_rest_of_the_step_is_kept(platform):
    """Beyond 5,000 characters a field is no browser's (``maxlength``): the kit cuts it, the form
    says what is wrong, and every other answer stays as typed."""
    client = signed_in_client(platform, EMAIL)
    page = client.post(STEP, typed(metier="x" * 10_000))
    assert page.status == 400 and page.error_summary()
    kept = draft_values()["values"]
    assert kept["distance"] == VALUES["distance"] and len(kept["metier"][0]) <= 5_001
