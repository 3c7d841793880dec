"""The agency index's backfill (``python -m espace.dossier agency-index``) on both profiles: the
dossiers opened before the index get their entry under the agency that follows them now, an entry
already there is kept as it is, a request not validated indexes nothing, and a rerun writes nothing."""

from __future__ import annotations

from espace.bootstrap import get_services
from espace.dossier import agency_index
from espace.dossier.__main__ import main
from espace.dossier.index_backfill import backfill
from tests.functional.accounts.helpers import user_id_of
from tests.functional.dossier.helpers import validated_candidate
from tests.functional.inscription.helpers import sent_request


def _unindexed(platform, email: str, ip: str, *, moved_to: str = ""):
    """A dossier as opened before the index: its entry removed (and, when ``moved_to``, its agency
    changed as an old re-registration did)."""
    _client, _registration, dossier, _letter = validated_candidate(platform, email, ip=ip)
    records = get_services().records
    records.transact([agency_index.forget(dossier.agency_id, dossier.identifier)])
    if moved_to:
        item = records.get(f"USER#{dossier.user_id}", "DDE")
        assert item is not None
        records.put({**item, "agency_id": moved_to})
    return dossier


def test_the_backfill_indexes_the_old_dossiers_once(platform, capsys):
    records = get_services().records
    old = _unindexed(platform, "index-ancien@example.fr", "198.51.100.70")
    moved = _unindexed(platform, "index-demenage@example.fr", "198.51.100.71", moved_to="44")
    _client, _registration, recent, _letter = validated_candidate(platform, "index-recent@example.fr",
                                                                  ip="198.51.100.72")
    records.put({**agency_index.entry("17", recent.identifier, recent.user_id, "Nom Choisi").item})
    sent_request(platform, "index-en-attente@example.fr", ip="198.51.100.73")  # not validated: no dossier
    assert agency_index.get(records, "17", old.identifier) is None

    assert main(["agency-index"]) == 0
    out = capsys.readouterr().out
    assert "entrées écrites / entries written: 2" in out and "déjà présentes / already present: 1" in out
    entry = agency_index.get(records, "17", old.identifier)
    assert entry is not None and entry["user_id"] == user_id_of("index-ancien@example.fr")
    assert entry["name"] == "Camille DURAND" and entry["folded"] == "camille durand"
    assert agency_index.get(records, "44", moved.identifier) is not None
    assert agency_index.get(records, "17", moved.identifier) is None
    assert agency_index.get(records, "17", recent.identifier)["name"] == "Nom Choisi"  # type: ignore[index]
    assert [e["identifier"] for e in agency_index.search(records, "17", "durand")[0]] == [old.identifier]

    again = backfill(get_services())
    assert (again.written, again.present, again.candidates, again.failures) == (0, 3, 3, [])


def test_the_counsellors_search_finds_a_backfilled_dossier(platform):
    from tests.functional.inscription.helpers import counsellor_client

    old = _unindexed(platform, "index-recherche@example.fr", "198.51.100.74")
    counsellor = counsellor_client(platform, "conseil-index@example.fr", ip="198.51.100.75")
    before = counsellor.get("/conseiller/candidats?recherche=durand")
    assert not before.html.xpath(f'//a[@href="/conseiller/candidats/{old.identifier}"]')
    assert backfill(get_services()).written == 1
    after = counsellor.get("/conseiller/candidats?recherche=durand")
    assert after.html.xpath(f'//a[@href="/conseiller/candidats/{old.identifier}"]')
