"""« Mes candidatures »: the list (en cours, archivées), an application's page with its history
(shared reasons only), the CV sent, withdrawal with confirmation, the dashboard's panel; and
another account — candidate or recruiter — gets 404 and changes nothing."""

from __future__ import annotations

from espace.bootstrap import get_services
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.candidatures.helpers import submitted
from tests.functional.candidatures.site_offers import put_site_offer
from tests.functional.client import Client
from tests.functional.cv.helpers import get_bytes
from tests.functional.recruteurs.helpers import recruiter_client


def stage(hiring, email: str = "suivi@example.fr", recruiter: str = "rh@suivi.example"):
    """A candidate, a recruiter and two site offers of theirs; the candidate applied to both."""
    recruiter_client(hiring.platform, recruiter)
    recruiter_id = user_id_of(recruiter)
    offers = [put_site_offer(hiring.services, recruiter_id, sample=n) for n in (2, 3)]
    client = signed_in_client(hiring.platform, email)
    candidate_id = user_id_of(email)
    applications = [submitted(hiring.services, candidate_id, o.id, recruiter_id=recruiter_id, title=o.title)[1]
                    for o in offers]
    return client, candidate_id, recruiter_id, offers, applications


def test_list_detail_history_with_shared_reasons_only(hiring):
    from espace.candidatures.model import RECRUITER, REFUSED, REVIEWING
    from espace.candidatures.service import ApplicationDesk

    client, candidate_id, recruiter_id, offers, (first, second) = stage(hiring)
    desk = ApplicationDesk(get_services())
    moved = desk.move(first, REVIEWING, RECRUITER, recruiter_id)
    desk.move(moved, REFUSED, RECRUITER, recruiter_id, reason="Poste pourvu en interne", reason_shared=True)
    desk.move(second, REFUSED, RECRUITER, recruiter_id, reason="Profil trop junior, secret", reason_shared=False)
    submitted(hiring.services, candidate_id, hiring.mail_offer_id, kind="courriel", title="Vendeur")

    page = client.get("/mon-espace/candidatures")
    assert page.status == 200
    current, archived = page.html.xpath("//table")
    assert "Vendeur" in current.text_content() and "Envoyée par e-mail" in current.text_content()
    assert offers[0].title in archived.text_content() and "Refusée" in archived.text_content()
    assert page.html.xpath("//table//caption") and page.html.xpath("//th[@scope='col']")
    assert "supprimée deux ans" in page.text()

    detail = client.get(f"/mon-espace/candidatures/{offers[0].id}")
    assert detail.status == 200 and "Poste pourvu en interne" in detail.text()
    rows = [" ".join(r.text_content().split()) for r in detail.html.xpath("//table//tbody/tr")]
    assert len(rows) == 3
    assert "Reçue, pas encore consultée" in rows[0] and "En cours d'examen" in rows[1] and "Refusée" in rows[2]
    hidden = client.get(f"/mon-espace/candidatures/{offers[1].id}")
    assert "Refusée" in hidden.text() and "secret" not in hidden.text()  # an unshared reason is not there at all
    assert not hidden.html.xpath("//a[contains(@href, '/retrait')]")  # a closed one cannot be withdrawn
    mails = hiring.platform.mails_to("suivi@example.fr")
    assert any("Refusée" in subject for _, subject, _ in mails)
    assert not any("secret" in text for *_, text in mails)


def test_withdraw_with_confirmation_then_it_is_archived(hiring):
    from espace.candidatures.service import ApplicationDesk

    client, candidate_id, recruiter_id, offers, _ = stage(hiring, "retrait@example.fr", "rh@retrait.example")
    url = f"/mon-espace/candidatures/{offers[0].id}/retrait"
    confirm = client.get(url)
    assert confirm.status == 200 and "ne pourrez pas postuler à nouveau" in confirm.text()
    assert ApplicationDesk(get_services()).get(candidate_id, offers[0].id).state == "nouvelle"  # a GET changes nothing
    token = confirm.html.xpath('//input[@name="csrf"]/@value')[0]
    done = client.post(url, {}, csrf=token)
    assert done.status == 303 and done.location == f"/mon-espace/candidatures/{offers[0].id}"
    assert "est retirée" in client.get(done.location).text()
    assert ApplicationDesk(get_services()).get(candidate_id, offers[0].id).state == "retiree"
    [entry] = ApplicationDesk(get_services()).inbox(recruiter_id, offers[0].id)
    assert entry.state == "retiree"  # the recruiter's copy moved too
    again = client.post(url, {}, csrf=token)
    assert again.status == 409 and "ne peut plus être retirée" in again.text()
    listing = client.get("/mon-espace/candidatures")
    archived = listing.html.xpath("//table")[-1].text_content()
    assert "Retirée par le candidat" in archived
    assert len(get_services().records.query(f"USER#{recruiter_id}", f"INBOX-LOG#{offers[0].id}#")) == 2


