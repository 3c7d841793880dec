"""Issue 11's two journeys end to end, through the pages only (no record written by the test), on
both profiles: SQLite with FTS5, and DynamoDB/S3/SES under moto with the real OpenSearch node.

1. A recruiter publishes an offer, a candidate finds it and applies, the recruiter reads the
   application and answers, and the candidate follows each answer in « Mes candidatures ».
2. A recruiter searches the CV bank, opens a CV and proposes an offer, the candidate accepts in
   « Mes propositions », and the recruiter then sees the contact details and the application.
"""

from __future__ import annotations

from urllib.parse import urlencode

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import user_id_of
from tests.functional.candidatures.helpers import apply
from tests.functional.client import Client
from tests.functional.cv.helpers import candidate_with_cv
from tests.functional.hiring import hiring  # noqa: F401  (a fixture)
from tests.functional.recruteurs.helpers import recruiter_client
from tests.functional.recruteurs.offer_helpers import publish
from tests.functional.recruteurs.proposal_helpers import CONTACT_NAME, published_cv
from tests.functional.recruteurs.proposal_helpers import candidate_with_cv as candidate_with_published_cv


def submit(client, page, action: str, **values: str):
    """Send the page's form posting to ``action``, with its hidden fields (CSRF token, version, key)
    as the page gave them and ``values`` typed in."""
    [form] = page.html.xpath(f'//form[@action="{action}"]')
    hidden = {i.get("name"): i.get("value") or "" for i in form.xpath('.//input[@type="hidden"]')}
    csrf = hidden.pop("csrf")
    return client.post(action, {**hidden, **values}, csrf=csrf)


def test_a_candidate_applies_and_the_recruiter_answers(hiring):  # noqa: F811  (fixture)
    platform = hiring.platform
    recruiter = recruiter_client(platform, "rh@fournil.example", ip="198.51.100.40")
    offer_id = publish(recruiter)
    # The offer is found by the public search, with « Postuler » on its page.
    from espace.handlers.offers import handler as offers_handler

    offers = Client(offers_handler)
    results = offers.get("/offres/recherche?" + urlencode({"motsCles": "boulanger", "lieu": "17000"}))
    assert f"/offres/{offer_id}" in results.body
    offer_page = offers.get(f"/offres/{offer_id}")
    assert offer_page.html.xpath(f'//a[@href="/mon-espace/candidatures/postuler/{offer_id}"]')

    candidate, candidate_id, cv_id = candidate_with_cv(platform, "jeanne.dupre@example.fr")
    sent = apply(candidate, offer_id, cv_id)
    assert sent.status == 303, sent.text()[:500]
    assert "Reçue, pas encore consultée" in candidate.get(f"/mon-espace/candidatures/{offer_id}").text()

    # The recruiter's inbox lists it; opening it tells the candidate it is being read.
    inbox = f"/recruteur/offres/{offer_id}/candidatures"
    listing = recruiter.get(inbox)
    assert listing.status == 200 and "Jeanne Dupré" in listing.text()
    [link] = [a for a in listing.html.xpath("//table//a/@href") if a.startswith(inbox + "/")]
    application = recruiter.get(link)
    assert "Boulangère depuis dix ans" in application.text()
    assert recruiter.get(f"{link}/cv").headers["Content-Type"].startswith("application/pdf")
    moved = submit(recruiter, application, f"{link}/etat", etat="entretien")
    assert moved.status == 303, moved.text()[:500]
    assert "Retenue pour un entretien" in candidate.get(f"/mon-espace/candidatures/{offer_id}").text()

    # A refusal whose reason is shared: the candidate reads it, and is told by mail.
    page = recruiter.get(link)
    refused = submit(recruiter, page, f"{link}/etat", etat="refusee",
                     motif="Nous avons retenu un candidat disponible la nuit.", partage="oui")
    assert refused.status == 303, refused.text()[:800]
    detail = candidate.get(f"/mon-espace/candidatures/{offer_id}").text()
    assert "Refusée" in detail and "retenu un candidat disponible la nuit" in detail
    subjects = [subject for to, subject, _ in platform.mails_to("jeanne.dupre@example.fr")]
    assert sum("Votre candidature" in s for s in subjects) == 3  # en cours, entretien, refusée
    assert "Archivées" in candidate.get("/mon-espace/candidatures").text()
    assert get_services().records.get(f"USER#{candidate_id}", f"APPLICATION#{offer_id}")["state"] == "refusee"


def test_a_recruiter_finds_a_cv_proposes_and_the_candidate_accepts(hiring):  # noqa: F811  (fixture)
    platform, services = hiring.platform, hiring.services
    candidate, candidate_id, cv = candidate_with_published_cv(platform, services, "macon@example.org",
                                                              "cv-macon-000001")
    assert published_cv  # the CV is in the bank through CvBook, as a candidate publishes it
    recruiter = recruiter_client(platform, "rh@batiment.example", ip="198.51.100.41")
    offer_id = publish(recruiter, intitule="Maçon coffreur", code_rome="F1703")

    search = recruiter.get("/recruteur/cvtheque?" + urlencode({"code_rome": "F1703", "lieu": "17000",
                                                                "distance": "30"}))
    assert search.status == 200, search.error_summary()
    assert search.html.xpath(f'//a[@href="/recruteur/cvtheque/{cv.id}"]')
    assert "06 98 76 54 32" not in search.text() and CONTACT_NAME[1] not in search.text()
    shown = recruiter.get(f"/recruteur/cvtheque/{cv.id}")
    assert shown.status == 200 and CONTACT_NAME[1] not in shown.text()

    form_url = f"/recruteur/cvtheque/{cv.id}/proposition"
    form = recruiter.get(form_url)
    proposed = submit(recruiter, form, form_url, offre=offer_id, message="Votre expérience du coffrage nous intéresse.")
    assert proposed.status == 303, proposed.text()[:800]
    assert CONTACT_NAME[1] not in recruiter.get("/recruteur/propositions").text()

    mine = candidate.get("/mon-espace/propositions")
    [link] = [a for a in mine.html.xpath("//a/@href") if a.startswith("/mon-espace/propositions/")
              and a.count("/") == 3]
    assert "Votre expérience du coffrage" in candidate.get(link).text()
    confirm = candidate.get(f"{link}/reponse?choix=accepter")
    accepted = submit(candidate, confirm, f"{link}/reponse", choix="accepter", prenom=CONTACT_NAME[0],
                      nom=CONTACT_NAME[1], telephone="0612345678")
    assert accepted.status == 303, accepted.text()[:800]

    # Accepted: the recruiter sees who it is, and the application is in the offer's inbox.
    sent = recruiter.get("/recruteur/propositions").text()
    assert CONTACT_NAME[1] in sent and "06 12 34 56 78" in sent
    inbox = recruiter.get(f"/recruteur/offres/{offer_id}/candidatures").text()
    assert f"{CONTACT_NAME[0]} {CONTACT_NAME[1]}" in inbox
    assert user_id_of("macon@example.org") == candidate_id
