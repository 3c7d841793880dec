"""Uploading a CV file the way each profile's browser does: multipart to the application (embedded),
or the choices to the application, then the file straight to S3 with the presigned POST of the
page, then back to the application where S3 redirects (AWS, against moto)."""

from __future__ import annotations

import base64
import uuid
from urllib.parse import urlsplit

SITE = "http://127.0.0.1:8000"


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = f"----cv{uuid.uuid4().hex}"
    chunks = []
    for name, value in fields.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      "Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    return b"".join(chunks) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post_file(client, path: str, fields: dict[str, str], filename: str, data: bytes):
    fields = {"csrf": client.csrf_token(path), **fields}
    body, content_type = multipart(fields, {"fichier": (filename, data)})
    return client.request("POST", path, body=body, content_type=content_type)


def send_to_store(client, page):
    """The page's direct-upload form: its action (the store's URL) and its hidden fields."""
    forms = [f for f in page.html.xpath("//form") if not f.get("action", "").startswith("/")]
    assert forms, "no direct-upload form on the page"
    form = forms[0]
    fields = {i.get("name"): i.get("value") for i in form.xpath(".//input[@type='hidden']")}
    assert form.xpath(".//input[@type='file']/@name") == ["file"]
    return form.get("action"), fields


def upload_direct(client, page, data: bytes, filename: str = "cv.pdf"):
    import requests

    action, fields = send_to_store(client, page)
    s3 = requests.post(action, data=fields, files={"file": (filename, data)}, allow_redirects=False, timeout=30)
    assert s3.status_code == 303, s3.text
    back = s3.headers["Location"]
    assert back.startswith(SITE + "/")
    split = urlsplit(back)
    return client.get(split.path + "?" + split.query)


def upload_personal(platform, client, filename: str, data: bytes, *, title: str = "Aide-soignante",
                    contact: str = "non", publish: bool = True):
    """Deposit a personal CV through the pages; the final response (a redirect when accepted, the
    page with the message when refused)."""
    fields = {"titre": title, "coordonnees": contact, **({"diffusion": "y"} if publish else {})}
    if platform.profile == "embedded":
        return post_file(client, "/mon-espace/cv-personnel", fields, filename, data)
    step = client.post("/mon-espace/cv-personnel", fields)
    if step.status != 303:
        return step
    page = client.get(step.location)
    assert page.status == 200, page.body
    return upload_direct(client, page, data, filename)


def upload_attachment(platform, client, cv_id: str, filename: str, data: bytes):
    path = f"/mon-espace/cv/{cv_id}/cv-joint"
    if platform.profile == "embedded":
        return post_file(client, path, {}, filename, data)
    return upload_direct(client, client.get(path), data, filename)


def raw_get(client, path: str):
    """GET ``path``; (the Result, the body's exact bytes): Result.body is text."""
    captured = {}
    original = client.handler

    def capture(event, context):
        captured["response"] = original(event, context)
        return captured["response"]

    client.handler = capture
    try:
        result = client.get(path)
    finally:
        client.handler = original
    response = captured["response"]
    body = response.get("body") or ""
    data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
    return result, data
