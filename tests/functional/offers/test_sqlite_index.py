"""SQLite engine specifics: the level-by-level fast path answers exactly as the general path."""

from __future__ import annotations

from espace.adapters.offers_sqlite import SqliteOfferIndex
from espace.offers.model import SearchQuery
from tests.functional.offers.test_index_contract import (
    CHARENTE_MARITIME,
    LA_ROCHELLE,
    NIORT,
    NOUVELLE_AQUITAINE,
    NOW,
    offer,
)


def both_paths(index, query, monkeypatch):
    """The answer of the fast path (when it takes the query) and of the general path."""
    from espace.adapters import offers_sqlite as sqlite_index

    fast = index.search(query)
    with monkeypatch.context() as patch:
        patch.setattr(sqlite_index, "_keywords_only", lambda db, query: None)
        general = index.search(query)
    return [(result.total_exact, result.total_close, result.facets,
             [(h.offer.id, h.relevance, h.score, h.group, h.distance_km) for h in result.hits])
            for result in (fast, general)]


def fast_path_answers(monkeypatch) -> list:
    """Record every answer of the fast path (None when it declines) from now on."""
    from espace.adapters import offers_sqlite as sqlite_index

    taken: list = []
    original = sqlite_index._keywords_only
    monkeypatch.setattr(sqlite_index, "_keywords_only",
                        lambda db, query: taken.append(original(db, query)) or taken[-1])
    return taken


def test_fast_path_equals_the_general_path(tmp_path, monkeypatch):
    taken = fast_path_answers(monkeypatch)
    index = SqliteOfferIndex(tmp_path / "offres.db")
    words = ["maçon", "permis", "nuit"]
    offers = []
    for number in range(3000):
        chosen = [w for bit, w in enumerate(words) if (number >> bit) & 1] or ["plombier"]
        offers.append(offer(f"{number:07d}", " ".join(chosen), days_ago=number % 50,
                            contract=("CDI", "CDD", "MIS")[number % 3], **({"place": NIORT} if number % 5 else {})))
    index.upsert(offers)
    filters = ({}, {"contract_types": ("CDD",)}, {"place": CHARENTE_MARITIME},
               {"place": LA_ROCHELLE, "distance_km": 30},
               {"contract_types": ("CDI", "MIS"), "place": CHARENTE_MARITIME},
               {"contract_types": ("MIS",), "place": NOUVELLE_AQUITAINE, "published_since_days": 20})
    searches = [dict(keywords=keywords, strict_keywords=strict) for keywords, strict in (
        (("maçon", "permis", "nuit"), False), (("maçon", "permis"), False), (("maçon",), False),
        (("maçon", "permis"), True), (("maçon", "nuit"), True), (("nuit", "plombier", "nuit"), False))]
    searches += [{}, {"sort": "date"}]  # filters only: one level, newest first
    for search in searches:
        for criteria in filters:
            # Pages inside the top level, across levels (375 offers match all three words), at the end.
            # A page of one offer in a dense level: each offer walked is asked of FTS alone.
            for offset, limit in ((0, 20), (20, 20), (140, 20), (370, 20), (1000, 20), (2990, 20), (0, 1), (3, 1)):
                query = SearchQuery(**search, offset=offset, limit=limit, facets=offset == 20, now=NOW, **criteria)
                fast, general = both_paths(index, query, monkeypatch)
                assert fast == general, query
    # The fast path answered the broad searches, filtered ones included (and declined the others).
    answered = [result for result in taken if result is not None]
    assert len(answered) >= 200 and any(hit.distance_km is not None for result in answered for hit in result.hits)


def test_occupation_levels_equal_the_general_path(tmp_path, monkeypatch):
    taken = fast_path_answers(monkeypatch)
    index = SqliteOfferIndex(tmp_path / "offres.db")
    codes = ("F1703", "F1608", "F1604", "F1605", "G1602")
    index.upsert(offer(f"{number:07d}", "Maçon", rome=codes[number % 5], days_ago=number % 40,
                       appellation="15010" if number % 7 == 0 else None, contract=("CDI", "CDD")[number % 2],
                       **({"place": NIORT} if number % 3 else {})) for number in range(2000))
    close = ("F1608", "F1605", "F1604", "F1703")  # F1703 is exact too: it stays tier 2
    searches = [dict(appellation="15010", rome_codes=("F1703",), close_rome_codes=close),
                dict(rome_codes=("F1703",), close_rome_codes=close), dict(domaine="F16"),
                dict(domaine="F16", close_rome_codes=("G1602",))]
    for search in searches:
        for criteria in ({}, {"contract_types": ("CDD",)}, {"place": LA_ROCHELLE, "distance_km": 30}):
            for offset in (0, 20, 60, 390, 700, 1590):
                query = SearchQuery(**search, **criteria, offset=offset, limit=20, facets=offset == 20, now=NOW)
                fast, general = both_paths(index, query, monkeypatch)
                assert fast == general, query
    assert sum(result is not None for result in taken) >= 70
