"""The signed links of the alert e-mails."""

from __future__ import annotations

import pytest

from espace.alertes import links
from espace.web.tokens import TokenInvalid

KEY, OTHER = b"k" * 32, b"o" * 32
SITE = "https://espace.example"


def token_of(url: str) -> str:
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(url).query)["jeton"][0]


def test_unsubscribe_round_trip_for_one_search_and_for_the_address():
    one = links.unsubscribe_url(KEY, SITE + "/", "u1", "a@example.fr", "0123abcdwxyz")
    assert one.startswith(SITE + "/alertes/desabonnement?jeton=")
    assert links.read_unsubscribe(KEY, token_of(one)) == links.Unsubscribe("u1", "a@example.fr", "0123abcdwxyz")
    every = links.read_unsubscribe(KEY, token_of(links.unsubscribe_url(KEY, SITE, "u1", "a@example.fr")))
    assert every == links.Unsubscribe("u1", "a@example.fr", None)


def test_list_unsubscribe_headers_are_rfc_8058():
    headers = links.list_unsubscribe_headers(KEY, SITE, "u1", "a@example.fr")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = headers["List-Unsubscribe"]
    assert url.startswith("<https://") and url.endswith(">")
    assert links.read_unsubscribe(KEY, token_of(url[1:-1])).sid is None


@pytest.mark.parametrize("bad", [None, "", "x", "a.b", "a.b.c"])
def test_garbage_is_refused(bad):
    with pytest.raises(TokenInvalid):
        links.read_unsubscribe(KEY, bad)
    with pytest.raises(TokenInvalid):
        links.read_prolong(KEY, bad)


def test_another_key_or_purpose_is_refused():
    token = links.unsubscribe_token(KEY, "u1", "a@example.fr")
    with pytest.raises(TokenInvalid):
        links.read_unsubscribe(OTHER, token)
    with pytest.raises(TokenInvalid):
        links.read_prolong(KEY, token)
    prolong = token_of(links.prolong_url(KEY, SITE, "u1"))
    assert links.read_prolong(KEY, prolong) == "u1"
    with pytest.raises(TokenInvalid):
        links.read_unsubscribe(KEY, prolong)


def test_a_prolong_link_expires_an_unsubscribe_link_does_not():
    from espace.web import tokens

    old = tokens.make(KEY, links.PROLONG, "u1", now=1_000_000)
    with pytest.raises(TokenInvalid):
        links.read_prolong(KEY, old, now=1_000_000 + links.PROLONG_MAX_AGE + 1)
    assert links.read_prolong(KEY, old, now=1_000_000 + links.PROLONG_MAX_AGE - 1) == "u1"
    ancient = tokens.make(KEY, links.UNSUBSCRIBE, "u1", "a@example.fr", "", now=1)
    assert links.read_unsubscribe(KEY, ancient).email == "a@example.fr"
