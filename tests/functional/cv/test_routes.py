"""« Mes CV » on both profiles: the list and its preamble, creating a CV (once per form, five at
most even for forms sent at the same instant), a CV's page (steps, gauge, actions), suspending and
resuming, « Créer un CV à partir de celui-ci », deleting with its confirmation, the offer search of
a CV, another account's CV, and the panel of « Mon espace ».

What the other parts' pages fill in (the target, the information, the consent) is arranged here with
``CvBook`` itself, the same code those pages call, so each test reads one action of this part."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs, urlsplit

from espace.bootstrap import get_services
from espace.cv.model import ONLINE, SUSPENDED, Consent, Experience, Target, Training, WantedPlace
from espace.cv.service import CvBook, new_id
from tests.functional.accounts.helpers import signed_in_client, user_id_of

EMAIL = "cv.candidate@example.fr"
OTHER = "cv.autre@example.fr"
LIST = "/mon-espace/cv"


def book(email: str = EMAIL) -> CvBook:
    return CvBook(get_services(), user_id_of(email))


def create_form(client) -> dict[str, str]:
    """What the list's « Créer un CV » form sends (its key and its CSRF token)."""
    page = client.get(LIST)
    form = page.html.xpath(f'//form[@action="{LIST}"]')[0]
    return {name: form.xpath(f'.//input[@name="{name}"]/@value')[0] for name in ("cle", "csrf")}


def create(client):
    form = create_form(client)
    return client.post(LIST, {"cle": form["cle"]}, csrf=form["csrf"])


def maçon_target() -> Target:
    return Target(appellation_code="16250", appellation_label="Maçon / Maçonne", rome_code="F1703",
                  rome_label="Maçon / Maçonne", places=[WantedPlace("commune", "17300", "La Rochelle (17)")],
                  contracts=["CDI", "CDD"], working_times=["plein"])


def online_cv(client, **content):
    """A CV created through the list, then targeted, filled and published as the steps' pages do."""
    cv_id = create(client).location.rsplit("/", 1)[1]
    cvs = book()
    cv = cvs.get(cv_id)
    cvs.set_target(cv, maçon_target())
    for name, value in content.items():
        setattr(cv, name, value)
    cvs.save(cv)
    cvs.publish(cv, Consent(publish=True))
    return cvs.get(cv_id)


def test_the_list_offers_both_modes_and_creating_opens_the_new_cv(platform):
    client = signed_in_client(platform, EMAIL)
    empty = client.get(LIST)
    assert empty.status == 200
    text = empty.text()
    assert empty.html.xpath("//h1")[0].text_content() == "Mes CV"
    assert "30 minutes" in text and "10 minutes" in text and "jusqu'à 5 CV" in text
    assert empty.html.xpath('//a[@href="/mon-espace/cv-personnel"]')
    assert "pas encore de CV complet" in text

    created = create(client)
    assert created.status == 303 and created.location.startswith(f"{LIST}/")
    cv_id = created.location.rsplit("/", 1)[1]
    page = client.get(created.location)
    assert page.status == 200 and "Votre CV est créé" in page.text()
    assert page.html.xpath("//h1")[0].text_content() == "CV sans titre"
    assert page.html.xpath("//title")[0].text_content().startswith("CV sans titre")
    steps = [" ".join(li.text_content().split()) for li in page.html.xpath('//ol[@class="task-list"]/li')]
    assert steps == ["Ma cible professionnelle Non commencé", "Les informations de mon CV Non commencé",
                     "Mise en page Non commencé", "Mise en ligne Non commencé"]
    assert page.html.xpath('//ol[@class="task-list"]//a/@href') == [
        f"{LIST}/{cv_id}/{slug}" for slug in ("cible", "informations", "mise-en-page", "mise-en-ligne")]
    assert "Votre CV est complété à 0 %" in page.text()
    assert page.html.xpath('//*[contains(@class, "completeness__bar--0")]')
    assert page.html.xpath('//a[contains(@class, "button")]/@href') == [f"{LIST}/{cv_id}/cible"]  # Continuer
    # A draft cannot be suspended and has nothing to search yet.
    assert not page.html.xpath('//form[contains(@action, "suspension")]')
    assert not page.html.xpath(f'//a[@href="{LIST}/{cv_id}/offres"]')

    listing = client.get(LIST)
    [item] = listing.html.xpath('//ul[@class="cv-list"]/li')
    facts = " ".join(item.text_content().split())
    assert "CV sans titre" in facts and "Pas encore choisi" in facts and "En cours de création" in facts
    assert "Complété à 0 %" in facts and "Modifié le" in facts
    assert "1 CV sur 5" in listing.text()


