"""What the offer routes read from the composition root (espace.bootstrap): the index and the
referentials, built once per process there. Functions, so a route asks at request time and a
test's ``bootstrap.reset()`` is seen by the next request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from espace.bootstrap import get_services

if TYPE_CHECKING:
    from espace.offers.model import OfferIndex
    from espace.places.referential import Places
    from espace.rome import Referential


def offer_index() -> OfferIndex:
    return get_services().offers


def rome() -> Referential:
    return get_services().rome


def places() -> Places:
    return get_services().places
