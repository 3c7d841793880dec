"""The services on both profiles: embedded (SQLite, folder, outbox) and AWS (moto)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

from tests.caches import clear_process_caches
from tests.functional.client import Client

SENDER = "Espace candidat <ne-pas-repondre@espace-candidat.example>"
LINK = re.compile(r"https?://\S+")


@dataclass
class Platform:
    profile: str
    handler: object
    read_mails: object  # () -> list[(to, subject, text)]
    dump_records: object  # () -> sorted list of every stored record (the whole table)

    def client(self, ip: str = "198.51.100.7") -> Client:
        return Client(self.handler, source_ip=ip)

    def mails_to(self, address: str) -> list[tuple[str, str, str]]:
        return [m for m in self.read_mails() if m[0] == address]

    def last_link(self, address: str) -> str:
        mails = self.mails_to(address)
        assert mails, f"no mail sent to {address}"
        links = LINK.findall(mails[-1][2])
        assert links, "the last mail has no link"
        return links[0].removeprefix("http://127.0.0.1:8000")


@pytest.fixture(params=["embedded", "aws"])
def platform(request, tmp_path, monkeypatch, site):
    monkeypatch.setenv("ESPACE_NAVIGATION_FILE", str(Path(site) / "navigation.json"))
    monkeypatch.setenv("ESPACE_SITE_URL", "http://127.0.0.1:8000")
    monkeypatch.setenv("ESPACE_MAIL_SENDER", SENDER)
    monkeypatch.setenv("POWERTOOLS_LOG_LEVEL", "WARNING")
    # Both profiles: the SQLite alert matcher in the test's folder (the OpenSearch one has its own
    # contract suite on the real node; moto has no OpenSearch).
    monkeypatch.setenv("ESPACE_MATCHER_URL", f"sqlite:///{tmp_path}/alerts.db")
    monkeypatch.setenv("ESPACE_CV_INDEX_URL", f"sqlite:///{tmp_path}/cvs.db")  # likewise for the CV bank
    if request.param == "embedded":
        monkeypatch.setenv("ESPACE_PROFILE", "embedded")
        monkeypatch.setenv("ESPACE_RECORDS_URL", f"sqlite:///{tmp_path}/app.db")
        monkeypatch.setenv("ESPACE_FILES_URL", f"file://{tmp_path}/files")
        monkeypatch.setenv("ESPACE_MAIL_URL", f"outbox://{tmp_path}/outbox")
        clear_process_caches()
        from espace.adapters.outbox_mail import read_outbox
        from espace.handlers.accounts import handler

        def read():
            return [(str(m["To"]), str(m["Subject"]), m.get_body(("plain",)).get_content())
                    for m in read_outbox(tmp_path / "outbox")]

        def dump():
            import sqlite3

            with sqlite3.connect(tmp_path / "app.db") as db:
                if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'records'").fetchone():
                    return []  # nothing stored yet: the store creates its table on first use
                return sorted(row[0] for row in db.execute("SELECT data FROM records"))

        yield Platform("embedded", handler, read, dump)
        clear_process_caches()
        return

    from moto import mock_aws

    for key, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": "eu-west-3",
                       "AWS_REGION": "eu-west-3"}.items():
        monkeypatch.setenv(key, value)
    with mock_aws():
        import boto3

        from tests.aws_resources import create_bucket, create_table

        create_table(boto3.client("dynamodb"), "espace-records")
        create_bucket(boto3.client("s3"), "espace-files")
        boto3.client("sesv2").create_email_identity(EmailIdentity="espace-candidat.example")
        monkeypatch.setenv("ESPACE_PROFILE", "aws")
        monkeypatch.setenv("ESPACE_RECORDS_URL", "dynamodb://espace-records")
        monkeypatch.setenv("ESPACE_FILES_URL", "s3://espace-files")
        monkeypatch.setenv("ESPACE_MAIL_URL", "ses://")
        monkeypatch.setenv("ESPACE_SECURE_COOKIES", "true")  # as infra/template.yaml sets it
        clear_process_caches()
        from moto.core import DEFAULT_ACCOUNT_ID
        from moto.ses.models import ses_backends

        from espace.handlers.accounts import handler

        def read():
            # The SES adapter sends raw MIME: parse what moto recorded, as a mail client would.
            backend = ses_backends[DEFAULT_ACCOUNT_ID]["eu-west-3"]
            parsed = [BytesParser(policy=policy.default).parsebytes(
                m.raw_data.encode() if isinstance(m.raw_data, str) else m.raw_data) for m in backend.sent_messages]
            return [(str(m["To"]), str(m["Subject"]), m.get_body(("plain",)).get_content()) for m in parsed]

        def dump():
            pages = boto3.client("dynamodb").get_paginator("scan").paginate(TableName="espace-records")
            return sorted(repr(sorted(item.items())) for page in pages for item in page["Items"])

        yield Platform("aws", handler, read, dump)
        clear_process_caches()
