"""One contract, two adapters: the .eml outbox and SES v2 (moto). Each sent message is
read back as an email.message.EmailMessage, from the outbox folder or from moto's SES
backend, and checked the same way."""

from __future__ import annotations

import email
from email import policy
from email.utils import parseaddr

import boto3
import pytest
from moto import mock_aws
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends

from espace.adapters.outbox_mail import OutboxMailer, read_outbox
from espace.adapters.ses_mail import SesMailer
from espace.ports import MailAttachment, Message, StoreError
from espace.settings import Settings

from .conftest import REGION

SENDER = Settings.mail_sender  # "Espace candidat <ne-pas-repondre@espace-candidat.example>"
SENDER_ADDRESS = parseaddr(SENDER)[1]


class Mailbox:
    """An adapter plus a way to read back what it sent."""

    def __init__(self, mailer, read):
        self.mailer = mailer
        self.read = read


@pytest.fixture(params=["embedded", "aws"])
def mailbox(request, tmp_path, aws_env):
    if request.param == "embedded":
        folder = tmp_path / "var" / "outbox"
        yield Mailbox(OutboxMailer(folder, SENDER), lambda: read_outbox(folder))
    else:
        with mock_aws():
            boto3.client("sesv2", region_name=REGION).create_email_identity(EmailIdentity=SENDER_ADDRESS)
            # moto's SESv2 hands sends to its SES (v1) backend; raw sends are kept as
            # RawMessage objects whose raw_data is the MIME text SES received.
            backend = ses_backends[DEFAULT_ACCOUNT_ID][REGION]

            def read():
                return [email.message_from_string(sent.raw_data, policy=policy.default)
                        for sent in backend.sent_messages]

            yield Mailbox(SesMailer(SENDER), read)


def body(mail, kind: str) -> str:
    # RFC 5322 lines end in CRLF on the wire and in the .eml; compare texts line by line.
    return mail.get_body((kind,)).get_content().replace("\r\n", "\n")


def test_a_text_message_reads_back_intact(mailbox):
    text = "Bonjour Zoé,\n\nVotre candidature « Aide-soignant·e » a été envoyée.\nÀ bientôt — 3 € économisés\n"
    message_id = mailbox.mailer.send(Message(to="zoe.lefevre@example.fr",
                                             subject="Candidature envoyée : Aide-soignant·e à Île-d'Arz",
                                             text=text))
    assert isinstance(message_id, str) and message_id
    [mail] = mailbox.read()
    assert mail["Subject"] == "Candidature envoyée : Aide-soignant·e à Île-d'Arz"
    assert mail["To"] == "zoe.lefevre@example.fr"
    assert parseaddr(mail["From"]) == ("Espace candidat", SENDER_ADDRESS)
    assert mail["Date"] is not None and mail["Date"].datetime.tzinfo is not None
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content_charset() == "utf-8"
    assert body(mail, "plain") == text
    assert mail.get_body(("html",)) is None


def test_an_html_alternative_travels_with_the_text(mailbox):
    html = "<p>Bonjour <strong>Zoé</strong>,</p><p>3 nouvelles offres « Électricien ».</p>"
    mailbox.mailer.send(Message(to="Zoé Lefèvre <zoe@example.fr>", subject="3 nouvelles offres",
                                text="Bonjour Zoé,\n3 nouvelles offres « Électricien ».", html=html))
    [mail] = mailbox.read()
    assert mail.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in mail.iter_parts()] == ["text/plain", "text/html"]
    assert body(mail, "plain") == "Bonjour Zoé,\n3 nouvelles offres « Électricien ».\n"
    assert body(mail, "html") == html + "\n"
    assert parseaddr(mail["To"]) == ("Zoé Lefèvre", "zoe@example.fr")


def test_extra_headers_and_long_lines_survive(mailbox):
    long_line = "é" * 500 + " fin"
    mailbox.mailer.send(Message(
        to="a@example.fr", subject="Alerte quotidienne", text=long_line,
        headers={"List-Unsubscribe": "<https://espace-candidat.example/alertes/desabonner?t=abc>",
                 "X-Espace-Alert": "42"}))
    [mail] = mailbox.read()
    assert mail["List-Unsubscribe"] == "<https://espace-candidat.example/alertes/desabonner?t=abc>"
    assert mail["X-Espace-Alert"] == "42"
    assert body(mail, "plain") == long_line + "\n"


def test_each_message_gets_its_own_identifier_and_keeps_its_order(mailbox):
    ids = [mailbox.mailer.send(Message(to=f"user{n}@example.fr", subject=f"Message {n}", text=str(n)))
           for n in range(5)]
    assert len(set(ids)) == 5
    assert [mail["Subject"] for mail in mailbox.read()] == [f"Message {n}" for n in range(5)]


