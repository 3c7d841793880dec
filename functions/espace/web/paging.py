"""One paging helper for every list, and what the pagination component needs to draw it.

Two kinds of lists:

- **Search results** (``offset_page``): the total is known, pages are numbered, and the
  page number travels in the URL (``?page=3``). A malformed number (``abc``, ``0``, ``²``,
  forty digits) means page 1; a number past the end shows the last page (a stale link after
  the results shrank), so no page number a user types can fail.
- **A user's own data** (``cursor_page``): read from the records port with continuation keys,
  so the total is unknown and pages are « Page précédente » / « Page suivante ». The URL
  carries the keys of the pages read so far (``?suite=K1.K2``: the current page starts after
  K2, page 3), so going back shows exactly the page seen before, without JavaScript, in any
  browser. An edited key is a clear 400.

Both return a ``Pagination``: the page number, the number of pages when known, the links
(URLs that keep the request's other parameters), and ``title_detail`` (« page 2 sur 8 »,
empty on page 1) for the page's ``<title>``. Draw it with
``theme/templates/components/pagination.html``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TypeVar
from urllib.parse import urlencode

from espace.ports import InvalidContinuationError, Item, RecordStore
from espace.web.errors import BadRequestError

PAGE_PARAM = "page"
TRAIL_PARAM = "suite"
# Continuation keys are base64url, so a dot cannot occur in one and separates them.
_TRAIL_SEPARATOR = "."
# A page number as a person or a link writes it; anything else is page 1. Nine digits at most:
# int() of a long string is slow, and no list has a billion pages.
_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}", re.ASCII)
_TRAIL = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*", re.ASCII)
# CloudFront refuses URLs over 8,192 bytes. With the short sort keys of a user's lists (~60
# characters a key) this remembers about 100 pages; past it the oldest keys are dropped and
# « Page précédente » goes back as far as the trail remembers, then to the first page.
MAX_TRAIL_CHARS = 6_000
# Numbered links around the current page (GOV.UK: the first, the last, the current one and
# one on each side, the other pages as an ellipsis).
_AROUND = 1
INVALID_TRAIL_MESSAGE = ("Ce lien vers une page de la liste n'est pas valide : il a peut-être été modifié ou "
                         "copié incomplètement. Revenez à la première page de la liste.")

T = TypeVar("T")
Link = Callable[..., str]
"""Builds the URL of the current page with some parameters changed: ``link(page="3")``; a
value of None removes the parameter."""


@dataclass(frozen=True)
class PageLink:
    """One entry of the numbered list: a page (``url`` None for the current one) or, when
    ``number`` is None, an ellipsis standing for the pages skipped there."""

    number: int | None
    url: str | None = None
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    number: int
    total_pages: int | None  # None: a cursor list, whose length is unknown
    previous_url: str | None = None
    previous_number: int | None = None
    next_url: str | None = None
    next_number: int | None = None
    links: tuple[PageLink, ...] = ()  # numbered links, for lists of known length
    total_items: int | None = None

    @property
    def paged(self) -> bool:
        """More than one page: draw the navigation."""
        return self.previous_url is not None or self.next_url is not None

    @property
    def position(self) -> str:
        """« page 2 sur 8 », or « page 2 » when the number of pages is unknown."""
        if self.total_pages is None:
            return f"page {self.number}"
        return f"page {self.number} sur {self.total_pages}"

    @property
    def title_detail(self) -> str:
        """What the ``<title>`` adds after the page's title: the position from page 2 on (page 1
        keeps the plain title, so the list's address and its first page are one page)."""
        return self.position if self.number > 1 else ""


def url_with(path: str, params: Mapping[str, str | Sequence[str] | None], **changes: str | int | None) -> str:
    """``path`` with the query ``params`` updated by ``changes``; empty values are left out."""
    merged: dict[str, str | Sequence[str] | int | None] = {**params, **changes}
    pairs: list[tuple[str, str]] = []
    for name, value in merged.items():
        if value is None or value == "":
            continue
        if isinstance(value, (list, tuple)):
            pairs += [(name, str(element)) for element in value]
        else:
            pairs.append((name, str(value)))
    return f"{path}?{urlencode(pairs)}" if pairs else path


def linker(path: str, params: Mapping[str, str | Sequence[str] | None]) -> Link:
    """The ``link`` of a page at ``path`` whose other parameters must be kept."""
    return partial(url_with, path, dict(params))


# -- search results: numbered pages -----------------------------------------------------------

def requested_page(raw: str | None) -> int:
    """The page number in a URL; anything but a plain positive number means page 1."""
    return int(raw) if raw and _PAGE_NUMBER.fullmatch(raw) else 1


def page_count(total: int, per_page: int) -> int:
    """Pages of ``total`` items; an empty list still has its (empty) page 1."""
    return max(1, math.ceil(total / per_page))


def offset_page(raw_page: str | None, *, per_page: int, fetch: Callable[[int, int], tuple[T, int]], link: Link,
                cap: int | None = None) -> tuple[T, Pagination]:
    """Fetch the page asked for by ``raw_page`` (the ``page`` parameter) and describe it.

    ``fetch(offset, limit)`` returns the page's results and the total number of matches;
    ``cap`` is the most results ever shown (the offer search shows the 150 most relevant), so
    the last page stops there. A page past the end shows the last page (one more fetch)."""
    if per_page < 1:
        raise ValueError("per_page must be positive")
    number = requested_page(raw_page)
    if cap is not None:
        number = min(number, page_count(cap, per_page))
    result, total = _fetch_page(fetch, number, per_page, cap)
    shown = total if cap is None else min(total, cap)
    pages = page_count(shown, per_page)
    if number > pages:
        number = pages
        result, total = _fetch_page(fetch, number, per_page, cap)
        shown = total if cap is None else min(total, cap)
        pages = page_count(shown, per_page)
        number = min(number, pages)  # the list shrank again in between: still a real page
    return result, numbered_pagination(number, pages, link, total_items=shown)


def _fetch_page(fetch: Callable[[int, int], tuple[T, int]], number: int, per_page: int,
                cap: int | None) -> tuple[T, int]:
    offset = (number - 1) * per_page
    limit = per_page if cap is None else max(0, min(per_page, cap - offset))
    return fetch(offset, limit)


def numbered_pagination(number: int, pages: int, link: Link, *, total_items: int | None = None) -> Pagination:
    """Page ``number`` of ``pages``, with the numbered links and their ellipses."""
    if not 1 <= number <= pages:
        raise ValueError(f"page {number} is not between 1 and {pages}")

    def url(page: int) -> str:
        # Page 1 is the list's own address, without a page parameter.
        return link(**{PAGE_PARAM: page if page > 1 else None})

    shown = sorted({1, pages, *range(max(1, number - _AROUND), min(pages, number + _AROUND) + 1)})
    links: list[PageLink] = []
    previous = 0
    for page in shown:
        if page - previous == 2 and previous:
            links.append(PageLink(page - 1, url(page - 1)))  # an ellipsis would hide just one page
        elif page - previous > 2 and previous:
            links.append(PageLink(None))
        links.append(PageLink(page, None if page == number else url(page), current=page == number))
        previous = page
    return Pagination(
        number=number, total_pages=pages, links=tuple(links), total_items=total_items,
        previous_url=url(number - 1) if number > 1 else None, previous_number=number - 1 if number > 1 else None,
        next_url=url(number + 1) if number < pages else None, next_number=number + 1 if number < pages else None,
    )


# -- a user's data: continuation keys ---------------------------------------------------------

def cursor_page(records: RecordStore, pk: str, sk_prefix: str = "", *, limit: int, raw_trail: str | None,
                link: Link, raw_page: str | None = None, descending: bool = False) -> tuple[list[Item], Pagination]:
    """One page of ``records.query_page(pk, sk_prefix)`` as asked for by the ``suite``
    parameter (``raw_trail``), and its « Page précédente » / « Page suivante » links.

    ``raw_page`` (the ``page`` parameter) only matters once the trail has been shortened
    (very long lists): it then keeps the page number right. A page left empty by deletions
    shows the first page instead. An edited trail is a BadRequestError (400)."""
    trail = _parse_trail(raw_trail)
    number = len(trail) + 1
    if trail:
        # A trail that lost its oldest keys says how many pages came before it.
        number = max(number, requested_page(raw_page))
    try:
        page = records.query_page(pk, sk_prefix, limit=limit, descending=descending,
                                  after=trail[-1] if trail else None)
    except InvalidContinuationError as error:
        raise BadRequestError(INVALID_TRAIL_MESSAGE, title="Lien incorrect") from error
    if trail and not page.items:
        # Everything after this point was deleted since the link was made.
        trail, number = [], 1
        page = records.query_page(pk, sk_prefix, limit=limit, descending=descending)

    def url(keys: list[str], page_number: int) -> str:
        joined = _TRAIL_SEPARATOR.join(keys)
        # A shortened trail (or one about to be) carries its page number along.
        explicit = page_number if keys and page_number != len(keys) + 1 else None
        return link(**{TRAIL_PARAM: joined or None, PAGE_PARAM: explicit})

    previous_url = previous_number = None
    if number > 1:
        previous_keys = trail[:-1]
        # Past the oldest key remembered, back to the first page.
        previous_number = number - 1 if previous_keys or number == 2 else 1
        previous_url = url(previous_keys, previous_number)
    next_url = next_number = None
    if page.next_key is not None:
        next_keys = [*trail, page.next_key]
        while len(_TRAIL_SEPARATOR.join(next_keys)) > MAX_TRAIL_CHARS and len(next_keys) > 1:
            next_keys.pop(0)
        next_number = number + 1
        next_url = url(next_keys, next_number)
    return page.items, Pagination(number=number, total_pages=None, previous_url=previous_url,
                                  previous_number=previous_number, next_url=next_url, next_number=next_number)


def _parse_trail(raw: str | None) -> list[str]:
    if not raw:
        return []
    if len(raw) > MAX_TRAIL_CHARS or not _TRAIL.fullmatch(raw):
        raise BadRequestError(INVALID_TRAIL_MESSAGE, title="Lien incorrect")
    return raw.split(_TRAIL_SEPARATOR)
