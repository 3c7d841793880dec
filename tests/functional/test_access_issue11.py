"""Issue 11's access matrix, written against the URL map: every resource a candidate or a recruiter
owns answers 404 to another account of the same role (not 403, which would confirm it exists), and
no POST of theirs changes it. An account of the other role meets the role guard (403) whether the
resource exists or not, so that answer tells nothing either.

The resources are made as their services record them (a site offer and its owner record, an
application through the desk), then reached through the handlers' routes: the parts that serve
them (B offers, C « Mes candidatures », D the inbox, E « Mes propositions ») answer for themselves.
"""

from __future__ import annotations

import pytest

from espace.bootstrap import get_services
from espace.candidatures.model import Application, CvUsed, new_id
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.candidatures.site_offers import put_site_offer
from tests.functional.hiring import hiring  # noqa: F401  (a fixture)
from tests.functional.recruteurs.helpers import recruiter_client, recruiters_client

OWNER_CANDIDATE, OTHER_CANDIDATE = "lea-acces@example.org", "intrus-acces@example.org"
OWNER_RECRUITER, OTHER_RECRUITER = "rh-acces@boulangerie.example", "rh-intrus@fournil.example"
OFFER_ID = "901XZWQ"  # the v2 format of a site offer
UNKNOWN_OFFER = "902QQQQ"


def _application(services, candidate_id: str, recruiter_id: str) -> Application:
    from espace.candidatures.service import ApplicationDesk, file_prefix

    app_id = new_id()
    application = Application(
        id=app_id, kind="site", offer_id=OFFER_ID, offer_title="Boulanger", company="Boulangerie Martin",
        candidate_id=candidate_id, cv=CvUsed("complet", "cv-1", "Mon CV", f"{file_prefix(candidate_id, app_id)}cv.pdf",
                                             "cv.pdf"),
        message="Dix ans de fournil.", candidate_name="Léa Martin", candidate_email=OWNER_CANDIDATE,
        candidate_phone="0612345678", state="", recruiter_id=recruiter_id)
    return ApplicationDesk(services).submit(application, b"%PDF-1.7 cv")[1]


PROPOSAL_ID = "Pr0p0s1t10n-4cc5"  # 16 URL-safe characters, as part E draws them


def _proposition(services, recruiter_id: str, candidate_id: str) -> None:
    """A proposition as part E records it (recruteurs/proposals.py): the recruiter's sent copy and
    the candidate's received copy (« Mes propositions »)."""
    common = {"kind_of_record": "proposition", "id": PROPOSAL_ID, "recruiter_id": recruiter_id,
              "company": "Boulangerie Martin", "offer_id": OFFER_ID, "offer_title": "Boulanger",
              "candidate_id": candidate_id, "cv_id": "cv-1", "cv_title": "Mon CV", "cv_mode": "complet",
              "message": "Notre fournil vous attend.", "state": "en-attente", "created_at": 1_700_000_000,
              "answered_at": 0, "candidate_name": "", "candidate_email": "", "candidate_phone": "",
              "application_id": ""}
    services.records.put({"pk": f"USER#{recruiter_id}", "sk": f"PROPOSAL-SENT#{OFFER_ID}#{candidate_id}", **common})
    services.records.put({"pk": f"USER#{candidate_id}", "sk": f"PROPOSAL#{PROPOSAL_ID}", **common})


@pytest.fixture
def stage(hiring):  # noqa: F811
    services = hiring.services
    owner_recruiter = recruiter_client(hiring.platform, OWNER_RECRUITER)
    other_recruiter = recruiter_client(hiring.platform, OTHER_RECRUITER, company="Le Fournil", siret="73282932000074")
    owner = signed_in_client(hiring.platform, OWNER_CANDIDATE)
    other = signed_in_client(hiring.platform, OTHER_CANDIDATE)
    put_site_offer(services, user_id_of(OWNER_RECRUITER), offer_id=OFFER_ID)
    application = _application(services, user_id_of(OWNER_CANDIDATE), user_id_of(OWNER_RECRUITER))
    _proposition(services, user_id_of(OWNER_RECRUITER), user_id_of(OWNER_CANDIDATE))
    return {"services": services, "application": application, "owner": owner, "other": other,
            "owner_recruiter": owner_recruiter, "other_recruiter": other_recruiter}


def csrf_for(client) -> str:
    """A valid CSRF token of this browser (bound to its nonce cookie, as any of its pages would
    issue): the POSTs below must be refused for who sends them, not for a missing token."""
    from espace.web.csrf import issue
    from espace.web.signing import signing_key

    services = get_services()
    nonce = client.cookies.get("csrf") or client.cookies["__Host-csrf"]  # the AWS profile's cookies are secure
    return issue(signing_key(services.records, services.settings.secret_key), nonce)


def candidate_urls(offer_id: str) -> list[str]:
    """C's pages of one application (« Mes candidatures »)."""
    base = f"/mon-espace/candidatures/{offer_id}"
    return [base, f"{base}/cv", f"{base}/retrait"]


def proposition_urls(proposal_id: str) -> list[str]:
    """E's pages of one proposition received (« Mes propositions »)."""
    return [f"/mon-espace/propositions/{proposal_id}", f"/mon-espace/propositions/{proposal_id}/reponse"]


