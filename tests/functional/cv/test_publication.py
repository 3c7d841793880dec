"""Étape « Mise en ligne » through the accounts function, on both profiles: the two consents, the
low-gauge page (« Compléter votre CV » / « Ignorer et continuer »), the confirmation with the offers
matching the CV (and when the offer index does not answer), withdrawing consent later, errors."""

from __future__ import annotations

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.cv import target_helpers
from tests.functional.cv.target_helpers import complete_target, make_candidate

candidate, offers = target_helpers.candidate, target_helpers.offers  # the fixtures
ROUTES = ("mise-en-ligne", "taux", "confirmation")


def in_bank(cv_id: str) -> bool:
    from espace.bootstrap import get_services
    from espace.cv.index import CvQuery

    return any(hit.cv_id == cv_id for hit in get_services().cv_index.search(CvQuery(per_page=50)).hits)


def fill_information(candidate) -> None:
    """Étape 1's rubrics as its pages would write them (they are helper D2's): the gauge goes high."""
    from espace.cv.model import Experience, Training

    cvs, cv = candidate.book(), candidate.cv()
    cv.pitch = "Soudeur qualifié, dix ans d'atelier."
    cv.experiences = [Experience("e1", "Soudeur", "Naval Group", "Lorient", "2015-01", "", "Soudure semi-automatique.")]
    cv.trainings = [Training("t1", "CAP Réalisations industrielles en chaudronnerie")]
    cv.other_skills = "Lecture de plans"
    cvs.save(cv)


def test_a_target_not_complete_cannot_be_published(candidate):
    page = candidate.client.get(candidate.url("mise-en-ligne"))
    assert page.status == 200
    assert page.html.xpath("//title")[0].text_content().startswith("Étape 4 sur 4 : Mise en ligne")
    assert "il reste à sélectionner le métier recherché, les lieux de travail souhaités" in page.text()
    assert not page.html.xpath('//input[@name="publier"]')
    assert page.html.xpath(f'//a[@href="{candidate.url("cible")}"]')
    token = candidate.client.csrf_token(candidate.url("cible/metier"))
    stale = candidate.client.post(candidate.url("mise-en-ligne"), {"publier": "oui", "coordonnees": "non"}, csrf=token)
    assert stale.status == 409 and candidate.cv().state == "brouillon"
    # The confirmation of a draft is the consents page
    response = candidate.client.get(candidate.url("confirmation"))
    assert response.status == 303 and response.location == candidate.url("mise-en-ligne")


def test_low_gauge_then_ignore_and_continue(candidate, offers):
    complete_target(candidate)
    client, url = candidate.client, candidate.url("mise-en-ligne")
    page = client.get(url)
    assert not page.html.xpath('//input[@name="publier"][@checked]')  # nothing chosen beforehand
    page = client.post(url, {})
    assert page.status == 400
    assert page.error_summary() == [
        "Indiquez si vous mettez votre CV en ligne dans la banque de CV : oui ou non.",
        "Indiquez si les conseillers peuvent transmettre votre CV avec vos coordonnées : oui ou non."]
    page = client.post(url, {"publier": "peut-être", "coordonnees": "non"})
    assert page.status == 400 and page.field_error("publier")
    response = client.post(url, {"publier": "oui", "coordonnees": "non"})
    assert response.status == 303
    assert response.location == candidate.url("taux") + "?publier=oui&coordonnees=non"
    assert candidate.cv().state == "brouillon" and not in_bank(candidate.cv_id)  # nothing half-done

    page = client.get(response.location)
    assert page.status == 200
    assert page.html.xpath("//title")[0].text_content().startswith("Étape 4 sur 4 : Taux de saisie de votre CV")
    text = page.text()
    assert "Votre CV est complété à 20 %" in text
    assert "Nous vous conseillons de le compléter" in text and "une accroche" in text
    assert page.html.xpath(f'//a[@href="{candidate.url("informations")}"]/text()') == ["Compléter votre CV"]
    form = page.html.xpath(f'//form[@action="{candidate.url("taux")}"]')[0]
    assert form.xpath('.//input[@name="publier"]/@value') == ["oui"]
    token = form.xpath('.//input[@name="csrf"]/@value')[0]
    published = client.post(candidate.url("taux"), {"publier": "oui", "coordonnees": "non"}, csrf=token)
    assert published.status == 303 and published.location == candidate.url("confirmation")
    cv = candidate.cv()
    assert (cv.state, cv.consent.publish, cv.consent.share_details) == ("en-ligne", True, False)
    assert in_bank(cv.id)
    first = cv.published_at
    again = client.post(candidate.url("taux"), {"publier": "oui", "coordonnees": "non"}, csrf=token)  # double click
    assert again.status == 303 and again.location == candidate.url("confirmation")
    assert candidate.cv().published_at == first
    assert client.get(candidate.url("taux")).location == candidate.url("confirmation")


