"""The applications' states: who may move what where, and a record's round trip."""

from __future__ import annotations

from decimal import Decimal

from espace.candidatures import model
from espace.candidatures.model import Application, CvUsed, Transition, can_move


def application(**changes) -> Application:
    values = dict(id="a" * 16, kind="site", offer_id="123ABCD", offer_title="Boulanger", company="Martin",
                  candidate_id="c1", cv=CvUsed("complet", "cv1", "Mon CV", "users/c1/candidatures/x/cv.pdf", "cv.pdf"),
                  message="Dix ans de fournil.", candidate_name="Jeanne Martin", candidate_email="j@example.org",
                  candidate_phone="0612345678", state=model.NEW, recruiter_id="r1")
    return Application(**{**values, **changes})


def test_only_the_recruiter_decides_and_only_the_candidate_withdraws():
    assert can_move(model.NEW, model.RECRUITER, model.INTERVIEW)
    assert not can_move(model.NEW, model.CANDIDATE, model.ACCEPTED)
    assert can_move(model.INTERVIEW, model.CANDIDATE, model.WITHDRAWN)
    assert not can_move(model.NEW, model.RECRUITER, model.WITHDRAWN)
    assert not can_move(model.INTERVIEW, model.RECRUITER, model.REVIEWING)  # no going back


def test_closed_states_go_nowhere():
    for state in model.FINAL | {model.SENT}:
        for actor in (model.CANDIDATE, model.RECRUITER, model.SYSTEM):
            assert not any(can_move(state, actor, to) for to in model.LABELS), (state, actor)


def test_an_unshared_reason_is_not_the_candidates_to_read():
    line = Transition(model.REFUSED, 1, model.RECRUITER, "r1", "Profil trop junior", reason_shared=False)
    assert line.for_candidate().reason == ""
    shared = Transition(model.REFUSED, 1, model.RECRUITER, "r1", "Poste pourvu en interne", reason_shared=True)
    assert shared.for_candidate().reason == "Poste pourvu en interne"


def test_a_record_reads_back_the_same_even_with_dynamodb_numbers():
    original = application(history=[Transition(model.NEW, 1_700_000_000, model.CANDIDATE, "c1")],
                           created_at=1_700_000_000, updated_at=1_700_000_000)
    item = original.to_item(*original.candidate_key())
    item = {**item, "created_at": Decimal(item["created_at"]), "updated_at": Decimal(item["updated_at"]),
            "history": [{**line, "at": Decimal(line["at"])} for line in item["history"]]}
    assert Application.from_item(item) == original
    assert original.candidate_key() == ("USER#c1", "APPLICATION#123ABCD")
    assert original.inbox_key() == ("USER#r1", f"INBOX#123ABCD#{'a' * 16}")


def test_a_closed_application_is_in_the_archive():
    assert not application().in_archive
    assert application(state=model.REFUSED).in_archive
    assert application(archived=True).in_archive
