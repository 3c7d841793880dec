"""The paging helper: numbered pages for search results, continuation keys for a user's data.

Cursor lists run on the real SQLite adapter (a file, no socket); the contract tests of
tests/functional/ports prove DynamoDB pages the same way."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.web import paging
from espace.web.errors import BadRequestError
from espace.web.paging import PageLink, cursor_page, linker, numbered_pagination, offset_page, requested_page

LIST = linker("/offres/recherche", {"motsCles": "maçon", "typeContrat": ["CDI", "CDD"], "page": "4", "tri": ""})


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def drawn(pagination) -> str:
    """The numbered links as a reader sees them: "1 … [4] 5 … 9" (brackets: the current page)."""
    return " ".join("…" if link.number is None else f"[{link.number}]" if link.current else str(link.number)
                    for link in pagination.links)


# -- numbered pages -----------------------------------------------------------------------

@pytest.mark.parametrize("raw, number", [
    ("3", 3), ("1", 1), ("120", 120), (None, 1), ("", 1), ("0", 1), ("-2", 1), ("+2", 1), ("abc", 1), ("2.5", 1),
    (" 2", 1), ("2 ", 1), ("03", 1), ("²", 1), ("٣", 1), ("9" * 10, 1), ("9" * 5000, 1), ("2\x00", 1),
])
def test_a_page_number_a_user_types_never_fails(raw, number):
    assert requested_page(raw) == number


@pytest.mark.parametrize("number, pages, expected", [
    (1, 1, "[1]"),
    (1, 2, "[1] 2"),
    (3, 5, "1 2 [3] 4 5"),
    (1, 8, "[1] 2 … 8"),
    (2, 8, "1 [2] 3 … 8"),
    (4, 8, "1 2 3 [4] 5 … 8"),  # 1 … 3 would hide one page: it is shown instead
    (5, 10, "1 … 4 [5] 6 … 10"),
    (8, 8, "1 … 7 [8]"),
    (15, 15, "1 … 14 [15]"),
])
def test_numbered_links_show_the_ends_and_the_neighbours(number, pages, expected):
    pagination = numbered_pagination(number, pages, LIST)
    assert drawn(pagination) == expected
    assert pagination.paged == (pages > 1)
    for link in pagination.links:
        assert (link.url is None) == (link.number is None or link.current)


def test_links_keep_the_other_parameters_and_page_1_is_the_list_itself():
    pagination = numbered_pagination(2, 8, LIST)
    assert pagination.previous_url == "/offres/recherche?motsCles=ma%C3%A7on&typeContrat=CDI&typeContrat=CDD"
    assert query_of(pagination.next_url) == {"motsCles": ["maçon"], "typeContrat": ["CDI", "CDD"], "page": ["3"]}
    assert query_of(pagination.links[-1].url)["page"] == ["8"]
    assert (pagination.previous_number, pagination.next_number) == (1, 3)
    last = numbered_pagination(8, 8, LIST)
    assert last.next_url is None and last.previous_url.endswith("page=7")
    first = numbered_pagination(1, 8, LIST)
    assert first.previous_url is None and first.links[0] == PageLink(1, None, current=True)
    with pytest.raises(ValueError):
        numbered_pagination(9, 8, LIST)


def test_title_detail_from_page_2_on():
    assert numbered_pagination(1, 8, LIST).title_detail == ""
    assert numbered_pagination(2, 8, LIST).title_detail == "page 2 sur 8"
    assert numbered_pagination(1, 8, LIST).position == "page 1 sur 8"


class Search:
    """Stands for a search engine over ``total`` results; records each fetch."""

    def __init__(self, total: int):
        self.total = total
        self.calls: list[tuple[int, int]] = []

    def __call__(self, offset: int, limit: int):
        self.calls.append((offset, limit))
        return list(range(offset, min(offset + limit, self.total))), self.total


@pytest.mark.parametrize("raw, total, calls, number, pages", [
    ("2", 304, [(20, 20)], 2, 8),
    ("8", 304, [(140, 10)], 8, 8),  # the cap: results 141 to 150, not 160
    ("99", 304, [(140, 10)], 8, 8),  # past the cap: the last page
    ("5", 30, [(80, 20), (20, 20)], 2, 2),  # past the end (a stale link): the last page
    ("abc", 30, [(0, 20)], 1, 2),
    (None, 0, [(0, 20)], 1, 1),
    ("3", 0, [(40, 20), (0, 20)], 1, 1),
    ("2", 40, [(20, 20)], 2, 2),  # an exact multiple: no empty third page
])
def test_offset_pages(raw, total, calls, number, pages):
    search = Search(total)
    results, pagination = offset_page(raw, per_page=20, fetch=search, link=LIST, cap=150)
    assert search.calls == calls
    assert (pagination.number, pagination.total_pages) == (number, pages)
    offset, limit = calls[-1]
    assert results == list(range(offset, min(offset + limit, total)))
    assert pagination.total_items == min(total, 150)


def test_offset_pages_without_a_cap():
    search = Search(1_000)
    results, pagination = offset_page("50", per_page=10, fetch=search, link=LIST)
    assert results == list(range(490, 500)) and (pagination.number, pagination.total_pages) == (50, 100)
    with pytest.raises(ValueError):
        offset_page("1", per_page=0, fetch=search, link=LIST)


# -- continuation keys --------------------------------------------------------------------

USER = "USER#1"
SAVED = linker("/mon-espace/classeur", {"tri": "date"})


@pytest.fixture
def records(tmp_path):
    store = SqliteRecordStore(tmp_path / "app.db")
    for n in range(7):
        store.put({"pk": USER, "sk": f"SAVED#{n:02d}", "n": n})
    store.put({"pk": USER, "sk": "PROFILE"})
    store.put({"pk": "USER#2", "sk": "SAVED#9", "n": 9})
    yield store
    store.close()


def follow(records, url: str | None, **kwargs):
    assert url is not None
    query = query_of(url)
    assert query.pop("tri") == ["date"], "the other parameters are kept"
    return cursor_page(records, USER, "SAVED#", limit=3, link=SAVED, raw_trail=query.get("suite", [None])[0],
                       raw_page=query.get("page", [None])[0], **kwargs)


def numbers(items) -> list[int]:
    return [item["n"] for item in items]


def test_cursor_pages_forwards_and_back(records):
    items, first = follow(records, "/mon-espace/classeur?tri=date")
    assert numbers(items) == [0, 1, 2] and first.number == 1 and first.previous_url is None
    assert first.total_pages is None and first.links == () and first.title_detail == "" and first.paged
    items, second = follow(records, first.next_url)
    assert numbers(items) == [3, 4, 5] and second.number == 2 and second.title_detail == "page 2"
    items, third = follow(records, second.next_url)
    assert numbers(items) == [6] and third.number == 3 and third.next_url is None
    assert (third.previous_number, second.next_number) == (2, 3)
    # Back: exactly the pages seen before, whatever was added in between.
    records.put({"pk": USER, "sk": "SAVED#04b", "n": 45})
    items, back = follow(records, third.previous_url)
    assert numbers(items) == [3, 4, 45] and back.number == 2
    items, start = follow(records, back.previous_url)
    assert numbers(items) == [0, 1, 2] and start.number == 1
    assert back.previous_url == "/mon-espace/classeur?tri=date"


def test_cursor_pages_descending(records):
    items, first = cursor_page(records, USER, "SAVED#", limit=4, link=SAVED, raw_trail=None, descending=True)
    assert numbers(items) == [6, 5, 4, 3]
    query = query_of(first.next_url)
    items, second = cursor_page(records, USER, "SAVED#", limit=4, link=SAVED, raw_trail=query["suite"][0],
                                descending=True)
    assert numbers(items) == [2, 1, 0] and second.number == 2 and second.next_url is None


def test_a_single_page_has_no_links(records):
    items, pagination = cursor_page(records, "USER#2", "SAVED#", limit=3, link=SAVED, raw_trail="")
    assert numbers(items) == [9] and not pagination.paged and pagination.number == 1


def test_an_emptied_page_shows_the_first_one(records):
    _, first = follow(records, "/mon-espace/classeur?tri=date")
    _, second = follow(records, first.next_url)
    for n in range(3, 7):
        records.delete(USER, f"SAVED#{n:02d}")
    items, page = follow(records, second.next_url)
    assert numbers(items) == [0, 1, 2] and page.number == 1 and page.next_url is None


@pytest.mark.parametrize("trail", [
    "not a key", "abc!", "a..b", ".abc", "abc.", "a" * (paging.MAX_TRAIL_CHARS + 1), "%2E", "abc\n",
])
def test_a_malformed_trail_is_a_400(records, trail):
    with pytest.raises(BadRequestError, match="n'est pas valide"):
        cursor_page(records, USER, "SAVED#", limit=3, link=SAVED, raw_trail=trail)


def test_an_edited_or_foreign_key_is_a_400(records):
    _, first = follow(records, "/mon-espace/classeur?tri=date")
    key = query_of(first.next_url)["suite"][0]
    edited = key[:-2] + ("A" if key[-2] != "A" else "B") + key[-1]
    for trail in (edited, key[:-4], "AAAA", key + ".AAAA"):
        with pytest.raises(BadRequestError) as caught:
            cursor_page(records, USER, "SAVED#", limit=3, link=SAVED, raw_trail=trail)
        assert caught.value.status == 400
    for pk, prefix in (("USER#2", "SAVED#"), (USER, "SAVED")):  # another user's list, another list
        with pytest.raises(BadRequestError):
            cursor_page(records, pk, prefix, limit=3, link=SAVED, raw_trail=key)
    with pytest.raises(BadRequestError):  # another order
        cursor_page(records, USER, "SAVED#", limit=3, link=SAVED, raw_trail=key, descending=True)


def test_a_long_trail_drops_its_oldest_keys_and_keeps_the_page_number(records, monkeypatch):
    for n in range(7, 30):
        records.put({"pk": USER, "sk": f"SAVED#{n:02d}", "n": n})
    key_length = len(query_of(follow(records, "/mon-espace/classeur?tri=date")[1].next_url)["suite"][0])
    monkeypatch.setattr(paging, "MAX_TRAIL_CHARS", 2 * key_length + 1)  # two keys at most
    url, seen, count = "/mon-espace/classeur?tri=date", [], 0
    while url:
        items, page = follow(records, url)
        seen += numbers(items)
        count += 1
        assert page.number == count
        assert len(query_of(url).get("suite", [""])[0]) <= paging.MAX_TRAIL_CHARS
        url = page.next_url
    assert sorted(seen) == list(range(30)) and page.number == 10
    # Back from page 10: page 9 (its key is remembered), then page 1 (the older ones are not).
    items, nine = follow(records, page.previous_url)
    assert nine.number == 9 and numbers(items)[0] == 24
    assert nine.previous_number == 1 and nine.previous_url == "/mon-espace/classeur?tri=date"


# -- the component ------------------------------------------------------------------------

def examples(records):
    _, first = cursor_page(records, USER, "SAVED#", limit=3, link=SAVED, raw_trail=None)
    _, second = follow(records, first.next_url)
    return [
        ("Page 1 sur 8", numbered_pagination(1, 8, LIST)),
        ("Page 5 sur 10 : des pages omises de chaque côté", numbered_pagination(5, 10, LIST)),
        ("Dernière page", numbered_pagination(15, 15, LIST)),
        ("Liste de longueur inconnue, première page", first),
        ("Liste de longueur inconnue, page 2", second),
        ("Une seule page", numbered_pagination(1, 1, LIST)),
    ]


@pytest.fixture
def rendered(records):
    from espace.settings import Settings
    from espace.web.pages import Renderer

    renderer = Renderer(Settings(), strict=True)
    page = renderer.page("/composants/pagination", "Composant : pagination")
    response = renderer.render("components/examples/pagination.html", page=page, examples=examples(records))
    return response.body


def test_the_example_renders_every_state_as_a_page_should(rendered):
    import lxml.html

    from tests.pagecheck import page_problems

    assert page_problems(rendered) == []
    html = lxml.html.document_fromstring(rendered)
    navs = html.xpath('//nav[@class="pagination"]')
    assert [nav.get("aria-label") for nav in navs] == [f"Pagination de l'exemple {n}" for n in range(1, 6)]

    def texts(nav):
        return [" ".join(li.text_content().split()) for li in nav.xpath("ul/li")]

    assert texts(navs[1]) == ["Page précédente : page 4 sur 10", "Page 1", "…", "Page 4", "Page 5", "Page 6", "…",
                              "Page 10", "Page suivante : page 6 sur 10"]
    current = navs[1].xpath('.//*[@aria-current="page"]')
    assert len(current) == 1 and current[0].tag == "span" and current[0].text_content() == "Page 5"
    assert navs[1].xpath('.//a[@rel="prev"]/@href') == [LIST(page=4)]
    assert navs[1].xpath('.//a[@rel="next"]/@href') == [LIST(page=6)]
    assert navs[0].xpath(".//a/@href")[0] == LIST(page=2)  # page 1 of 8: no previous link
    assert texts(navs[0])[0] == "Page 1" and texts(navs[2])[-1] == "Page 15"
    assert texts(navs[3]) == ["Page 1", "Page suivante : page 2"]
    assert texts(navs[4]) == ["Page précédente : page 1", "Page 2", "Page suivante : page 3"]
    # Only the visible parts show on screen: the numbers, and the words of previous and next.
    hidden = navs[1].xpath('.//*[@class="visually-hidden"]')
    assert {" ".join(h.text_content().split()) for h in hidden} == {"Page", ": page 4 sur 10", ": page 6 sur 10"}


def test_the_example_reads_well_in_lynx(rendered, tmp_path):
    import shutil
    import subprocess

    assert shutil.which("lynx"), "lynx missing: run `make test`, which installs it"
    path = tmp_path / "pagination.html"
    path.write_text(rendered, encoding="utf-8")
    dump = subprocess.run(["lynx", "-dump", "-width=200", "-display_charset=utf-8", str(path)],
                          capture_output=True, text=True, check=True).stdout
    section = dump[dump.index("Page 5 sur 10 : des pages"):dump.index("Dernière page")]
    lines = [" ".join(line.split()) for line in section.splitlines() if line.strip()][1:]
    # One entry a line; lynx numbers the links ([n]): the current page and the ellipsis are not links.
    assert [re.sub(r"^\* \[\d+\]", "* link: ", line) for line in lines] == [
        "* link: Page précédente : page 4 sur 10", "* link: Page 1", "* …", "* link: Page 4", "* Page 5",
        "* link: Page 6", "* …", "* link: Page 10", "* link: Page suivante : page 6 sur 10"]
