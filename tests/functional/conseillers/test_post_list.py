"""The agency's post (/conseiller/courriers-a-envoyer): what waits, oldest first, with the candidate's
name, identifier, dossier and the letter's PDF; « Marquer comme envoyé » recorded once (a double click,
two counsellors at once), audited, told to the candidate on the attestation's page; sent items kept
in « Déjà envoyés »; another agency's items neither listed nor markable."""

from __future__ import annotations

import datetime as dt
from functools import partial

from espace.bootstrap import get_services
from espace.dossier import post
from espace.text import PARIS, french_date
from tests.functional.conseillers.helpers import audit_of, token
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import counsellor_client
from tests.functional.race import race

URL = "/conseiller/courriers-a-envoyer"


def rows(page, caption: str) -> list[str]:
    return [" ".join(" ".join(r.xpath(".//text()")).split())
            for r in page.html.xpath(f"//caption[starts-with(., '{caption}')]/../tbody/tr")]


def test_the_list_marking_sent_and_the_candidate_s_date(platform):
    candidate, registration, dossier, confirmation = validated_candidate(platform, "envoi@example.org")
    assert candidate.post("/mon-dossier/attestations/avis-de-situation", {"action": "courrier"}).status == 303
    client = counsellor_client(platform, "conseil@example.org")
    empty_sent = client.get(URL)
    assert empty_sent.status == 200 and "Aucun courrier n'a encore été envoyé par votre agence." in empty_sent.text()
    assert client.get("/conseiller").html.xpath(f"//a[@href='{URL}']")
    waiting = rows(empty_sent, "Courriers à envoyer")
    # Both made within a second or two: their order is the paging test's.
    assert len(waiting) == 2 and {"Confirmation d'inscription" in r for r in waiting} == {True, False}
    assert any("Attestation : Avis de situation" in r for r in waiting)
    assert all("Camille DURAND" in r and dossier.identifier in r for r in waiting)
    assert empty_sent.html.xpath(f"//tbody//a[@href='/conseiller/candidats/{dossier.identifier}']")
    [pdf] = empty_sent.html.xpath(f"//a[@href='/conseiller/candidats/{dossier.identifier}/courriers/"
                                  f"{confirmation.public_id}']/@href")
    assert client.get(pdf).headers["Content-Type"] == "application/pdf"
    # The attestation, established for printing: a PDF saying the dossier, its printing audited once a day.
    [printed] = empty_sent.html.xpath("//a[contains(@href, '-attestation-') and contains(@href, '/attestation')]/@href")
    for _ in range(2):
        answer = client.get(printed)
        assert answer.status == 200 and answer.headers["Content-Type"] == "application/pdf"
        assert answer.headers["Content-Disposition"].startswith('inline; filename="attestation-avis-de-situation-')
    assert [e["action"] for e in audit_of(registration.user_id)].count("attestation-imprimee") == 1

    [action] = [a for a in empty_sent.html.xpath("//form/@action") if "attestation-" in a]
    csrf = token(client)
    first, second = client.post(action, {}, csrf=csrf), client.post(action, {}, csrf=csrf)  # a double click
    assert first.status == second.status == 303 and first.location == URL
    after = client.get(URL)
    told = " ".join(after.text().split())
    assert "« Avis de situation » pour Camille DURAND est marqué envoyé aujourd'hui." in told
    assert "« Avis de situation » était déjà marqué envoyé" in told
    assert len(rows(after, "Courriers à envoyer")) == 1
    [sent] = rows(after, "Les 20 derniers envois")
    today = french_date(dt.datetime.now(PARIS).date())
    assert sent.startswith(today) and "Camille Martin" in sent and "Avis de situation" in sent
    sendings = [e for e in audit_of(registration.user_id) if e["action"] == "courrier-envoye"]
    assert len(sendings) == 1 and sendings[0]["about"] == dossier.identifier
    mine = candidate.get("/mon-dossier/attestations/avis-de-situation")
    assert f"Demandée le {today} : envoyée le {today} par votre agence." in " ".join(mine.text().split())


