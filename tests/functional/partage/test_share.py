"""« Envoyer cette offre par e-mail » through the accounts function, on both profiles."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from espace.bootstrap import get_services
from espace.partage import service
from tests.functional.accounts.helpers import signed_in_client


@pytest.fixture
def offer(platform, tmp_path):
    """The accounts function's offer index, holding one real sample offer."""
    from espace.adapters.offers_sqlite import SqliteOfferIndex
    from espace.offers import services
    from espace.offers.schema import validate_offer
    from tests.functional.offers.conftest import sample_offers

    index = SqliteOfferIndex(tmp_path / "offres.db")
    raw = sample_offers()[0]
    index.upsert([validate_offer(raw, services.rome(), services.places())])
    get_services().__dict__["offers"] = index
    return index.get(raw["id"])


def share(client, offer_id, **fields):
    return client.post(f"/offres/{offer_id}/envoyer", fields)


def test_a_visitor_sends_an_offer_to_themself(platform, offer):
    client = platform.client()
    form = client.get(f"/offres/{offer.id}/envoyer")
    assert form.status == 200
    assert not form.html.xpath('//input[@name="destinataire"]') and not form.html.xpath("//textarea")
    done = share(client, offer.id, adresse="Moi@Example.fr ", confirmation="moi@example.fr")
    assert done.status == 200 and "est envoyée à moi@example.fr" in done.text()
    [(_to, subject, text)] = platform.mails_to("moi@example.fr")
    assert offer.title in subject and f"/offres/{offer.id}" in text


def test_the_confirmation_must_match_and_errors_keep_the_values(platform, offer):
    client = platform.client()
    page = share(client, offer.id, adresse="moi@example.fr", confirmation="moi@exemple.fr")
    assert page.status == 400
    assert "ne sont pas identiques" in page.field_error("confirmation")
    assert platform.read_mails() == []


def test_unknown_offer_is_a_404(platform, offer):
    assert platform.client().get("/offres/0000000/envoyer").status == 404
    assert platform.client().get("/offres/pas%20une%20offre/envoyer").status == 404


def test_a_visitor_cannot_write_to_a_friend(platform, offer):
    client = platform.client()
    page = share(client, offer.id, destinataire="ami", adresse="ami@example.fr", confirmation="ami@example.fr",
                 message="<script>alert(1)</script>")
    assert page.status == 200
    [(_to, _subject, text)] = platform.mails_to("ami@example.fr")
    assert "<script>" not in text and "vous vous êtes envoyée" in text  # sent as to oneself, no note


def test_a_candidate_writes_to_a_friend_named_as_sender_with_a_plain_text_note(platform, offer):
    client = signed_in_client(platform, "expediteur@example.fr")
    form = client.get(f"/offres/{offer.id}/envoyer")
    assert form.html.xpath('//input[@name="destinataire"]') and form.html.xpath('//textarea[@name="message"]')
    done = share(client, offer.id, destinataire="ami", adresse="ami@example.fr", confirmation="ami@example.fr",
                 message="Regarde <b>ça</b> !")
    assert done.status == 200
    [(_to, subject, text)] = platform.mails_to("ami@example.fr")
    assert "expediteur@example.fr" in subject and "Regarde <b>ça</b> !" in text
    too_long = share(client, offer.id, destinataire="ami", adresse="ami@example.fr", confirmation="ami@example.fr",
                     message="x" * 501)
    assert too_long.status == 400


def test_sent_to_ones_own_address_it_is_kept_in_mes_messages(platform, offer):
    client = signed_in_client(platform, "garde@example.fr")
    share(client, offer.id, destinataire="moi", adresse="garde@example.fr", confirmation="garde@example.fr")
    assert offer.title in client.get("/mon-espace/messages").text()


def test_the_limit_per_recipient_and_a_clear_429(platform, offer):
    client = platform.client()
    for _ in range(service.PER_RECIPIENT):
        assert share(client, offer.id, adresse="cible@example.fr", confirmation="cible@example.fr").status == 200
    refused = share(client, offer.id, adresse="cible@example.fr", confirmation="cible@example.fr")
    assert refused.status == 429 and "limite d'envoi" in refused.field_error("adresse")
    assert len(platform.mails_to("cible@example.fr")) == service.PER_RECIPIENT


def test_requests_at_once_cannot_beat_the_limit(platform, offer):
    clients = [platform.client(ip=f"198.51.100.{n}") for n in range(12)]
    tokens = [c.csrf_token(f"/offres/{offer.id}/envoyer") for c in clients]

    def send(n):
        return clients[n].post(f"/offres/{offer.id}/envoyer", {"adresse": "rafale@example.fr",
                                                                "confirmation": "rafale@example.fr"},
                               csrf=tokens[n]).status

    # Really at once on SQLite; moto's DynamoDB does not make an update atomic across threads.
    with ThreadPoolExecutor(6 if platform.profile == "embedded" else 1) as pool:
        statuses = list(pool.map(send, range(12)))
    assert statuses.count(200) == service.PER_RECIPIENT and statuses.count(429) == 12 - service.PER_RECIPIENT
    assert len(platform.mails_to("rafale@example.fr")) == service.PER_RECIPIENT


def test_without_a_token_nothing_is_sent(platform, offer):
    refused = platform.client().post(f"/offres/{offer.id}/envoyer", {"adresse": "a@example.fr",
                                                                    "confirmation": "a@example.fr"}, csrf=False)
    assert refused.status == 403 and platform.read_mails() == []
