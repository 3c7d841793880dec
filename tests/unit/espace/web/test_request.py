"""Form parsing rejects what a browser would never send for the form, with a clear message."""

import base64

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from espace.web.errors import BadRequestError, PayloadTooLargeError
from espace.web.request import Request


def request(body: bytes, content_type="application/x-www-form-urlencoded", cookies=None):
    event = {"version": "2.0", "rawPath": "/connexion", "rawQueryString": "", "isBase64Encoded": True,
             "body": base64.b64encode(body).decode(), "headers": {"content-type": content_type},
             "cookies": cookies or [],
             "requestContext": {"http": {"method": "POST", "path": "/connexion", "sourceIp": "192.0.2.1"}}}
    return Request(APIGatewayProxyEventV2(event))


def test_reads_utf8_fields():
    assert request(b"identifiant=l%C3%A9a%40example.fr&csrf=x").form({"identifiant", "csrf"}) == {
        "identifiant": "léa@example.fr", "csrf": "x"}


@pytest.mark.parametrize("body, message", [
    (b"identifiant=%E9", "illisible"), (b"autre=1", "champ inconnu"), (b"identifiant=a&identifiant=b", "deux fois"),
    (b"identifiant=" + b"x" * 6000, "trop longue"), (b"identifiant=a%00b", "invalide"),
])
def test_rejects_with_a_message(body, message):
    with pytest.raises(BadRequestError, match=message):
        request(body).form({"identifiant"})


def test_rejects_other_content_types_and_huge_bodies():
    with pytest.raises(BadRequestError):
        request(b"{}", "application/json").form({"identifiant"})
    with pytest.raises(PayloadTooLargeError):
        request(b"identifiant=" + b"x" * 70_000).form({"identifiant"})


def test_cookies():
    assert request(b"", cookies=["a=1", "session=abc"]).cookie("session") == "abc"
    assert request(b"").cookie("session") is None
