"""The CV bank's index (the port): what recruiters search, with two engines behind it.

- SQLite (``espace.adapters.cv_sqlite``): FTS5 for the words, the places checked in Python.
- OpenSearch (``espace.adapters.cv_opensearch``): one index on the real node.

One contract suite (tests/functional/cv/test_index_contract.py) runs on both. The index holds
published CVs only (online, with the candidate's consent) and **no contact data**: no name,
address, e-mail or phone (``espace.cv.indexing`` builds the documents and strips e-mail
addresses and phone numbers from the text, an attached file's included). Suspending, deleting,
or withdrawing consent removes the CV at once (``espace.cv.service``).

The place rule, on both engines: a CV matches the recruiter's place when one of its wanted
places covers it. Around a commune: a wanted commune within ``distance_km`` (the haversine of
``espace.places``; the commune itself at distance 0), or a wanted département or région holding
that commune. A département: a wanted commune in it, that département, or its région. A région:
any wanted place in it. Around a commune, the nearest wanted commune comes first (CVs without
one after them), then the most recently updated. An express CV has no place: a search with one
never finds it (seed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from espace.places import Place

MAX_PER_PAGE = 50
MAX_KEYWORD_WORDS = 20  # words of a search's keywords that count: a pasted text stays one cheap query
MAX_WINDOW = 10_000  # CVs a search pages through: a page beyond it is empty (its total stays exact)


@dataclass(frozen=True)
class IndexedPlace:
    """A place the candidate wants to work in, resolved from the referential: a commune carries
    its coordinates (distances), a département or a région its code."""

    kind: str  # "commune" | "departement" | "region"
    code: str
    label: str
    latitude: float | None = None
    longitude: float | None = None
    departement: str | None = None
    region: str | None = None


@dataclass(frozen=True)
class CvDocument:
    cv_id: str
    user_id: str  # to remove an account's CVs, and for the recruiter's proposals (never shown)
    mode: str  # "complet" | "express"
    title: str
    appellation_code: str = ""
    appellation_label: str = ""
    rome_code: str = ""
    places: tuple[IndexedPlace, ...] = ()
    contracts: tuple[str, ...] = ()
    working_times: tuple[str, ...] = ()
    experience_months: int = 0
    languages: tuple[tuple[str, str], ...] = ()  # (code, level)
    licences: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    text: str = ""  # every word of the CV, an attached file's text included: searched, never returned
    updated_at: int = 0  # epoch seconds


@dataclass(frozen=True)
class CvQuery:
    rome_codes: tuple[str, ...] = ()
    appellation_code: str = ""
    place: Place | None = None  # the recruiter's place: a commune (with a distance), a département, a région
    distance_km: int = 30
    contracts: tuple[str, ...] = ()  # any of them
    min_experience_months: int = 0
    languages: tuple[str, ...] = ()  # every one of them
    licences: tuple[str, ...] = ()  # every one of them
    keywords: str = ""  # every word (the first MAX_KEYWORD_WORDS), in any part of the CV
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class CvHit:
    cv_id: str
    user_id: str
    mode: str
    title: str
    appellation_label: str
    rome_code: str
    places: tuple[str, ...]  # labels
    contracts: tuple[str, ...]
    experience_months: int
    updated_at: int
    distance_km: float | None = None  # to the nearest wanted commune, for a search around a commune


@dataclass(frozen=True)
class CvResults:
    total: int
    hits: list[CvHit] = field(default_factory=list)


class CvIndex(Protocol):
    def put(self, document: CvDocument) -> None:
        """Add or replace the CV ``document.cv_id``."""
        ...

    def remove(self, cv_id: str) -> None:
        """Take the CV out; removing an absent CV is not an error."""
        ...

    def remove_user(self, user_id: str) -> int:
        """Take out every CV of an account; return how many were there."""
        ...

    def search(self, query: CvQuery) -> CvResults:
        """The published CVs matching every criterion, most recently updated first (nearest
        first for a search around a commune), one page of them."""
        ...

    def owner(self, cv_id: str) -> str | None:
        """The account whose CV ``cv_id`` is in the bank, None when it is not there (a CV never
        published, suspended, withdrawn or deleted): recruiters reach a CV only through it."""
        ...

    def count(self) -> int: ...

    def drop(self) -> None:
        """Delete the whole index (tests, rebuilds)."""
        ...
