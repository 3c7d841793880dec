"""The hiring stage itself: both indexes on the profile's engine, the sample offers in."""

from __future__ import annotations

from tests.functional.hiring import MAIL_CONTACT


def test_the_stage_has_offers_and_an_empty_cv_bank(hiring):
    from espace.cv.index import CvQuery

    assert len(hiring.offer_ids) == 8
    assert hiring.offer(hiring.offer_ids[0]) is not None
    assert hiring.offer(hiring.mail_offer_id).raw["contact"]["courriel"] == MAIL_CONTACT
    assert "urlPostulation" in hiring.offer(hiring.link_offer_id).raw["contact"]
    assert hiring.services.cv_index.search(CvQuery()).total == 0
