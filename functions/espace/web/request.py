"""A thin view of the current API Gateway v2 event: form body, cookies, client address.

The body of a POST is parsed once per request (the CSRF check reads it before the
route does) into a ``FormData``: urlencoded bodies up to 64 KiB, multipart bodies
(file uploads) up to ``MAX_MULTIPART_BYTES``. Anything a browser would not send
(another content type, bad encoding, too many or too long fields) is a clear 400
or 413, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import io
import ipaddress
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from espace.settings import get_settings

from .errors import BadRequestError, PayloadTooLargeError

FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
MAX_FORM_BYTES = 64 * 1024  # a text form never needs more
# Lambda refuses events over 6 MB and API Gateway sends binary bodies base64-encoded
# (4/3 larger): 4 MiB of raw body is what reliably fits. Larger files go straight to
# the files store (presigned upload) in the AWS profile.
MAX_MULTIPART_BYTES = 4 * 1024 * 1024
# Without Lambda in front (the embedded profile) nothing caps the request but this: a CV file of
# 5 MB (issue 10) and its form fit.
EMBEDDED_MAX_MULTIPART_BYTES = 6 * 1024 * 1024


def max_multipart_bytes() -> int:
    return EMBEDDED_MAX_MULTIPART_BYTES if get_settings().profile == "embedded" else MAX_MULTIPART_BYTES
# The largest form is the registration's step 3: 20 periods of work of 14 inputs each (a date is
# three), with its token and button.
MAX_FIELDS = 400
# A longer value is cut to one character past the cap rather than refused: the form's own length
# rule then names the field in its error summary and every other field is kept as typed (a 10 KB
# paste loses nothing else). The body's size cap bounds the memory either way.
MAX_FIELD_CHARS = 5_000
_PARSED = "espace.form"  # where the parsed body is kept in the raw event, once per request


@dataclass(frozen=True)
class UploadedFile:
    """A file field of a multipart form, read whole (it is at most a few MiB)."""

    filename: str
    content_type: str
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)

    def __bool__(self) -> bool:  # an empty file input sends a part with no name and no bytes
        return bool(self.filename or self.data)


@dataclass
class FormData:
    """The submitted fields, with the ``getlist`` interface WTForms reads."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, list[UploadedFile]] = field(default_factory=dict)

    def __contains__(self, name: object) -> bool:
        return name in self.fields or name in self.files

    def __iter__(self):
        yield from self.fields
        yield from self.files

    def __len__(self) -> int:
        return len(self.fields) + len(self.files)

    def getlist(self, name: str) -> list[Any]:
        if name in self.files:
            return list(self.files[name])
        return list(self.fields.get(name, []))

    def get(self, name: str, default: str = "") -> str:
        values = self.fields.get(name)
        return values[0] if values else default

    def add(self, name: str, value: str) -> None:
        if len(self.fields) + len(self.files) >= MAX_FIELDS and name not in self:
            raise BadRequestError("Le formulaire envoyé contient trop de champs.")
        if "\x00" in value:
            raise BadRequestError(f"La valeur du champ « {name[:40]} » n'est pas acceptée (caractère invalide).")
        self.fields.setdefault(name, []).append(value[:MAX_FIELD_CHARS + 1])


def viewer_ip(value: str | None) -> str | None:
    """The IP address of a viewer-address header, normalised; None when it holds none.

    The header holds an address alone (what the CloudFront function writes); "198.51.100.7:443"
    and "[2001:db8::1]:443" are read too. An unbracketed IPv6 address is taken whole: with a port
    appended it would be ambiguous ("2001:db8::1:443" is itself an address).
    """
    text = (value or "").strip()
    port = ""
    if text.startswith("[") and "]" in text:
        text, _, port = text[1:].partition("]")
        port = port.removeprefix(":")
    elif text.count(":") == 1:
        text, _, port = text.partition(":")
    if port and not port.isdigit():
        return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)  # "::ffff:192.0.2.1" is the IPv4 visitor 192.0.2.1
    return str(mapped or address)