def test_the_same_form_sent_twice_creates_one_cv(platform):
    client = signed_in_client(platform, EMAIL)
    form = create_form(client)
    first = client.post(LIST, {"cle": form["cle"]}, csrf=form["csrf"])
    again = client.post(LIST, {"cle": form["cle"]}, csrf=form["csrf"])
    assert first.status == again.status == 303 and first.location == again.location
    assert [cv.id for cv in book().all()] == [form["cle"]]
    # Sent at the same instant (really in parallel on SQLite; moto's DynamoDB is not thread-safe).
    form = create_form(client)
    workers = 6 if platform.profile == "embedded" else 1
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda _: client.post(LIST, {"cle": form["cle"]}, csrf=form["csrf"]), range(6)))
    assert {r.status for r in results} == {303} and {r.location for r in results} == {f"{LIST}/{form['cle']}"}
    assert len(book().all()) == 2 and book().count() == 2
    # A forged key still creates a CV (one), under a key of ours.
    forged = client.post(LIST, {"cle": "../x"}, csrf=form["csrf"])
    assert forged.status == 303 and len(book().all()) == 3


def test_five_cvs_at_most_even_sent_at_once(platform):
    client = signed_in_client(platform, EMAIL)
    forms = [create_form(client) for _ in range(8)]
    workers = 8 if platform.profile == "embedded" else 1
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda f: client.post(LIST, {"cle": f["cle"]}, csrf=f["csrf"]), forms))
    statuses = [r.status for r in results]
    assert statuses.count(303) == 5 and statuses.count(409) == 3, statuses
    user_id = user_id_of(EMAIL)
    records = get_services().records
    assert len(records.query(f"USER#{user_id}", "CV#")) == 5
    assert len(records.query(f"USER#{user_id}", "CV-SLOT#")) == 5
    full = next(r for r in results if r.status == 409)
    assert full.html.xpath("//h1")[0].text_content() == "Vous avez déjà cinq CV"
    assert "c'est le maximum" in full.text() and "Aucun nouveau CV n'a été créé" in full.text()
    assert len(full.html.xpath('//a[contains(@href, "/suppression")]')) == 5
    listing = client.get(LIST)
    assert "5 CV sur 5" in listing.text() and "le maximum" in listing.text()
    assert not listing.html.xpath(f'//form[@action="{LIST}"]')  # no button that can only fail
    cv_page = client.get(f"{LIST}/{book().all()[0].id}")
    assert not cv_page.html.xpath('//form[contains(@action, "/copie")]') and "le maximum" in cv_page.text()


def test_another_accounts_cv_is_not_found(platform):
    owner = signed_in_client(platform, EMAIL)
    cv = online_cv(owner)
    intruder = signed_in_client(platform, OTHER, ip="198.51.100.9")
    token = intruder.csrf_token(LIST)
    for path in (f"{LIST}/{cv.id}", f"{LIST}/{cv.id}/suppression", f"{LIST}/{cv.id}/offres", f"{LIST}/inconnu-123456"):
        page = intruder.get(path)
        assert page.status == 404 and "Ce CV n'existe pas" in page.text(), path
    for action in ("suspension", "remise-en-ligne", "copie"):
        assert intruder.post(f"{LIST}/{cv.id}/{action}", {"cle": new_id()}, csrf=token).status == 404, action
    gone = intruder.post(f"{LIST}/{cv.id}/suppression", csrf=token)
    assert gone.status == 303 and gone.location == LIST
    assert book().get(cv.id).state == ONLINE and book(OTHER).all() == []


