"""Issue 12's access matrix, written against the brief's URL map (registration, appointments,
agencies, counsellors, letters).

- What a candidate owns answers **404** to another candidate (« Mes courriers »' letters);
- a counsellor sees ONLY their agency's requests: another agency's counsellor meets 404 on every
  URL of a request, and none of their POSTs changes anything; the agency's lists name none of
  another agency's candidates;
- ``/conseiller/*`` is for counsellors (403 to candidates and recruiters, from the role guard),
  ``/mon-espace/*`` and ``/mon-dossier/*`` for candidates (403 to recruiters and counsellors);
  a visitor is sent to sign in.

Each part serves its own URLs: a URL is checked once the application's template declares its route
(``served``), so the file runs on every branch and holds each part to the map as it merges;
``test_the_map_names_every_issue_12_route`` fails for a route of the issue the map does not list.
"""

from __future__ import annotations

import re
import time
from functools import lru_cache

import pytest

from espace.agences.agenda import AgencyAgenda, local_key
from espace.bootstrap import get_services
from espace.conseillers.accounts import create_counsellor
from espace.inscription.model import BOOKED, agency_request_key
from espace.inscription.service import RegistrationDesk
from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client
from tests.functional.client import Client
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import counsellor_client, counsellors_client, sent_request
from tests.functional.recruteurs.helpers import recruiter_client

STEPS = ("situation-administrative", "situation", "experiences", "formation", "projet")
OWNER_AGENCY, OTHER_AGENCY = "17", "2a"
UNKNOWN_REQUEST = "0123456789abcdef0123456789abcdef-001"
UNKNOWN_LETTER = "1700000000-0123456789ab"

# --- the URL map ------------------------------------------------------------------------------
PUBLIC = ["/inscription", "/agences", "/agences/{agence}"]  # A, D
CANDIDATE_PAGES = [  # A, B, C, D: the candidate's own request (no id: another's cannot be named)
    "/mon-espace/inscription", "/mon-espace/inscription/demande",
    *[f"/mon-espace/inscription/demande/{step}" for step in STEPS], "/mon-espace/inscription/demande/verification",
    "/mon-espace/inscription/demande.pdf", "/mon-espace/inscription/rendez-vous",
    "/mon-espace/inscription/rendez-vous.ics", "/mon-espace/inscription/rendez-vous/confirmation",
    "/mon-dossier/courriers",
    # A: the actualisation (issue 13); a receipt of another account: tests/functional/dossier/test_actualisation.py
    *[f"/mon-dossier/actualisation{page}" for page in ("", "/declaration", "/correction", "/verification",
                                                        "/accuse/{reference}")]]
CANDIDATE_OWNED = ["/mon-dossier/courriers/{courrier}"]  # F
COUNSELLOR_PAGES = ["/conseiller", "/conseiller/agenda", "/conseiller/agenda/ouverture", "/conseiller/rendez-vous",
                    "/conseiller/demandes", "/conseiller/mot-de-passe",
                    "/conseiller/actualisations",  # E; the agency's missed actualisations (issue 13)
                    "/conseiller/candidats",  # E; the search of the agency's dossiers (issue 13)
                    "/conseiller/courriers-a-envoyer"]  # E; the agency's post (issue 13)
REQUEST = "/conseiller/demandes/{demande}"
COUNSELLOR_OWNED = [REQUEST, *[f"{REQUEST}/{step}" for step in STEPS], f"{REQUEST}/validation"]  # E
ENDING = f"{REQUEST}/cessation"  # E: of a registered candidate's request
SLOT_CLOSING = "/conseiller/agenda/{creneau}/fermeture"  # E
CANDIDATE_POSTS = [(f"/mon-espace/inscription/demande/{step}", {}) for step in STEPS] + [
    ("/mon-espace/inscription/demande/verification", {}), ("/mon-espace/inscription/rendez-vous", {}),
    *[(f"/mon-dossier/actualisation/{page}", {}) for page in ("declaration", "correction", "verification",
                                                              "rien-a-signaler")]]  # A (issue 13)
COUNSELLOR_POSTS = [(f"{REQUEST}/{step}", {}) for step in STEPS] + [
    (f"{REQUEST}/validation", {"confirmer": "oui"}),
    (ENDING, {"date-jour": "1", "date-mois": "1", "date-annee": "2026", "motif": "autre"}),
    ("/conseiller/agenda/ouverture", {}), (SLOT_CLOSING, {}), ("/conseiller/mot-de-passe", {})]
