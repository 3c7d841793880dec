"""Body parsing: urlencoded and multipart forms, with a clear message for what a browser
would never send."""

import base64

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEventV2

from espace.web.errors import BadRequestError, PayloadTooLargeError
from espace.web.request import Request, UploadedFile, max_multipart_bytes


def request(body: bytes, content_type="application/x-www-form-urlencoded", cookies=None):
    event = {"version": "2.0", "rawPath": "/connexion", "rawQueryString": "", "isBase64Encoded": True,
             "body": base64.b64encode(body).decode(), "headers": {"content-type": content_type},
             "cookies": cookies or [],
             "requestContext": {"http": {"method": "POST", "path": "/connexion", "sourceIp": "192.0.2.1"}}}
    return Request(APIGatewayProxyEventV2(event))


def multipart(parts: list[tuple[str, str | None, bytes]], boundary: str = "limite42") -> tuple[bytes, str]:
    chunks = []
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename is not None else "")
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if filename is not None:
            head += "Content-Type: application/pdf\r\n"
        chunks.append(head.encode() + b"\r\n" + data + b"\r\n")
    body = b"".join(chunks) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_reads_utf8_fields_once():
    req = request(b"identifiant=l%C3%A9a%40example.fr&csrf=x&choix=a&choix=b")
    form = req.form_data()
    assert form.get("identifiant") == "léa@example.fr" and form.getlist("choix") == ["a", "b"]
    assert req.form_data() is form  # parsed once: the CSRF check and the route share it


@pytest.mark.parametrize("body, message", [
    (b"identifiant=%E9", "illisible"),
    (b"identifiant=a%00b", "invalide"), (b"&".join(b"c%d=1" % i for i in range(500)), "illisible|trop de champs"),
])
def test_rejects_with_a_message(body, message):
    with pytest.raises(BadRequestError, match=message):
        request(body).form_data()


def test_a_value_past_the_cap_is_cut_one_character_past_it_so_the_form_refuses_it():
    from espace.web.request import MAX_FIELD_CHARS

    form = request(b"identifiant=" + b"x" * 6000 + b"&autre=garde").form_data()
    assert len(form.get("identifiant")) == MAX_FIELD_CHARS + 1 and form.get("autre") == "garde"


def test_rejects_other_content_types_and_huge_bodies():
    with pytest.raises(BadRequestError):
        request(b"{}", "application/json").form_data()
    with pytest.raises(PayloadTooLargeError):
        request(b"identifiant=" + b"x" * 70_000).form_data()


def test_multipart_fields_and_files():
    body, content_type = multipart([("titre", None, "Maçon".encode()), ("cv", "mon cv.pdf", b"%PDF-1.7 x"),
                                    ("vide", "", b"")])
    form = request(body, content_type).form_data()
    assert form.get("titre") == "Maçon"
    assert form.getlist("cv") == [UploadedFile("mon cv.pdf", "application/pdf", b"%PDF-1.7 x")]
    assert form.getlist("vide") == []  # an empty file input sends an empty part: no file


def test_multipart_errors_are_4xx():
    with pytest.raises(BadRequestError, match="séparateur"):
        request(b"--x\r\n", "multipart/form-data").form_data()
    with pytest.raises(BadRequestError, match="multipart"):
        request(b"--limite42\r\nno headers", "multipart/form-data; boundary=limite42").form_data()
    body, content_type = multipart([("cv", "gros.pdf", b"x" * (max_multipart_bytes() + 1))])
    with pytest.raises(PayloadTooLargeError):
        request(body, content_type).form_data()


def test_cookies():
    assert request(b"", cookies=["a=1", "session=abc"]).cookie("session") == "abc"
    assert request(b"").cookie("session") is None
