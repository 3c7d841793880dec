"""« Le consentement » on both profiles: every topic told, an accord given then withdrawn with the
history kept, a double click recording one change, a stale form changing nothing, a forged choice
refused, and a page that says why without a dossier."""

from __future__ import annotations

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.dossier.helpers import validated_candidate

BASE = "/mon-dossier/consentements"


def history_rows(page) -> list[list[str]]:
    return [[" ".join(c.text_content().split()) for c in row.xpath("./td|./th")]
            for row in page.html.xpath("//table//tbody/tr")]


def test_without_a_dossier(platform):
    client = signed_in_client(platform, "sans-dossier-consent@example.fr")
    page = client.get(BASE)
    assert "Vous n'avez pas encore de dossier" in page.text() and page.html.xpath('//a[@href="/inscription"]')
    token = client.csrf_token("/mon-espace")
    assert client.post(f"{BASE}/cv-employeurs", {"accord": "oui", "version": "0"}, csrf=token).status == 409
    assert get_services().records.query(f"USER#{user_id_of('sans-dossier-consent@example.fr')}", "CONSENT") == []


def test_give_then_withdraw_keeps_the_history(platform):
    client, *_ = validated_candidate(platform, "consent@example.fr")
    page = client.get(BASE)
    assert page.status == 200 and page.text().count("Pas d'accord donné") == 4
    assert "Vous n'avez encore fait aucun choix." in page.text()
    given = client.post(f"{BASE}/cv-employeurs", {"accord": "oui", "version": "0"}, csrf=client.csrf_token(BASE))
    assert given.status == 303
    page = client.get(BASE)
    assert "votre accord est donné" in page.text() and "Accord donné le" in page.text()
    assert [row[1:] for row in history_rows(page)] == [["Partager mon CV avec les employeurs", "Accord donné"]]
    token = client.csrf_token(BASE)
    again = client.post(f"{BASE}/cv-employeurs", {"accord": "oui", "version": "0"}, csrf=token)  # a double click
    assert again.status == 303 and len(history_rows(client.get(BASE))) == 1
    withdrawn = client.post(f"{BASE}/cv-employeurs", {"accord": "non", "version": "1"}, csrf=token)
    assert withdrawn.status == 303
    page = client.get(BASE)
    assert "Accord retiré le" in page.text()
    assert [row[1:] for row in history_rows(page)] == [["Partager mon CV avec les employeurs", "Accord retiré"],
                                                      ["Partager mon CV avec les employeurs", "Accord donné"]]
    # A form drawn before the withdrawal (version 1, « non ») changes nothing more.
    stale = client.post(f"{BASE}/cv-employeurs", {"accord": "oui", "version": "1"}, csrf=token)
    assert stale.status == 303 and "venait de changer" in client.get(BASE).text()
    assert len(history_rows(client.get(BASE))) == 2
    records = get_services().records
    item = records.get(f"USER#{user_id_of('consent@example.fr')}", "CONSENT#cv-employeurs")
    assert item["given"] is False and item["version"] == 2


def test_forged_choices_change_nothing(platform):
    client, *_ = validated_candidate(platform, "consent-force@example.fr")
    token = client.csrf_token(BASE)
    assert client.post(f"{BASE}/inconnu", {"accord": "oui", "version": "0"}, csrf=token).status == 404
    for data in ({"accord": "peut-etre", "version": "0"}, {"accord": "oui", "version": "x"}, {"accord": "oui"}):
        assert client.post(f"{BASE}/partenaires", data, csrf=token).status == 303
    assert "n'a pas pu être lu" in client.get(BASE).text()
    assert get_services().records.query(f"USER#{user_id_of('consent-force@example.fr')}", "CONSENT") == []
