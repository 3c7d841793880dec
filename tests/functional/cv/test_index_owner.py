"""``CvIndex.owner``, on both engines: the account of a CV in the bank, nothing for one that is
not (never put, removed, or its account's CVs taken out). Recruiters reach a CV only through it."""

from __future__ import annotations

from tests.functional.cv.test_index_contract import cv, index  # noqa: F401  (index: a fixture)


def test_owner_of_a_cv_in_the_bank_and_of_one_that_is_not(index):  # noqa: F811
    index.put(cv("cv-a", user="u1"))
    index.put(cv("cv-b", user="u2"))
    assert index.owner("cv-a") == "u1" and index.owner("cv-b") == "u2"
    assert index.owner("cv-inconnu") is None
    index.remove("cv-a")
    assert index.owner("cv-a") is None and index.owner("cv-b") == "u2"
    index.remove_user("u2")
    assert index.owner("cv-b") is None
