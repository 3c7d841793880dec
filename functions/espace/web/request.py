"""A thin view of the current API Gateway v2 event: form fields, cookies, client address."""

from __future__ import annotations

import base64
import binascii
import hmac
import ipaddress
from dataclasses import dataclass
from urllib.parse import parse_qsl

from espace.settings import get_settings

from .errors import BadRequestError, PayloadTooLargeError

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 64 * 1024  # a text form never needs more; files go through their own routes
MAX_FIELD_CHARS = 5_000


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
    event: object  # Powertools APIGatewayProxyEventV2

    @property
    def method(self) -> str:
        return self.event.request_context.http.method.upper()

    @property
    def path(self) -> str:
        return self.event.raw_path or "/"

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

    def form(self, allowed: set[str]) -> dict[str, str]:
        """The urlencoded fields of a POST, restricted to ``allowed``.

        Anything a browser would not send for this form (another content type,
        bad encoding, unknown or repeated fields, huge values) is a clear 400.
        """
        content_type = (self.header("content-type") or "").split(";")[0].strip().lower()
        if content_type != FORM_TYPE:
            raise BadRequestError("Ce formulaire doit être envoyé depuis la page du site (format inattendu).")
        raw = self.body_bytes()
        if len(raw) > MAX_FORM_BYTES:
            raise PayloadTooLargeError("Le formulaire envoyé est trop volumineux.")
        try:
            text = raw.decode("utf-8")
            pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text), errors="strict",
                              max_num_fields=len(allowed) + 1)
        except (UnicodeDecodeError, ValueError) as error:
            raise BadRequestError("Le formulaire envoyé est illisible (encodage incorrect).") from error
        fields: dict[str, str] = {}
        for key, value in pairs:
            if key not in allowed:
                raise BadRequestError(f"Le formulaire contient un champ inconnu : « {key[:40]} ».")
            if key in fields:
                raise BadRequestError(f"Le champ « {key[:40]} » est envoyé deux fois.")
            if len(value) > MAX_FIELD_CHARS or "\x00" in value:
                raise BadRequestError(f"La valeur du champ « {key[:40]} » n'est pas acceptée (trop longue ou invalide).")
            fields[key] = value
        return fields
