"""The applications' desk itself, on both record profiles: one application per candidate and offer
even under threads, a second move decided on the same state refused, transitions outside the
table refused, a mailed application still, the candidate told of the recruiter's moves only."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from espace.candidatures.model import (
    ACCEPTED,
    CANDIDATE,
    INTERVIEW,
    NEW,
    OFFER_FILLED,
    RECRUITER,
    REFUSED,
    REVIEWING,
    SYSTEM,
    WITHDRAWN,
)
from tests.functional.candidatures.helpers import submitted

CANDIDATE_ID, RECRUITER_ID, OFFER = "c" * 32, "r" * 32, "912ABCD"


@pytest.fixture
def services(platform):
    from espace.bootstrap import get_services

    services = get_services()
    services.records.put({"pk": f"USER#{CANDIDATE_ID}", "sk": "PROFILE", "email": "desk@example.fr"})
    return services


def desk(services):
    from espace.candidatures.service import ApplicationDesk

    return ApplicationDesk(services)


def test_submit_writes_both_copies_the_log_and_the_retention_key_once(services):
    from espace.candidatures.service import Submitted, retention_day

    outcome, application = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)
    assert outcome is Submitted.CREATED and application.state == NEW
    again, stored = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)
    assert again is Submitted.ALREADY and stored.id == application.id
    assert [a.id for a in desk(services).inbox(RECRUITER_ID, OFFER)] == [application.id]
    assert len(services.records.query(f"USER#{RECRUITER_ID}", f"INBOX-LOG#{OFFER}#")) == 1
    assert services.records.get(f"RETENTION#{retention_day(application.updated_at)}", f"{CANDIDATE_ID}#{OFFER}")
    assert services.files.list(f"users/{CANDIDATE_ID}/candidatures/") == [application.cv.file_key]


@pytest.mark.parametrize("platform", ["embedded"], indirect=True)
def test_concurrent_submissions_make_one_application(services):
    """Eight threads, each with its own application id (eight tabs), on SQLite at once."""
    from espace.candidatures.service import Submitted

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID),
                                range(8)))
    created = [a for outcome, a in results if outcome is Submitted.CREATED]
    assert len(created) == 1
    assert {a.id for _, a in results} == {created[0].id}  # every request leads to the one stored
    assert len(desk(services).of_candidate(CANDIDATE_ID)) == 1
    assert len(desk(services).inbox(RECRUITER_ID, OFFER)) == 1
    assert services.files.list(f"users/{CANDIDATE_ID}/candidatures/") == [created[0].cv.file_key]


def test_two_moves_decided_on_the_same_state_the_second_conflicts(services):
    from espace.candidatures.service import ConflictError

    _, application = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)
    desk(services).move(application, REVIEWING, RECRUITER, RECRUITER_ID)
    with pytest.raises(ConflictError):
        desk(services).move(application, WITHDRAWN, CANDIDATE, CANDIDATE_ID)  # read before the recruiter's move
    stored = desk(services).get(CANDIDATE_ID, OFFER)
    assert stored.state == REVIEWING and [t.state for t in stored.history] == [NEW, REVIEWING]
    assert desk(services).inbox_entry(RECRUITER_ID, OFFER, application.id).state == REVIEWING


@pytest.mark.parametrize("platform", ["embedded"], indirect=True)
def test_concurrent_moves_one_wins(services):
    from espace.candidatures.service import ConflictError

    _, application = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)

    def move(to):
        try:
            return desk(services).move(application, to, RECRUITER, RECRUITER_ID, notify=False).state
        except ConflictError:
            return "conflit"

    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(move, [REVIEWING, INTERVIEW, ACCEPTED, REFUSED, REVIEWING, INTERVIEW]))
    assert outcomes.count("conflit") == 5
    stored = desk(services).get(CANDIDATE_ID, OFFER)
    assert len(stored.history) == 2 and stored.state in outcomes
    assert len(services.records.query(f"USER#{RECRUITER_ID}", f"INBOX-LOG#{OFFER}#")) == 2


def test_transitions_outside_the_table_are_refused(services):
    from espace.candidatures.service import TransitionError

    _, application = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)
    for to, actor in ((ACCEPTED, CANDIDATE), (WITHDRAWN, RECRUITER), (OFFER_FILLED, RECRUITER), (NEW, RECRUITER),
                      (REFUSED, SYSTEM)):
        with pytest.raises(TransitionError):
            desk(services).move(application, to, actor)
    refused = desk(services).move(application, REFUSED, RECRUITER, RECRUITER_ID, reason="Non", reason_shared=False)
    for to, actor in ((ACCEPTED, RECRUITER), (WITHDRAWN, CANDIDATE), (OFFER_FILLED, SYSTEM)):
        with pytest.raises(TransitionError):
            desk(services).move(refused, to, actor)
    assert desk(services).withdraw(CANDIDATE_ID, OFFER) is None  # a closed one cannot be withdrawn
    assert desk(services).get(CANDIDATE_ID, OFFER).state == REFUSED


def test_a_mailed_application_stays_sent(services):
    from espace.candidatures.service import TransitionError

    _, application = submitted(services, CANDIDATE_ID, OFFER, kind="courriel")
    assert application.state == "envoyee" and desk(services).inbox(RECRUITER_ID, OFFER) == []
    assert desk(services).withdraw(CANDIDATE_ID, OFFER) is None
    with pytest.raises(TransitionError):
        desk(services).move(application, REVIEWING, RECRUITER)


def test_the_candidate_is_told_of_others_moves_not_their_own(services, platform):
    _, application = submitted(services, CANDIDATE_ID, OFFER, recruiter_id=RECRUITER_ID)
    moved = desk(services).move(application, REFUSED, RECRUITER, RECRUITER_ID, reason="Motif interne")
    assert moved.history[-1].for_candidate().reason == ""  # not shared
    [(_, subject, text)] = platform.mails_to("desk@example.fr")
    assert "Refusée" in subject and "Motif interne" not in text
    assert [m["kind"] for m in services.records.query(f"USER#{CANDIDATE_ID}", "MSG#")] == ["candidature"]
    submitted(services, CANDIDATE_ID, "913ABCD", recruiter_id=RECRUITER_ID)
    desk(services).withdraw(CANDIDATE_ID, "913ABCD")
    assert len(platform.mails_to("desk@example.fr")) == 1  # their own withdrawal is no news to them
