"""Publishing offers through the recruiter's pages, on both profiles: the list, the form and its
errors, once per form, the offer page, edit, suspend, resume, close, and who may see and do what."""

from __future__ import annotations

import threading

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.recruteurs.helpers import COMPANY, recruiter_client, recruiters_client
from tests.functional.recruteurs.offer_helpers import FORM, NEW, action_csrf, form_key, publish

RH = "rh@boulangerie.example"


def stored(hiring, offer_id):
    from espace.recruteurs.model import owner_of

    owner = owner_of(hiring.services.records, offer_id)
    return owner.state if owner else None


def test_the_list_is_empty_then_shows_each_offer(platform, hiring):
    client = recruiter_client(platform, RH)
    empty = client.get("/recruteur/offres")
    assert empty.status == 200
    assert "Vous n'avez pas encore publié d'offre" in empty.text()
    first = publish(client)
    second = publish(client, intitule="Vendeur ou vendeuse en boulangerie", code_rome="D1106", contrat="CDI",
                     duree="", temps="plein", heures="", experience="D", experience_annees="")
    page = client.get("/recruteur/offres")
    rows = page.html.xpath("//table[caption]/tbody/tr")
    # Newest first; both may be of the same second.
    assert {r.xpath("th/a/@href")[0] for r in rows} == {f"/recruteur/offres/{second}", f"/recruteur/offres/{first}"}
    assert all("En ligne" in r.text_content() and "Aucune" in r.text_content() for r in rows)
    assert page.html.xpath("//table/caption")[0].text_content() == "Mes offres (2)"


def test_publishing_shows_the_offer_as_published(platform, hiring):
    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    page = client.get(f"/recruteur/offres/{offer_id}")
    text = page.text()
    assert page.status == 200
    assert f"est en ligne sous le numéro {offer_id}" in text  # the flash, once
    for words in ("État : En ligne", "Boulanger / Boulangère (code ROME D1102)", "La Rochelle (17)", "CDD, 6 mois",
                  "Temps partiel, 24 h 30 par semaine", "De 1 900 € à 2 100 € brut par mois",
                  "Expérience exigée : 2 ans", "Pétrir la pâte", "Aucune candidature pour le moment"):
        assert words in text, words
    assert page.html.xpath(f'//a[@href="/offres/{offer_id}"]')
    assert "est en ligne sous le numéro" not in client.get(f"/recruteur/offres/{offer_id}").text()
    raw = hiring.offer(offer_id).raw
    assert raw["entreprise"]["nom"] == COMPANY and raw["origineOffre"]["urlOrigine"].endswith(f"/offres/{offer_id}")


def test_a_form_sent_twice_publishes_one_offer(platform, hiring):
    client = recruiter_client(platform, RH)
    key = form_key(client)
    first = client.post(NEW, {**FORM, "cle": key})
    again = client.post(NEW, {**FORM, "cle": key})
    assert first.status == again.status == 303 and first.location == again.location == f"/recruteur/offres/{key}"
    assert "était déjà publiée" in client.get(again.location).text()
    assert len(client.get("/recruteur/offres").html.xpath("//table/tbody/tr")) == 1


def test_concurrent_submissions_of_one_form_publish_one_offer(platform, hiring):
    client = recruiter_client(platform, RH)
    key = form_key(client)
    csrf = client.csrf_token(NEW)
    answers = []

    def send():
        twin = type(client)(client.handler, source_ip=client.source_ip, cookies=dict(client.cookies))
        answers.append(twin.post(NEW, {**FORM, "cle": key}, csrf=csrf))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status for a in answers] == [303] * 8
    assert {a.location for a in answers} == {f"/recruteur/offres/{key}"}
    assert len(hiring.services.records.query(f"USER#{_uid(RH)}", "OFFER#")) == 1


def _uid(email):
    from tests.functional.accounts.helpers import user_id_of

    return user_id_of(email)