def test_the_rate_page_needs_the_answers(candidate):
    complete_target(candidate)
    client = candidate.client
    for query in ("", "?publier=oui", "?publier=peut-etre&coordonnees=non"):
        response = client.get(candidate.url("taux") + query)
        assert response.status == 303 and response.location == candidate.url("mise-en-ligne"), query
    token = client.csrf_token(candidate.url("mise-en-ligne"))
    response = client.post(candidate.url("taux"), {"publier": "oui"}, csrf=token)
    assert response.status == 303 and response.location == candidate.url("mise-en-ligne")
    assert candidate.cv().state == "brouillon"


def test_a_complete_cv_goes_straight_to_the_confirmation_with_its_offers(candidate, offers):
    complete_target(candidate)  # H2913 (soudeur) in Lorient, intérim, full time: a sample offer is that
    fill_information(candidate)
    response = candidate.client.post(candidate.url("mise-en-ligne"), {"publier": "oui", "coordonnees": "oui"})
    assert response.status == 303 and response.location == candidate.url("confirmation")
    cv = candidate.cv()
    assert cv.consent.share_details and in_bank(cv.id)
    page = candidate.client.get(response.location)
    assert page.status == 200
    assert page.html.xpath("//h1")[0].text_content() == "Votre CV est en ligne"
    assert "est créé et diffusé dans la banque de CV" in page.text()
    expected = [o.id for o in offers if o.rome_code == "H2913" and o.commune == "56121"]
    assert expected
    links = page.html.xpath('//ul[@class="offer-list"]//a/@href')
    assert links == [f"/offres/{offer_id}" for offer_id in expected]
    assert page.html.xpath(f'//a[@href="{candidate.url("offres")}"]')


def test_offers_by_departement_and_region_and_none(platform, offers):
    someone = make_candidate(platform, "region@example.org")
    complete_target(someone, rome="H2909", place="Morbihan")
    from espace.cv.model import Consent

    someone.book().publish(someone.cv(), Consent(publish=True))
    page = someone.client.get(someone.url("confirmation"))
    expected = {o.id for o in offers if o.rome_code == "H2909" and o.departement == "56"}
    assert expected
    assert {href.removeprefix("/offres/") for href in page.html.xpath('//ul[@class="offer-list"]//a/@href')} == expected
    other = someone.new_cv()
    client = someone.client
    assert client.post(someone.url("cible/metier", other), {"code_rome": "H2913"}).status == 303
    assert client.post(someone.url("cible/lieux", other), {"lieu": "Bretagne"}).status == 303
    assert client.post(someone.url("cible/contrats", other), {"contrats": "MIS", "durees": "plein"}).status == 303
    assert client.post(someone.url("mise-en-ligne", other), {"publier": "non", "coordonnees": "non"}).status == 303
    token = client.csrf_token(someone.url("mise-en-ligne", other))
    assert client.post(someone.url("taux", other), {"publier": "non", "coordonnees": "non"}, csrf=token).status == 303
    page = client.get(someone.url("confirmation", other))
    assert page.html.xpath("//h1")[0].text_content() == "Votre CV est enregistré"
    assert "Il n'est pas dans la banque de CV, comme vous l'avez choisi" in page.text()
    assert not in_bank(other)
    expected = {o.id for o in offers if o.rome_code == "H2913" and o.region == "53"}
    assert expected
    assert {href.removeprefix("/offres/") for href in page.html.xpath('//ul[@class="offer-list"]//a/@href')} == expected
    assert client.post(someone.url("cible/contrats", other), {"contrats": "CDI", "durees": "partiel"}).status == 303
    page = client.get(someone.url("confirmation", other))
    assert "Aucune offre ne correspond aujourd'hui" in page.text()