def test_a_second_click_is_told_who_sent_it(platform):
    candidate, _registration, dossier, confirmation = validated_candidate(platform, "deux@example.org")
    assert "Envoi par la poste en préparation" in candidate.get("/mon-dossier/courriers").text()
    client = counsellor_client(platform, "conseil@example.org")
    action = f"{URL}/{dossier.user_id}-courrier-{confirmation.id}/envoi"
    csrf = token(client)
    assert client.post(action, {}, csrf=csrf).status == 303
    today = french_date(dt.datetime.now(PARIS).date())
    assert f"Envoyé par la poste le {today}" in " ".join(candidate.get("/mon-dossier/courriers").text().split())
    client.get(URL)  # the first flash read
    assert client.post(action, {}, csrf=csrf).status == 303
    told = " ".join(client.get(URL).text().split())
    assert "« Confirmation d'inscription » était déjà marqué envoyé le" in told and "par Camille Martin" in told


def test_two_counsellors_at_once_record_one_sending(platform):
    """True threads on SQLite; one after the other on moto, whose transactions are not atomic
    across threads (as the other burst tests say)."""
    _candidate, registration, dossier, confirmation = validated_candidate(platform, "course@example.org")
    clients = [counsellor_client(platform, f"conseil{n}@example.org", ip=f"198.51.100.7{n}") for n in range(2)]
    tokens = [token(c) for c in clients]
    action = f"{URL}/{dossier.user_id}-courrier-{confirmation.id}/envoi"
    statuses: list[int] = []

    def mark(n: int) -> None:
        statuses.append(clients[n].post(action, {}, csrf=tokens[n]).status)

    race(platform, [partial(mark, n) for n in range(2)])
    assert statuses == [303, 303]
    records = get_services().records
    assert len([i for i in records.query(f"AGENCY#{dossier.agency_id}", post.SENT)
                if i["user_id"] == dossier.user_id]) == 1
    assert len([e for e in audit_of(registration.user_id) if e["action"] == "courrier-envoye"]) == 1
    assert not [i for i in records.query(f"AGENCY#{dossier.agency_id}", post.WAITING)
                if i["user_id"] == dossier.user_id]


def test_another_agency_sees_nothing_and_marks_nothing(platform):
    from tests.functional.inscription.helpers import counsellors_client

    candidate, registration, dossier, confirmation = validated_candidate(platform, "ailleurs@example.org")
    other = counsellor_client(platform, "autre@example.org", agency_id="33", ip="198.51.100.30")
    page = other.get(URL)
    assert page.status == 200 and "Aucun courrier n'attend d'être envoyé par votre agence." in page.text()
    reference = f"{dossier.user_id}-courrier-{confirmation.id}"
    csrf = token(other)
    for made_up in (reference, f"{dossier.user_id}-courrier-0123456789ab", "nimportequoi",
                    f"{dossier.user_id}-attestation-20261206-fiscale", "x" * 300):
        assert other.post(f"{URL}/{made_up}/envoi", {}, csrf=csrf).status == 404, made_up
    assert post.get(get_services().records, reference).sent_at is None
    assert candidate.post("/mon-dossier/attestations/avis-de-situation", {"action": "courrier"}).status == 303
    [asked] = [s for s in post.sendings_of(get_services().records, dossier.user_id) if s.kind == "attestation"]
    assert other.get(f"{URL}/{asked.reference}/attestation").status == 404
    assert other.get(f"{URL}/{reference}/attestation").status == 404
    assert not [e for e in audit_of(registration.user_id) if e["action"] == "courrier-envoye"]
    assert counsellors_client(candidate).get(URL).status == 403
    assert counsellors_client(platform.client()).get(URL).status == 303


def test_the_waiting_list_is_paged_oldest_first(platform):
    _candidate, _registration, dossier, _confirmation = validated_candidate(platform, "pages@example.org")
    records = get_services().records
    for n in range(21):  # 21 attestations asked on 21 days, oldest first after the letter
        day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
        records.transact(post.queue(records, dossier, sk=f"{post.ATTESTATION_PREFIX}{day}#fiscale",
                                    ref=post.attestation_ref(day, "fiscale"), kind=post.ATTESTATION,
                                    title=f"Attestation fiscale {n:02d}", at=1_767_225_600 + n * 86400,
                                    fields={"kind": "fiscale", "attestation": "fiscale", "choice": "2025"}))
    client = counsellor_client(platform, "conseil@example.org")
    first = client.get(URL)
    listed = rows(first, "Courriers à envoyer")
    assert len(listed) == 20 and "Attestation fiscale 00" in listed[0] and "année 2025" in listed[0]
    [following] = first.html.xpath("//nav[@aria-label='Pages des courriers à envoyer']//a[@rel='next']/@href")
    rest = rows(client.get(following), "Courriers à envoyer")
    assert "Attestation fiscale 20" in rest[0] and "Confirmation d'inscription" in rest[-1] and len(rest) == 2