def recruiter_urls(offer_id: str, application_id: str) -> list[str]:
    """B's pages of one offer and D's of its inbox and one application."""
    offer = f"/recruteur/offres/{offer_id}"
    inbox = f"{offer}/candidatures"
    return [offer, f"{offer}/modification", f"{offer}/cloture", inbox, f"{inbox}/{application_id}",
            f"{inbox}/{application_id}/cv"]


def recruiter_posts(offer_id: str, application_id: str) -> list[tuple[str, dict]]:
    offer = f"/recruteur/offres/{offer_id}"
    return [(f"{offer}/modification", {"intitule": "Offre détournée"}), (f"{offer}/suspension", {}),
            (f"{offer}/remise-en-ligne", {}), (f"{offer}/cloture", {"pourvue": "oui"}),
            (f"{offer}/candidatures/{application_id}/etat", {"etat": "refusee", "motif": "Intrus"})]


def _snapshot(stage) -> list:
    records, application = stage["services"].records, stage["application"]
    return [records.get(f"USER#{application.recruiter_id}", f"OFFER#{OFFER_ID}"),
            records.get(f"SITE-OFFER#{OFFER_ID}", "OWNER"),
            records.get(*application.candidate_key()), records.get(*application.inbox_key()),
            records.query(f"USER#{application.recruiter_id}", f"INBOX-LOG#{OFFER_ID}#"),
            stage["services"].offers.get(OFFER_ID) is not None,
            records.query(f"USER#{application.candidate_id}", "PROPOSAL"),
            records.query(f"USER#{application.recruiter_id}", "PROPOSAL-SENT#")]


def test_the_owners_reach_their_resources(stage):
    """The matrix below means something only if the resources are there for their owners."""
    application = stage["application"]
    for url in candidate_urls(OFFER_ID) + proposition_urls(PROPOSAL_ID):
        assert stage["owner"].get(url).status == 200, url
    for url in recruiter_urls(OFFER_ID, application.id):
        assert stage["owner_recruiter"].get(url).status == 200, url


def test_another_candidate_gets_404_and_changes_nothing(stage):
    before, other = _snapshot(stage), stage["other"]
    for url in candidate_urls(OFFER_ID) + proposition_urls(PROPOSAL_ID):
        assert other.get(url).status == 404, url
    token = csrf_for(other)
    assert other.post(f"/mon-espace/candidatures/{OFFER_ID}/retrait", {"confirmer": "oui"}, csrf=token).status == 404
    for choice in ("accepter", "refuser"):
        answer = {"choix": choice, "prenom": "Intrus", "nom": "Intrus", "telephone": "0611111111", "accord": "oui"}
        assert other.post(f"/mon-espace/propositions/{PROPOSAL_ID}/reponse", answer, csrf=token).status == 404
    # On the recruiter's side the role guard answers, the same for a real and a made-up resource.
    as_recruiters = recruiters_client(other)
    for real, made_up in zip(recruiter_urls(OFFER_ID, stage["application"].id),
                             recruiter_urls(UNKNOWN_OFFER, new_id()), strict=True):
        assert as_recruiters.get(real).status == as_recruiters.get(made_up).status == 403, real
    for path, data in recruiter_posts(OFFER_ID, stage["application"].id):
        assert as_recruiters.post(path, data, csrf=token).status == 403, path
    assert _snapshot(stage) == before


def test_another_recruiter_gets_404_and_changes_nothing(stage):
    before, other = _snapshot(stage), stage["other_recruiter"]
    application = stage["application"]
    for url in recruiter_urls(OFFER_ID, application.id):
        assert other.get(url).status == 404, url
    # Even knowing the application's id, under their own (or a made-up) offer.
    assert other.get(f"/recruteur/offres/{UNKNOWN_OFFER}/candidatures/{application.id}").status == 404
    token = csrf_for(other)
    for path, data in recruiter_posts(OFFER_ID, application.id):
        assert other.post(path, data, csrf=token).status == 404, path
    # On the candidate's side the role guard answers, the same for a real and a made-up resource.
    as_candidate = stage["owner"].__class__(stage["owner"].handler, source_ip=other.source_ip, cookies=other.cookies)
    for real, made_up in zip(candidate_urls(OFFER_ID) + proposition_urls(PROPOSAL_ID),
                             candidate_urls(UNKNOWN_OFFER) + proposition_urls("Inconnue-0000000"), strict=True):
        assert as_candidate.get(real).status == as_candidate.get(made_up).status == 403, real
    assert _snapshot(stage) == before


def test_the_owner_meets_404_for_what_does_not_exist(stage):
    assert stage["owner"].get(f"/mon-espace/candidatures/{UNKNOWN_OFFER}").status == 404
    assert stage["owner"].get("/mon-espace/propositions/Inconnue-0000000").status == 404
    owner = stage["owner_recruiter"]
    assert owner.get(f"/recruteur/offres/{UNKNOWN_OFFER}").status == 404
    assert owner.get(f"/recruteur/offres/{OFFER_ID}/candidatures/{new_id()}").status == 404
