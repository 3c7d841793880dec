"""The recruiter's space (/recruteur), their account page, the export of their data and the deletion
of their space: for recruiters only."""

from __future__ import annotations

import json

import pytest

from espace.bootstrap import get_services
from espace.candidatures.model import NEW, RECRUITER, REVIEWING, Application, CvUsed, new_id
from espace.candidatures.service import ApplicationDesk
from espace.recruteurs.model import FILLED, ONLINE, SUSPENDED, SiteOffer
from espace.web import lifecycle
from tests.functional.accounts.helpers import PASSWORD, sign_in, signed_in_client, user_id_of
from tests.functional.recruteurs.helpers import COMPANY, accounts_client, recruiter_client, recruiters_client


def publish(recruiter_id: str, offer_id: str, title: str, state: str = ONLINE, at: int = 1_000) -> SiteOffer:
    """An offer as the publishing part records it (its form and JSON do not matter here)."""
    offer = SiteOffer(offer_id, recruiter_id, state, {"intitule": title}, {"intitule": title}, at, at)
    get_services().records.put(offer.to_item())
    return offer


def apply(recruiter_id: str, offer: SiteOffer, candidate: str) -> Application:
    """An application through the real desk (its copy lands in the recruiter's inbox)."""
    application_id = new_id()
    application = Application(
        application_id, "site", offer.id, offer.title, COMPANY, candidate,
        CvUsed("complet", "cv1", "Mon CV", f"users/{candidate}/candidatures/{application_id}/cv.pdf", "cv.pdf"),
        "Mes atouts", "Camille Martin", f"{candidate}@example.org", "0601020304", NEW, recruiter_id=recruiter_id)
    _outcome, stored = ApplicationDesk(get_services()).submit(application, b"%PDF-1.7 test")
    return stored


def test_a_recruiter_sees_their_space_with_their_company(platform):
    client = recruiter_client(platform, "rh@boulangerie.example")
    page = client.get("/recruteur")
    assert page.status == 200
    assert COMPANY in page.text() and "732 829 320 00074" in page.text()
    assert "Vous n'avez pas encore publié d'offre" in page.text() and "Aucune candidature reçue" in page.text()
    links = page.html.xpath("//main//a/@href")
    for part in ("/recruteur/offres/nouvelle", "/recruteur/cvtheque", "/recruteur/propositions", "/recruteur/compte",
                 "/recruteur/donnees.json"):
        assert part in links, part
    assert page.html.xpath('//main//form[@action="/deconnexion"]')
    assert page.html.xpath("//table") == []  # no offer: no table


def test_the_space_counts_offers_and_new_applications(platform):
    client = recruiter_client(platform, "compte@boulangerie.example")
    rid = user_id_of("compte@boulangerie.example")
    bread = publish(rid, "111AAAA", "Boulanger", at=2_000)
    publish(rid, "111AAAB", "Pâtissier", at=3_000)
    publish(rid, "111AAAC", "Vendeur", SUSPENDED)
    publish(rid, "111AAAD", "Livreur", FILLED)
    first = apply(rid, bread, "c1")
    apply(rid, bread, "c2")
    apply(rid, bread, "c3")
    ApplicationDesk(get_services()).move(first, REVIEWING, RECRUITER, rid)
    # Someone else's offer and application are not counted.
    publish("autre", "111AAAE", "Chez un autre")
    page = client.get("/recruteur")
    text = page.text()
    assert "2 offres en ligne, 1 suspendue, 1 pourvue ou clôturée" in text
    assert "2 nouvelles candidatures à consulter, sur 3 candidatures reçues en tout" in text
    table = page.html.xpath("//table")[0]
    assert table.xpath("caption")[0].text_content() == "Candidatures par offre en ligne ou suspendue"
    rows = [[" ".join(c.text_content().split()) for c in row.xpath("th|td")] for row in table.xpath("tbody/tr")]
    # The offer with new applications first, then the latest changed; the filled one is not listed.
    assert rows == [["Boulanger", "En ligne", "3 candidatures pour Boulanger", "2"],
                    ["Pâtissier", "En ligne", "0", "0"],
                    ["Vendeur", "Suspendue", "0", "0"]]
    assert table.xpath("tbody/tr[1]/td[2]/a/@href") == ["/recruteur/offres/111AAAA/candidatures"]
    assert table.xpath("tbody/tr/th/@scope") == ["row"] * 3 and table.xpath("thead//th/@scope") == ["col"] * 4


def test_the_header_leads_each_account_to_its_own_space(platform):
    recruiter = recruiter_client(platform, "entete@boulangerie.example")
    header = recruiter.get("/recruteur/compte").html.xpath("//header//ul[@class='header-links']//a")
    assert [(a.get("href"), a.text_content()) for a in header][-1] == ("/recruteur", "Mon espace recruteur")
    # The accounts' function too (the sign-in page, seen by a signed-in recruiter).
    other = accounts_client(platform, recruiter).get("/connexion").html
    assert other.xpath("//header//a[.='Mon espace recruteur']/@href") == ["/recruteur"]
    candidate = signed_in_client(platform, "entete@example.org")
    assert candidate.get("/mon-espace").html.xpath("//header//a[.='Mon espace']/@href") == ["/mon-espace"]
    assert platform.client().get("/connexion").html.xpath("//header//a[.='Mon espace']/@href") == ["/mon-espace"]


def test_the_account_page_shows_the_company_and_the_codes(platform):
    client = recruiter_client(platform, "fiche@boulangerie.example")
    page = client.get("/recruteur/compte")
    assert page.status == 200
    text = page.text()
    for expected in (COMPANY, "732 829 320 00074", "fiche@boulangerie.example", "17000",
                     "Quel est le nom de votre premier animal de compagnie ?"):
        assert expected in text
    links = page.html.xpath("//main//a/@href")
    assert "/recruteur/donnees.json" in links and "/recruteur/suppression" in links