# Issue 13: a candidate's dossier by its identifier, and the letter a counsellor writes into it.
DOSSIER = "/conseiller/candidats/{candidat}"
DOSSIER_OWNED = [DOSSIER, f"{DOSSIER}/courrier", f"{DOSSIER}/courriers/{{courrier}}"]
DOSSIER_POSTS = [(f"{DOSSIER}/courrier", {"cle": "0" * 32, "objet": "Objet", "texte": "Texte."})]
MAP = [*PUBLIC, *CANDIDATE_PAGES, *CANDIDATE_OWNED, *COUNSELLOR_PAGES, *COUNSELLOR_OWNED, ENDING, SLOT_CLOSING,
       *[path for path, _ in CANDIDATE_POSTS], *DOSSIER_OWNED]
# /mon-dossier/courriers only: the rest of /mon-dossier is issue 13's.
ISSUE_PREFIXES = ("/inscription", "/agences", "/mon-espace/inscription", "/mon-dossier/courriers", "/conseiller")


# --- which routes the application declares --------------------------------------------------------
def _shape(path: str) -> str:
    """A path with its parameters unnamed: /a/{x}/b -> /a/{}/b."""
    return re.sub(r"\{[^}]*\}", "{}", path)


@lru_cache(maxsize=1)
def _declared() -> frozenset[tuple[str, str]]:
    from tests.infra.cloudformation import load_sam_template

    found = set()
    for resource in load_sam_template()["Resources"].values():
        if resource["Type"] != "AWS::Serverless::Function":
            continue
        for event in resource["Properties"].get("Events", {}).values():
            if event["Type"] == "HttpApi":
                found.add((event["Properties"]["Method"].upper(), _shape(event["Properties"]["Path"])))
    return frozenset(found)


def served(path: str, method: str = "GET") -> bool:
    """Whether the template declares a route for this URL of the map (steps: ``{etape}``)."""
    shape = _shape(path)
    if (method, shape) in _declared():
        return True
    # A step's URL is a parameter of its route (/demande/{etape}): one of the five slugs.
    generic = re.sub(r"/(?:" + "|".join(STEPS) + r"|verification)$", "/{}", shape)
    return (method, generic) in _declared()


def fill(path: str, **values: str) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    return path


def csrf_for(client: Client) -> str:
    """A valid CSRF token of this browser: the POSTs below are refused for who sends them."""
    from espace.web.csrf import issue
    from espace.web.signing import signing_key

    services = get_services()
    nonce = client.cookies.get("csrf") or client.cookies["__Host-csrf"]
    return issue(signing_key(services.records, services.settings.secret_key), nonce)


def accounts_side(client: Client, platform) -> Client:
    """The same browser on AccountsFunction (/mon-espace, /mon-dossier)."""
    return Client(platform.handler, source_ip=client.source_ip, cookies=client.cookies)


