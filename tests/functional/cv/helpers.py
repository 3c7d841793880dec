"""Steps the CV layout and sending tests share: a signed-in candidate with a full CV, the raw mails."""

from __future__ import annotations

import base64
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from espace.bootstrap import get_services
from espace.cv.service import CvBook, new_id
from tests.functional.accounts.helpers import signed_in_client, user_id_of
from tests.functional.client import Client
from tests.functional.cv.sample_cv import contact, full_cv


def candidate_with_cv(platform, email: str, *, with_contact: bool = True):
    """(client, user id, cv id): a candidate whose CV is the full sample CV."""
    client = signed_in_client(platform, email)
    user_id = user_id_of(email)
    cvs = CvBook(get_services(), user_id)
    cv_id = new_id()
    cvs.create(cv_id)
    cv = full_cv(cv_id)
    cvs.save(cv)
    if with_contact:
        cvs.save_contact(contact())
    return client, user_id, cv_id


def raw_mails(platform, tmp_path) -> list[EmailMessage]:
    """The mails sent with an attachment (a CV: not the account's own mails), parsed as a mail client would."""
    return [mail for mail in _all_mails(platform, tmp_path) if any(True for _ in mail.iter_attachments())]


def _all_mails(platform, tmp_path) -> list[EmailMessage]:
    if platform.profile == "embedded":
        from espace.adapters.outbox_mail import read_outbox

        return read_outbox(tmp_path / "outbox")
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends

    backend = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"]
    return [BytesParser(policy=policy.default).parsebytes(m.raw_data.encode() if isinstance(m.raw_data, str)
                                                          else m.raw_data) for m in backend.sent_messages]


def get_bytes(client: Client, path: str) -> tuple[int, dict, bytes]:
    """A GET whose body is binary (the client decodes bodies as text)."""
    seen = {}

    def keep(event, context):
        seen["response"] = client.handler(event, context)
        return seen["response"]

    Client(keep, client.source_ip, client.cookies).get(path)
    response = seen["response"]
    body = response.get("body") or ""
    data = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
    return response["statusCode"], response.get("headers") or {}, data
