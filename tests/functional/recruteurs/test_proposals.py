"""The propositions' desk under concurrency (threads, on both record profiles): the daily limit
holds against sends at the same instant, and a proposition is answered once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.functional.recruteurs.proposal_helpers import candidate_with_cv, recruiter, site_offer


def proposal_for(offer, recruiter_id, candidate_id, cv):
    from espace.recruteurs.proposals import Proposal, new_id

    return Proposal(id=new_id(), recruiter_id=recruiter_id, company="Boulangerie Martin", offer_id=offer.id,
                    offer_title=offer.title, candidate_id=candidate_id, cv_id=cv.id, cv_title=cv.display_title,
                    cv_mode="complet", message="Votre profil nous intéresse.")


# Threads on the embedded profile: SQLite's transactions are the real engine's; moto's DynamoDB
# does not make conditional writes atomic across threads (DynamoDB itself does).
pytestmark = pytest.mark.parametrize("platform", ["embedded"], indirect=True)


@pytest.fixture
def stage(platform, hiring):
    services = hiring.services
    _candidate, candidate_id, cv = candidate_with_cv(platform, services, "macon@example.org", "cv-macon-00001")
    _client, recruiter_id = recruiter(platform, "rh@entreprise.example")
    return services, recruiter_id, candidate_id, cv


def test_twenty_a_day_even_when_sent_at_the_same_instant(stage):
    from espace.recruteurs.proposals import MAX_PER_DAY, ProposalDesk, Sent

    services, recruiter_id, candidate_id, cv = stage
    offers = [site_offer(services, recruiter_id, f"Offre {n}") for n in range(MAX_PER_DAY + 6)]
    desk = ProposalDesk(services)
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(lambda o: desk.propose(proposal_for(o, recruiter_id, candidate_id, cv))[0], offers))
    assert outcomes.count(Sent.CREATED) == MAX_PER_DAY and outcomes.count(Sent.LIMIT) == 6
    assert len(desk.sent(recruiter_id)) == MAX_PER_DAY == len(desk.received(candidate_id))
    assert desk.sent_today(recruiter_id) == MAX_PER_DAY  # refused sends gave their place back


def test_the_same_offer_to_the_same_candidate_at_the_same_instant_is_one_proposition(stage):
    from espace.recruteurs.proposals import ProposalDesk, Sent

    services, recruiter_id, candidate_id, cv = stage
    offer = site_offer(services, recruiter_id)
    desk = ProposalDesk(services)
    proposals = [proposal_for(offer, recruiter_id, candidate_id, cv) for _ in range(6)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = [outcome for outcome, _p in pool.map(desk.propose, proposals)]
    assert outcomes.count(Sent.CREATED) == 1 and outcomes.count(Sent.TAKEN) == 5
    assert len(desk.received(candidate_id)) == 1 and desk.sent_today(recruiter_id) == 1


def test_accepting_and_declining_at_the_same_instant_answer_once(stage):
    from espace.candidatures.service import ApplicationDesk
    from espace.recruteurs.proposals import ProposalDesk

    services, recruiter_id, candidate_id, cv = stage
    offer = site_offer(services, recruiter_id)
    desk = ProposalDesk(services)
    _sent, proposal = desk.propose(proposal_for(offer, recruiter_id, candidate_id, cv))
    answers = [desk.accept, desk.decline, desk.accept, desk.decline]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda answer: answer(proposal).value, answers))
    assert outcomes.count("done") == 1 and outcomes.count("already") == 3
    stored = desk.get(candidate_id, proposal.id)
    inbox = ApplicationDesk(services).inbox(recruiter_id, offer.id)
    assert len(inbox) == (1 if stored.state == "acceptee" else 0)
