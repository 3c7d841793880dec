"""The applications inbox on both profiles: an offer's list with its state filter, an application's
page (what was sent, the log with who and when, the move form), the CV as sent, the moves (only the
allowed ones, a refusal's reason shared or not, the candidate told each time, never twice, a page
for a move that came too late), anonymised entries, and nobody but the offer's recruiter inside.

Applications are made with ``ApplicationDesk.submit`` (tests/functional/recruteurs/inbox_helpers.py),
the call behind the candidate's « Postuler »."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from espace.bootstrap import get_services
from espace.candidatures.model import ACCEPTED, CANDIDATE, INTERVIEW, NEW, REFUSED, REVIEWING, WITHDRAWN
from espace.candidatures.service import ApplicationDesk
from tests.functional.accounts.helpers import sign_in, signed_in_client, user_id_of
from tests.functional.recruteurs.helpers import recruiter_client, recruiters_client
from tests.functional.recruteurs.inbox_helpers import CV_BYTES, anonymise, apply, publish

RECRUITER = "rh@boulangerie.example"
CANDIDATE_EMAIL = "camille@example.fr"


@pytest.fixture
def stage(platform):
    """A recruiter with an offer, and a candidate who applied to it."""
    recruiter = recruiter_client(platform, RECRUITER)
    signed_in_client(platform, CANDIDATE_EMAIL, ip="198.51.100.20")
    services = get_services()
    offer = publish(services, user_id_of(RECRUITER))
    application = apply(services, user_id_of(CANDIDATE_EMAIL), offer)
    return recruiter, offer, application


def inbox_url(offer) -> str:
    return f"/recruteur/offres/{offer.id}/candidatures"


def page_url(offer, application) -> str:
    return f"{inbox_url(offer)}/{application.id}"


def entry(application):
    return ApplicationDesk(get_services()).inbox_entry(application.recruiter_id, application.offer_id, application.id)


def log_lines(application) -> list[dict]:
    return get_services().records.query(f"USER#{application.recruiter_id}",
                                         f"INBOX-LOG#{application.offer_id}#{application.id}#")


def state_mails(platform) -> list[tuple[str, str, str]]:
    """The candidate's mails about their application (not the account's own)."""
    return [mail for mail in platform.mails_to(CANDIDATE_EMAIL) if mail[1].startswith("Votre candidature")]


def messages_of(email: str) -> list[dict]:
    return get_services().records.query(f"USER#{user_id_of(email)}", "MSG#")


def move_form(client, offer, application) -> dict[str, str]:
    """What the application's move form carries when shown: its CSRF token and version."""
    page = client.get(page_url(offer, application))
    form = page.html.xpath(f'//form[@action="{page_url(offer, application)}/etat"]')[0]
    return {name: form.xpath(f'.//input[@name="{name}"]/@value')[0] for name in ("csrf", "version")}


def post_move(client, offer, application, shown: dict[str, str], **values: str):
    return client.post(f"{page_url(offer, application)}/etat", {"version": shown["version"], **values},
                       csrf=shown["csrf"])


# --- the list --------------------------------------------------------------------------------------
def test_the_list_shows_each_application_and_filters_by_state(platform, stage):
    recruiter, offer, first = stage
    services = get_services()
    signed_in_client(platform, "dominique@example.fr", ip="198.51.100.21")
    second = apply(services, user_id_of("dominique@example.fr"), offer, name="Dominique Petit",
                   email="dominique@example.fr", cv_title="Boulanger confirmé")
    ApplicationDesk(services).move(second, INTERVIEW, "recruteur", user_id_of(RECRUITER))

    page = recruiter.get(inbox_url(offer))
    assert page.status == 200
    rows = page.html.xpath("//table[@class='results']/tbody/tr")
    assert len(rows) == 2
    text = page.text()
    for expected in ("Camille Durand", "Vendeuse en boulangerie", "Nouvelle", "Dominique Petit", "Boulanger confirmé",
                     "Retenue pour un entretien", "2 candidatures (toutes)"):
        assert expected in text
    assert page.html.xpath("//table//th[@scope='col']") and page.html.xpath("//table/caption")
    assert page.html.xpath(f"//a[@href='{page_url(offer, first)}']")
    options = page.html.xpath("//select[@name='etat']/option/text()")
    assert "Nouvelle (1)" in options and "Retenue pour un entretien (1)" in options and "Toutes (2)" in options

    interview = recruiter.get(f"{inbox_url(offer)}?etat={INTERVIEW}")
    assert interview.status == 200 and "Dominique Petit" in interview.text()
    assert "Camille Durand" not in interview.text()
    assert interview.html.xpath(f"//option[@value='{INTERVIEW}']/@selected") is not None
    pending = recruiter.get(f"{inbox_url(offer)}?etat=a-traiter")
    assert len(pending.html.xpath("//table[@class='results']/tbody/tr")) == 2
    none = recruiter.get(f"{inbox_url(offer)}?etat={REFUSED}")
    assert none.status == 200 and "Aucune candidature n'a cet état" in none.text()


def test_a_long_list_is_paged_and_the_filter_kept(platform, stage, monkeypatch):
    from espace.recruteurs import inbox

    recruiter, offer, _ = stage
    services = get_services()
    for number in range(2):
        apply(services, f"candidat-{number}", offer, name=f"Personne {number}")
    monkeypatch.setattr(inbox, "PER_PAGE", 2)
    first = recruiter.get(f"{inbox_url(offer)}?etat=a-traiter")
    assert len(first.html.xpath("//table[@class='results']/tbody/tr")) == 2
    assert "3 candidatures (à traiter)" in first.text()
    [next_link] = first.html.xpath("//nav[@aria-label='Pages des candidatures']//a[@rel='next']/@href")
    assert "etat=a-traiter" in next_link and "page=2" in next_link
    second = recruiter.get(next_link)
    assert second.status == 200 and len(second.html.xpath("//table[@class='results']/tbody/tr")) == 1
    assert "page 2 sur 2" in second.html.xpath("//title/text()")[0]


def test_an_unknown_filter_is_told_not_a_crash(stage):
    recruiter, offer, _ = stage
    page = recruiter.get(f"{inbox_url(offer)}?etat=n-importe-quoi")
    assert page.status == 400
    assert page.error_summary() == ["Choisissez un état dans la liste."]
    assert page.html.xpath("//title/text()")[0].startswith("Erreur")


def test_an_offer_without_applications_says_so(platform):
    recruiter = recruiter_client(platform, RECRUITER)
    offer = publish(get_services(), user_id_of(RECRUITER))
    page = recruiter.get(inbox_url(offer))
    assert page.status == 200 and "n'a pas encore reçu de candidature" in page.text()
    assert not page.html.xpath("//table")


# --- one application -------------------------------------------------------------------------------
def test_opening_a_new_application_shows_what_was_sent_and_starts_its_review(platform, stage):
    recruiter, offer, application = stage
    page = recruiter.get(page_url(offer, application))
    assert page.status == 200
    text = page.text()
    assert page.html.xpath("//h1/text()")[0].strip() == "Candidature de Camille Durand"
    assert page.html.xpath("//title/text()")[0].startswith("Candidature de Camille Durand")
    for expected in ("Camille Durand", CANDIDATE_EMAIL, "06 12 34 56 78", "Cinq ans de vente en boulangerie",
                     "Disponible tout de suite", "elle passe à l'état « En cours d'examen »",
                     "Candidature envoyée", "Le candidat", "En cours d'examen", "Vous"):
        assert expected in text, expected
    assert page.html.xpath(f"//a[@href='{page_url(offer, application)}/cv']")
    assert page.html.xpath(f"//a[@href='mailto:{CANDIDATE_EMAIL}']")
    assert entry(application).state == REVIEWING and len(log_lines(application)) == 2
    # The candidate is told, by mail and in « Mes messages ».
    mails = state_mails(platform)
    assert len(mails) == 1 and "En cours d'examen" in mails[0][1]
    assert "Le recruteur examine votre candidature" in mails[0][2]
    assert len(messages_of(CANDIDATE_EMAIL)) == 1
    # Opening it again moves nothing and tells nobody again.
    again = recruiter.get(page_url(offer, application))
    assert again.status == 200 and "pour la première fois" not in again.text()
    assert len(log_lines(application)) == 2 and len(state_mails(platform)) == 1


