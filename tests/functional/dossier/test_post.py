"""The consent « courriers-email » made real (espace.dossier.post): without it (the default, told on
the consent page) each letter made for the candidate is queued once for the agency's post, whatever
the retries; with it, no letter is posted; account deletion takes the agency's copies away."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier import letters, post
from espace.web.lifecycle import run_account_deleted
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate

CONSENTS = "/mon-dossier/consentements"


def waiting_of(agency_id: str, user_id: str) -> list[dict]:
    return [item for item in get_services().records.query(f"AGENCY#{agency_id}", post.WAITING)
            if item["user_id"] == user_id]


def counsellor_letter(user_id: str, about: str):
    services = get_services()
    return letters.deliver_letter(services, user_id, letters.COUNSELLOR, f"Courrier {about}", {
        "agency": services.agencies.get("17"), "name": "Camille DURAND", "identifier": "1234567K",
        "written_on": "7 décembre 2026", "paragraphs": [["Bonjour,"], ["Venez le 3."]], "counsellor": "C. Martin"},
        about=about)


def test_by_default_each_letter_is_posted_once_whatever_the_retries(platform):
    client, registration, dossier, confirmation = validated_candidate(platform, "poste@example.fr")
    page = " ".join(client.get(CONSENTS).text().split())
    assert "Sans votre accord (c'est le choix par défaut), votre agence vous envoie aussi chaque nouveau courrier " \
           "par la poste" in page
    # The validation's « Confirmation d'inscription », made again by a retried validation: one entry.
    letters.confirm_registration(get_services(), registration, dossier)
    [entry] = waiting_of(dossier.agency_id, dossier.user_id)
    assert (entry["post_kind"], entry["title"], entry["letter"], entry["identifier"], entry["name"]) == (
        "courrier", "Confirmation d'inscription", confirmation.public_id, dossier.identifier, "Camille DURAND")
    mine = get_services().records.get(f"USER#{dossier.user_id}", f"LETTER-POST#{confirmation.id}")
    assert mine["post_ref"] == f"courrier-{confirmation.id}" and mine.get("sent_at") is None
    first, made = counsellor_letter(dossier.user_id, "essai-1")
    again, made_again = counsellor_letter(dossier.user_id, "essai-1")
    assert made and not made_again and again.id == first.id
    assert sorted(e["title"] for e in waiting_of(dossier.agency_id, dossier.user_id)) == [
        "Confirmation d'inscription", "Courrier essai-1"]


def test_with_the_consent_letters_are_not_posted_and_withdrawing_it_posts_again(platform):
    client, _registration, dossier, _letter = validated_candidate(platform, "email@example.fr")
    token = client.csrf_token(CONSENTS)
    assert client.post(f"{CONSENTS}/courriers-email", {"accord": "oui", "version": "0"}, csrf=token).status == 303
    _letter_by_email, made = counsellor_letter(dossier.user_id, "par-email")
    assert made and [e["title"] for e in waiting_of(dossier.agency_id, dossier.user_id)] == [
        "Confirmation d'inscription"]  # made before the consent: it stays to post
    assert get_services().records.query(f"USER#{dossier.user_id}", "LETTER-POST#")[0]["title"] == \
        "Confirmation d'inscription"
    assert client.post(f"{CONSENTS}/courriers-email", {"accord": "non", "version": "1"}, csrf=token).status == 303
    counsellor_letter(dossier.user_id, "par-la-poste")
    assert sorted(e["title"] for e in waiting_of(dossier.agency_id, dossier.user_id)) == [
        "Confirmation d'inscription", "Courrier par-la-poste"]


def test_account_deletion_removes_the_agency_s_copies_waiting_and_sent(platform):
    from espace.conseillers import audit
    from espace.conseillers.model import counsellor
    from tests.functional.inscription.helpers import counsellor_client

    _client, _registration, dossier, confirmation = validated_candidate(platform, "oubli-poste@example.fr")
    counsellor_letter(dossier.user_id, "reste")
    records = get_services().records
    counsellor_client(platform, "postier@example.org")
    who = counsellor(records, user_id_of("postier@example.org"))
    item = post.get(records, f"{dossier.user_id}-courrier-{confirmation.id}")
    assert post.mark_sent(records, item, who, audit.entry(who, dossier.user_id, "courrier-envoye"))
    agency = f"AGENCY#{dossier.agency_id}"
    assert [i["user_id"] for i in records.query(agency, post.SENT)] == [dossier.user_id]
    run_account_deleted(get_services(), dossier.user_id)
    assert waiting_of(dossier.agency_id, dossier.user_id) == []
    assert [i for i in records.query(agency, post.SENT) if i["user_id"] == dossier.user_id] == []