@pytest.mark.parametrize("message", [
    Message(to="a@example.fr", subject="Bonjour\nBcc: victim@example.fr", text="x"),
    Message(to="a@example.fr\r\nBcc: victim@example.fr", subject="Bonjour", text="x"),
    Message(to="a@example.fr, b@example.fr", subject="Bonjour", text="x"),
    Message(to="not-an-address", subject="Bonjour", text="x"),
    Message(to="a@example.fr", subject="Bonjour", text="x", headers={"Bcc": "victim@example.fr"}),
    Message(to="a@example.fr", subject="Bonjour", text="x", headers={"X-Note": "a\nBcc: victim@example.fr"}),
    Message(to="a@example.fr", subject="Bonjour", text="x", headers={"Cc": "victim@example.fr"}),
    Message(to="a@example.fr", subject="Bonjour", text="x", cc=("b@example.fr\r\nBcc: victim@example.fr",)),
    Message(to="a@example.fr", subject="Bonjour", text="x", cc=("b@example.fr, c@example.fr",)),
])
def test_header_injection_and_bad_recipients_are_refused(mailbox, message):
    with pytest.raises(ValueError):
        mailbox.mailer.send(message)
    assert mailbox.read() == []


def test_copies_and_an_attachment_travel_with_the_text(mailbox):
    pdf = b"%PDF-1.7\n" + bytes(range(256)) * 40  # binary: every byte value must come back intact
    mailbox.mailer.send(Message(to="recruteur@example.fr", subject="Candidature : réf. 123ABCD",
                                text="Madame, Monsieur,\nVeuillez trouver mon CV ci-joint.\n",
                                cc=("moi@example.fr", "conseil@example.fr"),
                                attachments=(MailAttachment("CV Zoé Lefèvre.pdf", "application/pdf", pdf),)))
    [mail] = mailbox.read()
    assert mail["Cc"] == "moi@example.fr, conseil@example.fr"
    assert body(mail, "plain") == "Madame, Monsieur,\nVeuillez trouver mon CV ci-joint.\n"
    [attachment] = list(mail.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "CV Zoé Lefèvre.pdf"
    assert attachment.get_content() == pdf


# -- adapter-specific behaviour -------------------------------------------------------------

def test_outbox_files_are_sortable_rfc5322_and_carry_the_returned_message_id(tmp_path):
    folder = tmp_path / "outbox"
    mailer = OutboxMailer(folder)  # sender defaults to the settings' default
    first = mailer.send(Message(to="a@example.fr", subject="Un", text="1", html="<p>1</p>"))
    second = mailer.send(Message(to="a@example.fr", subject="Deux", text="2"))
    names = sorted(path.name for path in folder.iterdir())
    assert len(names) == 2 and all(name.endswith(".eml") for name in names)
    raw = (folder / names[0]).read_bytes()
    assert raw.isascii()  # 7-bit: any mail client or relay reads it
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    mails = read_outbox(folder)
    assert [mail["Message-ID"] for mail in mails] == [first, second]
    assert first.startswith("<") and first.endswith("@espace-candidat.example>")
    assert read_outbox(tmp_path / "nowhere") == []


def test_ses_sends_raw_to_exactly_the_recipient(aws_env):
    with mock_aws():
        boto3.client("sesv2", region_name=REGION).create_email_identity(EmailIdentity=SENDER_ADDRESS)
        message_id = SesMailer(SENDER).send(Message(to="zoe@example.fr", subject="S", text="t"))
        [sent] = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
        assert sent.id == message_id
        assert parseaddr(sent.source)[1] == SENDER_ADDRESS
        assert {parseaddr(address)[1] for address in sent.destinations} == {"zoe@example.fr"}
        SesMailer(SENDER).send(Message(to="zoe@example.fr", subject="S", text="t", cc=("ana@example.fr",)))
        copied = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages[-1]
        assert {parseaddr(address)[1] for address in copied.destinations} == {"zoe@example.fr", "ana@example.fr"}
        # SES sets its own Message-ID: sending one would only be overwritten.
        assert "Message-ID" not in email.message_from_string(sent.raw_data, policy=policy.default)


def test_ses_errors_are_translated(aws_env):
    from botocore.exceptions import ClientError

    with mock_aws():  # no verified identity: SES rejects the sender
        with pytest.raises(StoreError) as caught:
            SesMailer(SENDER).send(Message(to="zoe@example.fr", subject="S", text="t"))
        assert not isinstance(caught.value, ClientError)
        assert ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages == []
