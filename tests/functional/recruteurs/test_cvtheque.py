"""The CV bank search (/recruteur/cvtheque) and a CV's page for recruiters, on both profiles and
both engines (the hiring stage): published CVs only, no contact details without consent."""

from __future__ import annotations

import pytest

from tests.functional.accounts.helpers import signed_in_client
from tests.functional.profiles import each_case_on_one_profile
from tests.functional.recruteurs.helpers import recruiters_client
from tests.functional.recruteurs.proposal_helpers import CONTACT_NAME, CONTACT_PHONE, candidate_with_cv, recruiter

SEARCH = "/recruteur/cvtheque?recherche=1"


def hits(page) -> list[str]:
    return [href.rsplit("/", 1)[1] for href in page.html.xpath('//ul[@class="record-list"]//h3/a/@href')]


@pytest.fixture
def bank(platform, hiring):
    """One published CV (no consent to share details), one draft, and a recruiter."""
    from espace.cv.service import CvBook

    services = hiring.services
    _client, user_id, _cv = candidate_with_cv(platform, services, "macon@example.org", "cv-macon-00001")
    CvBook(services, user_id).create("cv-brouillon-1")  # a draft: never in the bank
    client, _recruiter_id = recruiter(platform, "rh@entreprise.example")
    return client, services, user_id


def test_search_by_each_criterion_finds_the_published_cv_without_contact_details(bank):
    client, _services, _user_id = bank
    assert hits(client.get(SEARCH)) == ["cv-macon-00001"]
    for criteria in ("code_rome=F1703", "metier=ma%C3%A7on", "lieu=La+Rochelle&lieu_code=commune%3A17300&distance=10",
                     "lieu=17000&distance=10", "contrats=CDI",
                     "experience=24", "langues=en", "permis=B", "mots_cles=coffreur",
                     "lieu=Charente-Maritime", "code_rome=F1703&lieu=17000&distance=30&contrats=CDI&langues=en"):
        page = client.get(f"{SEARCH}&{criteria}")
        assert page.status == 200, (criteria, page.error_summary())
        assert hits(page) == ["cv-macon-00001"], criteria
        assert "1 CV trouvé" in page.text()
    for criteria in ("code_rome=K2204", "lieu=Paris&distance=100", "contrats=MIS", "experience=120", "langues=de",
                     "permis=C", "mots_cles=boulanger", "mots_cles=dupont", "mots_cles=0612345678"):
        page = client.get(f"{SEARCH}&{criteria}")
        assert page.status == 200 and hits(page) == [], criteria
        assert "Aucun CV trouvé" in page.text()
    page = client.get(SEARCH)
    text = page.text()
    for secret in ("06 12 34 56 78", "jean.dupont", CONTACT_NAME[1], CONTACT_PHONE, "macon@example.org"):
        assert secret not in text
    facts = " ".join(page.html.xpath("//dl[@class=\"facts\"]")[0].text_content().split())
    assert "Maçon / Maçonne (F1703)" in facts and "La Rochelle (17)" in facts and "Expérience5 ans" in facts, facts


def test_first_visit_shows_the_form_only(bank):
    client, _services, _user_id = bank
    page = client.get("/recruteur/cvtheque")
    assert page.status == 200 and hits(page) == [] and "CV trouvé" not in page.text()
    assert page.html.xpath('//form[@method="get"]//input[@name="mots_cles"]')
    assert hits(client.get("/recruteur/cvtheque?page=3")) == []  # still the first visit
    assert hits(client.get("/recruteur/cvtheque?code_rome=F1703")) == ["cv-macon-00001"]  # a link with a criterion


@each_case_on_one_profile(("criteria", "field", "message"), [
    ("code_rome=Z9999", "code_rome", "code ROME"),
    ("code_rome=F9999", "code_rome", "n'existe pas"),
    ("metier=ma%C3%A7on&code_rome=F1703", "code_rome", "pas les deux"),
    ("metier=xqzwv", "metier", "Aucun métier"),
    ("lieu=Xqzwvville", "lieu", "Nous ne connaissons pas"),
    ("distance=7", "distance", "distances de la liste"),
    ("experience=3", "experience", "durées d'expérience"),
    ("contrats=XXX", "contrats", "cases"),
    ("langues=zz", "langues", "cases"),
    ("mots_cles=" + "a" * 201, "mots_cles", "200"),
])
def test_a_wrong_criterion_is_a_clear_400_with_every_value_kept(bank, criteria, field, message):
    client, _services, _user_id = bank
    page = client.get(f"{SEARCH}&{criteria}&permis=B&contrats=CDI")
    assert page.status == 400
    assert page.html.xpath("//title")[0].text.startswith("Erreur")
    anchor = f"{field}-1" if field in {"contrats", "langues"} else field
    error = page.field_error(field) or page.field_error(anchor)
    assert error and message in error, (error, page.error_summary())
    assert page.html.xpath('//input[@name="permis"][@value="B"]/@checked') != []
    assert hits(page) == []


def test_a_word_naming_several_metiers_lists_them_to_choose(bank):
    client, _services, _user_id = bank
    page = client.get(f"{SEARCH}&metier=agent")
    assert page.status == 400
    choices = page.html.xpath('//input[@name="appellation"]/@value')
    assert len(choices) > 1
    assert "Plusieurs métiers correspondent" in (page.field_error("appellation") or "") or "métiers correspondent" in (
        page.field_error("appellation") or "")


def test_paged_results_keep_the_criteria(platform, hiring):
    from espace.cv.index import CvDocument

    services = hiring.services
    for n in range(23):
        services.cv_index.put(CvDocument(cv_id=f"cv-page-{n:05d}", user_id=f"u{n}", mode="complet",
                                         title=f"Soudeur {n}", rome_code="H2913", contracts=("CDD",),
                                         updated_at=1_700_000_000 + n))
    client, _rid = recruiter(platform, "rh.pages@entreprise.example")
    first = client.get(f"{SEARCH}&code_rome=H2913")
    assert first.status == 200 and len(hits(first)) == 20 and "23 CV trouvés" in first.text()
    assert hits(first)[0] == "cv-page-00022"  # most recently updated first
    next_link = first.html.xpath('//a[@rel="next"]/@href')[0]
    assert "code_rome=H2913" in next_link and "page=2" in next_link
    second = client.get(next_link)
    assert second.status == 200 and len(hits(second)) == 3
    assert "page 2 sur 2" in second.html.xpath("//title")[0].text
    assert client.get(f"{SEARCH}&code_rome=H2913&page=99").status == 200  # past the end: the last page


def test_a_cv_page_shows_the_published_cv_without_contact_details(bank):
    client, _services, _user_id = bank
    page = client.get("/recruteur/cvtheque/cv-macon-00001")
    assert page.status == 200
    text = page.text()
    assert "Maçon coffreur" in text and "Bâtiments de l'Aunis" in text and "Coffrage" in text
    for secret in ("06 12 34 56 78", "jean.dupont@example.org", "05 46 00 00 00", CONTACT_NAME[1], CONTACT_PHONE,
                   "macon@example.org"):
        assert secret not in text
    assert page.html.xpath('//a[@href="/recruteur/cvtheque/cv-macon-00001/proposition"]')


def test_contact_details_only_with_the_candidates_consent(platform, hiring):
    services = hiring.services
    candidate_with_cv(platform, services, "partage@example.org", "cv-partage-001", share_details=True)
    client, _rid = recruiter(platform, "rh.partage@entreprise.example")
    text = client.get("/recruteur/cvtheque/cv-partage-001").text()
    assert CONTACT_PHONE in text and CONTACT_NAME[1] in text and "partage@example.org" in text


def test_only_cvs_in_the_bank_can_be_seen(bank):
    from espace.cv.service import CvBook

    client, services, user_id = bank
    assert client.get("/recruteur/cvtheque/cv-brouillon-1").status == 404  # a draft
    assert client.get("/recruteur/cvtheque/cv-inconnu-0001").status == 404
    assert client.get("/recruteur/cvtheque/..%2F..%2Fetc").status == 404
    book = CvBook(services, user_id)
    book.suspend(book.get("cv-macon-00001"))
    assert client.get("/recruteur/cvtheque/cv-macon-00001").status == 404
    assert client.get("/recruteur/cvtheque/cv-macon-00001/cv.pdf").status == 404
    assert hits(client.get(SEARCH)) == []
    book.resume(book.get("cv-macon-00001"))
    assert client.get("/recruteur/cvtheque/cv-macon-00001").status == 200


def test_the_pdf_for_recruiters(bank):
    client, _services, _user_id = bank
    response = client.get("/recruteur/cvtheque/cv-macon-00001/cv.pdf")
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.body.startswith("%PDF")


def test_candidates_cannot_search_the_bank(platform, hiring):
    candidate = recruiters_client(signed_in_client(platform, "curieux@example.org"))
    assert candidate.get("/recruteur/cvtheque").status == 403
    assert candidate.get("/recruteur/cvtheque/cv-macon-00001").status == 403
