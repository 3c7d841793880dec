"""The links of the alert e-mails, without signing in: unsubscribe (one search, or every alert of
the account to an address; RFC 8058 one-click POST) and « Prolonger »."""

from __future__ import annotations

from espace.alertes import links
from espace.alertes.service import add_months, today_in_paris
from espace.bootstrap import get_services
from espace.web.signing import signing_key
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.alertes.test_criteres import ADD, save, search_ids
from tests.functional.client import SITE

EMAIL = "abonne@example.fr"


def key() -> bytes:
    services = get_services()
    return signing_key(services.records, services.settings.secret_key)


def path(url: str) -> str:
    assert url.startswith(SITE + "/alertes/")
    return url.removeprefix(SITE)


def two_searches(platform):
    client = signed_in_client(platform, EMAIL)
    assert save(client, nom="Maçons 17")[0].status == 303
    assert save(client, ADD + "&motsCles=chantier", nom="Chantiers")[0].status == 303
    user_id = user_id_of(EMAIL)
    records = get_services().records
    by_name = {records.get(f"USER#{user_id}", f"SEARCH#{sid}")["name"]: sid for sid in search_ids(user_id)}
    return client, user_id, [by_name["Maçons 17"], by_name["Chantiers"]]  # created in the same second


def alert_of(user_id: str, sid: str) -> str:
    return get_services().records.get(f"USER#{user_id}", f"SEARCH#{sid}")["alert"]


def test_unsubscribe_one_search_shows_then_stops_it(alerts, platform):
    _, user_id, (first, second) = two_searches(platform)
    url = path(links.unsubscribe_url(key(), SITE, user_id, EMAIL, first))
    visitor = platform.client(ip="203.0.113.5")  # not signed in
    page = visitor.get(url)
    assert page.status == 200 and "Maçons 17" in page.text() and "Chantiers" not in page.text()
    assert alert_of(user_id, first) == "on"  # a GET stops nothing (mail scanners open links)
    done = visitor.post(url, {}, csrf=False)  # the page's button: no session, no CSRF token needed
    assert done.status == 200 and "C'est fait" in done.text()
    assert (alert_of(user_id, first), alert_of(user_id, second)) == ("paused", "on")
    assert set(alerts.subscriptions) == {f"{user_id}:{second}"}
    assert visitor.post(url, {}, csrf=False).status == 200  # twice: still fine


def test_one_click_post_stops_every_alert_to_the_address(alerts, platform):
    client, user_id, sids = two_searches(platform)
    headers = links.list_unsubscribe_headers(key(), SITE, user_id, EMAIL)
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = path(headers["List-Unsubscribe"].strip("<>"))
    mail_client = platform.client(ip="203.0.113.6")
    # RFC 8058: a POST of "List-Unsubscribe=One-Click" to the URL, from another site, no cookie.
    done = mail_client.request("POST", url, body="List-Unsubscribe=One-Click",
                               content_type="application/x-www-form-urlencoded",
                               headers={"origin": "https://mail.example"})
    assert done.status == 200
    assert [alert_of(user_id, sid) for sid in sids] == ["paused", "paused"] and alerts.subscriptions == {}
    assert "en pause" in client.get("/mon-espace/criteres").text()


def test_forged_edited_or_foreign_tokens_get_the_same_neutral_answer(alerts, platform):
    _, user_id, sids = two_searches(platform)
    good = links.unsubscribe_token(key(), user_id, EMAIL, sids[0])
    body, mac = good.split(".")
    other_key = b"k" * 32
    forged = [links.unsubscribe_token(other_key, user_id, EMAIL), f"{body}.{mac[:-2]}AA", "abc", "",
              links.unsubscribe_token(key(), user_id, EMAIL)[:-1],
              # a prolong token is worthless for unsubscribing
              links.prolong_url(key(), SITE, user_id).rsplit("=", 1)[1]]
    answers = set()
    visitor = platform.client(ip="203.0.113.7")
    for token in forged:
        for response in (visitor.get(f"/alertes/desabonnement?jeton={token}"),
                         visitor.post(f"/alertes/desabonnement?jeton={token}", {}, csrf=False)):
            assert response.status == 400
            answers.add(response.html.xpath('//p[@class="lead"]')[0].text_content())
    assert len(answers) == 1 and EMAIL not in answers.pop()
    assert [alert_of(user_id, sid) for sid in sids] == ["on", "on"]
    # Another account's token stops only that account's alerts, and names only its own address.
    other = signed_in_client(platform, "voisin@example.fr", ip="198.51.100.30")
    assert save(other)[0].status == 303
    voisin = user_id_of("voisin@example.fr")
    page = visitor.get(path(links.unsubscribe_url(key(), SITE, voisin, "voisin@example.fr")))
    assert EMAIL not in page.text() and "Maçons 17" not in page.text()
    visitor.post(path(links.unsubscribe_url(key(), SITE, voisin, "voisin@example.fr")), {}, csrf=False)
    assert [alert_of(user_id, sid) for sid in sids] == ["on", "on"]


def test_prolong_link_extends_and_says_until_when(alerts, platform):
    _, user_id, _ = two_searches(platform)
    records = get_services().records
    state = records.get(f"USER#{user_id}", "ALERTS")
    records.delete(f"ALERT-EXPIRY#{state['expires_on']}", f"USER#{user_id}")
    records.put({**state, "expires_on": "2021-03-01"})
    url = path(links.prolong_url(key(), SITE, user_id))
    page = platform.client(ip="203.0.113.8").get(url)
    until = add_months(today_in_paris(), 3)
    assert page.status == 200 and "vos alertes sont actives jusqu'au" in page.text()
    assert records.get(f"USER#{user_id}", "ALERTS")["expires_on"] == until.isoformat()
    assert records.get(f"ALERT-EXPIRY#{until.isoformat()}", f"USER#{user_id}") is not None
    assert len(alerts.subscriptions) == 2  # back in the matcher
    assert platform.client().get(url).status == 200  # a scanner opening it again: harmless
    assert platform.client().get("/alertes/prolonger?jeton=faux.jeton").status == 400