def test_a_key_taken_by_an_imported_offer_or_tampered_is_drawn_again(platform, hiring):
    client = recruiter_client(platform, RH)
    csrf = client.csrf_token(NEW)
    for key in (hiring.offer_ids[0], "pas-un-numero"):
        answer = client.post(NEW, {**FORM, "cle": key}, csrf=csrf)
        assert answer.status == 303
        offer_id = answer.location.rsplit("/", 1)[1]
        assert offer_id != key and stored(hiring, offer_id) == "en-ligne"
    assert hiring.offer(hiring.offer_ids[0]).company != COMPANY  # the imported offer is untouched


def test_errors_are_listed_and_every_value_kept(platform, hiring):
    client = recruiter_client(platform, RH)
    key = form_key(client)
    sent = {**FORM, "cle": key, "intitule": "", "lieu": "Saint-Denis", "duree": "six", "salaire_min": "19",
            "description": "Une description gardée."}
    page = client.post(NEW, sent)
    assert page.status == 400
    assert page.html.xpath("//title")[0].text_content().startswith("Erreur")
    assert page.error_summary() == [
        "Saisissez l'intitulé de l'offre, par exemple Boulanger ou boulangère.",
        "Plusieurs communes s'appellent « Saint-Denis » : choisissez celle du lieu de travail.",
        "La durée doit être un nombre entier entre 1 et 36 mois.",
        "Ce salaire ne semble pas correspondre à la période choisie : vérifiez le montant et la période, par "
        "exemple 1900 par mois."]
    html = page.html
    assert html.xpath('//input[@name="cle"]/@value') == [key]  # the same form: still one offer per submission
    assert html.xpath('//input[@name="duree"]/@value') == ["six"]
    assert html.xpath('//textarea[@name="description"]')[0].text_content() == "Une description gardée."
    assert html.xpath('//input[@name="contrat"][@checked]/@value') == ["CDD"]
    assert html.xpath('//input[@name="lieu_code"]')  # the homonyms to choose from
    fixed = client.post(NEW, {**sent, "intitule": "Boulanger", "lieu_code": "commune:93066", "duree": "6",
                              "salaire_min": "1900"})
    assert fixed.status == 303 and fixed.location == f"/recruteur/offres/{key}"
    assert hiring.offer(key).commune == "93066"


def test_editing_updates_the_online_offer(platform, hiring):
    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    url = f"/recruteur/offres/{offer_id}/modification"
    form = client.get(url)
    assert form.status == 200
    assert form.html.xpath('//input[@name="intitule"]/@value') == [FORM["intitule"]]
    assert form.html.xpath('//input[@name="heures"]/@value') == ["24,5"]
    bad = client.post(url, {**FORM, "temps": "partiel", "heures": ""})
    assert bad.status == 400 and bad.field_error("heures")
    assert hiring.offer(offer_id).title == FORM["intitule"]  # nothing changed
    done = client.post(url, {**FORM, "intitule": "Boulanger de nuit", "contrat": "CDI", "duree": ""})
    assert done.status == 303 and done.location == f"/recruteur/offres/{offer_id}"
    offer = hiring.offer(offer_id)
    assert offer.title == "Boulanger de nuit" and offer.contract_type == "CDI" and offer.duration_months is None
    assert "Vos modifications sont enregistrées" in client.get(done.location).text()