# --- the stage --------------------------------------------------------------------------------------
@pytest.fixture
def stage(platform):
    services = get_services()
    records = services.records
    soon = (int(time.time()) // 3600 + 50) * 3600
    # A request sent and booked in agency 17, and a registered candidate of the same agency.
    waiting_client, waiting = sent_request(platform, "en-attente@example.fr", ip="198.51.100.70")
    agenda, desk = AgencyAgenda(records, OWNER_AGENCY), RegistrationDesk(records)
    agenda.open([soon, soon + 3600], 30, "conseiller")
    waiting.state, waiting.appointment = BOOKED, {"start": soon, "length": 30, "agency_id": OWNER_AGENCY}
    agenda.book(soon, waiting.user_id, purpose="inscription", reference=waiting.reference, name=waiting.name,
                also=desk.changes(waiting))
    registered_client, registered, dossier, letter = validated_candidate(platform, "inscrit-acces@example.fr",
                                                                          ip="198.51.100.71")
    owner_counsellor = counsellor_client(platform, "conseil-17@agence.example", OWNER_AGENCY, ip="198.51.100.72")
    other_counsellor = counsellor_client(platform, "conseil-2a@agence.example", OTHER_AGENCY, name="Ange Santoni",
                                         ip="198.51.100.73")
    intruder = signed_in_client(platform, "intrus-inscription@example.fr", "198.51.100.74")
    recruiter = recruiter_client(platform, "rh-inscription@boulangerie.example", ip="198.51.100.75")
    return {"services": services, "waiting": waiting, "waiting_client": waiting_client, "registered": registered,
            "dossier": dossier,
            "registered_client": registered_client, "letter": letter, "free_slot": soon + 3600, "booked_slot": soon,
            "owner_counsellor": owner_counsellor, "other_counsellor": other_counsellor, "intruder": intruder,
            "recruiter": recruiter}


def request_urls(stage) -> list[str]:
    urls = [fill(path, demande=stage["waiting"].reference) for path in COUNSELLOR_OWNED]
    return [*urls, fill(ENDING, demande=stage["registered"].reference)]


def request_posts(stage) -> list[tuple[str, dict]]:
    posts = []
    for path, data in COUNSELLOR_POSTS:
        if "{demande}" not in path and "{creneau}" not in path:
            continue
        reference = stage["registered"].reference if path == ENDING else stage["waiting"].reference
        posts.append((path, fill(path, demande=reference, creneau=local_key(stage["free_slot"])), data))
    return [(url, data) for path, url, data in posts if served(path, "POST")]


def snapshot(stage) -> list:
    records = stage["services"].records
    waiting, registered = stage["waiting"], stage["registered"]
    return [records.get(f"USER#{waiting.user_id}", waiting.sk), records.get("AGENCY#17", agency_request_key(waiting)),
            records.get(f"USER#{registered.user_id}", registered.sk), records.get(f"USER#{registered.user_id}", "DDE"),
            records.get("AGENCY#17", agency_request_key(registered)),
            records.query("AGENCY#17", "FREE#"), records.query("AGENCY#17", "APPT#"),
            records.query(f"USER#{waiting.user_id}", "AUDIT#"), records.query(f"USER#{registered.user_id}", "AUDIT#"),
            records.query(f"USER#{registered.user_id}", "LETTER#")]


# --- the tests ----------------------------------------------------------------------------------
# Issue 13's counsellor pages whose access (another agency's 404) is tested beside them:
# tests/functional/dossier/test_situation.py; marking a post item sent: tests/functional/conseillers/test_post_list.py.
TESTED_ELSEWHERE = ("/conseiller/changements-de-situation", "/conseiller/courriers-a-envoyer/")


def test_the_map_names_every_issue_12_route():
    mapped = {_shape(path) for path in MAP}
    steps = {_shape("/mon-espace/inscription/demande/{etape}"), _shape(f"{REQUEST}/{{etape}}")}
    for method, shape in _declared():
        if shape.startswith(ISSUE_PREFIXES) and not shape.startswith(TESTED_ELSEWHERE):
            assert shape in mapped or shape in steps, (method, shape)


def test_the_owners_reach_their_resources(stage, platform):
    """The matrix below means something only if the resources are there for their owners."""
    letter_url = fill(CANDIDATE_OWNED[0], courrier=stage["letter"].public_id)
    assert stage["registered_client"].get(letter_url).status == 200
    for url in request_urls(stage):
        if served(url.replace(stage["waiting"].reference, "{demande}").replace(stage["registered"].reference,
                                                                             "{demande}")):
            assert stage["owner_counsellor"].get(url).status == 200, url
    visitor = platform.client(ip="198.51.100.76")
    for path in PUBLIC:
        if served(path):
            assert visitor.get(fill(path, agence=OWNER_AGENCY)).status == 200, path


def test_another_candidate_gets_404_and_changes_nothing(stage):
    before, intruder = snapshot(stage), stage["intruder"]
    for path in CANDIDATE_OWNED:
        if served(path):
            assert intruder.get(fill(path, courrier=stage["letter"].public_id)).status == 404, path
            assert intruder.get(fill(path, courrier=UNKNOWN_LETTER)).status == 404, path
    assert snapshot(stage) == before  # the letter still unread, nothing else changed


def test_another_agencys_counsellor_gets_404_and_changes_nothing(stage):
    before, other = snapshot(stage), stage["other_counsellor"]
    for url in request_urls(stage):
        path = url.replace(stage["waiting"].reference, "{demande}").replace(stage["registered"].reference, "{demande}")
        if served(path):
            assert other.get(url).status == 404, url
            assert other.get(url.replace(stage["waiting"].reference, UNKNOWN_REQUEST)
                             .replace(stage["registered"].reference, UNKNOWN_REQUEST)).status == 404, url
    token = csrf_for(other)
    for url, data in request_posts(stage):
        answer = other.post(url, data, csrf=token)
        if "/fermeture" in url:
            assert answer.status < 500, url  # their own agency has no such slot: whatever the page, 17's stays
        else:
            assert answer.status == 404, url
    # The agency's lists name none of another agency's candidates.
    day = local_key(stage["booked_slot"])[:10]  # the agency's (Paris) day
    for path, query in (("/conseiller", ""), ("/conseiller/demandes", ""), ("/conseiller/rendez-vous", f"?jour={day}"),
                        ("/conseiller/agenda", "")):
        if served(path):
            page = other.get(path + query)
            assert page.status == 200, path
            assert "DURAND" not in page.text() and stage["waiting"].reference not in page.body, path
    assert snapshot(stage) == before


def test_candidates_and_recruiters_meet_the_counsellors_role_guard(stage):
    candidate_there = counsellors_client(stage["intruder"])
    recruiter_there = counsellors_client(stage["recruiter"])
    token_candidate, token_recruiter = csrf_for(stage["intruder"]), csrf_for(stage["recruiter"])
    before = snapshot(stage)
    urls = [fill(path, demande=stage["waiting"].reference) for path in COUNSELLOR_PAGES + COUNSELLOR_OWNED]
    for url, path in zip(urls, COUNSELLOR_PAGES + COUNSELLOR_OWNED, strict=True):
        if served(path):
            assert candidate_there.get(url).status == 403, url
            assert recruiter_there.get(url).status == 403, url
    posts = request_posts(stage) + [(path, data) for path, data in COUNSELLOR_POSTS
                                    if "{" not in path and served(path, "POST")]
    for url, data in posts:
        assert candidate_there.post(url, data, csrf=token_candidate).status == 403, url
        assert recruiter_there.post(url, data, csrf=token_recruiter).status == 403, url
    assert snapshot(stage) == before


def test_recruiters_and_counsellors_meet_the_candidates_role_guard(stage, platform):
    letter = stage["letter"].public_id
    for client in (accounts_side(stage["recruiter"], platform), accounts_side(stage["owner_counsellor"], platform)):
        for path in CANDIDATE_PAGES + CANDIDATE_OWNED:
            if served(path):
                assert client.get(fill(path, courrier=letter)).status == 403, path
        token = csrf_for(client)
        for path, data in CANDIDATE_POSTS:
            if served(path, "POST"):
                assert client.post(path, data, csrf=token).status == 403, path


def test_visitors_are_sent_to_sign_in(stage, platform):
    visitor = platform.client(ip="198.51.100.77")
    for path in CANDIDATE_PAGES + CANDIDATE_OWNED:
        if served(path):
            answer = visitor.get(fill(path, courrier=stage["letter"].public_id))
            assert answer.status == 303 and answer.location.startswith("/connexion?retour="), path
    as_counsellor = counsellors_client(visitor)
    for path in COUNSELLOR_PAGES + COUNSELLOR_OWNED:
        if served(path):
            answer = as_counsellor.get(fill(path, demande=stage["waiting"].reference))
            assert answer.status == 303 and answer.location.startswith("/connexion"), path


def test_a_counsellor_without_an_agency_sees_nothing(stage, platform):
    """An account with the counsellor's role but no agency (a half-made account) reaches no request."""
    records = get_services().records
    create_counsellor(records, "sans-agence@agence.example", PASSWORD, agency_id=OWNER_AGENCY, name="Sans Agence")
    link = records.get("EMAIL#sans-agence@agence.example", "ACCOUNT")
    profile = records.get(f"USER#{link['user_id']}", "PROFILE")
    records.put({key: value for key, value in profile.items() if key != "agency_id"})
    browser = platform.client(ip="198.51.100.78")
    assert sign_in(browser, "sans-agence@agence.example").status == 303
    client = counsellors_client(browser)
    for url in request_urls(stage):
        path = url.replace(stage["waiting"].reference, "{demande}").replace(stage["registered"].reference, "{demande}")
        if served(path):
            assert client.get(url).status in (403, 404), url


# --- issue 13: the counsellor's view of a dossier ------------------------------------------------
def test_a_dossier_is_its_agencys_only_and_the_role_guard_holds(stage, platform):
    identifier = stage["dossier"].identifier
    urls = [fill(path, candidat=identifier, courrier=stage["letter"].public_id) for path in DOSSIER_OWNED
            if served(path)]
    for url in urls:
        assert stage["owner_counsellor"].get(url).status == 200, url
    before = snapshot(stage)
    other, visitor = stage["other_counsellor"], counsellors_client(platform.client(ip="198.51.100.79"))
    for url in urls:
        assert other.get(url).status == 404, url
        assert other.get(url.replace(identifier, "1234567K")).status == 404, url
        assert counsellors_client(stage["intruder"]).get(url).status == 403, url
        assert counsellors_client(stage["recruiter"]).get(url).status == 403, url
        answer = visitor.get(url)
        assert answer.status == 303 and answer.location.startswith("/connexion"), url
    for path, data in DOSSIER_POSTS:
        if served(path, "POST"):
            url = fill(path, candidat=identifier)
            assert other.post(url, data, csrf=csrf_for(other)).status == 404, url
            assert counsellors_client(stage["intruder"]).post(url, data, csrf=csrf_for(stage["intruder"])).status == 403
    if served("/conseiller/candidats"):
        found = other.get("/conseiller/candidats?recherche=durand")
        assert found.status == 200 and identifier not in found.text()
    assert snapshot(stage) == before