@dataclass
class Request:
    event: Any  # Powertools APIGatewayProxyEventV2

    @property
    def method(self) -> str:
        return str(self.event.request_context.http.method).upper()

    @property
    def path(self) -> str:
        return self.event.raw_path or "/"

    @property
    def path_with_query(self) -> str:
        query = self.event.raw_query_string
        return self.path + ("?" + query if query else "")

    @property
    def client_ip(self) -> str:
        """The visitor's address, for the per-address limits.

        Behind CloudFront the socket address is an edge's: there the viewer address CloudFront
        writes (X-Espace-Viewer-Address, set by a CloudFront function of infra/template.yaml over
        anything the client sent) is used, but only in the AWS profile and only when the request
        carries the secret CloudFront adds (X-Origin-Verify): the API's own address is reachable
        too, and a client calling it directly could write any header. Locally, the socket's.
        """
        source = self.event.request_context.http.source_ip or "0.0.0.0"
        settings = get_settings()
        if settings.profile != "aws" or not settings.origin_verify:
            return source
        proof = self.header("x-origin-verify") or ""
        if not hmac.compare_digest(proof.encode(), settings.origin_verify.encode()):
            return source
        return viewer_ip(self.header("x-espace-viewer-address")) or source

    def cookie(self, name: str) -> str | None:
        for raw in self.event.cookies or []:
            key, _, value = raw.partition("=")
            if key.strip() == name:
                return value.strip()
        return None

    def header(self, name: str) -> str | None:
        return (self.event.headers or {}).get(name.lower())

    def query(self, name: str, default: str = "") -> str:
        return (self.event.query_string_parameters or {}).get(name, default)

    def body_bytes(self) -> bytes:
        body = self.event.body or ""
        if self.event.is_base64_encoded:
            try:
                return base64.b64decode(body, validate=True)
            except (binascii.Error, ValueError) as error:
                raise BadRequestError("Le contenu envoyé est illisible (encodage incorrect).") from error
        return body.encode("utf-8")

    def form_data(self) -> FormData:
        """The POSTed fields and files, parsed once (4xx on anything malformed)."""
        raw_event = self.event.raw_event
        parsed = raw_event.get(_PARSED)
        if parsed is None:
            parsed = self._parse_body()
            raw_event[_PARSED] = parsed
        return parsed

    def _parse_body(self) -> FormData:
        content_type = self.header("content-type") or ""
        kind = content_type.split(";")[0].strip().lower()
        if not self.event.body:
            return FormData()
        if kind == FORM_TYPE:
            return _parse_urlencoded(self.body_bytes())
        if kind == MULTIPART_TYPE:
            return _parse_multipart(self.body_bytes(), content_type)
        raise BadRequestError("Ce formulaire doit être envoyé depuis la page du site (format inattendu).")


def _parse_urlencoded(raw: bytes) -> FormData:
    if len(raw) > MAX_FORM_BYTES:
        raise PayloadTooLargeError("Le formulaire envoyé est trop volumineux.")
    try:
        text = raw.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict",
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequestError("Le formulaire envoyé est illisible (encodage incorrect).") from error
    form = FormData()
    for key, value in pairs:
        form.add(key, value)
    return form


def _parse_multipart(raw: bytes, content_type: str) -> FormData:
    # multipart (the parser of Bottle's author): strict limits on parts, header and
    # part sizes, pure Python, no temporary files for bodies this small.
    import multipart

    limit = max_multipart_bytes()
    if len(raw) > limit:
        raise PayloadTooLargeError("Le fichier envoyé est trop volumineux "
                                   f"({limit // 1_048_576} Mo au plus pour l'ensemble du formulaire).")
    _, options = multipart.parse_options_header(content_type)
    boundary = options.get("boundary")
    if not boundary:
        raise BadRequestError("Le formulaire envoyé est illisible (séparateur manquant).")
    form = FormData()
    try:
        parser = multipart.MultipartParser(io.BytesIO(raw), boundary, len(raw), part_limit=MAX_FIELDS,
                                           memory_limit=limit + 1, spool_limit=limit + 1)
        for part in parser:
            if part.filename is not None:
                upload = UploadedFile(part.filename[:255], part.content_type or "application/octet-stream",
                                      part.raw)
                if upload:
                    form.files.setdefault(part.name, []).append(upload)
            else:
                form.add(part.name, part.value)
    except multipart.MultipartError as error:
        raise BadRequestError("Le formulaire envoyé est illisible (format multipart incorrect).") from error
    except UnicodeDecodeError as error:
        raise BadRequestError("Le formulaire envoyé est illisible (encodage incorrect).") from error
    return form
