"""Étape 0 « Ma cible professionnelle » through the accounts function, on both profiles: the
overview, the métier (typed, chosen among several, by ROME code, refused when another CV has it),
its spécificités, the places and the contract types, every error state, drafts kept."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.cv import target_helpers
from tests.functional.cv.target_helpers import choose_job, complete_target
from tests.functional.profiles import each_case_on_one_profile

candidate, offers = target_helpers.candidate, target_helpers.offers  # the fixtures

ROUTES = ("cible", "cible/metier", "cible/specificites", "cible/lieux", "cible/contrats")


def test_the_overview_of_an_empty_target(candidate):
    page = candidate.client.get(candidate.url("cible"))
    assert page.status == 200
    title = page.html.xpath("//title")[0].text_content()
    assert title.startswith("Étape 1 sur 4 : Ma cible professionnelle")
    assert [h.text_content() for h in page.html.xpath("//h1")] == ["Étape 1 sur 4 : Ma cible professionnelle"]
    text = page.text()
    for empty in ("Aucun métier sélectionné", "Aucune spécificité liée au métier", "Aucun lieu de travail sélectionné",
                  "Aucun type de contrat sélectionné", "Aucune durée de travail sélectionnée",
                  "Votre CV est complété à 0 %"):
        assert empty in text
    links = page.html.xpath("//main//a/@href")
    for sub in ("cible/metier", "cible/lieux", "cible/contrats", "informations"):
        assert candidate.url(sub) in links
    assert "il reste à sélectionner : le métier recherché, les lieux de travail souhaités" in text


def test_another_accounts_cv_is_not_found(platform, candidate):
    other = signed_in_client(platform, "autre@example.org")
    for route in ROUTES:
        assert other.get(candidate.url(route)).status == 404, route
        token = other.csrf_token("/mon-espace")
        if route != "cible":
            response = other.post(candidate.url(route), {"code_rome": "F1703", "lieu": "Lorient",
                                                         "contrats": "CDI", "durees": "plein"}, csrf=token)
            assert response.status == 404, route
    assert candidate.client.get(candidate.url("cible", cv_id="inconnu-0123456789")).status == 404
    assert candidate.cv().target.rome_code == "" and candidate.cv().target.places == []


def test_a_job_typed_that_names_one_appellation(candidate):
    response = choose_job(candidate, metier="maître nageur")
    assert response.status == 303 and response.location == candidate.url("cible/specificites")
    cv = candidate.cv()
    assert (cv.target.appellation_code, cv.target.rome_code) == ("16318", "G1224")
    assert cv.title == cv.target.appellation_label  # the seed: the appellation titles the CV by default
    page = candidate.client.get(response.location)
    assert "Votre métier est « Maître-nageur sauveteur / Maître-nageuse sauveteuse » (code ROME G1224)" in page.text()


def test_a_job_that_matches_several_is_chosen_among_them(candidate):
    page = choose_job(candidate, metier="maçon")
    # "maçon" names « Maçon / Maçonne » exactly: several others start with it, the exact one wins
    assert page.status == 303
    page = choose_job(candidate, metier="vendeur")
    assert page.status == 400
    assert page.field_error("appellation").startswith("Erreur : 184 métiers correspondent à « vendeur »")
    radios = page.html.xpath('//input[@name="appellation"]')
    assert len(radios) == 50
    assert page.html.xpath('//input[@name="metier"]/@value') == ["vendeur"]
    assert candidate.cv().target.rome_code == "F1703"  # nothing changed by the question
    code = radios[3].get("value")
    chosen = choose_job(candidate, metier="vendeur", appellation=code)
    assert chosen.status == 303
    assert candidate.cv().target.appellation_code == code
    # A radio left over from another text does not count: the new text is asked again
    page = choose_job(candidate, metier="boulanger", appellation=code)
    assert page.status == 303 and candidate.cv().target.rome_code == "D1102"


@each_case_on_one_profile(("fields", "field", "message"), [
    ({}, "metier", "Saisissez votre métier, par exemple maître nageur, ou son code ROME."),
    ({"metier": "   "}, "metier", "Saisissez votre métier"),
    ({"metier": "maçon", "code_rome": "F1703"}, "code_rome", "Saisissez soit un métier, soit un code ROME"),
    ({"metier": "zzqxw"}, "metier", "Aucun métier ne correspond à « zzqxw »"),
    ({"metier": "x" * 121}, "metier", "Le métier doit contenir au plus 120 caractères."),
    ({"code_rome": "F17"}, "code_rome", "Un code ROME compte 5 caractères"),
    ({"code_rome": "Z1703"}, "code_rome", "Un code ROME commence par une lettre de A à N"),
    ({"code_rome": "F17A3"}, "code_rome", "Après la lettre, un code ROME compte 4 chiffres"),
    ({"code_rome": "F9999"}, "code_rome", "Le code ROME F9999 n'existe pas."),
    ({"code_rome": "F170345"}, "code_rome", "Le code ROME doit contenir au plus 5 caractères."),
])
def test_job_errors_keep_what_was_typed(candidate, fields, field, message):
    page = choose_job(candidate, **fields)
    assert page.status == 400
    assert message in page.field_error(field)
    assert page.html.xpath("//title")[0].text_content().startswith("Erreur : Étape 1 sur 4")
    assert page.error_summary()
    assert candidate.cv().target.rome_code == ""
    # The draft keeps it: the page shows it again after the browser is closed
    again = candidate.client.get(candidate.url("cible/metier"))
    assert again.status == 200 and message in again.field_error(field)
    for name in ("metier", "code_rome"):
        if fields.get(name, "").strip():
            assert again.html.xpath(f'//input[@name="{name}"]/@value')[0] == fields[name].strip().upper() \
                if name == "code_rome" else fields[name]


def test_a_rome_code_chosen_lowercase_with_its_help(candidate):
    page = candidate.client.get(candidate.url("cible/metier"))
    assert "Qu'est-ce que le code ROME ?" in page.html.xpath("//summary")[0].text_content()
    assert page.html.xpath('//details//a/@href') == ["/candidat/les-metiers-et-moi/les-metiers/index.html"]
    response = choose_job(candidate, code_rome=" f1703 ")
    assert response.status == 303
    cv = candidate.cv()
    assert (cv.target.rome_code, cv.target.rome_label, cv.target.appellation_code) == ("F1703", "Maçon / Maçonne", "")
    assert cv.title == "Maçon / Maçonne"
    assert cv.typed.get("metier") is None


def test_five_cvs_five_different_rome_codes(candidate):
    assert choose_job(candidate, metier="boulanger").status == 303
    first_title = candidate.cv().display_title
    second = candidate.new_cv()
    url = candidate.url("cible/metier", cv_id=second)
    page = candidate.client.post(url, {"code_rome": "D1102"})
    assert page.status == 400
    assert (f"Votre CV « {first_title} » vise déjà ce métier (code ROME D1102)"
            in page.field_error("code_rome"))
    assert page.html.xpath(f'//a[@href="{candidate.url("cible")}"]')  # the other CV's target, linked
    refused = candidate.cv(second)
    assert refused.target.rome_code == "" and refused.typed["metier"]["code_rome"] == ["D1102"]
    again = candidate.client.get(url)
    assert "vise déjà ce métier" in again.field_error("code_rome")
    page = candidate.client.post(url, {"metier": "boulanger"})  # an appellation of the same fiche
    assert page.status == 400 and "vise déjà ce métier" in page.field_error("metier")
    assert candidate.client.post(url, {"metier": "maçon"}).status == 303
    assert candidate.cv(second).target.rome_code == "F1703"
    # The first CV changes métier: its old code is free for the second
    changed = choose_job(candidate, code_rome="G1224")
    assert changed.status == 303, changed.error_summary()
    assert candidate.client.post(url, {"code_rome": "D1102"}).status == 303
    from espace.bootstrap import get_services

    held = get_services().records.query(f"USER#{candidate.user_id}", "CV-ROME#")
    assert sorted(item["sk"] for item in held) == ["CV-ROME#D1102", "CV-ROME#G1224"]


def test_the_same_form_sent_twice_chooses_once(candidate):
    for _ in range(2):
        assert choose_job(candidate, metier="boulanger").status == 303
    from espace.bootstrap import get_services

    held = get_services().records.query(f"USER#{candidate.user_id}", "CV-ROME#")
    assert [item["sk"] for item in held] == ["CV-ROME#D1102"]


def test_specificites_need_a_job_first(candidate):
    page = candidate.client.get(candidate.url("cible/specificites"))
    assert page.status == 200 and "Choisissez d'abord votre métier" in page.text()
    assert not page.html.xpath('//input[@type="checkbox"]')
    response = candidate.client.post(candidate.url("cible/specificites"), {"savoir_faire": "1"},
                                     csrf=candidate.client.csrf_token(candidate.url("cible/metier")))
    assert response.status == 303 and response.location == candidate.url("cible/metier")
    assert "Choisissez d'abord votre métier" in candidate.client.get(response.location).text()


def test_specificites_ticked_kept_and_reset_with_another_fiche(candidate):
    from espace.cv.skills import skills_of
    from espace.settings import get_settings

    skills = skills_of(get_settings().data_dir, "F1703")
    choose_job(candidate, code_rome="F1703")
    page = candidate.client.get(candidate.url("cible/specificites"))
    boxes = page.html.xpath('//input[@type="checkbox"]')
    assert len(boxes) == len(skills) > 20
    assert [legend.text_content() for legend in page.html.xpath("//legend")] == [
        "Savoir-faire", "Savoirs", "Savoir-être professionnels"]
    savoir_faire = [s for s in skills if s.kind == "savoir_faire"][:2]
    savoir = [s for s in skills if s.kind == "savoirs"][:1]
    response = candidate.client.post(candidate.url("cible/specificites"),
                                     {"savoir_faire": [s.code for s in savoir_faire], "savoirs": savoir[0].code})
    assert response.status == 303 and response.location == candidate.url("cible")
    assert candidate.cv().target.skills == [s.label for s in skills if s in {*savoir_faire, *savoir}]
    overview = candidate.client.get(response.location)
    assert "3 spécificités du métier enregistrées." in overview.text()
    assert savoir[0].label in overview.text()
    page = candidate.client.get(candidate.url("cible/specificites"))
    assert sorted(page.html.xpath('//input[@checked]/@value')) == sorted(s.code for s in (*savoir_faire, *savoir))
    # A value the fiche does not have (a stale tab of another métier): refused, nothing changed
    page = candidate.client.post(candidate.url("cible/specificites"), {"savoir_faire": "999999999"})
    assert page.status == 400 and "n'existe pas dans la liste" in page.field_error("savoir_faire")
    assert len(candidate.cv().target.skills) == 3
    # Another appellation of the same fiche keeps them; another fiche starts without any
    assert choose_job(candidate, metier="maçon").status == 303
    assert len(candidate.cv().target.skills) == 3
    assert choose_job(candidate, metier="boulanger").status == 303
    assert candidate.cv().target.skills == []
    # None ticked is an answer (« Aucune spécificité »)
    none = candidate.client.post(candidate.url("cible/specificites"), {})
    assert none.status == 303
    assert "Aucune spécificité du métier n'est cochée." in candidate.client.get(none.location).text()


def test_places_added_chosen_refused_and_removed(candidate, monkeypatch):
    client, url = candidate.client, candidate.url("cible/lieux")
    page = client.post(url, {"lieu": "La Rochelle"})
    assert page.status == 400
    assert "Plusieurs lieux s'appellent « La Rochelle »" in page.field_error("lieu_code")
    assert page.html.xpath('//input[@name="lieu_code"]/@value') == ["commune:17300", "commune:70450"]
    added = client.post(url, {"lieu": "La Rochelle", "lieu_code": "commune:17300"})
    assert added.status == 303 and added.location == url
    assert "« La Rochelle (17) » est ajouté à vos lieux de travail." in client.get(url).text()
    assert client.post(url, {"lieu": "Charente-Maritime"}).status == 303
    assert client.post(url, {"lieu": "Nouvelle-Aquitaine"}).status == 303
    again = client.post(url, {"lieu": "17000"})  # La Rochelle's postal code: the same place
    assert again.status == 303
    assert "« La Rochelle (17) » est déjà dans vos lieux de travail." in client.get(url).text()
    places = candidate.cv().target.places
    assert [(p.kind, p.code) for p in places] == [("commune", "17300"), ("departement", "17"), ("region", "75")]

    page = client.post(url, {"lieu": "Bordeau"})
    assert page.status == 400 and "Nous ne connaissons pas « Bordeau »" in page.field_error("lieu_code")
    assert "commune:33063" in page.html.xpath('//input[@name="lieu_code"]/@value')
    assert page.html.xpath('//input[@name="lieu"]/@value') == ["Bordeau"]
    assert candidate.cv().typed["lieux"]["lieu"] == ["Bordeau"]
    kept = client.get(url)
    assert "Nous ne connaissons pas « Bordeau »" in kept.field_error("lieu_code")
    assert client.post(url, {"lieu": "Bordeau", "lieu_code": "commune:33063"}).status == 303
    assert "lieux" not in candidate.cv().typed
    page = client.post(url, {"lieu": "Xyzzyvillez"})
    assert page.status == 400 and "Vérifiez l'orthographe" in page.field_error("lieu")
    page = client.post(url, {"lieu": ""})
    assert page.status == 400 and "Saisissez une commune" in page.field_error("lieu")
    # a choice forged (not among the places offered) is not taken
    page = client.post(url, {"lieu": "La Rochelle", "lieu_code": "commune:33063"})
    assert page.status == 400 and len(candidate.cv().target.places) == 4

    token = client.csrf_token(url)
    removed = client.post(url, {"retrait": "departement:17"}, csrf=token)
    assert removed.status == 303
    assert "« Charente-Maritime (département 17) » est retiré de vos lieux de travail." in client.get(url).text()
    assert client.post(url, {"retrait": "departement:17"}, csrf=token).status == 303  # pressed twice
    assert "Ce lieu n'est plus dans votre liste." in client.get(url).text()
    assert len(candidate.cv().target.places) == 3

    monkeypatch.setattr("espace.cv.target.MAX_PLACES", 3)
    page = client.get(url)  # the forged choice above is still the draft: the form stays, with its message
    assert "le maximum" in page.text() and page.html.xpath('//input[@name="lieu"]')
    assert client.post(url, {"lieu": "Lorient"}).status == 400
    assert client.post(url, {"retrait": "region:75"}).status == 303
    assert client.post(url, {"lieu": "Lorient"}).status == 303  # a valid addition: the draft goes
    page = client.get(url)
    assert "le maximum" in page.text() and not page.html.xpath('//input[@name="lieu"]')
    page = client.post(url, {"lieu": "Nantes"})
    assert page.status == 400 and "Vous avez déjà choisi 3 lieux de travail" in page.field_error("lieu")
    assert len(candidate.cv().target.places) == 3


def test_an_online_cv_keeps_one_place(candidate):
    complete_target(candidate)
    cvs = candidate.book()
    from espace.cv.model import Consent

    cvs.publish(candidate.cv(), Consent(publish=True))
    url = candidate.url("cible/lieux")
    response = candidate.client.post(url, {"retrait": "commune:56121"})
    assert response.status == 303
    assert "il lui faut au moins un lieu de travail" in candidate.client.get(url).text()
    assert len(candidate.cv().target.places) == 1


def test_contract_types_and_working_time(candidate):
    client, url = candidate.client, candidate.url("cible/contrats")
    page = client.get(url)
    assert page.html.xpath("//title")[0].text_content().startswith(
        "Étape 1 sur 4 : Sélectionner les types de contrat et la durée de travail")
    page = client.post(url, {})
    assert page.status == 400
    assert page.error_summary() == ["Cochez au moins un type de contrat.",
                                    "Cochez la durée de travail recherchée : temps plein, temps partiel, ou les deux."]
    page = client.post(url, {"contrats": ["CDI", "XYZ"], "durees": "plein"})
    assert page.status == 400 and "n'existe pas dans la liste" in page.field_error("contrats")
    assert candidate.cv().typed["contrats"] == {"contrats": ["CDI", "XYZ"], "durees": ["plein"]}
    kept = client.get(url)
    assert "n'existe pas dans la liste" in kept.field_error("contrats")
    assert kept.html.xpath('//input[@name="durees"][@checked]/@value') == ["plein"]
    response = client.post(url, {"contrats": ["CDI", "MIS"], "durees": ["plein", "partiel"]})
    assert response.status == 303 and response.location == candidate.url("cible")
    cv = candidate.cv()
    assert (cv.target.contracts, cv.target.working_times, cv.typed) == (["CDI", "MIS"], ["plein", "partiel"], {})
    overview = client.get(response.location).text()
    assert "Types de contrat : CDI, Intérim" in overview and "Durée de travail : Temps plein, temps partiel" in overview


def test_a_complete_target_on_the_overview(candidate):
    complete_target(candidate)
    text = candidate.client.get(candidate.url("cible")).text()
    assert "Votre cible professionnelle est complète." in text
    assert "Soudeur / Soudeuse" in text or "H2913" in text
    assert "Lorient (56)" in text
    assert "Votre CV est complété à 20 %" in text
