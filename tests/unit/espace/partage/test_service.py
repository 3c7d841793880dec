from espace.adapters.sqlite_records import SqliteRecordStore
from espace.partage import service
from espace.partage.service import SharedOffer, Sharing, offer_mail

OFFER = SharedOffer("123ABCD", "Boulanger (H/F)", "17 - La Rochelle", "CDI")


class Sent:
    def __init__(self):
        self.messages = []

    def send(self, message):
        self.messages.append(message)
        return "id"


def sharing(tmp_path, at=1_800_000_000):
    return Sharing(SqliteRecordStore(tmp_path / "app.db"), Sent(), "https://site.example/", clock=lambda: at)


def test_the_mail_to_someone_else_names_the_sender_and_keeps_the_note_as_text():
    mail = offer_mail(OFFER, "ami@example.fr", "https://site.example/offres/123ABCD", sender="marie@example.fr",
                      note="<a href='x'>clic</a>")
    assert mail.html is None and "marie@example.fr" in mail.subject
    for part in ("Boulanger (H/F)", "17 - La Rochelle", "CDI", "https://site.example/offres/123ABCD",
                 "<a href='x'>clic</a>", "marie@example.fr vous envoie"):
        assert part in mail.text


def test_the_account_limit_counts_every_recipient(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "PER_ACCOUNT", 3)
    share = sharing(tmp_path)
    sent = [share.send(OFFER, f"ami{n}@example.fr", "192.0.2.1", user_id="u1", sender="m@example.fr")
            for n in range(5)]
    assert sent == [True, True, True, False, False] and len(share.mailer.messages) == 3
    assert share.records.get("USER#u1", f"SHARE-COUNT#{1_800_000_000 // 86400}")["count"] == 5


def test_the_ip_limit_counts_visitors_without_an_account(tmp_path, monkeypatch):
    monkeypatch.setattr(service, "PER_IP", 2)
    share = sharing(tmp_path)
    sent = [share.send(OFFER, f"x{n}@example.fr", "192.0.2.9", user_id=None, sender=None) for n in range(3)]
    assert sent == [True, True, False]
    assert share.send(OFFER, "y@example.fr", "192.0.2.10", user_id=None, sender=None)  # another network


def test_limits_start_again_the_next_day(tmp_path):
    share = sharing(tmp_path)
    for _ in range(service.PER_RECIPIENT):
        assert share.send(OFFER, "a@example.fr", "192.0.2.1", user_id=None, sender=None)
    assert not share.send(OFFER, "a@example.fr", "192.0.2.1", user_id=None, sender=None)
    share.clock = lambda: 1_800_000_000 + 86400
    assert share.send(OFFER, "a@example.fr", "192.0.2.1", user_id=None, sender=None)
