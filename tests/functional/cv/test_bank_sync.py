"""CvBook keeps the CV bank's index in step, on both record profiles (SQLite and DynamoDB/S3 by
moto) and both index engines: a CV is searchable once published with consent, and out of the
very next search when suspended, withdrawn, deleted, or when the account is deleted.
"""

from __future__ import annotations

import uuid

import pytest

from espace.cv.index import CvQuery
from espace.cv.model import Attachment, Consent, PersonalCv, Target, WantedPlace
from tests.functional.accounts.helpers import PASSWORD, signed_in_client, user_id_of

EMAIL = "banque.cv@example.org"
TARGET = Target(appellation_code="15870", appellation_label="Maçon / Maçonne", rome_code="F1703",
                rome_label="Maçonnerie", places=[WantedPlace("commune", "17300", "La Rochelle (17)")],
                contracts=["CDI"], working_times=["plein"])


@pytest.fixture(params=["sqlite", "opensearch"])
def bank(request, platform, monkeypatch):
    """The platform's services with the CV index on the engine of this run."""
    from espace import bootstrap

    if request.param == "opensearch":
        url = request.getfixturevalue("opensearch_url").replace("http://", "opensearch://")
        monkeypatch.setenv("ESPACE_CV_INDEX_URL", f"{url}/cvs-sync-{uuid.uuid4().hex[:8]}")
        bootstrap.reset()
    client = signed_in_client(platform, EMAIL)
    services = bootstrap.get_services()
    yield client, services, user_id_of(EMAIL)
    services.cv_index.drop()


def found(services, **criteria) -> list[str]:
    return [hit.cv_id for hit in services.cv_index.search(CvQuery(**criteria)).hits]


def published(book, cv_id: str, share_details: bool = False):
    from espace.cv.service import Created

    assert book.create(cv_id) is Created.CREATED
    cv = book.get(cv_id)
    book.set_target(cv, TARGET)
    cv = book.get(cv_id)
    cv.pitch = "Maçon coffreur, joignable au 06 12 34 56 78 ou jean.dupont@example.org"
    book.save(cv)
    assert found(book.services) == []  # a draft is not in the bank
    book.publish(cv, Consent(publish=True, share_details=share_details))
    return book.get(cv_id)


def test_publish_in_then_suspend_resume_withdraw_delete_out(bank):
    from espace.cv.service import CvBook

    _client, services, user_id = bank
    book = CvBook(services, user_id)
    cv = published(book, "cv-banque-0001")
    assert found(services, rome_codes=("F1703",)) == ["cv-banque-0001"]
    assert found(services, keywords="coffreur") == ["cv-banque-0001"]
    assert found(services, keywords="dupont") == [] and found(services, keywords="0612345678") == []

    cv.pitch = "Maçon et carreleur"  # a change while online: the bank sees it at once
    book.save(cv)
    assert found(services, keywords="carreleur") == ["cv-banque-0001"]
    assert found(services, keywords="coffreur") == []

    # A new target while online (another métier, another place): the bank follows.
    moved = Target(**{**TARGET.__dict__, "rome_code": "F1701", "appellation_code": "11570",
                      "places": [WantedPlace("departement", "79", "Deux-Sèvres (79)")]})
    book.set_target(book.get(cv.id), moved)
    assert found(services, rome_codes=("F1703",)) == [] and found(services, rome_codes=("F1701",)) == [cv.id]
    assert found(services, place=services.places.departement("79")) == [cv.id]

    book.suspend(book.get(cv.id))
    assert found(services) == [] and services.cv_index.count() == 0
    book.resume(book.get(cv.id))
    assert found(services) == ["cv-banque-0001"]

    book.publish(book.get(cv.id), Consent(publish=False))  # consent withdrawn
    assert found(services) == []
    book.publish(book.get(cv.id), Consent(publish=True))
    assert found(services) == ["cv-banque-0001"]

    assert book.delete(cv.id)
    assert found(services) == [] and services.cv_index.count() == 0


def test_an_attached_files_text_is_searched_without_its_contact_data(bank):
    from espace.cv.service import CvBook

    _client, services, user_id = bank
    book = CvBook(services, user_id)
    cv = published(book, "cv-banque-0002")
    prefix = f"users/{user_id}/cv/{cv.id}/"
    services.files.put(prefix + "cv.txt", b"CV", "text/plain")
    services.files.put(prefix + "cv.txt.texte", "Soudure TIG — tél. +33 6 12 34 56 78".encode(), "text/plain")
    cv.attachment = Attachment(key=prefix + "cv.txt", filename="cv.txt", content_type="text/plain", size=2,
                               uploaded_at=1, text_key=prefix + "cv.txt.texte")
    book.save(cv)
    assert found(services, keywords="soudure tig") == [cv.id]
    assert found(services, keywords="33612345678") == [] and found(services, keywords="612345678") == []


def test_the_personal_cv_in_and_out(bank):
    from espace.cv.service import CvBook

    _client, services, user_id = bank
    book = CvBook(services, user_id)
    key = f"users/{user_id}/cv/personnel/cv.txt"
    services.files.put(key, b"CV", "text/plain")
    services.files.put(key + ".texte", b"Aide-soignante en EHPAD, nuits", "text/plain")
    attachment = Attachment(key=key, filename="cv.txt", content_type="text/plain", size=2, uploaded_at=5,
                            text_key=key + ".texte")
    personal = PersonalCv(id="perso-000000001", title="Mon CV", attachment=attachment)
    book.save_personal(personal)
    assert found(services, keywords="ehpad") == ["perso-000000001"]
    assert found(services, rome_codes=("F1703",)) == []  # words only (seed)

    personal.state = "suspendu"
    book.save_personal(personal)
    assert found(services) == []
    personal.state, personal.publish = "en-ligne", False
    book.save_personal(personal)
    assert found(services) == []
    personal.publish = True
    book.save_personal(personal)
    assert found(services) == ["perso-000000001"]
    assert book.delete_personal()
    assert found(services) == []


def test_account_deletion_takes_every_cv_out(bank):
    from espace.cv.service import CvBook

    client, services, user_id = bank
    book = CvBook(services, user_id)
    published(book, "cv-banque-0003")
    other = Target(**{**TARGET.__dict__, "rome_code": "F1603", "appellation_code": "20000"})
    book.create("cv-banque-0004")
    book.set_target(book.get("cv-banque-0004"), other)
    book.publish(book.get("cv-banque-0004"), Consent(publish=True))
    assert sorted(found(services)) == ["cv-banque-0003", "cv-banque-0004"]

    done = client.post("/mon-espace/suppression", {"mot_de_passe": PASSWORD, "confirmer": "oui"})
    assert done.status == 200
    assert found(services) == [] and services.cv_index.count() == 0
