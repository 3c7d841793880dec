import pytest

from espace.adapters.sqlite_records import SqliteRecordStore
from espace.messages.service import Mailbox
from espace.ports import Message


class Sent:
    def __init__(self):
        self.messages = []

    def send(self, message):
        self.messages.append(message)
        return f"id-{len(self.messages)}"


def test_deliver_sends_and_keeps_the_message_in_the_users_partition(tmp_path):
    records, mailer = SqliteRecordStore(tmp_path / "app.db"), Sent()
    box = Mailbox(records, mailer, clock=lambda: 1_800_000_000)
    message = Message(to="marie@example.fr", subject="Vos offres", text="3 nouvelles offres")
    kept_id = box.deliver("u1", message, kind="alerte")
    assert mailer.messages == [message]
    [item] = records.query("USER#u1", "MSG#")
    assert item["id"] == kept_id and item["sk"] == f"MSG#1800000000#{kept_id}"
    assert (item["subject"], item["text"], item["kind"], item["read"]) == ("Vos offres", "3 nouvelles offres",
                                                                          "alerte", False)
    assert item["expires_at"] == 1_800_000_000 + 365 * 86400


def test_a_mail_that_fails_is_not_kept(tmp_path):
    records = SqliteRecordStore(tmp_path / "app.db")

    class Failing:
        def send(self, message):
            raise OSError("refused")

    box = Mailbox(records, Failing())
    with pytest.raises(OSError):
        box.deliver("u1", Message(to="a@example.fr", subject="s", text="t"), kind="alerte")
    assert records.query("USER#u1") == []
