"""What the tests of étape 0 and of the publication share: a signed-in candidate with a draft CV
(created through CvBook, as « Mes CV » creates it), on a test's own offer index of sample offers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.caches import clear_process_caches
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.offers.conftest import sample_offers

SAMPLE_OFFERS = 6


@dataclass
class Candidate:
    client: object
    email: str
    user_id: str
    cv_id: str

    def url(self, sub: str = "", cv_id: str | None = None) -> str:
        return f"/mon-espace/cv/{cv_id or self.cv_id}" + (f"/{sub}" if sub else "")

    def book(self):
        from espace.bootstrap import get_services
        from espace.cv.service import CvBook

        return CvBook(get_services(), self.user_id)

    def cv(self, cv_id: str | None = None):
        return self.book().get(cv_id or self.cv_id)

    def new_cv(self) -> str:
        from espace.cv.service import Created, new_id

        cv_id = new_id()
        assert self.book().create(cv_id) is Created.CREATED
        return cv_id


def offer_index(tmp_path, monkeypatch):
    """The accounts function reading an offer index of a few real sample offers."""
    monkeypatch.setenv("ESPACE_SEARCH_URL", f"sqlite:///{tmp_path}/offres.db")
    clear_process_caches()
    from espace.bootstrap import get_services
    from espace.offers.schema import validate_offer

    services = get_services()
    chosen = [validate_offer(raw, services.rome, services.places) for raw in sample_offers()[:SAMPLE_OFFERS]]
    services.offers.upsert(chosen)
    return chosen


def make_candidate(platform, email: str) -> Candidate:
    client = signed_in_client(platform, email)
    user_id = user_id_of(email)
    candidate = Candidate(client, email, user_id, "")
    candidate.cv_id = candidate.new_cv()
    return candidate


@pytest.fixture
def offers(platform, tmp_path, monkeypatch):
    return offer_index(tmp_path, monkeypatch)


@pytest.fixture
def candidate(platform, offers) -> Candidate:
    return make_candidate(platform, "cible@example.org")


def choose_job(candidate: Candidate, **fields):
    return candidate.client.post(candidate.url("cible/metier"), fields)


def complete_target(candidate: Candidate, rome: str = "H2913", place: str = "Lorient", contracts=("MIS",),
                    times=("plein",)) -> None:
    """Étape 0 through its forms: a ROME code, one place, contract types and working time."""
    client = candidate.client
    assert choose_job(candidate, code_rome=rome).status == 303
    assert client.post(candidate.url("cible/lieux"), {"lieu": place}).status == 303
    assert client.post(candidate.url("cible/contrats"), {"contrats": list(contracts),
                                                         "durees": list(times)}).status == 303