def test_suspend_resume_close_and_what_each_state_allows(platform, hiring):
    client = recruiter_client(platform, RH)
    offer_id = publish(client)
    base = f"/recruteur/offres/{offer_id}"
    csrf = action_csrf(client, offer_id)
    assert client.post(f"{base}/suspension", csrf=csrf).status == 303
    assert stored(hiring, offer_id) == "suspendue" and hiring.offer(offer_id) is None
    page = client.get(base)
    assert "L'offre est suspendue" in page.text() and page.html.xpath(f'//form[@action="{base}/remise-en-ligne"]')
    assert client.post(f"{base}/suspension", csrf=csrf).status == 303  # a second click: nothing more
    assert client.post(f"{base}/remise-en-ligne", csrf=csrf).status == 303
    assert stored(hiring, offer_id) == "en-ligne" and hiring.offer(offer_id) is not None
    assert "de nouveau en ligne" in client.get(base).text()

    close = client.get(f"{base}/cloture")
    assert close.status == 200 and close.html.xpath('//input[@name="issue"]')
    missing = client.post(f"{base}/cloture", {})
    assert missing.status == 400 and missing.field_error("issue")
    assert stored(hiring, offer_id) == "en-ligne"
    assert client.post(f"{base}/cloture", {"issue": "pourvue"}).status == 303
    assert stored(hiring, offer_id) == "pourvue" and hiring.offer(offer_id) is None
    page = client.get(base)
    assert "clôturée (pourvue)" in page.text() and not page.html.xpath(f'//a[@href="{base}/modification"]')

    # A closed offer can be neither edited, nor suspended, nor put back online.
    edit = client.get(f"{base}/modification")
    assert edit.status == 409 and "vous ne pouvez plus la modifier" in edit.text()
    assert client.post(f"{base}/modification", FORM, csrf=csrf).status == 409
    assert client.get(f"{base}/cloture").status == 200 and "vous ne pouvez plus la clôturer" in client.get(
        f"{base}/cloture").text()
    client.post(f"{base}/remise-en-ligne", csrf=csrf)
    assert "ne peut pas être remise en ligne" in client.get(base).text()
    client.post(f"{base}/suspension", csrf=csrf)
    assert "ne peut plus être suspendue" in client.get(base).text()
    again = client.post(f"{base}/cloture", {"issue": "non-pourvue"}, csrf=csrf)
    assert again.status == 303 and "était déjà pourvue" in client.get(base).text()
    assert stored(hiring, offer_id) == "pourvue" and hiring.offer(offer_id) is None


def test_another_recruiter_gets_404_and_changes_nothing(platform, hiring):
    owner = recruiter_client(platform, RH)
    offer_id = publish(owner)
    other = recruiter_client(platform, "rh@autre-entreprise.example", company="Autre entreprise")
    csrf = other.csrf_token("/recruteur/offres/nouvelle")
    base = f"/recruteur/offres/{offer_id}"
    for url in (base, f"{base}/modification", f"{base}/cloture"):
        page = other.get(url)
        assert page.status == 404, url
        assert FORM["intitule"] not in page.text()
    for url, data in ((f"{base}/suspension", {}), (f"{base}/cloture", {"issue": "pourvue"}),
                      (f"{base}/modification", {**FORM, "intitule": "Piraté"}), (f"{base}/remise-en-ligne", {})):
        assert other.post(url, data, csrf=csrf).status == 404, url
    assert stored(hiring, offer_id) == "en-ligne" and hiring.offer(offer_id).title == FORM["intitule"]
    assert offer_id not in other.get("/recruteur/offres").text()
    # An imported offer and an unknown or malformed number are not anyone's either.
    for unknown in (hiring.offer_ids[0], "999ZZZZ", "nouvelle-offre", "abc"):
        assert owner.get(f"/recruteur/offres/{unknown}").status == 404


def test_a_candidate_is_refused_every_page_and_action(platform, hiring):
    owner = recruiter_client(platform, RH)
    offer_id = publish(owner)
    accounts = signed_in_client(platform, "camille@example.org")
    candidate = recruiters_client(accounts)
    base = f"/recruteur/offres/{offer_id}"
    for url in ("/recruteur/offres", NEW, base, f"{base}/modification", f"{base}/cloture"):
        assert candidate.get(url).status == 403, url
    csrf = accounts.csrf_token("/mon-espace/cv")  # a valid token of their own session
    for url in (f"{base}/suspension", f"{base}/cloture", f"{base}/remise-en-ligne"):
        assert candidate.post(url, {"issue": "pourvue"}, csrf=csrf).status == 403, url
    assert stored(hiring, offer_id) == "en-ligne" and hiring.offer(offer_id) is not None


def test_signed_out_visitors_are_sent_to_sign_in(platform, hiring):
    from espace.handlers.recruiters import handler
    from tests.functional.client import Client

    page = Client(handler).get("/recruteur/offres")
    assert page.status in (302, 303) and page.location.startswith("/connexion")