def test_the_offer_index_down_does_not_hide_the_saved_cv(candidate, tmp_path, monkeypatch):
    complete_target(candidate)
    fill_information(candidate)
    assert candidate.client.post(candidate.url("mise-en-ligne"), {"publier": "oui", "coordonnees": "non"}).status == 303
    broken = tmp_path / "pas-une-base"
    broken.mkdir()
    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{broken}")  # a folder: the engine cannot open it
    from tests.caches import clear_process_caches

    clear_process_caches()
    page = candidate.client.get(candidate.url("confirmation"))
    assert page.status == 200
    assert "La recherche des offres est momentanément indisponible" in page.text()


def test_withdrawing_consent_later_and_giving_it_again(candidate):
    complete_target(candidate)
    fill_information(candidate)
    client, url = candidate.client, candidate.url("mise-en-ligne")
    client.post(url, {"publier": "oui", "coordonnees": "non"})
    page = client.get(url)
    assert page.html.xpath('//input[@name="publier"][@checked]/@value') == ["oui"]
    assert "Il est dans la banque de CV" in page.text()
    response = client.post(url, {"publier": "non", "coordonnees": "non"})
    assert response.status == 303 and response.location == url
    assert not in_bank(candidate.cv_id)
    cv = candidate.cv()
    assert (cv.state, cv.consent.publish) == ("en-ligne", False)
    page = client.get(url)
    assert "Votre CV n'est plus dans la banque de CV" in page.text()
    assert "Il n'est pas dans la banque de CV" in page.text()
    assert client.post(url, {"publier": "non", "coordonnees": "oui"}).status == 303
    assert "Vos choix sont enregistrés." in client.get(url).text()
    assert candidate.cv().consent.share_details
    client.post(url, {"publier": "oui", "coordonnees": "oui"})
    assert in_bank(candidate.cv_id)
    assert "de nouveau dans la banque de CV" in client.get(url).text()
    # A suspended CV stays suspended and out of the bank, whatever the answers
    cvs = candidate.book()
    cvs.suspend(candidate.cv())
    assert not in_bank(candidate.cv_id)
    client.post(url, {"publier": "oui", "coordonnees": "non"})
    cv = candidate.cv()
    assert (cv.state, cv.consent.share_details) == ("suspendu", False) and not in_bank(cv.id)
    assert "Votre CV reste suspendu" in client.get(url).text()
    page = client.get(candidate.url("confirmation"))
    assert "est suspendu : il n'est pas dans la banque de CV" in page.text()


def test_another_accounts_cv_is_not_found(platform, candidate):
    complete_target(candidate)
    other = signed_in_client(platform, "intrus@example.org")
    token = other.csrf_token("/mon-espace")
    for route in ROUTES:
        assert other.get(candidate.url(route)).status == 404, route
        if route != "confirmation":
            response = other.post(candidate.url(route), {"publier": "oui", "coordonnees": "oui"}, csrf=token)
            assert response.status == 404, route
    assert candidate.cv().state == "brouillon" and not in_bank(candidate.cv_id)
