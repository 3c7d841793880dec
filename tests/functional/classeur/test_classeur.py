"""The classeur d'offres through the accounts function, on both profiles."""

from __future__ import annotations

from urllib.parse import unquote

from tests.functional.accounts.helpers import register, sign_in, signed_in_client, user_id_of
from tests.functional.client import Client


def classeur_ids(user_email: str) -> list[str]:
    from espace.bootstrap import get_services

    items = get_services().records.query(f"USER#{user_id_of(user_email)}", "CLASSEUR#")
    return [item["offer_id"] for item in items]


def add(client, offer_id: str, retour: str | None = None, csrf=True):
    token = client.csrf_token("/mon-espace") if csrf is True else csrf
    return client.post("/mon-espace/classeur/ajout", {"offre": offer_id, "retour": retour or f"/offres/{offer_id}"},
                       csrf=token)


def offers_page(client, offers_handler, path):
    """The same browser (cookies) opening a page of the offers function."""
    browser = Client(offers_handler, cookies=client.cookies)
    page = browser.get(path)
    client.cookies = browser.cookies
    return page


def test_add_twice_is_one_entry_then_remove(platform, offers, offers_handler):
    client = signed_in_client(platform, "ana@example.org")
    first = add(client, offers[0], retour="/offres/recherche?motsCles=vente")
    assert first.status == 303 and first.location == "/offres/recherche?motsCles=vente"
    results = offers_page(client, offers_handler, first.location)
    assert results.text().count("est ajoutée à votre classeur") == 1  # the notice, on the page returned to
    assert "est ajoutée" not in offers_page(client, offers_handler, first.location).text()  # once
    assert add(client, offers[0]).status == 303  # double submit
    assert "est déjà dans votre classeur" in offers_page(client, offers_handler, f"/offres/{offers[0]}").text()
    assert classeur_ids("ana@example.org") == [offers[0]]
    page = client.get("/mon-espace/classeur")
    assert page.status == 200
    assert page.html.xpath(f'//a[@href="/offres/{offers[0]}"]')
    assert "100 au plus" in page.text()
    token = page.html.xpath('//form[@action="/mon-espace/classeur/retrait"]//input[@name="csrf"]/@value')[0]
    removed = client.post("/mon-espace/classeur/retrait", {"offre": offers[0]}, csrf=token)
    assert removed.status == 303 and removed.location == "/mon-espace/classeur"
    assert classeur_ids("ana@example.org") == []
    assert "est retirée de votre classeur" in client.get("/mon-espace/classeur").text()


def test_a_forged_notice_is_not_shown(platform, offers, offers_handler):
    client = Client(offers_handler, cookies={"notice": "eyJ4Ijoi.forged", "__Host-notice": "eyJ4Ijoi.forged"})
    assert "notification" not in client.get(f"/offres/{offers[0]}").text()


def test_newest_first_and_flash(platform, offers):
    client = signed_in_client(platform, "bea@example.org")
    add(client, offers[1], retour="/mon-espace/classeur")
    add(client, offers[2], retour="/mon-espace/classeur")
    page = client.get("/mon-espace/classeur")
    assert page.text().count("est ajoutée à votre classeur") == 1  # the first one was shown on /mon-espace
    links = [h for h in page.html.xpath("//ul[@class='record-list']//h2/a/@href")]
    assert set(links) == {f"/offres/{offers[1]}", f"/offres/{offers[2]}"}


def test_unknown_offer_is_a_clear_404_and_nothing_stored(platform, offers):
    client = signed_in_client(platform, "cle@example.org")
    for bad in ("9999999", "pas-un-id"):
        answer = add(client, bad)
        assert answer.status == 404
        assert "n'a pas été ajoutée" in answer.text()
    assert classeur_ids("cle@example.org") == []
    visitor = platform.client("203.0.113.9")
    answer = add(visitor, "9999999", csrf=visitor.csrf_token("/connexion"))
    assert answer.status == 404
    assert "pending" not in str(platform.dump_records())  # nothing kept for after sign-in


def test_limit_is_stated(platform, offers, monkeypatch):
    from espace.classeur import service

    monkeypatch.setattr(service, "MAX_OFFERS", 2)
    client = signed_in_client(platform, "dan@example.org")
    add(client, offers[0])
    add(client, offers[1])
    full = add(client, offers[2])
    assert full.status == 409
    assert "le maximum" in full.text()
    assert sorted(classeur_ids("dan@example.org")) == sorted(offers[:2])


def test_without_csrf_token_nothing_is_added(platform, offers):
    client = signed_in_client(platform, "eve@example.org")
    assert add(client, offers[0], csrf=False).status == 403
    assert add(client, offers[0], csrf="forged").status == 403
    assert classeur_ids("eve@example.org") == []


def test_another_accounts_entry_cannot_be_removed(platform, offers):
    owner = signed_in_client(platform, "fay@example.org")
    add(owner, offers[0])
    other = signed_in_client(platform, "gus@example.org", ip="198.51.100.8")
    token = other.csrf_token("/mon-espace")
    assert other.post("/mon-espace/classeur/retrait", {"offre": offers[0]}, csrf=token).status == 404
    assert classeur_ids("fay@example.org") == [offers[0]]


