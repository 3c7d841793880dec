"""SQLite engine specifics: the keywords-only fast path answers exactly as the general path."""

from __future__ import annotations

import dataclasses

from espace.adapters.offers_sqlite import SqliteOfferIndex
from espace.offers.model import SearchQuery
from tests.functional.offers.test_index_contract import NOW, offer


def test_fast_path_equals_the_general_path(tmp_path, monkeypatch):
    from espace.adapters import offers_sqlite as sqlite_index

    taken = []
    original = sqlite_index._keywords_only
    monkeypatch.setattr(sqlite_index, "_keywords_only",
                        lambda db, query: taken.append(original(db, query)) or taken[-1])
    index = SqliteOfferIndex(tmp_path / "offres.db")
    words = ["maçon", "permis", "nuit"]
    offers = []
    for number in range(3000):
        chosen = [w for bit, w in enumerate(words) if (number >> bit) & 1] or ["plombier"]
        offers.append(offer(f"{number:07d}", " ".join(chosen), days_ago=number % 50))
    index.upsert(offers)
    for keywords, strict in ((("maçon", "permis", "nuit"), False), (("maçon", "permis"), False),
                             (("maçon",), False), (("maçon", "permis"), True), (("maçon", "nuit"), True)):
        for offset in (0, 20, 140):
            fast = index.search(SearchQuery(keywords=keywords, strict_keywords=strict, offset=offset, limit=20,
                                            facets=False, now=NOW))
            general = index.search(dataclasses.replace(
                SearchQuery(keywords=keywords, strict_keywords=strict, offset=offset, limit=20, now=NOW),
                facets=True))
            assert [h.offer.id for h in fast.hits] == [h.offer.id for h in general.hits], (keywords, offset)
            assert (fast.total_exact, fast.total_close) == (general.total_exact, general.total_close)
            assert [h.relevance for h in fast.hits] == [h.relevance for h in general.hits]
            assert [h.score for h in fast.hits] == [h.score for h in general.hits]
    # The fast path answered the broad searches (and declined the others).
    assert sum(result is not None for result in taken) >= 9
