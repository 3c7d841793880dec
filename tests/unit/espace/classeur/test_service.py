"""The classeur's rules on its records: one entry per offer, the maximum, newest first, pruning."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.classeur import service
from espace.classeur.routes import gone_notice
from espace.classeur.service import Classeur, ClasseurFullError, Entry


@dataclass(frozen=True)
class FakeOffer:
    id: str
    title: str
    place_label: str = "17 - LA ROCHELLE"


class FakeIndex:
    """get/get_many over a dict: what the classeur reads of the offer index."""

    def __init__(self, offers):
        self.offers = {offer.id: offer for offer in offers}
        self.get_many_calls = 0

    def get(self, offer_id):
        return self.offers.get(offer_id)

    def get_many(self, ids):
        self.get_many_calls += 1
        return {i: self.offers[i] for i in ids if i in self.offers}


class Clock:
    def __init__(self):
        self.now = 1_700_000_000

    def __call__(self):
        self.now += 60
        return self.now


@pytest.fixture
def shelf(tmp_path):
    offers = [FakeOffer(f"{n:07d}", f"Offre {n}") for n in range(1, 6)]
    index = FakeIndex(offers)
    return Classeur(SqliteRecordStore(tmp_path / "app.db"), index, clock=Clock()), index, offers


def test_adding_twice_is_one_entry(shelf):
    classeur, _, offers = shelf
    assert classeur.add("u1", offers[0], "CDI") is True
    assert classeur.add("u1", offers[0], "CDI") is False
    assert [e.offer_id for e in classeur.entries("u1")] == [offers[0].id]
    assert classeur.entries("u2") == []


def test_newest_first(shelf):
    classeur, _, offers = shelf
    for offer in (offers[2], offers[0], offers[1]):
        classeur.add("u1", offer, "CDD")
    assert [e.offer_id for e in classeur.entries("u1")] == [offers[1].id, offers[0].id, offers[2].id]
    assert classeur.entries("u1")[0].contract == "CDD"


def test_full_at_the_maximum(shelf, monkeypatch):
    classeur, _, offers = shelf
    monkeypatch.setattr(service, "MAX_OFFERS", 2)
    classeur.add("u1", offers[0], "CDI")
    classeur.add("u1", offers[1], "CDI")
    with pytest.raises(ClasseurFullError):
        classeur.add("u1", offers[2], "CDI")
    assert classeur.add("u1", offers[1], "CDI") is False  # one already there is no error when full


def test_remove_only_what_is_there(shelf):
    classeur, _, offers = shelf
    classeur.add("u1", offers[0], "CDI")
    assert classeur.remove("u2", offers[0].id) is None
    assert classeur.remove("u1", offers[0].id).title == "Offre 1"
    assert classeur.remove("u1", offers[0].id) is None


def test_prune_removes_the_offers_gone_from_the_index_once(shelf):
    classeur, index, offers = shelf
    for offer in offers[:3]:
        classeur.add("u1", offer, "CDI")
    del index.offers[offers[0].id], index.offers[offers[2].id]
    gone = classeur.prune("u1")
    assert sorted(e.offer_id for e in gone) == [offers[0].id, offers[2].id]
    assert index.get_many_calls == 1  # one read of the index, not one per offer
    assert [e.offer_id for e in classeur.entries("u1")] == [offers[1].id]
    assert classeur.prune("u1") == []


def test_gone_notice_singular_and_plural():
    one = [Entry("0000001", "Vendeur", "", "", 0)]
    assert gone_notice(one) == "1 offre de votre classeur a été pourvue ou retirée par le recruteur : Vendeur."
    two = [*one, Entry("0000002", "Cuisinier", "", "", 0)]
    assert gone_notice(two).startswith("2 offres de votre classeur ont été pourvues ou retirées par le recruteur : ")
    assert "Vendeur ; Cuisinier" in gone_notice(two)
