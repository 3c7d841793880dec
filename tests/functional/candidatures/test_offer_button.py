"""« Postuler » on the offer page (OffersFunction, read-only: decided from the offer's JSON): a site
offer and an imported offer with a contact e-mail have it; an offer with only an external link
shows that link and no « Postuler »."""

from __future__ import annotations

import pytest

from espace.candidatures.opening import COURRIEL, SITE, offer_page_kind, requirements
from tests.functional.candidatures.site_offers import put_site_offer
from tests.functional.client import SITE as SITE_URL
from tests.functional.client import Client


def offer_page(offer_id: str):
    from espace.handlers.offers import handler

    return Client(handler).get(f"/offres/{offer_id}")


def apply_links(page) -> list[str]:
    return page.html.xpath("//a[starts-with(@href, '/mon-espace/candidatures/postuler/')]/@href")


@pytest.mark.parametrize("platform", ["embedded"], indirect=True)
def test_postuler_is_shown_for_site_and_mailed_offers_only(hiring):
    site_offer = put_site_offer(hiring.services, "r" * 32)
    page = offer_page(site_offer.id)
    assert page.status == 200
    assert apply_links(page) == [f"/mon-espace/candidatures/postuler/{site_offer.id}"]
    assert "publiée sur l'Espace candidat par le recruteur" in page.text()
    assert "site d'origine" not in page.text()  # not a link from the site to itself
    mailed = offer_page(hiring.mail_offer_id)
    assert apply_links(mailed) == [f"/mon-espace/candidatures/postuler/{hiring.mail_offer_id}"]
    assert "envoyée par courriel au recruteur" in mailed.text()
    link_only = offer_page(hiring.link_offer_id)
    assert apply_links(link_only) == [] and "Postuler sur" in link_only.text()


def test_the_decision_reads_the_json():
    site = f"{SITE_URL}/offres/912ABCD"
    assert offer_page_kind({"origineOffre": {"origine": "1", "urlOrigine": site}}, SITE_URL, "912ABCD") == SITE
    # Another offer's address, another site, or France Travail's: not a site offer.
    assert offer_page_kind({"origineOffre": {"urlOrigine": f"{SITE_URL}/offres/912ABCE"}}, SITE_URL, "912ABCD") is None
    assert offer_page_kind({"origineOffre": {"urlOrigine": "https://evil.example/offres/912ABCD"}}, SITE_URL,
                           "912ABCD") is None
    assert offer_page_kind({"contact": {"courriel": "rh@example.fr"}}, SITE_URL, "912ABCD") == COURRIEL
    assert offer_page_kind({"contact": {"courriel": "Pour postuler, utiliser le lien suivant : https://x.example"}},
                           SITE_URL, "912ABCD") is None
    assert offer_page_kind({"origineOffre": "n'importe quoi"}, SITE_URL, "912ABCD") is None


def test_requirements_shown_beside_the_strengths():
    raw = {"experienceLibelle": "2 ans", "competences": [{"libelle": "Pétrir", "exigence": "E"}],
           "formations": [{"domaineLibelle": "Boulangerie", "niveauLibelle": "CAP, BEP", "exigence": "S"}],
           "permis": [{"libelle": "B - Véhicule léger"}], "langues": ["pas un objet"]}
    assert requirements(raw) == [("Expérience", ["2 ans"]), ("Compétences", ["Pétrir : exigé"]),
                                 ("Formation", ["Boulangerie (CAP, BEP) : souhaité"]),
                                 ("Permis", ["B - Véhicule léger"])]
    assert requirements({}) == []
