"""Publishing offers in the tests: a complete form, and publishing it through the routes."""

from __future__ import annotations

from tests.functional.client import Client

NEW = "/recruteur/offres/nouvelle"

FORM = {
    "intitule": "Boulanger ou boulangère",
    "metier": "",
    "code_rome": "D1102",
    "lieu": "17000",
    "contrat": "CDD",
    "duree": "6",
    "duree_unite": "mois",
    "temps": "partiel",
    "heures": "24,5",
    "salaire_min": "1 900",
    "salaire_max": "2100",
    "salaire_periode": "mensuel",
    "experience": "E",
    "experience_annees": "2",
    "description": "Fabrication du pain et des viennoiseries au fournil.\nHoraires de nuit.",
    "competences": "Pétrir la pâte\nFaçonner les pâtons",
}


def form_key(client: Client) -> str:
    page = client.get(NEW)
    assert page.status == 200
    return page.html.xpath('//input[@name="cle"]/@value')[0]


def publish(client: Client, **changes: str) -> str:
    """Publish an offer through the form; returns its number."""
    key = form_key(client)
    answer = client.post(NEW, {**FORM, "cle": key, **changes})
    assert answer.status == 303, answer.text()[:2000]
    offer_id = answer.location.rsplit("/", 1)[1]
    assert offer_id == key
    return offer_id


def action_csrf(client: Client, offer_id: str) -> str:
    return client.csrf_token(f"/recruteur/offres/{offer_id}")
