"""« Mes critères de recherche » on both profiles: save the criteria of a results page, list,
rename, relaunch, pause, resume, delete; the limit of 20 under concurrent requests; the panel."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import sign_in, signed_in_client, user_id_of

EMAIL = "criteres@example.fr"
SEARCH = "/offres/recherche?mode=metier&codeROME=F1703&lieu=Charente-Maritime&typeContrat=CDI&typeContrat=CDD&tri=date"
ADD = "/mon-espace/criteres/ajout?mode=metier&codeROME=F1703&lieu=Charente-Maritime&typeContrat=CDI&typeContrat=CDD"


def search_ids(user_id: str) -> list[str]:
    return [item["sk"].removeprefix("SEARCH#") for item in get_services().records.query(f"USER#{user_id}", "SEARCH#")]


def save(client, path: str = ADD, **fields):
    page = client.get(path)
    assert page.status == 200, page.text()[:400]
    form = {"nom": page.html.xpath('//input[@name="nom"]/@value')[0],
            "adresse": page.html.xpath('//input[@name="adresse"]/@value')[0], "frequence": "daily",
            "jeton": page.html.xpath('//input[@name="jeton"]/@value')[0],
            "csrf": page.html.xpath('//input[@name="csrf"]/@value')[0], **fields}
    return client.post(path, form, csrf=form.pop("csrf")), form


def test_the_results_page_links_to_the_form_with_the_same_criteria(alerts, platform):
    from espace.handlers.offers import handler as offers_handler
    from tests.functional.client import Client

    page = Client(offers_handler).get(SEARCH)
    assert page.status == 200
    [link] = page.html.xpath('//a[text()="Enregistrer les critères"]/@href')
    assert link.startswith("/mon-espace/criteres/ajout?") and "tri=" not in link
    assert "codeROME=F1703" in link and "typeContrat=CDI" in link and "typeContrat=CDD" in link
    # Not signed in: sign in, then back to this very form (a GET, so nothing is lost).
    client = platform.client()
    stop = client.get(link)
    assert stop.status == 303 and stop.location.startswith("/connexion?retour=")
    signed_in_client(platform, EMAIL)  # creates the account (another browser)
    back = sign_in(client, EMAIL, retour=link)
    assert back.status == 303 and back.location == link
    form = client.get(link)
    assert form.status == 200
    assert form.html.xpath('//input[@name="nom"]/@value')[0] == "Maçon / Maçonne – Charente-Maritime (département 17)"
    assert form.html.xpath('//input[@name="adresse"]/@value') == [EMAIL]
    assert "Charente-Maritime" in form.text() and "CDI" in form.text()


def test_save_list_relaunch_rename_pause_resume_delete(alerts, platform):
    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    done, form = save(client, nom="Maçons en Charente")
    assert done.status == 303 and done.location == "/mon-espace/criteres"
    assert "Vos critères « Maçons en Charente » sont enregistrés" in client.get("/mon-espace/criteres").text()
    again = client.post(ADD, form, csrf=client.csrf_token(ADD))  # the same form sent twice
    assert again.status == 303
    [sid] = search_ids(user_id)
    record = get_services().records.get(f"USER#{user_id}", f"SEARCH#{sid}")
    assert record["params"]["codeROME"] == "F1703" and record["params"]["typeContrat"] == ["CDI", "CDD"]
    assert record["params"]["lieuCode"].startswith("departement:17") and "tri" not in record["params"]
    assert record["query"] and record["email"] == EMAIL and record["frequency"] == "daily"
    assert set(alerts.subscriptions) == {f"{user_id}:{sid}"}

    listing = client.get("/mon-espace/criteres")
    text = listing.text()
    assert "Maçons en Charente" in text and "active jusqu'au" in text and "Chaque jour" in text

    relaunch = client.get(f"/mon-espace/criteres/{sid}/resultats")
    assert relaunch.status == 303 and relaunch.location.startswith("/offres/recherche?")
    assert "codeROME=F1703" in relaunch.location and "typeContrat=CDD" in relaunch.location

    edit = f"/mon-espace/criteres/{sid}/modification"
    wrong = client.post(edit, {"nom": "", "adresse": "pas-une-adresse", "frequence": "weekly"})
    assert wrong.status == 400 and wrong.field_error("nom") and wrong.field_error("adresse")
    assert client.post(edit, {"nom": "Chef en 17", "adresse": "Autre@Example.fr", "frequence": "weekly"}).status == 303
    record = get_services().records.get(f"USER#{user_id}", f"SEARCH#{sid}")
    assert (record["name"], record["email"], record["frequency"]) == ("Chef en 17", "autre@example.fr", "weekly")
    assert alerts.subscriptions[f"{user_id}:{sid}"].frequency == "weekly"

    alert = f"/mon-espace/criteres/{sid}/alerte"
    assert client.post(alert, {"etat": "pause"}, csrf=client.csrf_token("/mon-espace")).status == 303
    assert "en pause" in client.get("/mon-espace/criteres").text() and alerts.subscriptions == {}
    assert client.post(alert, {"etat": "reprise"}, csrf=client.csrf_token("/mon-espace")).status == 303
    assert f"{user_id}:{sid}" in alerts.subscriptions

    confirm = client.get(f"/mon-espace/criteres/{sid}/suppression")
    assert confirm.status == 200 and "Chef en 17" in confirm.text()
    token = client.csrf_token(f"/mon-espace/criteres/{sid}/suppression")
    assert client.post(f"/mon-espace/criteres/{sid}/suppression", {}, csrf=token).status == 303
    assert client.post(f"/mon-espace/criteres/{sid}/suppression", {}, csrf=token).status == 303  # twice: once
    assert search_ids(user_id) == [] and alerts.subscriptions == {}
    assert get_services().records.query(f"USER#{user_id}", "SEARCH-SLOT#") == []
    assert client.get(f"/mon-espace/criteres/{sid}/resultats").status == 404


def test_another_accounts_search_is_not_found(alerts, platform):
    owner = signed_in_client(platform, "proprietaire@example.fr")
    assert save(owner)[0].status == 303
    [sid] = search_ids(user_id_of("proprietaire@example.fr"))
    intruder = signed_in_client(platform, "intrus@example.fr", ip="198.51.100.9")
    for path in ("resultats", "modification", "suppression"):
        assert intruder.get(f"/mon-espace/criteres/{sid}/{path}").status == 404
    token = intruder.csrf_token("/mon-espace")
    assert intruder.post(f"/mon-espace/criteres/{sid}/alerte", {"etat": "pause"}, csrf=token).status == 404
    assert intruder.post(f"/mon-espace/criteres/{sid}/modification", {"nom": "x", "adresse": "a@b.fr",
                                                                      "frequence": "daily"}, csrf=token).status == 404
    assert intruder.post(f"/mon-espace/criteres/{sid}/suppression", {}, csrf=token).status == 303
    assert search_ids(user_id_of("proprietaire@example.fr")) == [sid]  # untouched


def test_invalid_criteria_are_explained_and_nothing_is_saved(alerts, platform):
    client = signed_in_client(platform, EMAIL)
    for path, words in (("/mon-espace/criteres/ajout?mode=metier&codeROME=Z9999", "erreurs"),
                        ("/mon-espace/criteres/ajout?mode=numero&numero=123ABCD", "numéro d'offre"),
                        ("/mon-espace/criteres/ajout?mode=simple&motsCles=&lieu=", "trop larges"),
                        ("/mon-espace/criteres/ajout?mode=simple&lieu=Larochele", "erreurs")):
        page = client.get(path)
        assert page.status == 400 and words in page.text() and "Rien n'a été enregistré" in page.text(), path
        assert client.post(path, {"nom": "x", "adresse": EMAIL, "frequence": "daily"},
                           csrf=client.csrf_token("/mon-espace")).status == 400
    assert search_ids(user_id_of(EMAIL)) == []


def test_twenty_searches_at_most_even_sent_at_once(alerts, platform):
    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    forms = []
    for number in range(24):
        page = client.get(ADD)
        forms.append({"nom": f"Recherche {number}", "adresse": EMAIL, "frequence": "daily",
                      "jeton": page.html.xpath('//input[@name="jeton"]/@value')[0],
                      "csrf": page.html.xpath('//input[@name="csrf"]/@value')[0]})

    def send(form):
        form = dict(form)
        return client.post(ADD, form, csrf=form.pop("csrf")).status

    # SQLite: really at once. moto's DynamoDB is not thread-safe (its transactions deep-copy the
    # table while other threads write), so there the forms go one after another.
    workers = 8 if platform.profile == "embedded" else 1
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(send, forms))
    assert statuses.count(303) == 20 and statuses.count(409) == 4, statuses
    assert len(search_ids(user_id)) == 20
    assert len(get_services().records.query(f"USER#{user_id}", "SEARCH-SLOT#")) == 20
    full = client.get(ADD)
    assert full.status == 200 and "c'est le maximum" in full.text() and not full.html.xpath('//input[@name="nom"]')


def test_the_panel_counts_new_offers_and_a_visit_renews_the_alerts(alerts, platform):
    import dataclasses

    from espace.alertes.service import add_months, today_in_paris

    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    empty = client.get("/mon-espace")
    assert "pas encore enregistré de recherche" in empty.text()
    coming = " ".join(empty.html.xpath('//section[@aria-labelledby="bientot"]//text()'))
    assert "Mes critères de recherche" not in coming
    assert save(client, nom="Maçons 17")[0].status == 303
    [sid] = search_ids(user_id)
    records = get_services().records
    item = records.get(f"USER#{user_id}", f"SEARCH#{sid}")
    records.put({**item, "seen_at": 0})  # everything is new since then
    # The alert state as if the last visit was long ago: the index entry must move with it.
    old = "2020-01-05"
    state = records.get(f"USER#{user_id}", "ALERTS")
    records.delete(f"ALERT-EXPIRY#{state['expires_on']}", f"USER#{user_id}")
    records.put({**state, "expires_on": old})
    records.put({"pk": f"ALERT-EXPIRY#{old}", "sk": f"USER#{user_id}"})

    expired = client.get("/mon-espace/criteres")
    assert "expirée le 5 janvier 2020" in expired.text() and "Prolonger mes alertes" in expired.text()
    assert alerts.subscriptions == {}  # expired: out of the matcher

    from espace.offers.search_form import build

    services = get_services()
    query = build({"mode": "metier", "codeROME": "F1703", "lieuCode": "departement:17", "typeContrat": "CDI,CDD"},
                  {"typeContrat": ["CDI,CDD"]}, services.rome, services.places).query
    expected = services.offers.search(dataclasses.replace(query, limit=1, facets=False)).total_exact
    assert expected > 0
    dashboard = client.get("/mon-espace")
    panel = dashboard.html.xpath('//section[@aria-labelledby="criteres"]//a')
    links = [" ".join(a.text_content().split()) for a in panel]
    assert any(re.search(rf"Maçons 17 : {expected} nouvelles? offres?", text) for text in links), links
    until = add_months(today_in_paris(), 3).isoformat()
    assert records.get(f"USER#{user_id}", "ALERTS")["expires_on"] == until
    assert records.get(f"ALERT-EXPIRY#{until}", f"USER#{user_id}") is not None
    assert records.get(f"ALERT-EXPIRY#{old}", f"USER#{user_id}") is None
    assert f"{user_id}:{sid}" in alerts.subscriptions  # back in the matcher

    assert client.get(f"/mon-espace/criteres/{sid}/resultats").status == 303  # seen now
    links = [" ".join(a.text_content().split()) for a in client.get("/mon-espace").html.xpath(
        '//section[@aria-labelledby="criteres"]//a')]
    assert any("Maçons 17 : 0 nouvelle offre" in text for text in links), links


def test_the_form_keeps_what_was_typed_on_errors(alerts, platform):
    client = signed_in_client(platform, EMAIL)
    page, _ = save(client, nom="x" * 101, adresse="faux", frequence="")
    assert page.status == 400
    assert page.field_error("nom") and page.field_error("adresse") and page.field_error("frequence")
    assert page.html.xpath('//input[@name="adresse"]/@value') == ["faux"]
    assert search_ids(user_id_of(EMAIL)) == []
