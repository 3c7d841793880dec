"""How to apply, from the contact shapes real offers have."""

from __future__ import annotations

from espace.offers.offer_apply import Link, how_to_apply


def test_every_real_contact_gives_a_way_or_the_origin_site(sample_offers):
    for raw in sample_offers:
        apply = how_to_apply(raw)
        assert apply.direct or apply.origin, raw["id"]
        assert not apply.email  # the samples' « courriel » fields hold links, never an address
        for line in apply.address:
            assert "http" not in line, raw["id"]


def test_link_in_a_sentence_and_address_lines():
    apply = how_to_apply({"contact": {
        "nom": "Pôle Emploi LE VIGAN", "coordonnees1": "ZAC DE TESSAN ROND-POINT DE TESSAN",
        "coordonnees2": "30120 LE VIGAN",
        "coordonnees3": "Pour postuler, utiliser le lien suivant : https://candidat.pole-emploi.fr/offres/recherche/detail/169QNYJ."}})
    assert apply.application == Link("https://candidat.pole-emploi.fr/offres/recherche/detail/169QNYJ",
                                      "candidat.pole-emploi.fr")
    assert apply.address == ["ZAC DE TESSAN ROND-POINT DE TESSAN", "30120 LE VIGAN"]
    assert apply.name == "Pôle Emploi LE VIGAN"


def test_url_postulation_comes_first_and_an_email_is_an_email():
    apply = how_to_apply({"contact": {"courriel": " rh@exemple.fr ", "coordonnees1": "https://autre.example/a",
                                      "urlPostulation": "https://jobs.example/42"}})
    assert apply.email == "rh@exemple.fr" and apply.application.url == "https://jobs.example/42"


def test_only_web_addresses_become_links():
    apply = how_to_apply({"contact": {"urlPostulation": "javascript:alert(1)", "courriel": "mailto:x"},
                          "origineOffre": {"urlOrigine": "ftp://x.example/1",
                                           "partenaires": [{"nom": "P", "url": "data:text/html,x"}]}})
    assert apply == how_to_apply({})
    assert not apply.direct and apply.origin is None


def test_partners_and_origin():
    apply = how_to_apply({"origineOffre": {"origine": "2", "urlOrigine": "https://candidat.francetravail.fr/o/1",
                                           "partenaires": [{"nom": "INDEED", "url": "https://fr.indeed.example/v"},
                                                           {"url": "https://hellowork.example/o"}]}})
    assert apply.origin.site == "candidat.francetravail.fr"
    assert [(name, link.site) for name, link in apply.partners] == [("INDEED", "fr.indeed.example"),
                                                                   ("hellowork.example", "hellowork.example")]