def test_suspend_and_resume_an_online_cv_once_each(platform):
    client = signed_in_client(platform, EMAIL)
    cv = online_cv(client)
    url = f"{LIST}/{cv.id}"
    page = client.get(url)
    assert page.html.xpath("//h1")[0].text_content() == "Maçon / Maçonne"
    assert "en ligne depuis le" in page.text() and "sans vos coordonnées" in page.text()
    [button] = page.html.xpath(f'//form[@action="{url}/suspension"]//button')
    assert " ".join(button.text_content().split()) == "Suspendre mon CV « Maçon / Maçonne »"
    token = client.csrf_token(url)
    done = client.post(f"{url}/suspension", csrf=token)
    assert done.status == 303 and done.location == url
    assert book().get(cv.id).state == SUSPENDED
    assert "est suspendu" in client.get(url).text()
    again = client.post(f"{url}/suspension", csrf=token)
    assert again.status == 303 and "était déjà suspendu" in client.get(url).text()
    suspended = client.get(url)
    assert suspended.html.xpath(f'//form[@action="{url}/remise-en-ligne"]')
    resumed = client.post(f"{url}/remise-en-ligne", csrf=token)
    assert resumed.status == 303 and book().get(cv.id).state == ONLINE
    assert "est remis en ligne" in client.get(url).text()
    client.post(f"{url}/remise-en-ligne", csrf=token)
    assert "était déjà en ligne" in client.get(url).text()


def test_a_draft_is_neither_suspended_nor_resumed(platform):
    client = signed_in_client(platform, EMAIL)
    url = create(client).location
    token = client.csrf_token(url)
    assert client.post(f"{url}/suspension", csrf=token).status == 303
    assert "pas encore en ligne" in client.get(url).text()
    assert client.post(f"{url}/remise-en-ligne", csrf=token).status == 303
    assert "en cours de création" in client.get(url).text()
    assert book().all()[0].state == "brouillon"


def test_resuming_a_cv_whose_target_became_incomplete_asks_for_it(platform):
    client = signed_in_client(platform, EMAIL)
    cv = online_cv(client)
    cvs = book()
    cvs.suspend(cv)
    cv.target.places = []
    cvs.save(cv)
    url = f"{LIST}/{cv.id}"
    answer = client.post(f"{url}/remise-en-ligne", csrf=client.csrf_token(url))
    assert answer.status == 303 and answer.location == f"{url}/cible"
    assert book().get(cv.id).state == SUSPENDED


def test_copy_keeps_experiences_and_trainings_and_is_done_once(platform):
    client = signed_in_client(platform, EMAIL)
    experience = Experience(id="e1", job="Maçon", employer="Bâti 17", start="2019-03", description="Murs, dalles.")
    training = Training(id="t1", title="CAP maçon", year="2018", level="3")
    source = online_cv(client, experiences=[experience], trainings=[training], pitch="Maçon soigneux.")
    url = f"{LIST}/{source.id}"
    page = client.get(url)
    form = page.html.xpath(f'//form[@action="{url}/copie"]')[0]
    key, token = (form.xpath(f'.//input[@name="{n}"]/@value')[0] for n in ("cle", "csrf"))
    first = client.post(f"{url}/copie", {"cle": key}, csrf=token)
    again = client.post(f"{url}/copie", {"cle": key}, csrf=token)
    assert first.status == again.status == 303 and first.location == again.location == f"{LIST}/{key}"
    assert len(book().all()) == 2
    copy = book().get(key)
    assert copy.experiences == [experience] and copy.trainings == [training]
    assert copy.target == Target() and copy.pitch == "" and copy.state == "brouillon"
    shown = client.get(first.location)
    assert "1 expérience et 1 formation repris" in shown.text()
    assert book().get(source.id).state == ONLINE  # the source is untouched