def test_pending_action_after_sign_in_runs_exactly_once(platform, offers, offers_handler):
    register(platform, platform.client("198.51.100.20"), "hal@example.org")
    visitor = Client(offers_handler)
    offer_page = visitor.get(f"/offres/{offers[3]}")
    assert offer_page.status == 200
    form = offer_page.html.xpath('//form[@action="/mon-espace/classeur/ajout"]')[0]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
    assert fields["retour"] == f"/offres/{offers[3]}"
    # The same browser (its cookies) posts to the accounts function.
    accounts = Client(platform.handler, cookies=visitor.cookies)
    answer = accounts.post("/mon-espace/classeur/ajout", fields, csrf=False)
    assert answer.status == 303 and answer.location.startswith("/connexion?retour=")
    signin_page = accounts.get(answer.location)
    assert "Connectez-vous pour ajouter cette offre" in signin_page.text()
    retour = unquote(answer.location.split("retour=", 1)[1])
    signed = sign_in(accounts, "hal@example.org", retour=retour)
    assert signed.status == 303 and signed.location == "/mon-espace/reprise"
    back = accounts.get(signed.location)
    assert back.status == 303 and back.location == f"/offres/{offers[3]}"
    assert classeur_ids("hal@example.org") == [offers[3]]
    landed = offers_page(accounts, offers_handler, back.location)
    assert landed.text().count("est ajoutée à votre classeur") == 1
    # Replayed once: a reload and the dashboard add nothing and say nothing more.
    assert accounts.get("/mon-espace/reprise").location == "/mon-espace"
    assert "est ajoutée" not in accounts.get("/mon-espace").text()
    assert "est ajoutée" not in offers_page(accounts, offers_handler, back.location).text()
    assert classeur_ids("hal@example.org") == [offers[3]]


def test_pending_action_survives_sign_up(platform, offers):
    visitor = platform.client("198.51.100.30")
    token = visitor.csrf_token("/connexion")
    answer = visitor.post("/mon-espace/classeur/ajout", {"offre": offers[4], "retour": f"/offres/{offers[4]}"},
                          csrf=token)
    assert answer.status == 303
    assert "pending" in str(platform.dump_records())  # kept in the visitor's session
    register(platform, visitor, "ivy@example.org")  # creation, mailed link, confirmation: same browser
    assert sign_in(visitor, "ivy@example.org").location == "/mon-espace"
    dashboard = visitor.get("/mon-espace")
    assert "est ajoutée à votre classeur" in dashboard.text()
    assert classeur_ids("ivy@example.org") == [offers[4]]
    assert "est ajoutée" not in visitor.get("/mon-espace").text()


def test_filled_offers_leave_and_are_told_once(platform, offers):
    from espace.bootstrap import get_services

    client = signed_in_client(platform, "jo@example.org")
    for offer_id in offers[:3]:
        add(client, offer_id, retour="/mon-espace/classeur")
    client.get("/mon-espace/classeur")  # the flashes
    titles = {o: get_services().offers.get(o).title for o in offers[:2]}
    get_services().offers.delete(offers[:2])
    page = client.get("/mon-espace/classeur")
    assert "2 offres de votre classeur ont été pourvues ou retirées" in page.text()
    for title in titles.values():
        assert title in page.text()
    assert classeur_ids("jo@example.org") == [offers[2]]
    again = client.get("/mon-espace/classeur")
    assert "pourvues ou retirées par le recruteur :" not in again.text()
    get_services().offers.delete(offers[2:3])
    dashboard = client.get("/mon-espace")
    assert "1 offre de votre classeur a été pourvue ou retirée" in dashboard.text()
    assert "a été pourvue" not in client.get("/mon-espace").text()


def test_panel_counts(platform, offers):
    client = signed_in_client(platform, "kim@example.org")
    assert "Votre classeur est vide" in client.get("/mon-espace").text()
    add(client, offers[0])
    dashboard = client.get("/mon-espace")
    assert "1 offre dans votre classeur (au plus 100)" in dashboard.text()
    assert dashboard.html.xpath('//a[@href="/mon-espace/classeur"]')


def test_every_results_row_has_its_button_returning_to_the_results(platform, offers, offers_handler):
    from espace.bootstrap import get_services

    word = get_services().offers.get(offers[0]).title.split()[0]
    client = Client(offers_handler)
    path = f"/offres/recherche?motsCles={word}"
    results = client.get(path)
    assert results.status == 200
    rows = results.html.xpath("//table[contains(@class, 'results')]/tbody/tr")
    assert rows
    for row in rows:
        form = row.xpath(".//form[@action='/mon-espace/classeur/ajout']")
        assert len(form) == 1
        assert form[0].xpath(".//input[@name='retour']/@value") == [path]
        assert form[0].xpath(".//input[@name='csrf']/@value")[0]
        assert "Ajouter au classeur" in form[0].text_content()
    # Printable results carry no forms.
    assert not client.get(path + "&version=imprimable").html.xpath("//form[@action='/mon-espace/classeur/ajout']")
