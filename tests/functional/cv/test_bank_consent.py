"""« Partager mon CV avec les employeurs » and the CV bank as one truth (espace.cv.bank_consent), on
both profiles: publishing a CV records the consent, dated, in the consent's history; withdrawing it
takes every CV out of the bank (the index and the recruiters' page); giving it back republishes
nothing and says so; a withdrawal that stopped half way is finished by its retry; the CV page tells a
withdrawn consent; a CV put online before the consent was asked counts as the consent given."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.cv.model import Consent
from espace.cv.service import CvBook, new_id
from espace.dossier import consent
from tests.functional.cv.sample_cv import full_cv
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.recruteurs.helpers import recruiter_client

CONSENTS = "/mon-dossier/consentements"
TOPIC = "cv-employeurs"
CV_BANK = "/recruteur/cvtheque"


def in_bank(user_id: str) -> set[str]:
    from espace.cv.index import CvQuery

    return {hit.cv_id for hit in get_services().cv_index.search(CvQuery(per_page=50)).hits if hit.user_id == user_id}


def two_cvs(user_id: str) -> tuple[str, str]:
    book = CvBook(get_services(), user_id)
    ids = (new_id(), new_id())
    for cv_id in ids:
        book.create(cv_id)
        book.save(full_cv(cv_id))
    return ids


def history(user_id: str) -> list[bool]:
    return [bool(item["given"]) for item in consent.history(get_services().records, user_id)]


def choose(client, accord: str, version: int):
    return client.post(f"{CONSENTS}/{TOPIC}", {"accord": accord, "version": str(version)},
                       csrf=client.csrf_token(CONSENTS))


def test_publishing_withdrawing_and_giving_back(platform):
    client, registration, *_ = validated_candidate(platform, "banque-accord@example.fr")
    user_id = registration.user_id
    first, second = two_cvs(user_id)
    page = f"/mon-espace/cv/{first}/mise-en-ligne"
    published = client.post(page, {"publier": "oui", "coordonnees": "non"}, csrf=client.csrf_token(page))
    assert published.status == 303
    assert history(user_id) == [True]  # the « Oui » recorded the consent, dated
    CvBook(get_services(), user_id).publish(CvBook(get_services(), user_id).get(second),  # type: ignore[arg-type]
                                            Consent(publish=True))
    assert in_bank(user_id) == {first, second}
    text = " ".join(client.get(CONSENTS).text().split())
    assert "2 de vos CV sont dans la banque de CV" in text and "Accord donné le" in text
    recruiter = recruiter_client(platform, "recruteur-banque@example.fr", ip="198.51.100.80")
    assert recruiter.get(f"{CV_BANK}/{first}").status == 200

    withdrawn = choose(client, "non", 1)
    assert withdrawn.status == 303
    text = " ".join(client.get(CONSENTS).text().split())
    assert "Vos CV ne sont plus dans la banque de CV" in text and "Aucun de vos CV n'est dans la banque" in text
    assert in_bank(user_id) == set() and recruiter.get(f"{CV_BANK}/{first}").status == 404
    book = CvBook(get_services(), user_id)
    assert [cv.consent.publish for cv in book.all()] == [False, False]
    shown = client.get(page)
    assert "Vous avez retiré le" in shown.text() and shown.html.xpath('//*[@id="accord-retire"]')

    given_back = choose(client, "oui", 2)
    assert given_back.status == 303
    assert "ne sont pas remis en ligne d'eux-mêmes" in " ".join(client.get(CONSENTS).text().split())
    assert in_bank(user_id) == set() and history(user_id) == [True, False, True]
    assert "Vous avez retiré le" not in client.get(page).text()

    assert choose(client, "non", 3).status == 303
    again = client.post(page, {"publier": "oui", "coordonnees": "oui"}, csrf=client.csrf_token(page))
    assert again.status == 303
    assert history(user_id) == [True, False, True, False, True] and in_bank(user_id) == {first}
    # Answering « Oui » again while the consent is given records nothing more.
    assert client.post(page, {"publier": "oui", "coordonnees": "oui"}, csrf=client.csrf_token(page)).status == 303
    assert len(history(user_id)) == 5


def test_a_withdrawal_stopped_half_way_is_finished_by_its_retry(platform):
    client, registration, *_ = validated_candidate(platform, "banque-reprise@example.fr")
    user_id = registration.user_id
    first, second = two_cvs(user_id)
    book = CvBook(get_services(), user_id)
    for cv_id in (first, second):
        book.publish(book.get(cv_id), Consent(publish=True))  # type: ignore[arg-type]
    # A CV put online before the consent was asked: the consent page counts it as given.
    text = " ".join(client.get(CONSENTS).text().split())
    assert "Accord donné en mettant un CV en ligne" in text
    # The first request recorded the withdrawal, then stopped before the CVs left the bank.
    assert consent.change(get_services().records, user_id, TOPIC, False, 0)
    assert in_bank(user_id) == {first, second}
    retried = choose(client, "non", 0)  # the same request again: its version is taken
    assert retried.status == 303 and history(user_id) == [False]
    assert in_bank(user_id) == set()
    assert [cv.consent.publish for cv in CvBook(get_services(), user_id).all()] == [False, False]


def test_the_express_cv_follows_the_consent_too(platform):
    from tests import cv_files
    from tests.functional.cv.uploading import upload_personal

    client, registration, *_ = validated_candidate(platform, "banque-express@example.fr")
    user_id = registration.user_id
    assert upload_personal(platform, client, "cv.txt", cv_files.text_cv()).status == 303
    personal = CvBook(get_services(), user_id).personal()
    assert personal is not None and in_bank(user_id) == {personal.id} and history(user_id) == [True]
    assert choose(client, "non", 1).status == 303
    assert in_bank(user_id) == set() and CvBook(get_services(), user_id).personal().publish is False  # type: ignore[union-attr]
    page = client.get("/mon-espace/cv-personnel")
    assert "Vous avez retiré le" in page.text() and not page.html.xpath('//input[@name="diffusion"][@checked]')
    assert upload_personal(platform, client, "cv.txt", cv_files.text_cv()).status == 303  # « Publier » ticked
    assert in_bank(user_id) == {personal.id} and history(user_id) == [True, False, True]
    assert "est donné à la date d'aujourd'hui" in client.get("/mon-espace/cv-personnel").text()
