"""What the offer routes need, built once per process: the index and the referentials."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from espace.settings import get_settings


@lru_cache(maxsize=1)
def offer_index():
    from espace.offers.engines import offer_index_from_url

    return offer_index_from_url(get_settings().search_url)


@lru_cache(maxsize=1)
def rome():
    from espace.rome import load_referential

    return load_referential(Path(get_settings().data_dir) / "rome", light=True)


@lru_cache(maxsize=1)
def places():
    from espace.geo import Places

    return Places.load(Path(get_settings().data_dir) / "communes")


def clear_caches() -> None:
    for cached in (offer_index, rome, places):
        cached.cache_clear()
