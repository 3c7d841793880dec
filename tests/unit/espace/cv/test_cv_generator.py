"""The seeded CV generator (tests/cv_generator.py): deterministic, and what it makes is what the
CV bank accepts — a real métier, places of the referential, records DynamoDB can store."""

from __future__ import annotations

import dataclasses

from espace.contract_types import LABELS
from espace.cv.model import LANGUAGE_LEVELS, LANGUAGES, LICENCES, Cv
from tests.cv_generator import documents, generate, places, referential


def test_same_seed_same_cvs_other_seed_others():
    assert list(generate(30, seed=4)) == list(generate(30, seed=4))
    assert documents(30, seed=4) == documents(30, seed=4)
    assert [cv.target.appellation_code for _, cv in generate(30, seed=4)] != [
        cv.target.appellation_code for _, cv in generate(30, seed=5)]


def test_cvs_are_real_and_publishable():
    rome, where = referential(), places()
    levels, languages, licences = dict(LANGUAGE_LEVELS), dict(LANGUAGES), dict(LICENCES)
    cvs = list(generate(300, seed=9))
    assert len({cv.id for _, cv in cvs}) == 300
    assert 200 < len({user for user, _ in cvs}) < 300  # some accounts have two
    for _user, cv in cvs:
        assert cv.indexable and cv.target.complete
        appellation = rome.appellations[cv.target.appellation_code]
        assert appellation.rome_code == cv.target.rome_code and cv.target.appellation_label == appellation.label
        skills = {item.label for item in rome.fiches[cv.target.rome_code].items["savoir_faire"]}
        assert set(cv.target.skills) <= skills
        for wanted in cv.target.places:
            lookup = {"commune": where.commune, "departement": where.departement, "region": where.region}
            assert lookup[wanted.kind](wanted.code).label == wanted.label
        assert set(cv.target.contracts) <= set(LABELS) and cv.target.contracts
        assert all(lang.code in languages and lang.level in levels for lang in cv.languages)
        assert set(cv.licences) <= set(licences)
        for experience in cv.experiences:
            assert experience.start <= (experience.end or "9999") and experience.description.endswith(".")
        assert 1 <= len(cv.trainings) <= 3
        # What the records store: no float anywhere (DynamoDB), and read back the same.
        item = cv.to_item("u")
        assert not any(isinstance(v, float) for v in _leaves(item))
        assert Cv.from_item(item) == dataclasses.replace(cv)


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_documents_mix_complete_and_express_without_contact_data():
    docs = documents(1000, seed=3)
    express = [d for d in docs if d.mode == "express"]
    assert 60 < len(express) < 140
    assert all(not d.places and not d.rome_code and d.text for d in express)
    complete = [d for d in docs if d.mode == "complet"]
    assert all(d.places and d.rome_code and d.experience_months >= 0 for d in complete)
    assert any(p.kind == "departement" for d in complete for p in d.places)
    assert any(p.kind == "region" for d in complete for p in d.places)
    assert all(p.latitude is not None for d in complete for p in d.places if p.kind == "commune")
    assert not any("@" in d.text for d in docs)
