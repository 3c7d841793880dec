"""A thin view of the current API Gateway v2 event: form fields, cookies, client address."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from urllib.parse import parse_qsl

from .errors import BadRequestError, PayloadTooLargeError

FORM_TYPE = "application/x-www-form-urlencoded"
MAX_FORM_BYTES = 64 * 1024  # a text form never needs more; files go through their own routes
MAX_FIELD_CHARS = 5_000


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
        return self.event.request_context.http.source_ip or "0.0.0.0"

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
