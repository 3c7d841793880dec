"""Subscribing to « Mode d'emploi » from a static page: double opt-in, on both profiles."""

from __future__ import annotations

import json

from espace.bootstrap import get_services
from espace.lettre.service import SUBSCRIBERS, subscription_key
from tests.functional.lettre.helpers import newsletter_client, subscribe


def subscribed(email: str) -> bool:
    records = get_services().records
    return (records.get(*subscription_key(email)) is not None
            and any(item["sk"] == email for item in records.query(SUBSCRIBERS)))


def test_double_opt_in_from_the_static_form(platform):
    client = newsletter_client(platform)
    # The static pages' form carries no CSRF token (the route is exempt: it only sends a mail).
    answer = client.post("/lettre/abonnement", {"adresse": "  Lectrice@Example.fr "}, csrf=False)
    assert answer.status == 200 and "Vérifiez votre messagerie" in answer.text()
    assert "lectrice@example.fr" in answer.text()
    [(_to, subject, text)] = platform.mails_to("lectrice@example.fr")
    assert "Confirmez votre abonnement" in subject and "Confirmer mon abonnement" in text
    assert not subscribed("lectrice@example.fr")  # nothing before the link is used
    link = platform.last_link("lectrice@example.fr")
    assert link.startswith("/lettre/confirmation?jeton=")
    # Opening the link (or a mail scanner prefetching it) only shows the button.
    page = client.get(link)
    assert page.status == 200 and "Confirmer mon abonnement" in page.text()
    assert client.get(link).status == 200
    assert not subscribed("lectrice@example.fr")
    token = link.split("jeton=")[1]
    done = client.post("/lettre/confirmation", {"jeton": token}, csrf=client.csrf_token(link))
    assert done.status == 200 and "Votre abonnement est confirmé" in done.text()
    assert subscribed("lectrice@example.fr")
    # Single use.
    assert client.get(link).status == 410
    assert client.post("/lettre/confirmation", {"jeton": token}, csrf=client.csrf_token("/lettre/abonnement")
                       ).status == 410


def test_confirmation_needs_the_csrf_token(platform):
    client = newsletter_client(platform)
    client.post("/lettre/abonnement", {"adresse": "jeton@example.fr"}, csrf=False)
    token = platform.last_link("jeton@example.fr").split("jeton=")[1]
    assert client.post("/lettre/confirmation", {"jeton": token}, csrf=False).status == 403
    assert not subscribed("jeton@example.fr")


def test_invalid_address_shows_the_error_and_keeps_the_value(platform):
    client = newsletter_client(platform)
    page = client.post("/lettre/abonnement", {"adresse": "pas-une-adresse"}, csrf=False)
    assert page.status == 400
    assert page.error_summary() == ["Saisissez une adresse e-mail valide, par exemple nom@exemple.fr."]
    assert page.html.xpath('//input[@name="adresse"]/@value') == ["pas-une-adresse"]
    assert page.html.xpath("//title")[0].text.startswith("Erreur")
    empty = client.post("/lettre/abonnement", {}, csrf=False)
    assert empty.status == 400 and empty.error_summary() == ["Saisissez votre adresse e-mail."]
    assert platform.read_mails() == []


def test_the_answer_never_tells_whether_the_address_is_subscribed(platform):
    subscribe(platform, "deja@example.fr")
    again = newsletter_client(platform, ip="198.51.100.9").post("/lettre/abonnement", {"adresse": "deja@example.fr"},
                                                               csrf=False)
    new = newsletter_client(platform, ip="198.51.100.9").post("/lettre/abonnement", {"adresse": "neuve@example.fr"},
                                                             csrf=False)
    assert again.status == new.status == 200
    assert again.text().replace("deja@example.fr", "X") == new.text().replace("neuve@example.fr", "X")
    assert subscribed("deja@example.fr")  # a new request unsubscribes no one


def test_mails_are_capped_per_address_and_per_network(platform):
    for _ in range(3):
        assert newsletter_client(platform).post("/lettre/abonnement", {"adresse": "cible@example.fr"},
                                                csrf=False).status == 200
    capped = newsletter_client(platform, ip="203.0.113.5").post("/lettre/abonnement",
                                                                {"adresse": "cible@example.fr"}, csrf=False)
    assert capped.status == 429 and "Trop de demandes" in capped.text()
    assert capped.html.xpath('//input[@name="adresse"]/@value') == ["cible@example.fr"]
    assert len(platform.mails_to("cible@example.fr")) == 3
    client = newsletter_client(platform, ip="203.0.113.77")
    statuses = [client.post("/lettre/abonnement", {"adresse": f"n{i}@example.fr"}, csrf=False).status
                for i in range(21)]
    assert statuses == [200] * 20 + [429]


def test_subscription_form_page_and_the_site_articles(platform, site):
    page = newsletter_client(platform).get("/lettre/abonnement")
    assert page.status == 200 and "Je m'abonne" in page.text()
    entries = json.loads((site / "newsletter-articles.json").read_text(encoding="utf-8"))
    assert entries and {"title", "date", "summary", "url"} <= set(entries[0])
    assert [e["date"] for e in entries] == sorted((e["date"] for e in entries), reverse=True)
    assert all(e["url"].startswith("actualites/") for e in entries)