def test_copy_when_five_cvs_answers_the_full_page(platform):
    client = signed_in_client(platform, EMAIL)
    source = online_cv(client)
    url = f"{LIST}/{source.id}"
    page = client.get(url)
    form = page.html.xpath(f'//form[@action="{url}/copie"]')[0]
    key, token = (form.xpath(f'.//input[@name="{n}"]/@value')[0] for n in ("cle", "csrf"))
    for _ in range(4):
        assert create(client).status == 303
    full = client.post(f"{url}/copie", {"cle": key}, csrf=token)
    assert full.status == 409 and "c'est le maximum" in full.text()
    assert len(book().all()) == 5 and book().get(key) is None


def test_delete_with_confirmation_frees_the_place_and_the_metier(platform):
    client = signed_in_client(platform, EMAIL)
    cv = online_cv(client)
    url = f"{LIST}/{cv.id}"
    confirm = client.get(f"{url}/suppression")
    assert confirm.status == 200
    assert confirm.html.xpath("//h1")[0].text_content() == "Supprimer le CV « Maçon / Maçonne » ?"
    assert "retiré de la banque de CV" in confirm.text() and book().get(cv.id) is not None  # a GET deletes nothing
    [button] = confirm.html.xpath(f'//form[@action="{url}/suppression"]//button')
    assert " ".join(button.text_content().split()) == "Supprimer le CV « Maçon / Maçonne »"
    token = confirm.html.xpath('//input[@name="csrf"]/@value')[0]
    done = client.post(f"{url}/suppression", csrf=token)
    assert done.status == 303 and done.location == LIST
    assert "« Maçon / Maçonne » est supprimé et retiré de la banque de CV" in client.get(LIST).text()
    user_id = user_id_of(EMAIL)
    records = get_services().records
    assert records.query(f"USER#{user_id}", "CV") == []  # the CV, its place and its métier
    again = client.post(f"{url}/suppression", csrf=token)
    assert again.status == 303 and "était déjà supprimé" in client.get(LIST).text()
    assert client.get(url).status == 404
    # The métier is free again: a new CV may target it.
    assert online_cv(client).target.rome_code == "F1703"


def test_searching_offers_for_a_cv_starts_from_its_target(platform):
    from espace.offers import search_form

    client = signed_in_client(platform, EMAIL)
    draft = create(client).location
    early = client.get(f"{draft}/offres")
    assert early.status == 303 and early.location == f"{draft}/cible"
    assert "Choisissez d'abord le métier" in client.get(early.location.rsplit("/", 1)[0]).text()

    cv = online_cv(client)
    page = client.get(f"{LIST}/{cv.id}")
    assert page.html.xpath(f'//a[@href="{LIST}/{cv.id}/offres"]/text()') == ["Rechercher des offres pour ce CV"]
    answer = client.get(f"{LIST}/{cv.id}/offres")
    assert answer.status == 303
    target = urlsplit(answer.location)
    assert target.path == "/offres/recherche"
    query = {key: values[0] for key, values in parse_qs(target.query).items()}
    assert query == {"mode": "simple", "appellation": "16250", "motsCles": "Maçon / Maçonne",
                     "lieu": "La Rochelle (17)", "lieuCode": "commune:17300", "typeContrat": "CDI,CDD"}
    # The offer search reads it as the CV's target: the métier, the place, the contracts.
    services = get_services()
    criteria = search_form.build(query, {"typeContrat": [query["typeContrat"]]}, services.rome, services.places)
    assert criteria.errors == {}
    assert criteria.query.rome_codes == ("F1703",) and criteria.query.appellation == "16250"
    assert criteria.query.place.code == "17300" and criteria.query.contract_types == ("CDI", "CDD")