def test_the_export_holds_the_account_its_offers_and_inbox_and_no_secret(platform):
    client = recruiter_client(platform, "export@boulangerie.example")
    rid = user_id_of("export@boulangerie.example")
    apply(rid, publish(rid, "222AAAA", "Boulanger"), "c9")
    response = client.get("/recruteur/donnees.json")
    assert response.status == 200 and response.headers["Content-Type"].startswith("application/json")
    assert "attachment" in response.headers["Content-Disposition"]
    data = response.json()
    assert data["account"]["identifiant"] == "export@boulangerie.example"
    assert (data["account"]["role"], data["account"]["entreprise"], data["account"]["siret"]) == \
        ("recruteur", COMPANY, "73282932000074")
    keys = {record["sk"].split("#")[0] for record in data["records"]}
    assert {"PROFILE", "OFFER", "INBOX", "INBOX-LOG"} <= keys
    assert "argon2" not in response.body and '"password"' not in response.body and '"answer"' not in response.body
    assert json.loads(response.body)["files"] == []


def test_the_export_needs_a_signed_in_recruiter(platform):
    assert recruiters_client(platform.client()).get("/recruteur/donnees.json").status == 401
    candidate = recruiters_client(signed_in_client(platform, "exp@example.org"))
    assert candidate.get("/recruteur/donnees.json").status == 403


def test_deleting_needs_the_box_and_the_password(platform):
    client = recruiter_client(platform, "garde@boulangerie.example")
    form = client.get("/recruteur/suppression")
    assert form.status == 200 and form.html.xpath('//form[@action="/recruteur/suppression"]')
    unchecked = client.post("/recruteur/suppression", {"mot_de_passe": PASSWORD})
    assert unchecked.status == 400 and "Cochez la case" in unchecked.field_error("confirmer")
    wrong = client.post("/recruteur/suppression", {"confirmer": "oui", "mot_de_passe": "pas le bon"})
    assert wrong.status == 400 and "incorrect" in wrong.field_error("mot_de_passe")
    assert client.get("/recruteur").status == 200
    assert get_services().records.get("EMAIL#garde@boulangerie.example", "ACCOUNT") is not None


def test_deleting_erases_the_space_runs_the_hooks_and_ends_every_session(platform, monkeypatch):
    client = recruiter_client(platform, "fin@boulangerie.example")
    rid = user_id_of("fin@boulangerie.example")
    offer = publish(rid, "333AAAA", "Boulanger")
    application = apply(rid, offer, "c5")
    elsewhere = platform.client(ip="192.0.2.44")  # the same recruiter on another device
    assert sign_in(elsewhere, "fin@boulangerie.example").location == "/recruteur"
    seen: list[tuple[str, bool]] = []

    def hook(services, user_id: str) -> None:  # an area's hook: runs while the partition is still there
        seen.append((user_id, services.records.get(f"USER#{user_id}", "OFFER#333AAAA") is not None))

    monkeypatch.setitem(lifecycle._HOOKS, "test.recruiter_hook", hook)
    done = client.post("/recruteur/suppression", {"confirmer": "oui", "mot_de_passe": PASSWORD})
    assert done.status == 200 and "Votre espace recruteur est supprimé" in done.text()
    assert seen == [(rid, True)]
    records = get_services().records
    assert records.query(f"USER#{rid}") == []
    assert records.get("EMAIL#fin@boulangerie.example", "ACCOUNT") is None
    assert client.get("/recruteur").status == 303
    assert recruiters_client(elsewhere).get("/recruteur").status == 303
    # The candidate's own copy of the application is theirs, and stays.
    assert ApplicationDesk(get_services()).get("c5", offer.id) is not None
    assert application.id
    # The address is free again.
    assert sign_in(platform.client(), "fin@boulangerie.example").status == 400


@pytest.mark.parametrize("path", ["/recruteur", "/recruteur/compte", "/recruteur/suppression",
                                  "/recruteur/mot-de-passe"])
def test_signed_out_visitors_are_sent_to_sign_in(platform, path):
    page = recruiters_client(platform.client()).get(path)
    assert page.status == 303 and page.location.startswith("/connexion?retour=" + path)


def test_changing_the_password_ends_the_other_sessions(platform):
    client = recruiter_client(platform, "mdp@boulangerie.example")
    elsewhere = platform.client(ip="192.0.2.45")
    assert sign_in(elsewhere, "mdp@boulangerie.example").location == "/recruteur"
    new = "un tout autre mot de passe"
    wrong = client.post("/recruteur/mot-de-passe", {"actuel": "pas le bon", "mot_de_passe": new,
                                                    "confirmation": new})
    assert wrong.status == 400 and "incorrect" in wrong.field_error("actuel")
    mismatch = client.post("/recruteur/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": new,
                                                       "confirmation": "autre chose"})
    assert mismatch.status == 400 and "ne correspond pas" in mismatch.field_error("confirmation")
    done = client.post("/recruteur/mot-de-passe", {"actuel": PASSWORD, "mot_de_passe": new, "confirmation": new})
    assert done.status == 303 and done.location == "/recruteur/compte"
    assert "Votre mot de passe est modifié" in client.get("/recruteur/compte").text()
    assert recruiters_client(elsewhere).get("/recruteur").status == 303
    assert sign_in(platform.client(), "mdp@boulangerie.example", PASSWORD).status == 400
    assert sign_in(platform.client(), "mdp@boulangerie.example", new).location == "/recruteur"