def test_a_mailed_application_cannot_be_withdrawn_here(hiring):
    client = signed_in_client(hiring.platform, "mail@example.fr")
    submitted(hiring.services, user_id_of("mail@example.fr"), hiring.mail_offer_id, kind="courriel")
    url = f"/mon-espace/candidatures/{hiring.mail_offer_id}/retrait"
    page = client.get(url)
    assert page.status == 200 and "rh@example.fr" in page.text()
    assert client.post(url, {}, csrf=client.csrf_token("/mon-espace")).status == 409


def test_the_cv_sent_is_downloaded_and_unknown_ones_are_404(hiring):
    client, _, _, offers, _ = stage(hiring, "cv@example.fr", "rh@cv.example")
    status, headers, data = get_bytes(client, f"/mon-espace/candidatures/{offers[0].id}/cv")
    assert status == 200 and data == b"%PDF-1.4 cv" and "attachment" in headers["Content-Disposition"]
    for path in ("/mon-espace/candidatures/9999999", "/mon-espace/candidatures/pas-un-id",
                 "/mon-espace/candidatures/9999999/cv", "/mon-espace/candidatures/9999999/retrait"):
        answer = client.get(path)
        assert answer.status == 404 and "Candidature introuvable" in answer.text(), path


def test_another_candidate_or_a_recruiter_gets_404_and_changes_nothing(hiring):
    from espace.candidatures.service import ApplicationDesk

    _, candidate_id, _, offers, _ = stage(hiring, "owner@example.fr", "rh@owner.example")
    other = signed_in_client(hiring.platform, "other@example.fr", ip="198.51.100.77")
    recruiter = recruiter_client(hiring.platform, "rh@autre.example")
    recruiter_accounts = Client(hiring.platform.handler, source_ip=recruiter.source_ip, cookies=recruiter.cookies)
    base = f"/mon-espace/candidatures/{offers[0].id}"
    for path in (base, f"{base}/cv", f"{base}/retrait"):
        assert other.get(path).status == 404, path
        assert recruiter_accounts.get(path).status == 403, path  # /mon-espace/* is candidate-only: the guard says so
    assert other.post(f"{base}/retrait", {}, csrf=other.csrf_token("/mon-espace")).status == 404
    assert offers[0].title not in other.get("/mon-espace/candidatures").text()
    # The recruiter who owns the offer is no candidate either: their own role cannot reach it.
    owner = recruiter_client(hiring.platform, "rh@owner2.example")
    assert Client(hiring.platform.handler, cookies=owner.cookies).get(base).status == 403
    assert ApplicationDesk(get_services()).get(candidate_id, offers[0].id).state == "nouvelle"


def test_the_dashboard_panel_counts_and_tells_changes(hiring):
    from espace.candidatures.model import RECRUITER, REVIEWING
    from espace.candidatures.service import ApplicationDesk

    client = signed_in_client(hiring.platform, "panneau@example.fr")
    assert "Vous n'avez pas encore postulé" in client.get("/mon-espace").text()
    candidate_id = user_id_of("panneau@example.fr")
    recruiter_client(hiring.platform, "rh@panneau.example")
    recruiter_id = user_id_of("rh@panneau.example")
    offer = put_site_offer(hiring.services, recruiter_id)
    _, application = submitted(hiring.services, candidate_id, offer.id, recruiter_id=recruiter_id, title=offer.title)
    space = client.get("/mon-espace")
    assert "1 candidature en cours, 0 archivée" in space.text()
    assert space.html.xpath('//a[@href="/mon-espace/candidatures"]')
    visit = get_services().records.get(f"USER#{candidate_id}", "VISIT")
    get_services().records.put({**visit, "previous": 1, "current": 1})  # the last visit was long ago
    ApplicationDesk(get_services()).move(application, REVIEWING, RECRUITER, recruiter_id)
    changed = client.get("/mon-espace").text()
    assert f"Votre candidature à l'offre « {offer.title} » : en cours d'examen." in changed