def test_a_rome_code_without_appellation_searches_by_metier(platform):
    client = signed_in_client(platform, EMAIL)
    cv_id = create(client).location.rsplit("/", 1)[1]
    cvs = book()
    cvs.set_target(cvs.get(cv_id), Target(rome_code="F1703", rome_label="Maçon / Maçonne"))
    answer = client.get(f"{LIST}/{cv_id}/offres")
    assert answer.location == "/offres/recherche?mode=metier&codeROME=F1703"


def test_the_gauge_says_what_is_missing_and_links_to_it(platform):
    client = signed_in_client(platform, EMAIL)
    cv = online_cv(client, pitch="Maçon soigneux.",
                   experiences=[Experience(id="e1", job="Maçon", start="2019-03", description="Murs.")])
    page = client.get(f"{LIST}/{cv.id}")
    assert "Votre CV est complété à 70 %" in page.text()
    assert page.html.xpath('//*[contains(@class, "completeness__bar--70")]/ancestor::*[@aria-hidden="true"]')
    missing = [(a.text_content(), a.get("href")) for a in page.html.xpath('//ul[@class="completeness__missing"]//a')]
    assert missing == [("au moins une formation", f"{LIST}/{cv.id}/informations/formations"),
                       ("des compétences complémentaires", f"{LIST}/{cv.id}/informations/competences")]
    steps = [" ".join(s.text_content().split()) for s in page.html.xpath('//ol[@class="task-list"]//strong')]
    assert steps == ["Terminé", "Terminé", "Terminé", "Terminé"]


def test_the_panel_of_mon_espace(platform):
    client = signed_in_client(platform, EMAIL)
    empty = client.get("/mon-espace")
    [section] = empty.html.xpath('//section[@aria-labelledby="cv"]')
    assert "pas encore de CV" in section.text_content()
    assert section.xpath(".//a/@href") == [LIST, "/mon-espace/cv-personnel"]
    coming = " ".join(empty.html.xpath('//section[@aria-labelledby="bientot"]//text()'))
    assert "Mes CV" not in coming
    cv = online_cv(client)
    create(client)
    [section] = client.get("/mon-espace").html.xpath('//section[@aria-labelledby="cv"]')
    text = " ".join(section.text_content().split())
    assert "Vous avez 2 CV sur 5 au plus : 1 en ligne, 1 en cours de création." in text
    links = [(" ".join(a.text_content().split()), a.get("href")) for a in section.xpath(".//a")]
    assert ("Maçon / Maçonne : en ligne, complété à 20 %", f"{LIST}/{cv.id}") in links
    assert links[-1] == ("Gérer mes CV", LIST)


def test_signed_out_visitors_are_sent_to_sign_in(platform):
    visitor = platform.client()
    for path in (LIST, f"{LIST}/{new_id()}", f"{LIST}/{new_id()}/suppression"):
        answer = visitor.get(path)
        assert answer.status == 303 and answer.location.startswith("/connexion?retour=/mon-espace/cv"), path


def test_the_personal_cv_shows_in_the_list_and_the_panel(platform):
    from espace.cv.model import Attachment, PersonalCv

    client = signed_in_client(platform, EMAIL)
    user_id = user_id_of(EMAIL)
    key = f"users/{user_id}/cv/personnel/cv.txt"
    get_services().files.put(key, "Maçonne, dix ans de chantiers.".encode(), "text/plain")
    book().save_personal(PersonalCv(new_id(), "Mon CV de maçonne", Attachment(key, "cv.txt", "text/plain", 30, 1)))
    listing = client.get(LIST)
    assert "Votre CV personnel « Mon CV de maçonne » est en ligne." in listing.text()
    links = listing.html.xpath('//a[@href="/mon-espace/cv-personnel"]/text()')
    assert links == ["Gérer mon CV personnel (mode express)"]
    [section] = client.get("/mon-espace").html.xpath('//section[@aria-labelledby="cv"]')
    text = " ".join(section.text_content().split())
    assert "pas encore de CV complet" in text and "Mon CV personnel « Mon CV de maçonne » : en ligne" in text