def test_the_move_form_offers_only_the_allowed_next_states(stage):
    recruiter, offer, application = stage
    page = recruiter.get(page_url(offer, application))  # opened: « En cours d'examen »
    values = page.html.xpath("//input[@name='etat']/@value")
    assert values == [INTERVIEW, ACCEPTED, REFUSED]
    ApplicationDesk(get_services()).move(entry(application), INTERVIEW, "recruteur", user_id_of(RECRUITER))
    page = recruiter.get(page_url(offer, application))
    assert page.html.xpath("//input[@name='etat']/@value") == [ACCEPTED, REFUSED]


def test_the_cv_is_downloaded_as_it_was_sent(stage):
    recruiter, offer, application = stage
    response = recruiter.get(f"{page_url(offer, application)}/cv")
    assert response.status == 200
    assert response.body.encode() == CV_BYTES
    assert response.headers["Content-Type"].startswith("application/pdf")
    assert response.headers["Content-Disposition"] == 'attachment; filename="cv-camille.pdf"'
    assert response.headers["Cache-Control"] == "private, no-store"


# --- moving ----------------------------------------------------------------------------------------
def test_a_refusal_needs_a_reason_and_keeps_what_was_typed(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    page = post_move(recruiter, offer, application, shown, etat=REFUSED, motif="  ")
    assert page.status == 400
    assert page.error_summary() == ["Indiquez le motif du refus."]
    assert page.html.xpath(f"//input[@name='etat'][@value='{REFUSED}']/@checked") == ["checked"]
    page = post_move(recruiter, offer, application, shown, etat=REFUSED, motif="Le poste demande le permis C.")
    assert page.status == 400
    assert page.error_summary() == ["Dites si le motif doit être communiqué au candidat."]
    assert "Le poste demande le permis C." in page.html.xpath("//textarea[@name='motif']/text()")[0]
    page = post_move(recruiter, offer, application, shown, motif="x" * 1001)
    assert page.status == 400
    assert page.error_summary() == ["Choisissez le nouvel état de la candidature.",
                                    "Le motif doit contenir au plus 1000 caractères.",
                                    "Dites si le motif doit être communiqué au candidat."]
    assert page.html.xpath("//textarea[@name='motif']/text()")[0].strip() == "x" * 1001
    page = post_move(recruiter, offer, application, shown, etat=NEW)  # not offered: a forged value
    assert page.status == 400 and "n'est pas possible" in page.error_summary()[0]
    assert entry(application).state == REVIEWING and len(state_mails(platform)) == 1


def test_a_refusal_with_a_shared_reason_is_logged_and_told(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    response = post_move(recruiter, offer, application, shown, etat=REFUSED, motif="Le poste demande le permis C.",
                         partage="oui")
    assert response.status == 303 and response.location == page_url(offer, application)
    page = recruiter.get(response.location)
    text = page.text()
    assert "est passée à l'état « Refusée »" in text and "avec le motif" in text
    assert "Le poste demande le permis C. (communiqué au candidat)" in text
    assert "son état ne peut plus changer" in text and not page.html.xpath("//input[@name='etat']")
    stored = entry(application)
    assert stored.state == REFUSED and stored.history[-1].reason_shared
    assert stored.history[-1].actor_id == user_id_of(RECRUITER)
    assert [line["state"] for line in log_lines(application)] == [NEW, REVIEWING, REFUSED]
    # The candidate's copy moved too, and the mail gives the reason.
    assert ApplicationDesk(get_services()).get(user_id_of(CANDIDATE_EMAIL), offer.id).state == REFUSED
    last = state_mails(platform)[-1]
    assert "Refusée" in last[1] and "Motif indiqué par le recruteur : Le poste demande le permis C." in last[2]
    assert len(messages_of(CANDIDATE_EMAIL)) == 2


def test_an_unshared_reason_stays_with_the_recruiter(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    response = post_move(recruiter, offer, application, shown, etat=REFUSED, motif="Trop loin du magasin.",
                         partage="non")
    assert response.status == 303
    page = recruiter.get(response.location)
    assert "Trop loin du magasin. (non communiqué au candidat)" in page.text()
    last = state_mails(platform)[-1]
    assert "Refusée" in last[1] and "Trop loin" not in last[2]
    assert ApplicationDesk(get_services()).get(user_id_of(CANDIDATE_EMAIL), offer.id).history[-1].for_candidate() \
        .reason == ""


def test_a_double_click_moves_once(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    first = post_move(recruiter, offer, application, shown, etat=INTERVIEW)
    second = post_move(recruiter, offer, application, shown, etat=INTERVIEW)
    assert first.status == second.status == 303 and second.location == page_url(offer, application)
    assert [line["state"] for line in log_lines(application)] == [NEW, REVIEWING, INTERVIEW]
    assert len(state_mails(platform)) == 2  # opened, then the interview: once


def test_a_form_shown_before_another_move_is_refused_with_the_state_now(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    ApplicationDesk(get_services()).move(entry(application), INTERVIEW, "recruteur", user_id_of(RECRUITER))
    page = post_move(recruiter, offer, application, shown, etat=ACCEPTED)
    assert page.status == 409
    assert "a été modifiée depuis que vous avez ouvert sa page" in page.text()
    assert "Son état est maintenant « Retenue pour un entretien »" in page.text()
    assert page.html.xpath("//title/text()")[0].startswith("Candidature déjà modifiée")
    assert entry(application).state == INTERVIEW and len(log_lines(application)) == 3


def test_a_move_racing_another_at_the_desk_gets_the_conflict_page(platform, stage, monkeypatch):
    """Both moves read the same state; the other one writes its log line first (forced here, on the
    real store): this one's conditional line fails, nothing of it is written, its author is told."""
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    original = ApplicationDesk.move
    raced = []

    def racing(desk, app, to, *args, **kwargs):
        if not raced:
            raced.append(original(desk, app, INTERVIEW, "recruteur", user_id_of(RECRUITER)))
        return original(desk, app, to, *args, **kwargs)

    monkeypatch.setattr(ApplicationDesk, "move", racing)
    page = post_move(recruiter, offer, application, shown, etat=ACCEPTED)
    assert page.status == 409 and "Retenue pour un entretien" in page.text()
    assert [line["state"] for line in log_lines(application)] == [NEW, REVIEWING, INTERVIEW]
    assert entry(application).state == INTERVIEW
    assert len(state_mails(platform)) == 2  # opened, then the winner's move


def test_moves_sent_at_the_same_instant_make_one_move(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    targets = [INTERVIEW, ACCEPTED, REFUSED, INTERVIEW, ACCEPTED, INTERVIEW]
    # Really in parallel on SQLite; moto's DynamoDB is not thread-safe.
    workers = len(targets) if platform.profile == "embedded" else 1
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda to: post_move(recruiter, offer, application, shown, etat=to, motif="Vu.",
                                                     partage="non"), targets))
    lines = log_lines(application)
    assert len(lines) == 3, [line["state"] for line in lines]
    winner = lines[-1]["state"]
    assert entry(application).state == winner
    statuses = [(to, r.status) for to, r in zip(targets, results, strict=True)]
    assert all(status == 303 for to, status in statuses if to == winner and status != 409)
    assert all(status == 409 for to, status in statuses if to != winner)
    assert len(state_mails(platform)) == 2  # opened, then one move


def test_a_withdrawn_application_can_no_longer_move(platform, stage):
    recruiter, offer, application = stage
    shown = move_form(recruiter, offer, application)
    ApplicationDesk(get_services()).withdraw(user_id_of(CANDIDATE_EMAIL), offer.id)
    page = recruiter.get(page_url(offer, application))
    assert "Retirée par le candidat" in page.text() and not page.html.xpath("//input[@name='etat']")
    stale = post_move(recruiter, offer, application, shown, etat=INTERVIEW)
    assert stale.status == 409 and "Retirée par le candidat" in stale.text()
    fresh = {**shown, "version": str(len(entry(application).history))}
    closed = post_move(recruiter, offer, application, fresh, etat=INTERVIEW)
    assert closed.status == 409 and "Cette candidature est close" in closed.text()
    assert entry(application).state == WITHDRAWN and entry(application).history[-1].actor == CANDIDATE


# --- anonymised ------------------------------------------------------------------------------------
def test_an_anonymised_application_shows_no_name_message_or_cv(platform, stage):
    recruiter, offer, application = stage
    anonymise(get_services(), application)
    listing = recruiter.get(inbox_url(offer)).text()
    assert "Candidat ayant supprimé son espace" in listing and "Camille" not in listing
    page = recruiter.get(page_url(offer, application))
    text = page.text()
    assert page.status == 200 and "Camille" not in text and CANDIDATE_EMAIL not in text
    assert "Cinq ans de vente" not in text and "06 12" not in text
    assert not page.html.xpath(f"//a[@href='{page_url(offer, application)}/cv']")
    assert "son nom, ses coordonnées, son message et son CV ont été effacés" in text
    assert recruiter.get(f"{page_url(offer, application)}/cv").status == 404
    # It can still be closed; nobody is mailed (the account is gone).
    mails = len(state_mails(platform))
    shown = move_form(recruiter, offer, application)
    moved = post_move(recruiter, offer, application, shown, etat=REFUSED, motif="Poste pourvu.", partage="non")
    assert moved.status == 303 and entry(application).state == REFUSED
    assert len(state_mails(platform)) == mails


# --- access --------------------------------------------------------------------------------------
def test_nobody_but_the_offers_recruiter_gets_in(platform, stage):
    recruiter, offer, application = stage
    urls = [inbox_url(offer), page_url(offer, application), f"{page_url(offer, application)}/cv"]
    shown = move_form(recruiter, offer, application)
    before = entry(application)

    other = recruiter_client(platform, "rh@autre-entreprise.example")
    other_offer = publish(get_services(), user_id_of("rh@autre-entreprise.example"))
    theirs = apply(get_services(), user_id_of(CANDIDATE_EMAIL), other_offer)
    for url in urls:
        page = other.get(url)
        assert page.status == 404, url
        assert "Camille" not in page.text()
    # Their own offer's id with this application's id: not theirs either.
    assert other.get(f"{inbox_url(other_offer)}/{application.id}").status == 404
    csrf = move_form(other, other_offer, theirs)["csrf"]
    assert other.post(f"{page_url(offer, application)}/etat", {"version": shown["version"], "etat": REFUSED,
                                                               "motif": "x", "partage": "oui"}, csrf=csrf).status == 404
    assert other.post(f"{inbox_url(other_offer)}/{application.id}/etat", {"version": shown["version"],
                                                                          "etat": REFUSED}, csrf=csrf).status == 404

    # A candidate — even the one who applied — is stopped by the recruiters' guard, and changes nothing.
    candidate = recruiters_client(signed_in_client(platform, "curieux@example.fr", ip="198.51.100.30"))
    for url in urls:
        assert candidate.get(url).status == 403, url
    applicant = platform.client("198.51.100.20")
    assert sign_in(applicant, CANDIDATE_EMAIL).status == 303
    assert recruiters_client(applicant).get(page_url(offer, application)).status == 403
    assert entry(application) == before and len(log_lines(application)) == len(before.history)


def test_unknown_offers_and_applications_are_404(stage):
    recruiter, offer, application = stage
    assert recruiter.get("/recruteur/offres/999ZZZZ/candidatures").status == 404
    assert recruiter.get(f"/recruteur/offres/999ZZZZ/candidatures/{application.id}").status == 404
    assert recruiter.get("/recruteur/offres/..%2F/candidatures").status == 404
    assert recruiter.get(f"{inbox_url(offer)}/AAAAAAAAAAAAAAAA").status == 404
    assert recruiter.get(f"{inbox_url(offer)}/pas-un-id").status == 404
    assert recruiter.get(f"{inbox_url(offer)}/AAAAAAAAAAAAAAAA/cv").status == 404
