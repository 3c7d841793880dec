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


def kept(box, user_id, subject, at):
    box.clock = lambda: at
    box.deliver(user_id, Message(to="marie@example.fr", subject=subject, text="t"), kind="alerte")
    [item] = [i for i in box.records.query(f"USER#{user_id}", "MSG#") if i["subject"] == subject]
    return f"{at:010d}-{item['id']}"


def test_unread_count_follows_read_and_unread_marks_and_a_second_mark_changes_nothing(tmp_path):
    box = Mailbox(SqliteRecordStore(tmp_path / "app.db"), Sent())
    first = kept(box, "u1", "Un", 1_800_000_000)
    kept(box, "u1", "Deux", 1_800_000_001)
    assert box.unread_count("u1") == 2
    assert box.mark("u1", first, read=True) and box.mark("u1", first, read=True)
    assert box.unread_count("u1") == 1 and box.get("u1", first).read
    assert box.mark("u1", first, read=False)
    assert box.unread_count("u1") == 2
    assert box.delete("u1", first).subject == "Un"
    assert box.unread_count("u1") == 1 and box.delete("u1", first) is None


def test_ids_of_another_account_or_made_up_find_nothing(tmp_path):
    box = Mailbox(SqliteRecordStore(tmp_path / "app.db"), Sent())
    mine = kept(box, "u1", "Un", 1_800_000_000)
    for wrong in ("", "x", "1800000000-zz", "../PROFILE", mine + "0"):
        assert box.get("u1", wrong) is None and not box.mark("u1", wrong, read=True)
    assert box.get("u2", mine) is None and box.delete("u2", mine) is None


def test_past_the_maximum_the_oldest_messages_go(tmp_path, monkeypatch):
    import espace.messages.service as service

    monkeypatch.setattr(service, "MAX_MESSAGES", 3)
    box = Mailbox(SqliteRecordStore(tmp_path / "app.db"), Sent())
    for n in range(5):
        kept(box, "u1", f"M{n}", 1_800_000_000 + n)
    assert [i["subject"] for i in box.records.query("USER#u1", "MSG#")] == ["M2", "M3", "M4"]
    assert box.unread_count("u1") == 3  # the markers of the deleted ones went with them


def test_delete_read_deletes_only_read_messages(tmp_path):
    box = Mailbox(SqliteRecordStore(tmp_path / "app.db"), Sent())
    read = kept(box, "u1", "Lu", 1_800_000_000)
    kept(box, "u1", "Non lu", 1_800_000_001)
    box.mark("u1", read, read=True)
    assert box.delete_read("u1") == 1 and box.delete_read("u1") == 0
    assert [i["subject"] for i in box.records.query("USER#u1", "MSG#")] == ["Non lu"]
