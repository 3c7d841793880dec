"""The visitor's address: the socket's locally, CloudFront's viewer address behind CloudFront,
and never a header a client could have written itself."""

from __future__ import annotations

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from espace.web.request import Request, viewer_ip
from tests.caches import environment

SECRET = "s3cr3t-0f-cl0udfr0nt-f0r-the-api-0123456789abcdef"
EDGE = "130.176.1.2"  # a CloudFront edge, as API Gateway sees it


@pytest.mark.parametrize(("value", "expected"), [
    ("198.51.100.7", "198.51.100.7"),
    ("198.51.100.7:46532", "198.51.100.7"),
    (" 198.51.100.7 ", "198.51.100.7"),
    ("2001:DB8:0:0::7", "2001:db8::7"),
    ("[2001:db8::7]:443", "2001:db8::7"),
    ("::ffff:192.0.2.1", "192.0.2.1"),
    ("", None), (None, None), ("inconnu", None), ("198.51.100.7:x", None), ("[2001:db8::7", None),
    ("198.51.100.300", None), ("1.2.3.4, 5.6.7.8", None),
])
def test_viewer_ip(value, expected):
    assert viewer_ip(value) == expected


def request(headers: dict[str, str]) -> Request:
    event = {"version": "2.0", "rawPath": "/connexion", "headers": headers,
             "requestContext": {"http": {"method": "POST", "path": "/connexion", "sourceIp": EDGE}}}
    return Request(APIGatewayProxyEventV2(event))


def client_ip(profile: str, secret: str, headers: dict[str, str]) -> str:
    with environment({"ESPACE_PROFILE": profile, "ESPACE_ORIGIN_VERIFY": secret}):
        return request(headers).client_ip


def test_behind_cloudfront_the_viewer_address_counts():
    headers = {"x-origin-verify": SECRET, "x-espace-viewer-address": "2001:db8::7"}
    assert client_ip("aws", SECRET, headers) == "2001:db8::7"


@pytest.mark.parametrize("proof", [None, "", "devine", SECRET[:-1], SECRET + "x"])
def test_without_cloudfronts_secret_the_header_is_ignored(proof):
    # A direct call to the API's own address: the header is the caller's word, not CloudFront's.
    headers = {"x-espace-viewer-address": "203.0.113.66"}
    if proof is not None:
        headers["x-origin-verify"] = proof
    assert client_ip("aws", SECRET, headers) == EDGE


def test_locally_the_socket_address_counts_whatever_the_headers():
    headers = {"x-origin-verify": SECRET, "x-espace-viewer-address": "203.0.113.66"}
    assert client_ip("embedded", SECRET, headers) == EDGE
    assert client_ip("aws", "", {**headers, "x-origin-verify": ""}) == EDGE  # no secret configured


def test_an_unreadable_viewer_address_falls_back_to_the_socket():
    assert client_ip("aws", SECRET, {"x-origin-verify": SECRET, "x-espace-viewer-address": "inconnu"}) == EDGE
